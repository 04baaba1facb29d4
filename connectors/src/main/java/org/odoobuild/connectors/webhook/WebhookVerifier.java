package org.odoobuild.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.odoobuild.connectors.internal.Json;
import org.odoobuild.connectors.webhook.WebhookRejectedException.Reason;

/**
 * Checks a webhook delivery before anything is accepted, in this order:
 * <ol>
 *   <li>body size at most {@code maxBodyBytes} (default 1 MiB) — else {@link Reason#TOO_LARGE};</li>
 *   <li>signature header (default {@code X-Signature}) present, and timestamp header (default
 *   {@code X-Timestamp}, epoch seconds) present and numeric;</li>
 *   <li>HMAC-SHA256 over {@code timestamp + "." + body} (with {@link Builder#signedDeliveryId}:
 *   {@code timestamp + "." + deliveryId + "." + body}) with one of the shared secrets (several
 *   during a rotation), given as hex or base64, optionally prefixed {@code sha256=}, several
 *   signatures separated by commas or spaces allowed; compared in constant time —
 *   else {@link Reason#BAD_SIGNATURE};</li>
 *   <li>timestamp within ± tolerance (default 5 min) of the clock — else
 *   {@link Reason#STALE_TIMESTAMP} / {@link Reason#FUTURE_TIMESTAMP};</li>
 *   <li>body is a JSON object (UTF-8) — else {@link Reason#MALFORMED};</li>
 *   <li>an event id, taken only from what the signature covers: the body field
 *   {@code eventIdField} (default {@code id}); else the delivery id header (default
 *   {@code X-Delivery-Id}) when the signature covers it; else a digest of the body;</li>
 *   <li>the delivery not received before — else {@link Reason#REPLAYED}. A delivery is
 *   recognised by a digest of everything the signature covers (timestamp, body, and a signed
 *   delivery id), never by an unsigned header: a captured delivery sent again with a new
 *   delivery id is still refused, always with the same answer. Digests are kept in a
 *   {@link ReplayGuard}: by default in memory, bounded in size and kept for twice the tolerance
 *   (older deliveries fail the timestamp check); {@link ReplayGuard#store} shares them through a
 *   {@code SyncStore}.</li>
 * </ol>
 * A sender that delivers the same event again signs it anew (new timestamp): that delivery is
 * accepted and its event id tells the intake it is a duplicate.
 * Signature checks run before anything else is revealed; no message contains a secret or the
 * expected signature.
 * <pre>{@code
 * WebhookVerifier v = WebhookVerifier.builder()
 *     .secret(System.getenv("WEBHOOK_SECRET"))
 *     .secret(System.getenv("WEBHOOK_SECRET_PREVIOUS"))   // during rotation
 *     .build();
 * VerifiedWebhook event = v.verify(headers, body);
 * }</pre>
 * Thread-safe.
 */
public final class WebhookVerifier {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SPLIT = Pattern.compile("[,\\s]+");
  private static final int SIGNATURE_BYTES = 32;

  /** Default signature header. */
  public static final String DEFAULT_SIGNATURE_HEADER = "X-Signature";
  /** Default timestamp header. */
  public static final String DEFAULT_TIMESTAMP_HEADER = "X-Timestamp";
  /** Default delivery id (nonce) header. */
  public static final String DEFAULT_DELIVERY_ID_HEADER = "X-Delivery-Id";

  private final List<SecretKeySpec> keys;
  private final String signatureHeader;
  private final String timestampHeader;
  private final String deliveryIdHeader;
  private final String eventIdField;
  private final Duration tolerance;
  private final int maxBodyBytes;
  private final Clock clock;
  private final ReplayGuard replayGuard;
  private final boolean signedDeliveryId;

