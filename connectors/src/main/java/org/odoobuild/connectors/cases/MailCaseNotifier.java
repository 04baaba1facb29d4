package org.odoobuild.connectors.cases;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Case notices as mail to the case's owner, through a {@link MailTransport}. The owner's address
 * comes from {@link Builder#address(String, String)}, else {@code <owner>@<domain>} when a
 * {@link Builder#domain(String) domain} is set; a notice for an owner without an address fails
 * (and is tried again by the desk once the configuration has one). Each mail carries a
 * {@code Message-ID} and an {@code X-Idempotency-Key} that stay the same when the desk sends the
 * notice again, so mail systems and ticket importers drop repeats. Thread-safe when the
 * transport is.
 * <pre>{@code
 * CaseNotifier mail = MailCaseNotifier.builder(smtp).from("cases@example.com").domain("example.com").build();
 * }</pre>
 */
public final class MailCaseNotifier implements CaseNotifier {
  private final MailTransport transport;
  private final String from;
  private final Map<String, String> addresses;
  private final Optional<String> domain;

  private MailCaseNotifier(Builder b) {
    this.transport = b.transport;
    this.from = b.from;
    this.addresses = Map.copyOf(b.addresses);
    this.domain = b.domain;
  }

  /**
   * A builder over a transport.
   *
   * @param transport what sends the mail
   * @return the builder
   */
  public static Builder builder(MailTransport transport) {
    return new Builder(transport);
  }

  /**
   * The mail of a notice.
   *
   * @param notice the notice
   * @return the mail
   * @throws CaseNotifyException when the recipient has no address
   */
  public MailMessage message(CaseNotice notice) {
    String to = Optional.ofNullable(addresses.get(notice.recipient()))
        .or(() -> domain.map(d -> notice.recipient() + "@" + d))
        .orElseThrow(() -> new CaseNotifyException("case notice " + notice.id() + ": no mail address for "
            + notice.recipient(), null));
    NewCase f = notice.facts();
    String subject = "[case " + notice.caseId() + "] " + notice.event() + ": "
        + f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + (f.entityKey().isEmpty() ? "" : " " + f.entityKey());
    StringBuilder body = new StringBuilder(notice.text()).append("\n\n");
    notice.details().forEach((label, value) -> body.append(label).append(": ").append(value).append('\n'));
    String host = from.contains("@") ? from.substring(from.indexOf('@') + 1) : "localhost";
    return new MailMessage(from, List.of(to), subject, body.toString(), Map.of(
        "Message-ID", "<case-notice." + notice.caseId() + "." + notice.id() + "@" + host + ">",
        "X-Idempotency-Key", notice.idempotencyKey()));
  }

  @Override
  public void send(CaseNotice notice) throws Exception {
    transport.send(message(notice));
  }

  @Override
  public String toString() {
    return "MailCaseNotifier{from=" + from + "}";
  }

  /** Configures a {@link MailCaseNotifier}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final MailTransport transport;
    private String from = "";
    private final Map<String, String> addresses = new HashMap<>();
    private Optional<String> domain = Optional.empty();

    private Builder(MailTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The sender address (required). */
    public Builder from(String address) {
      this.from = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The address of an owner (a case owner name, e.g. {@code pm.p100}). */
    public Builder address(String owner, String address) {
      addresses.put(Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(address, "address"));
      return this;
    }

    /** The domain of owners without an address of their own ({@code <owner>@<domain>}). */
    public Builder domain(String d) {
      this.domain = Optional.of(Objects.requireNonNull(d, "domain"));
      return this;
    }

    /**
     * Builds the notifier.
     *
     * @return the notifier
     * @throws IllegalStateException when no sender was given
     */
    public MailCaseNotifier build() {
      if (from.isBlank()) {
        throw new IllegalStateException("a mail case notifier needs a sender address");
      }
      return new MailCaseNotifier(this);
    }
  }
}
