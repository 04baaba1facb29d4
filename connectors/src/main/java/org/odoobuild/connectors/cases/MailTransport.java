package org.odoobuild.connectors.cases;

/**
 * The hook {@link MailCaseNotifier} sends mail through: adapt your SMTP client (jakarta.mail,
 * Spring's {@code JavaMailSender}, a mail API) in a few lines. The SDK brings no mail library.
 * Throw when the mail was not accepted; the notice is sent again on the desk's next delivery
 * round. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MailTransport {

  /**
   * Hands one mail to the mail system.
   *
   * @param message the mail
   * @throws Exception when it was not accepted
   */
  void send(MailMessage message) throws Exception;
}
