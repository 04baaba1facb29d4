package org.odoobuild.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.odoobuild.console.ConsoleUser;

/**
 * Signed-in browsers: a random session id in an HttpOnly, SameSite=Strict cookie, ended after
 * an idle timeout or at sign-out; and the CSRF token every action must carry (per session; for
 * requests signed in by header, derived from the user with a key that lives only in memory).
 * Thread-safe.
 */
public final class Sessions {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_SESSIONS = 10_000;

  /** One signed-in browser. */
  public static final class Session {
    final String id;
    final ConsoleUser user;
    final String csrf;
    volatile Instant lastSeen;
    volatile String flash = "";

    Session(String id, ConsoleUser user, String csrf, Instant now) {
      this.id = id;
      this.user = user;
      this.csrf = csrf;
      this.lastSeen = now;
    }

    /** The message for the next page, once. */
    String takeFlash() {
      String f = flash;
      flash = "";
      return f;
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration timeout;
  private final Clock clock;
  private final byte[] key = randomBytes(32);

  Sessions(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static String randomToken() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
  }

  Session create(ConsoleUser user) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> expired(s, now));
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.values().stream().min((a, b) -> a.lastSeen.compareTo(b.lastSeen)).ifPresent(s -> sessions.remove(s.id));
      }
    }
    Session s = new Session(randomToken(), user, randomToken(), now);
    sessions.put(s.id, s);
    return s;
  }

  Optional<Session> find(String id) {
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    s.lastSeen = now;
    return Optional.of(s);
  }

  void end(String id) {
    sessions.remove(id);
  }

  private boolean expired(Session s, Instant now) {
    return s.lastSeen.plus(timeout).isBefore(now);
  }

  /** The CSRF token of a user signed in by a header (no session): stable, unguessable without the key. */
  String headerCsrf(ConsoleUser user) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] sig = mac.doFinal(("header\u0000" + user.name() + "\u0000" + user.role()).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Constant-time comparison of a submitted token with the expected one. */
  static boolean sameToken(String expected, String submitted) {
    return submitted != null && !submitted.isEmpty() && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
  }
}
