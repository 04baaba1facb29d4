package org.odoobuild.connectors.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Sink} did with one record.
 *
 * @param outcome applied, skipped, failed, or unknown (the target may or may not have applied it)
 * @param targetRef the target's reference for the record (e.g. {@code res.partner,42}), when applied
 * @param detail why it was skipped, or the error message
 * @param error the failure, when failed
 */
public record SinkResult(Outcome outcome, String targetRef, String detail, Optional<Throwable> error) {

  /** The outcomes. */
  public enum Outcome {
    /** The target now reflects the record. */
    APPLIED,
    /** Nothing to do (already there, or filtered on purpose). */
    SKIPPED,
    /** The record could not be applied; {@link #error()} says why. */
    FAILED,
    /**
     * The record was sent but no answer says whether the target applied it (the connection
     * broke after sending, a gateway answered 502/503/504 after forwarding, a timeout). The
     * engine never sends it again blindly: the flow's {@link Verifier} decides, or the record
     * is dead-lettered as {@code unknown_outcome} (a sink that is {@link Sink#idempotent()} gets
     * it again instead).
     */
    UNKNOWN
  }

  /** Validates the parts. */
  public SinkResult {
    Objects.requireNonNull(outcome, "outcome");
    targetRef = targetRef == null ? "" : targetRef;
    detail = detail == null ? "" : detail;
    error = error == null ? Optional.empty() : error;
  }

  /** Applied, with the target reference. */
  public static SinkResult applied(String targetRef) {
    return new SinkResult(Outcome.APPLIED, targetRef, "", Optional.empty());
  }

  /** Skipped, with the reason. */
  public static SinkResult skipped(String reason) {
    return new SinkResult(Outcome.SKIPPED, "", reason, Optional.empty());
  }

  /** Failed with an error. */
  public static SinkResult failed(Throwable error) {
    return new SinkResult(Outcome.FAILED, "", String.valueOf(error.getMessage()), Optional.of(error));
  }

  /**
   * Sent, but whether the target applied it is unknown (see {@link Outcome#UNKNOWN}).
   *
   * @param error the failure that left the outcome open
   * @return the result
   */
  public static SinkResult unknown(Throwable error) {
    return new SinkResult(Outcome.UNKNOWN, "", String.valueOf(error.getMessage()), Optional.of(error));
  }

  /** Failed with a message (a refusal the target explained, e.g. an import row error). */
  public static SinkResult failed(String message) {
    return new SinkResult(Outcome.FAILED, "", message, Optional.empty());
  }
}
