package org.odoobuild.connectors.cases;

/**
 * The port cases notify people through (an Odoo activity, a webhook, mail). Delivery is at least
 * once: a notice whose {@link #send} throws is sent again by the next
 * {@link CaseDesk#deliverNotices(int)}, so a notifier should tolerate repeats (each notice has a
 * stable id).
 */
@FunctionalInterface
public interface CaseNotifier {

  /**
   * Sends one notice.
   *
   * @param notice what to tell whom
   * @throws Exception when it could not be sent (it will be tried again)
   */
  void send(CaseNotice notice) throws Exception;
}
