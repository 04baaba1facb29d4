package org.odoobuild.connectors.protect;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts text values with AES-GCM (random 96-bit nonce, 128-bit tag) into
 * {@code enc1:<key id>:<base64 nonce+ciphertext>}; the key id is bound to the ciphertext as
 * associated data, so a value cannot be passed off under another key. Text without the prefix
 * is read as it is, so a store that switches encryption on keeps reading what it wrote before.
 * Thread-safe.
 */
public final class FieldCipher {
  /** Prefix of every ciphertext this class writes. */
  public static final String PREFIX = "enc1:";
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final KeyProvider keys;

  /**
   * A cipher over a key provider.
   *
   * @param keys where keys come from
   */
  public FieldCipher(KeyProvider keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** The key provider. */
  public KeyProvider keys() {
    return keys;
  }

  /**
   * Encrypts with the current key; the empty string stays empty (nothing to hide, and absent
   * values stay recognisable).
   *
   * @param plain the text
   * @return the ciphertext
   */
  public String encrypt(String plain) {
    Objects.requireNonNull(plain, "plain");
    if (plain.isEmpty()) {
      return plain;
    }
    String id = keys.currentKeyId();
    SecretKey key = keys.key(id).orElseThrow(() -> new ProtectionException("no key '" + id + "' in the key provider", null));
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE + ct.length];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      System.arraycopy(ct, 0, out, NONCE, ct.length);
      return PREFIX + id + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new ProtectionException("cannot encrypt with key '" + id + "'", e);
    }
  }

  /**
   * Decrypts a value this class wrote; any other text comes back unchanged.
   *
   * @param stored the stored text
   * @return the plaintext
   * @throws ProtectionException when the key is unknown or the ciphertext was altered
   */
  public String decrypt(String stored) {
    Objects.requireNonNull(stored, "stored");
    Optional<String> id = keyId(stored);
    if (id.isEmpty()) {
      return stored;
    }
    SecretKey key = keys.key(id.get())
        .orElseThrow(() -> new ProtectionException("no key '" + id.get() + "' in the key provider", null));
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length() + id.get().length() + 1));
      if (all.length < NONCE + TAG_BITS / 8) {
        throw new ProtectionException("a ciphertext under key '" + id.get() + "' is truncated", null);
      }
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
      c.updateAAD(id.get().getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ProtectionException("a ciphertext under key '" + id.get() + "' cannot be decrypted (altered or wrong key)",
          e);
    }
  }

  /**
   * The id of the key a stored value was encrypted with.
   *
   * @param stored the stored text
   * @return the key id; empty for text that is not a ciphertext of this class
   */
  public static Optional<String> keyId(String stored) {
    if (!stored.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int colon = stored.indexOf(':', PREFIX.length());
    return colon < 0 ? Optional.empty() : Optional.of(stored.substring(PREFIX.length(), colon));
  }

  /**
   * Whether a stored value needs re-encrypting under the current key.
   *
   * @param stored the stored text
   * @return true for plaintext and for ciphertexts under an older key
   */
  public boolean stale(String stored) {
    return !stored.isEmpty() && !keyId(stored).equals(Optional.of(keys.currentKeyId()));
  }

  @Override
  public String toString() {
    return "FieldCipher{AES-GCM, " + keys + "}";
  }
}
