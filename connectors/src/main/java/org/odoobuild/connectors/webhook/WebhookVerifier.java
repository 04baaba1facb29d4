package org.odoobuild.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.odoobuild.connectors.webhook.WebhookRejectedException.Reason;

/**
 * Verifies a webhook delivery before anything is accepted: size, HMAC-SHA256 signature over
 * {@code timestamp + "." + body} (hex or base64, compared in constant time, several secrets
 * for rotation), timestamp within the tolerance window, a JSON object body, and no replay of
 * the same nonce inside the window.
 * <pre>{@code
 * WebhookVerifier v = WebhookVerifier.builder().secret(System.getenv("WEBHOOK_SECRET")).build();
 * JsonNode event = v.verify(headers, body);
 * }</pre>
 */
public final class WebhookVerifier {
  private final List<byte[]> secrets;
  private final String signatureHeader;
  private final String timestampHeader;
  private final String nonceHeader;
  private final Duration tolerance;
  private final int maxBodyBytes;
  private final Clock clock;
  private final Map<String, Instant> nonces;
  private final int maxNonces;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookVerifier(Builder b) {
    if (b.secrets.isEmpty()) {
      throw new IllegalStateException("at least one secret is required");
    }
    this.secrets = List.copyOf(b.secrets);
    this.signatureHeader = b.signatureHeader;
    this.timestampHeader = b.timestampHeader;
    this.nonceHeader = b.nonceHeader;
    this.tolerance = b.tolerance;
    this.maxBodyBytes = b.maxBodyBytes;
    this.clock = b.clock;
    this.maxNonces = b.maxNonces;
    this.nonces = new LinkedHashMap<>(16, 0.75f, false);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks a delivery and returns its JSON body.
   *
   * @param headers request headers (names compared case-insensitively)
   * @param body the raw body bytes
   * @throws WebhookRejectedException naming the failed check
   */
  public JsonNode verify(Map<String, String> headers, byte[] body) {
    if (body.length > maxBodyBytes) {
      throw new WebhookRejectedException(Reason.TOO_LARGE, "body of " + body.length + " bytes exceeds " + maxBodyBytes);
    }
    String signature = header(headers, signatureHeader).orElseThrow(
        () -> new WebhookRejectedException(Reason.BAD_SIGNATURE, "missing " + signatureHeader + " header"));
    String ts = header(headers, timestampHeader).orElseThrow(
        () -> new WebhookRejectedException(Reason.STALE_TIMESTAMP, "missing " + timestampHeader + " header"));
    long seconds;
    try {
      seconds = Long.parseLong(ts.trim());
    } catch (NumberFormatException e) {
      throw new WebhookRejectedException(Reason.STALE_TIMESTAMP, "timestamp is not epoch seconds");
    }
    if (!signatureMatches(ts.trim(), body, signature.trim())) {
      throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "signature does not match the body");
    }
    Instant sent = Instant.ofEpochSecond(seconds);
    Instant now = clock.instant();
    if (sent.isBefore(now.minus(tolerance)) || sent.isAfter(now.plus(tolerance))) {
      throw new WebhookRejectedException(Reason.STALE_TIMESTAMP,
          "timestamp " + sent + " is outside ±" + tolerance.toSeconds() + " s of now");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new WebhookRejectedException(Reason.MALFORMED, "body is not JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new WebhookRejectedException(Reason.MALFORMED, "body must be a JSON object");
    }
    String nonce = header(headers, nonceHeader).orElseGet(() -> node.path("id").asText(""));
    if (nonce.isEmpty()) {
      throw new WebhookRejectedException(Reason.MALFORMED, "no " + nonceHeader + " header and no \"id\" in the body");
    }
    rememberNonce(nonce, now);
    return node;
  }

  private synchronized void rememberNonce(String nonce, Instant now) {
    nonces.values().removeIf(t -> t.isBefore(now.minus(tolerance.multipliedBy(2))));
    if (nonces.containsKey(nonce)) {
      throw new WebhookRejectedException(Reason.REPLAYED, "delivery " + abbreviate(nonce) + " was already received");
    }
    if (nonces.size() >= maxNonces) {
      nonces.remove(nonces.keySet().iterator().next());
    }
    nonces.put(nonce, now);
  }

  private boolean signatureMatches(String ts, byte[] body, String given) {
    String value = given.startsWith("sha256=") ? given.substring(7) : given;
    for (byte[] secret : secrets) {
      byte[] expected = hmac(secret, ts, body);
      byte[] provided = decode(value);
      if (provided != null && MessageDigest.isEqual(expected, provided)) {
        return true;
      }
    }
    return false;
  }

  /** Signs a body the way {@link #verify} expects (for senders and tests): hex HMAC-SHA256. */
  public static String sign(String secret, long epochSeconds, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
        Long.toString(epochSeconds), body));
  }

  private static byte[] hmac(byte[] secret, String ts, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(ts.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private static byte[] decode(String v) {
    if (v.matches("[0-9a-fA-F]{64}")) {
      return HexFormat.of().parseHex(v);
    }
    try {
      return Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Optional<String> header(Map<String, String> headers, String name) {
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

  @Override
  public String toString() {
    return "WebhookVerifier{secrets=" + secrets.size() + " (hidden), tolerance=" + tolerance + ", maxBodyBytes="
        + maxBodyBytes + "}";
  }

  /** Configures a {@link WebhookVerifier}. */
  public static final class Builder {
    private final List<byte[]> secrets = new ArrayList<>();
    private String signatureHeader = "X-Signature";
    private String timestampHeader = "X-Timestamp";
    private String nonceHeader = "X-Delivery-Id";
    private Duration tolerance = Duration.ofMinutes(5);
    private int maxBodyBytes = 1024 * 1024;
    private Clock clock = Clock.systemUTC();
    private int maxNonces = 100_000;

    private Builder() {}

    /** A shared secret; call again to accept a second one during rotation. */
    public Builder secret(String secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < 16) {
        throw new IllegalArgumentException("a webhook secret needs at least 16 characters");
      }
      secrets.add(secret.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** Header names (defaults {@code X-Signature}, {@code X-Timestamp}, {@code X-Delivery-Id}). */
    public Builder headers(String signature, String timestamp, String nonce) {
      this.signatureHeader = Objects.requireNonNull(signature);
      this.timestampHeader = Objects.requireNonNull(timestamp);
      this.nonceHeader = Objects.requireNonNull(nonce);
      return this;
    }

    /** Accepted clock difference (default 5 min); also how long nonces are remembered (twice that). */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = Objects.requireNonNull(tolerance);
      return this;
    }

    /** The largest body accepted (default 1 MiB). */
    public Builder maxBodyBytes(int max) {
      this.maxBodyBytes = max;
      return this;
    }

    /** The clock (for tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How many nonces are remembered at most (default 100,000). */
    public Builder maxNonces(int max) {
      this.maxNonces = max;
      return this;
    }

    /** Builds the verifier. */
    public WebhookVerifier build() {
      return new WebhookVerifier(this);
    }
  }
}