  private WebhookVerifier(Builder b) {
    if (b.secrets.isEmpty()) {
      throw new IllegalStateException("at least one webhook secret is required");
    }
    List<SecretKeySpec> k = new ArrayList<>();
    for (byte[] s : b.secrets) {
      k.add(new SecretKeySpec(s, "HmacSHA256"));
    }
    this.keys = List.copyOf(k);
    this.signatureHeader = b.signatureHeader;
    this.timestampHeader = b.timestampHeader;
    this.deliveryIdHeader = b.deliveryIdHeader;
    this.eventIdField = b.eventIdField;
    this.tolerance = b.tolerance;
    this.maxBodyBytes = b.maxBodyBytes;
    this.clock = b.clock;
    this.signedDeliveryId = b.signedDeliveryId;
    this.replayGuard = b.replayGuard != null ? b.replayGuard
        : ReplayGuard.inMemory(b.maxNonces, tolerance.multipliedBy(2), b.clock);
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every check and records the delivery's nonce.
   *
   * @param headers request headers (names compared case-insensitively)
   * @param body the raw body
   * @return the verified delivery
   * @throws WebhookRejectedException naming the failed check
   */
  public VerifiedWebhook verify(Map<String, String> headers, byte[] body) {
    VerifiedWebhook w = check(headers, body);
    if (!recordDelivery(w)) {
      throw replayed();
    }
    return w;
  }

  /**
   * Runs every check, including that the nonce was not recorded yet, but does not record it:
   * call {@link #recordDelivery} once the delivery is safely stored, so a delivery that could
   * not be stored can be retried with the same nonce.
   *
   * @param headers request headers (names compared case-insensitively)
   * @param body the raw body
   * @return the verified delivery
   * @throws WebhookRejectedException naming the failed check
   */
  public VerifiedWebhook check(Map<String, String> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (body.length > maxBodyBytes) {
      throw new WebhookRejectedException(Reason.TOO_LARGE,
          "body of " + body.length + " bytes exceeds the limit of " + maxBodyBytes);
    }
    String signature = header(headers, signatureHeader).orElseThrow(
        () -> new WebhookRejectedException(Reason.MISSING_SIGNATURE, "missing " + signatureHeader + " header"));
    String ts = header(headers, timestampHeader).map(String::trim).orElseThrow(
        () -> new WebhookRejectedException(Reason.MISSING_TIMESTAMP, "missing " + timestampHeader + " header"));
    long seconds;
    try {
      if (ts.length() > 12) {
        throw new NumberFormatException();
      }
      seconds = Long.parseLong(ts);
    } catch (NumberFormatException e) {
      throw new WebhookRejectedException(Reason.INVALID_TIMESTAMP,
          timestampHeader + " must be epoch seconds");
    }
    Optional<String> deliveryId = header(headers, deliveryIdHeader).map(String::trim).filter(x -> !x.isEmpty());
    if (deliveryId.isPresent() && deliveryId.get().length() > 256) {
      throw new WebhookRejectedException(Reason.MALFORMED, deliveryIdHeader + " longer than 256 characters");
    }
    if (signedDeliveryId && deliveryId.isEmpty()) {
      throw new WebhookRejectedException(Reason.MISSING_EVENT_ID, "missing " + deliveryIdHeader + " header");
    }
    String signed = signedDeliveryId ? ts + "." + deliveryId.get() : ts;
    if (!signatureMatches(signed, body, signature)) {
      throw new WebhookRejectedException(Reason.BAD_SIGNATURE,
          "the " + signatureHeader + " signature does not match the timestamp and body");
    }
    Instant sent = Instant.ofEpochSecond(seconds);
    Instant now = clock.instant();
    if (sent.isBefore(now.minus(tolerance))) {
      throw new WebhookRejectedException(Reason.STALE_TIMESTAMP,
          "timestamp " + sent + " is more than " + tolerance.toSeconds() + " s old");
    }
    if (sent.isAfter(now.plus(tolerance))) {
      throw new WebhookRejectedException(Reason.FUTURE_TIMESTAMP,
          "timestamp " + sent + " is more than " + tolerance.toSeconds() + " s ahead");
    }
    String text = utf8(body);
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      throw new WebhookRejectedException(Reason.MALFORMED, "body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new WebhookRejectedException(Reason.MALFORMED, "body must be a JSON object");
    }
    JsonNode idNode = node.get(eventIdField);
    Optional<String> bodyId = idNode != null && (idNode.isTextual() || idNode.isIntegralNumber())
        ? Optional.of(idNode.asText().trim()).filter(x -> !x.isEmpty()) : Optional.empty();
    // identity only from signed content: an unsigned header could be changed by whoever replays
    String eventId = bodyId.or(() -> signedDeliveryId ? deliveryId : Optional.empty())
        .orElseGet(() -> "sha256:" + HexFormat.of().formatHex(digest(body)).substring(0, 32));
    if (eventId.length() > 256) {
      throw new WebhookRejectedException(Reason.MALFORMED, "event id longer than 256 characters");
    }
    String replayKey = "sha256:" + HexFormat.of().formatHex(digest((signed + ".").getBytes(StandardCharsets.US_ASCII),
        body));
    if (replayGuard.seen(replayKey)) {
      throw replayed();
    }
    Map<String, String> flat = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (k != null && v != null) {
        flat.putIfAbsent(k, v);
      }
    });
    return new VerifiedWebhook(eventId, deliveryId.orElse(""), sent, text, node, flat, replayKey);
  }

  /** Whether a checked delivery was recorded since {@link #check} (a concurrent replay). */
  boolean received(VerifiedWebhook webhook) {
    return replayGuard.seen(webhook.replayKey());
  }

  /**
   * Records a checked delivery's nonce (see {@link #check}).
   *
   * @param webhook a delivery returned by {@link #check}
   * @return false when the nonce was recorded meanwhile (a concurrent replay)
   */
  public boolean recordDelivery(VerifiedWebhook webhook) {
    return replayGuard.record(webhook.replayKey(), webhook.timestamp());
  }

  /**
   * The largest body accepted, in bytes.
   *
   * @return the limit
   */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The one answer to a replay, whatever was changed around the signed content. */
  static WebhookRejectedException replayed() {
    return new WebhookRejectedException(Reason.REPLAYED, "this signed delivery was received before");
  }

  private static byte[] digest(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private boolean signatureMatches(String ts, byte[] body, String header) {
    List<byte[]> provided = new ArrayList<>();
    for (String part : SPLIT.split(header.trim())) {
      String v = part.regionMatches(true, 0, "sha256=", 0, 7) ? part.substring(7) : part;
      byte[] b = decode(v);
      if (b != null) {
        provided.add(b);
      }
      if (provided.size() >= 8) {
        break;
      }
    }
    if (provided.isEmpty()) {
      return false;
    }
    boolean match = false;
    for (SecretKeySpec key : keys) { // no early exit: the time does not depend on which secret matched
      byte[] expected = hmac(key, ts, body);
      for (byte[] p : provided) {
        match |= MessageDigest.isEqual(expected, p);
      }
    }
    return match;
  }

  /**
   * Signs a body the way {@link #verify} expects: {@code sha256=} and the hex HMAC-SHA256 of
   * {@code epochSeconds + "." + body}. For senders and tests.
   *
   * @param secret the shared secret
   * @param epochSeconds the timestamp sent in the timestamp header
   * @param body the exact body bytes
   * @return the signature header value
   */
  public static String sign(String secret, long epochSeconds, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(rawSignature(secret, epochSeconds, body));
  }

  /**
   * Like {@link #sign} but base64-encoded, without prefix.
   *
   * @param secret the shared secret
   * @param epochSeconds the timestamp sent in the timestamp header
   * @param body the exact body bytes
   * @return the signature header value
   */
  public static String signBase64(String secret, long epochSeconds, byte[] body) {
    return Base64.getEncoder().encodeToString(rawSignature(secret, epochSeconds, body));
  }

  /**
   * Signs a body with its delivery id the way a verifier with {@link Builder#signedDeliveryId}
   * expects: {@code sha256=} and the hex HMAC-SHA256 of {@code epochSeconds + "." + deliveryId +
   * "." + body}.
   *
   * @param secret the shared secret
   * @param epochSeconds the timestamp sent in the timestamp header
   * @param deliveryId the delivery id sent in the delivery id header
   * @param body the exact body bytes
   * @return the signature header value
   */
  public static String sign(String secret, long epochSeconds, String deliveryId, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8),
        "HmacSHA256"), epochSeconds + "." + deliveryId, body));
  }

  private static byte[] rawSignature(String secret, long epochSeconds, byte[] body) {
    return hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Long.toString(epochSeconds),
        body);
  }

  private static byte[] hmac(SecretKeySpec key, String ts, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(ts.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private static byte[] decode(String v) {
    if (HEX_64.matcher(v).matches()) {
      return HexFormat.of().parseHex(v);
    }
    try {
      byte[] b = v.indexOf('-') >= 0 || v.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(v)
          : Base64.getDecoder().decode(v);
      return b.length == SIGNATURE_BYTES ? b : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new WebhookRejectedException(Reason.MALFORMED, "body is not UTF-8");
    }
  }

  static Optional<String> header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isBlank()) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return abbreviate(nl < 0 ? s : s.substring(0, nl));
  }

  @Override
  public String toString() {
    return "WebhookVerifier{secrets=" + keys.size() + " (hidden), signatureHeader=" + signatureHeader
        + ", timestampHeader=" + timestampHeader + ", deliveryIdHeader=" + deliveryIdHeader + ", tolerance="
        + tolerance + ", maxBodyBytes=" + maxBodyBytes + ", signedDeliveryId=" + signedDeliveryId + ", " + replayGuard
        + "}";
  }

  /** Configures a {@link WebhookVerifier}. */
  public static final class Builder {
    private final List<byte[]> secrets = new ArrayList<>();
    private String signatureHeader = DEFAULT_SIGNATURE_HEADER;
    private String timestampHeader = DEFAULT_TIMESTAMP_HEADER;
    private String deliveryIdHeader = DEFAULT_DELIVERY_ID_HEADER;
    private String eventIdField = "id";
    private Duration tolerance = Duration.ofMinutes(5);
    private int maxBodyBytes = 1024 * 1024;
    private Clock clock = Clock.systemUTC();
    private int maxNonces = 100_000;
    private ReplayGuard replayGuard;
    private boolean signedDeliveryId;

    private Builder() {}

    /**
     * Whether the signature covers the delivery id: HMAC over {@code timestamp + "." +
     * deliveryId + "." + body} (default false: {@code timestamp + "." + body}). Then every
     * delivery needs the delivery id header, and it may serve as event id for bodies without one.
     *
     * @param value true when senders sign the delivery id
     * @return this
     */
    public Builder signedDeliveryId(boolean value) {
      this.signedDeliveryId = value;
      return this;
    }

    /**
     * A shared secret (at least 16 characters); call again to accept another one during a
     * rotation.
     *
     * @param secret the secret
     * @return this
     */
    public Builder secret(String secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < 16) {
        throw new IllegalArgumentException("a webhook secret needs at least 16 characters");
      }
      secrets.add(secret.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /**
     * Several shared secrets (see {@link #secret}).
     *
     * @param all the secrets
     * @return this
     */
    public Builder secrets(List<String> all) {
      all.forEach(this::secret);
      return this;
    }

    /**
     * The signature header name (default {@value #DEFAULT_SIGNATURE_HEADER}).
     *
     * @param name the header
     * @return this
     */
    public Builder signatureHeader(String name) {
      this.signatureHeader = requireName(name);
      return this;
    }

    /**
     * The timestamp header name (default {@value #DEFAULT_TIMESTAMP_HEADER}).
     *
     * @param name the header
     * @return this
     */
    public Builder timestampHeader(String name) {
      this.timestampHeader = requireName(name);
      return this;
    }

    /**
     * The delivery id (nonce) header name (default {@value #DEFAULT_DELIVERY_ID_HEADER}).
     *
     * @param name the header
     * @return this
     */
    public Builder deliveryIdHeader(String name) {
      this.deliveryIdHeader = requireName(name);
      return this;
    }

    /**
     * The body field holding the event id (default {@code id}).
     *
     * @param field a top-level field name
     * @return this
     */
    public Builder eventIdField(String field) {
      this.eventIdField = requireName(field);
      return this;
    }

    /**
     * Accepted clock difference either way (default 5 min).
     *
     * @param value a positive duration
     * @return this
     */
    public Builder tolerance(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("tolerance must be positive");
      }
      this.tolerance = value;
      return this;
    }

    /**
     * The largest body accepted (default 1 MiB).
     *
     * @param bytes a positive size
     * @return this
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * The clock for the timestamp window (default UTC system clock).
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The most nonces the default in-memory replay guard holds (default 100,000).
     *
     * @param value a positive count
     * @return this
     */
    public Builder maxNonces(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxNonces must be positive");
      }
      this.maxNonces = value;
      return this;
    }

    /**
     * Where nonces are remembered (default: in memory, bounded, twice the tolerance).
     *
     * @param guard e.g. {@link ReplayGuard#store}
     * @return this
     */
    public Builder replayGuard(ReplayGuard guard) {
      this.replayGuard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * The verifier.
     *
     * @return the verifier
     * @throws IllegalStateException when no secret was given
     */
    public WebhookVerifier build() {
      return new WebhookVerifier(this);
    }

    private static String requireName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      return name;
    }
  }
}
