package org.odoobuild.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.odoobuild.console.ConsoleUser;
import org.odoobuild.console.Role;

/**
 * The console's own users (password, kept as a salted PBKDF2 hash) and API tokens (kept as a
 * SHA-256 hash). Neither secret is kept in clear text or shown anywhere. Immutable once built.
 */
public final class Credentials {
  private static final int ITERATIONS = 20_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] DUMMY_SALT = new byte[16];

  private record Password(byte[] salt, byte[] hash, Role role) {}

  private final Map<String, Password> users = new HashMap<>();
  private final Map<String, ConsoleUser> tokens = new HashMap<>();

  /** Adds a user; the password must have at least 8 characters. */
  public void addUser(String name, String password, Role role) {
    new ConsoleUser(name, role); // validates the name
    if (password == null || password.length() < 8) {
      throw new IllegalArgumentException("a console password needs at least 8 characters (user " + name + ")");
    }
    if (users.containsKey(name)) {
      throw new IllegalArgumentException("user " + name + " is configured twice");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    users.put(name, new Password(salt, pbkdf2(password, salt), role));
  }

  /** Adds an API token (at least 20 characters) that signs in as {@code user}. */
  public void addToken(String token, ConsoleUser user) {
    if (token == null || token.length() < 20) {
      throw new IllegalArgumentException("a console token needs at least 20 characters (user " + user.name() + ")");
    }
    if (tokens.putIfAbsent(sha256(token), user) != null) {
      throw new IllegalArgumentException("a console token is configured twice");
    }
  }

  /** A copy (the builder keeps adding to its own). */
  public Credentials copy() {
    Credentials c = new Credentials();
    c.users.putAll(users);
    c.tokens.putAll(tokens);
    return c;
  }

  /** Whether any user or token is configured. */
  public boolean isEmpty() {
    return users.isEmpty() && tokens.isEmpty();
  }

  /** The user when the password is right. Costs the same for unknown users. */
  public Optional<ConsoleUser> password(String name, String password) {
    Password p = users.get(name);
    byte[] got = pbkdf2(password, p == null ? DUMMY_SALT : p.salt());
    if (p == null || !MessageDigest.isEqual(got, p.hash())) {
      return Optional.empty();
    }
    return Optional.of(new ConsoleUser(name, p.role()));
  }

  /** The user of an API token. */
  public Optional<ConsoleUser> token(String token) {
    return Optional.ofNullable(tokens.get(sha256(token)));
  }

  private static byte[] pbkdf2(String password, byte[] salt) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
