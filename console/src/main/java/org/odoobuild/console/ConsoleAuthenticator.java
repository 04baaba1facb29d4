package org.odoobuild.console;

import com.sun.net.httpserver.Headers;
import java.util.Optional;

/**
 * The host application's own sign-in, for a console mounted in it: tells who a request belongs
 * to from its headers (e.g. the host's session cookie, or a header set by a trusted reverse
 * proxy). Asked before the console's own users and tokens; a request it recognises needs no
 * console login. Implementations must be thread-safe and must not throw for unknown requests
 * (return empty).
 * <pre>{@code
 * ConsoleAuthenticator host = headers -> hostSessions.user(headers.getFirst("Cookie"))
 *     .map(u -> new ConsoleUser(u.login(), u.isAdmin() ? Role.OPERATOR : Role.VIEWER));
 * }</pre>
 */
@FunctionalInterface
public interface ConsoleAuthenticator {

  /**
   * The user of a request.
   *
   * @param requestHeaders the request's headers (read-only)
   * @return the user, or empty when this authenticator does not know the request
   */
  Optional<ConsoleUser> authenticate(Headers requestHeaders);
}
