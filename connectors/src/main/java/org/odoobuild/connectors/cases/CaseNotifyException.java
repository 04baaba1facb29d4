package org.odoobuild.connectors.cases;

/**
 * A notifier could not deliver a case notice (the receiver refused it or could not be reached).
 * The desk keeps the notice and sends it again on its next {@link CaseDesk#deliverNotices(int)}.
 * The message names the notice and the receiver's answer, never a secret.
 */
public class CaseNotifyException extends CaseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the failure underneath, if any
   */
  public CaseNotifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
