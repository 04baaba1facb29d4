package org.odoobuild.connectors.protect;

import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Where encryption keys come from (a KMS, a vault, a key file): the SPI behind
 * {@link FieldCipher}. Every ciphertext carries the id of the key that wrote it, so a provider
 * that offers a new current key while still answering for the old ones rotates keys without
 * downtime. Implementations must be thread-safe; {@link KeyRing} is the in-process one.
 */
public interface KeyProvider {

  /**
   * The id of the key new values are encrypted with.
   *
   * @return the current key id (letters, digits, {@code -}, {@code _} and {@code .})
   */
  String currentKeyId();

  /**
   * A key by id, for decrypting what it wrote.
   *
   * @param keyId the id stored with a ciphertext
   * @return the 128-, 192- or 256-bit AES key; empty when the provider no longer has it
   */
  Optional<SecretKey> key(String keyId);
}
