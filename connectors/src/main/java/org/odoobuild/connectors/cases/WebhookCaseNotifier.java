package org.odoobuild.connectors.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.odoobuild.connectors.internal.Json;
import org.odoobuild.connectors.webhook.WebhookVerifier;

/**
 * Case notices as signed HTTP POSTs (JSON), e.g. to a chat bridge or a ticketing system. Each
 * notice is one POST: no retry here. A POST that fails (no connection, a timeout, an answer other
 * than 2xx) throws, and the {@link CaseDesk} sends the notice again on its next
 * {@link CaseDesk#deliverNotices(int)}, so delivery is at least once; the body's
 * {@code idempotency_key} (also the {@code X-Delivery-Id} header) is the same on every send of a
 * notice, so receivers drop repeats.
 *
 * <p>Signed like the SDK's own intake ({@link WebhookVerifier} accepts these requests):
 * {@code X-Timestamp} (epoch seconds) and {@code X-Signature: sha256=<hex of HMAC-SHA256(secret,
 * timestamp + "." + body)>}. Redirects are not followed. The secret never appears in a message or
 * {@code toString()}. Thread-safe.
 * <pre>{@code
 * CaseNotifier hook = WebhookCaseNotifier.builder(URI.create("https://chat.example.com/hooks/cases"))
 *     .secret(System.getenv("CASE_HOOK_SECRET")).build();
 * }</pre>
 */
public final class WebhookCaseNotifier implements CaseNotifier {
  private final URI url;
  private final String secret;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  private WebhookCaseNotifier(Builder b) {
    this.url = b.url;
    this.secret = b.secret;
    this.timeout = b.timeout;
    this.clock = b.clock;
    this.http = HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * A builder for a receiver.
   *
   * @param url where notices are POSTed
   * @return the builder
   */
  public static Builder builder(URI url) {
    return new Builder(url);
  }

  /**
   * The JSON body of a notice (what is signed and sent).
   *
   * @param notice the notice
   * @return the body
   */
  public static byte[] body(CaseNotice notice) {
    NewCase f = notice.facts();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("idempotency_key", notice.idempotencyKey());
    body.put("notice_id", notice.id());
    body.put("case_id", notice.caseId());
    body.put("event", notice.event());
    body.put("recipient", notice.recipient());
    body.put("text", notice.text());
    body.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
    body.put("flow", f.flow());
    body.put("entity_type", f.entityType());
    body.put("entity_key", f.entityKey());
    body.put("project", f.project());
    body.put("cost_code", f.costCode());
    body.put("amount", f.amount().map(java.math.BigDecimal::toPlainString).orElse(""));
    body.put("due_at", notice.dueAt().toString());
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void send(CaseNotice notice) {
    byte[] body = body(notice);
    long ts = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("X-Timestamp", String.valueOf(ts))
        .header("X-Signature", WebhookVerifier.sign(secret, ts, body))
        .header("X-Delivery-Id", notice.idempotencyKey())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new CaseNotifyException("case notice " + notice.id() + " to " + url + ": " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaseNotifyException("case notice " + notice.id() + " to " + url + ": interrupted", e);
    }
    if (status / 100 != 2) {
      throw new CaseNotifyException("case notice " + notice.id() + " to " + url + ": HTTP " + status, null);
    }
  }

  @Override
  public String toString() {
    return "WebhookCaseNotifier{" + url + ", secret=***}";
  }

  /** Configures a {@link WebhookCaseNotifier}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final URI url;
    private String secret = "";
    private Duration timeout = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();

    private Builder(URI url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    /** The shared HMAC secret (required). */
    public Builder secret(String s) {
      this.secret = Objects.requireNonNull(s, "secret");
      return this;
    }

    /** How long one POST may take, connecting included (default 10 s). */
    public Builder timeout(Duration t) {
      this.timeout = Objects.requireNonNull(t, "timeout");
      return this;
    }

    /** The clock of the {@code X-Timestamp} header. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Builds the notifier.
     *
     * @return the notifier
     * @throws IllegalStateException when no secret was given
     */
    public WebhookCaseNotifier build() {
      if (secret.isEmpty()) {
        throw new IllegalStateException("a webhook case notifier needs a secret");
      }
      return new WebhookCaseNotifier(this);
    }
  }
}
