package org.odoobuild.connectors.spi;

import java.util.List;

/**
 * Checks a record before it is sent anywhere; a record with problems goes to the dead-letter
 * store with them and never reaches the target.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface RecordValidator<T> {

  /** The problems, each a human-readable sentence with its field path; empty when valid. */
  List<String> problems(T payload);

  /** A validator that accepts everything. */
  static <T> RecordValidator<T> none() {
    return p -> List.of();
  }
}
