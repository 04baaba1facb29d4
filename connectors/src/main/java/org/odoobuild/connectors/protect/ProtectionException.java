package org.odoobuild.connectors.protect;

import org.odoobuild.connectors.ConnectorsException;

/**
 * A protected value cannot be read: its key is unknown to the {@link KeyProvider}, or the
 * ciphertext was altered (AES-GCM authentication failed). Messages name the key id, never key
 * material or plaintext.
 */
public class ProtectionException extends ConnectorsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the cryptographic failure, if any
   */
  public ProtectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
