package org.odoobuild.connectors.protect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fixed set of AES keys held in memory, one of them current (e.g. loaded from a secrets
 * manager at start). Rotate by building a ring with the new key as current and the old keys
 * still in it; drop an old key only when nothing it wrote is left (see
 * {@link ProtectedSyncStore#rewrap(int)}). Immutable and thread-safe; {@link #toString()} names
 * the key ids only.
 * <pre>{@code
 * KeyRing keys = KeyRing.builder().key("2024-01", oldKeyBytes).key("2024-07", newKeyBytes)
 *     .current("2024-07").build();
 * }</pre>
 */
public final class KeyRing implements KeyProvider {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private final Map<String, SecretKey> keys;
  private final String current;

  private KeyRing(Builder b) {
    this.keys = Map.copyOf(b.keys);
    this.current = b.current;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String currentKeyId() {
    return current;
  }

  @Override
  public Optional<SecretKey> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public String toString() {
    return "KeyRing{current=" + current + ", keys=" + new java.util.TreeSet<>(keys.keySet()) + "}";
  }

  /** Builds a {@link KeyRing}; not thread-safe. */
  public static final class Builder {
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private String current = "";

    private Builder() {}

    /**
     * Adds a key; the first one added is current unless {@link #current} says otherwise.
     *
     * @param id the key id stored with each ciphertext
     * @param aesKey 16, 24 or 32 bytes (copied)
     * @return this builder
     */
    public Builder key(String id, byte[] aesKey) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(aesKey, "aesKey");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("a key id is 1 to 64 letters, digits, '.', '-' or '_'");
      }
      if (aesKey.length != 16 && aesKey.length != 24 && aesKey.length != 32) {
        throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, not " + aesKey.length);
      }
      keys.put(id, new SecretKeySpec(aesKey.clone(), "AES"));
      if (current.isEmpty()) {
        current = id;
      }
      return this;
    }

    /**
     * Which key encrypts new values.
     *
     * @param id a key added with {@link #key}
     * @return this builder
     */
    public Builder current(String id) {
      this.current = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Builds the ring; at least one key, and the current key among them. */
    public KeyRing build() {
      if (!keys.containsKey(current)) {
        throw new IllegalArgumentException("the current key '" + current + "' is not in the ring");
      }
      return new KeyRing(this);
    }
  }
}
