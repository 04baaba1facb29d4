package org.odoobuild.connectors.engine;

import java.util.Objects;
import java.util.Optional;
import org.odoobuild.connectors.spi.PayloadCodec;
import org.odoobuild.connectors.spi.RecordValidator;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.Verifier;

/**
 * One pipeline: source → validate → sink, with its batch size, lane and the codec that stores
 * its payloads durably. A flow without a source is fed only by pushes ({@link SyncEngine#accept}).
 * <pre>{@code
 * Flow<Vendor> vendors = Flow.builder("vendors", Vendor.class)
 *     .source(portal::changesSince).validator(v -> v.validate().messages()).sink(odooVendorSink)
 *     .batchSize(200).lane("financial").build();
 * }</pre>
 *
 * @param <T> the payload type
 */
public final class Flow<T> {
  private final String name;
  private final Optional<Source<T>> source;
  private final RecordValidator<T> validator;
  private final Sink<T> sink;
  private final PayloadCodec<T> codec;
  private final int batchSize;
  private final String lane;
  private final String endpoint;
  private final int maxDeliveries;
  private final Optional<Verifier<T>> verifier;
  private final boolean idempotent;

  private Flow(Builder<T> b) {
    this.name = b.name;
    this.source = Optional.ofNullable(b.source);
    this.validator = b.validator;
    this.sink = Objects.requireNonNull(b.sink, "a flow needs a sink");
    this.codec = b.codec;
    this.batchSize = b.batchSize;
    this.lane = b.lane;
    this.endpoint = b.endpoint;
    this.maxDeliveries = b.maxDeliveries;
    this.verifier = b.verifier != null ? Optional.of(b.verifier)
        : b.sink instanceof Verifier<?> v ? Optional.of(cast(v)) : Optional.empty();
    this.idempotent = b.idempotent != null ? b.idempotent : b.sink.idempotent();
  }

  @SuppressWarnings("unchecked")
  private static <T> Verifier<T> cast(Verifier<?> v) {
    return (Verifier<T>) v;
  }

  /** A builder for a flow of payloads of {@code type} (stored as JSON). */
  public static <T> Builder<T> builder(String name, Class<T> type) {
    return new Builder<>(name, PayloadCodec.json(type));
  }

  /** A builder with an explicit payload codec. */
  public static <T> Builder<T> builder(String name, PayloadCodec<T> codec) {
    return new Builder<>(name, codec);
  }

  /** The flow's name (also its cursor and outbox partition). */
  public String name() {
    return name;
  }

  /** The source pulled from, if any. */
  public Optional<Source<T>> source() {
    return source;
  }

  /** The validator. */
  public RecordValidator<T> validator() {
    return validator;
  }

  /** The sink. */
  public Sink<T> sink() {
    return sink;
  }

  /** The payload codec. */
  public PayloadCodec<T> codec() {
    return codec;
  }

  /** Records per pull and per sink call. */
  public int batchSize() {
    return batchSize;
  }

  /** The resilience lane (bulkhead) the sink calls run in. */
  public String lane() {
    return lane;
  }

  /** The endpoint name circuit breaking and rate limiting are keyed by. */
  public String endpoint() {
    return endpoint;
  }

  /** How many deliveries a pushed/replayed record gets before it is dead-lettered. */
  public int maxDeliveries() {
    return maxDeliveries;
  }

  /**
   * What decides whether a record whose outcome is unknown was applied: the one given to the
   * builder, else the sink when it implements {@link Verifier}.
   *
   * @return the verifier, if any
   */
  public Optional<Verifier<T>> verifier() {
    return verifier;
  }

  /**
   * Whether the sink may get a record again when its outcome is unknown and no verifier can
   * tell (see {@link Sink#idempotent()}).
   *
   * @return true for an idempotent sink
   */
  public boolean idempotent() {
    return idempotent;
  }

  /** Configures a {@link Flow}. */
  public static final class Builder<T> {
    private final String name;
    private PayloadCodec<T> codec;
    private Source<T> source;
    private RecordValidator<T> validator = RecordValidator.none();
    private Sink<T> sink;
    private int batchSize = 200;
    private String lane = "default";
    private String endpoint = "odoo";
    private int maxDeliveries = 5;
    private Verifier<T> verifier;
    private Boolean idempotent;

    private Builder(String name, PayloadCodec<T> codec) {
      if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException("flow names use letters, digits, '_', '.', '-' (1-64), got '" + name + "'");
      }
      this.name = name;
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The source to pull from. */
    public Builder<T> source(Source<T> source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The validator (default: accept all). */
    public Builder<T> validator(RecordValidator<T> validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
      return this;
    }

    /** The sink. */
    public Builder<T> sink(Sink<T> sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * What looks in the target for records whose outcome is unknown (default: the sink, when it
     * implements {@link Verifier}).
     *
     * @param verifier the verifier
     * @return this
     */
    public Builder<T> verifier(Verifier<T> verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Declares whether the sink is idempotent (default: {@link Sink#idempotent()} of the sink),
     * e.g. for a lambda sink that upserts by a stable key.
     *
     * @param value true when applying a record twice equals applying it once
     * @return this
     */
    public Builder<T> idempotent(boolean value) {
      this.idempotent = value;
      return this;
    }

    /** Records per pull and per sink call (default 200). */
    public Builder<T> batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException("batchSize must be 1..10000");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The resilience lane (default {@code default}). */
    public Builder<T> lane(String lane) {
      this.lane = Objects.requireNonNull(lane, "lane");
      return this;
    }

    /** The endpoint name for circuit breaking and rate limiting (default {@code odoo}). */
    public Builder<T> endpoint(String endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** Deliveries of a pushed/replayed record before dead-lettering (default 5). */
    public Builder<T> maxDeliveries(int maxDeliveries) {
      if (maxDeliveries < 1) {
        throw new IllegalArgumentException("maxDeliveries must be >= 1");
      }
      this.maxDeliveries = maxDeliveries;
      return this;
    }

    /** Builds the flow. */
    public Flow<T> build() {
      return new Flow<>(this);
    }
  }
}
