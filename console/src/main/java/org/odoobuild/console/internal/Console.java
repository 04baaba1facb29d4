package org.odoobuild.console.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.console.ConsolePage;
import org.odoobuild.console.ConsoleUser;
import org.odoobuild.console.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP handler: signs users in, checks the CSRF token of every action and the
 * role it needs, routes to the pages and writes every answer with headers that keep the browser
 * from running or embedding anything (the pages have no script at all).
 */
public final class Console implements HttpHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);
  private static final String SESSION_COOKIE = "console_session";
  private static final String LOGIN_COOKIE = "console_login";
  private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final Settings s;
  private final Sessions sessions;
  private final ExecutorService runs;
  private final FlowPages flows;
  private final DeadLetterPages deadLetters;
  private final WorkflowPages workflows;
  private final AuditPages audit;

  /** A handler over the settings. */
  public Console(Settings settings) {
    this.s = settings;
    this.sessions = new Sessions(settings.sessionTimeout(), settings.clock());
    this.runs = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "console-run-now");
      t.setDaemon(true);
      return t;
    });
    this.flows = new FlowPages(settings, runs, this::audit);
    this.deadLetters = new DeadLetterPages(settings);
    this.workflows = new WorkflowPages(settings, this::audit);
    this.audit = new AuditPages(settings);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String raw = ex.getRequestURI().getPath();
      String base = s.basePath();
      if (!raw.equals(base) && !raw.startsWith(base + "/")) {
        throw new HttpError(404, "Not found.");
      }
      String path = raw.substring(base.length());
      Request r = new Request(ex, path.isEmpty() ? "/" : path);
      try {
        serve(r);
      } catch (HttpError e) {
        drain(r);
        error(r, e.status, e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("console: {} {} failed", r.method, printable(r.path), e);
        drain(r);
        error(r, 500, "Something went wrong; the server log has the details.");
      }
    } catch (HttpError e) {
      send(ex, e.status, Html.document("Error", "<main><p>" + Html.esc(e.getMessage()) + "</p></main>"));
    } finally {
      ex.close();
    }
  }

  private void serve(Request r) throws IOException {
    boolean post = r.method.equals("POST");
    if (!post && !r.method.equals("GET")) {
      throw new HttpError(405, "Only GET and POST.");
    }
    if (r.path.equals("/favicon.ico")) {
      throw new HttpError(404, "No icon.");
    }
    if (r.path.equals("/login")) {
      if (post) {
        r.readForm();
        login(r);
      } else {
        loginPage(r, 200, "");
      }
      return;
    }
    if (!authenticate(r)) {
      if (post) {
        drain(r);
        throw new HttpError(401, "Sign in first.");
      }
      String next = r.exchange.getRequestURI().getRawPath()
          + Optional.ofNullable(r.exchange.getRequestURI().getRawQuery()).map(q -> "?" + q).orElse("");
      redirectRaw(r.exchange, s.basePath() + "/login?next=" + Html.url(next));
      return;
    }
    if (post) {
      r.readForm();
      if (!Sessions.sameToken(r.csrf, r.param("_csrf"))) {
        LOG.warn("console: {} {} by {} refused: CSRF token missing or wrong", r.method, printable(r.path),
            r.user.name());
        throw new HttpError(403, "Refused: this action did not come from a console page (CSRF token missing or wrong).");
      }
      if (r.path.equals("/logout")) {
        if (r.session != null) {
          sessions.end(r.session.id);
        }
        r.exchange.getResponseHeaders().add("Set-Cookie", cookie(SESSION_COOKIE, "", 0));
        redirectRaw(r.exchange, s.basePath() + "/login");
        return;
      }
      if (!r.user.role().includes(Role.OPERATOR)) {
        throw new HttpError(403, "Refused: " + r.user.name() + " is a viewer; only operators may act.");
      }
    }
    Reply reply = route(r, post);
    if (reply.status() == 303) {
      if (r.session != null && !reply.flash().isEmpty()) {
        r.session.flash = reply.flash();
      }
      redirectRaw(r.exchange, s.basePath() + reply.redirect());
      return;
    }
    String flash = r.session == null ? "" : r.session.takeFlash();
    send(r.exchange, reply.status(), Html.frame(s, reply.title(), reply.active(), r.user, r.csrf, flash, reply.body()));
  }

  private Reply route(Request r, boolean post) {
    String p = r.path;
    if (post) {
      return switch (p) {
        case "/flows/pause", "/flows/resume", "/flows/run" -> flows.act(r, p.substring("/flows/".length()));
        case "/dead-letters/replay" -> deadLetters.replay(r);
        case "/dead-letters/route" -> deadLetters.route(r);
        case "/workflows/fire" -> workflows.fire(r);
        default -> throw new HttpError(404, "No such action.");
      };
    }
    if (p.equals("/") || p.equals("/flows")) {
      return flows.list(r);
    }
    if (p.equals("/flows/detail")) {
      return flows.detail(r);
    }
    if (p.equals("/dead-letters")) {
      return deadLetters.list(r);
    }
    if (p.startsWith("/dead-letters/")) {
      return deadLetters.detail(r, p.substring("/dead-letters/".length()));
    }
    if (p.equals("/workflows")) {
      return workflows.list(r);
    }
    if (p.equals("/workflows/instance")) {
      return workflows.detail(r);
    }
    if (p.equals("/reconciliation")) {
      return audit.reconciliation(r);
    }
    if (p.equals("/audit")) {
      return audit.search(r);
    }
    if (p.startsWith("/pages/")) {
      String name = p.substring("/pages/".length());
      for (ConsolePage page : s.pages()) {
        if (page.path().equals(name)) {
          return Reply.page(page.title(), "pages/" + name, page.render(r.user, r.queryFirst()));
        }
      }
    }
    throw new HttpError(404, "Not found.");
  }

  // signing in ----------------------------------------------------------------------------------

  private boolean authenticate(Request r) {
    Headers h = r.exchange.getRequestHeaders();
    if (s.authenticator().isPresent()) {
      Optional<ConsoleUser> u = s.authenticator().get().authenticate(h);
      if (u.isPresent()) {
        r.user = u.get();
        r.csrf = sessions.headerCsrf(r.user);
        return true;
      }
    }
    String auth = Optional.ofNullable(h.getFirst("Authorization")).orElse("");
    if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      r.user = basic(auth.substring(6).trim()).orElseThrow(() -> new HttpError(401, "Unknown user or wrong password."));
      r.csrf = sessions.headerCsrf(r.user);
      return true;
    }
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      r.user = s.credentials().token(auth.substring(7).trim()).orElseThrow(() -> new HttpError(401, "Unknown token."));
      r.csrf = sessions.headerCsrf(r.user);
      return true;
    }
    Optional<Sessions.Session> session = r.cookie(SESSION_COOKIE).flatMap(sessions::find);
    if (session.isPresent()) {
      r.session = session.get();
      r.user = r.session.user;
      r.csrf = r.session.csrf;
      return true;
    }
    return false;
  }

  private Optional<ConsoleUser> basic(String encoded) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = pair.indexOf(':');
    return colon < 0 ? Optional.empty() : s.credentials().password(pair.substring(0, colon), pair.substring(colon + 1));
  }

  private void login(Request r) throws IOException {
    Optional<String> expected = r.cookie(LOGIN_COOKIE);
    if (expected.isEmpty() || !Sessions.sameToken(expected.get(), r.param("_login"))) {
      loginPage(r, 403, "The sign-in form expired; please try again.");
      return;
    }
    String name = r.param("user").trim();
    String secret = r.param("password");
    Optional<ConsoleUser> user = name.isEmpty() ? s.credentials().token(secret)
        : s.credentials().password(name, secret);
    if (user.isEmpty()) {
      loginPage(r, 401, "Unknown user or wrong password.");
      return;
    }
    Sessions.Session session = sessions.create(user.get());
    audit(user.get(), "console_login", "", "", "", "");
    r.exchange.getResponseHeaders().add("Set-Cookie", cookie(LOGIN_COOKIE, "", 0));
    r.exchange.getResponseHeaders().add("Set-Cookie", cookie(SESSION_COOKIE, session.id,
        s.sessionTimeout().toSeconds()));
    String next = r.param("next");
    boolean local = next.startsWith(s.basePath() + "/") && !next.startsWith("//") && !next.contains("\\")
        && next.chars().noneMatch(Character::isISOControl);
    redirectRaw(r.exchange, local ? next : s.basePath() + "/flows");
  }

  private void loginPage(Request r, int status, String error) throws IOException {
    // one token per browser: a second sign-in page (another tab) must not invalidate the first
    String token = r.cookie(LOGIN_COOKIE).filter(t -> t.matches("[A-Za-z0-9_-]{43}")).orElseGet(Sessions::randomToken);
    r.exchange.getResponseHeaders().add("Set-Cookie", cookie(LOGIN_COOKIE, token, 600));
    String body = "<div class=\"login\"><h1>" + Html.esc(s.title()) + "</h1>"
        + (error.isEmpty() ? "" : "<div class=\"error\" id=\"flash\">" + Html.esc(error) + "</div>")
        + "<form method=\"post\" action=\"" + Html.esc(s.basePath() + "/login") + "\">"
        + "<input type=\"hidden\" name=\"_login\" value=\"" + token + "\">"
        + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(r.param("next")) + "\">"
        + "<label for=\"user\">User</label><input type=\"text\" id=\"user\" name=\"user\" autocomplete=\"username\">"
        + "<label for=\"password\">Password (or API token, with no user)</label>"
        + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\">"
        + "<p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form></div>";
    send(r.exchange, status, Html.document("Sign in \u2013 " + s.title(), body));
  }

  private String cookie(String name, String value, long maxAgeSeconds) {
    return name + "=" + value + "; Path=" + (s.basePath().isEmpty() ? "/" : s.basePath()) + "; Max-Age="
        + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + (s.secureCookies() ? "; Secure" : "");
  }

  // answers -------------------------------------------------------------------------------------

  /** Writes an audit line for a console action; the actor is the signed-in user. */
  void audit(ConsoleUser user, String action, String flow, String entityType, String entityKey, String detail) {
    s.store().append(new AuditEntry(s.clock().instant(), user.name(), action, flow, entityType, entityKey, "", "", "",
        detail));
  }

  private void error(Request r, int status, String message) throws IOException {
    if (status == 401) {
      r.exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"console\", charset=\"UTF-8\"");
    }
    String body = "<h1>" + status + " " + reason(status) + "</h1><p id=\"message\">" + Html.esc(message) + "</p>";
    if (r.user == null) {
      send(r.exchange, status, Html.document(reason(status), "<main>" + body + "</main>"));
    } else {
      send(r.exchange, status, Html.frame(s, reason(status), "", r.user, r.csrf, "", body));
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Sign-in required";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Too large";
      case 415 -> "Unsupported form";
      default -> "Error";
    };
  }

  /** Reads what is left of a request body (at most {@link Request#MAX_BODY}), so the connection can be reused. */
  private static void drain(Request r) {
    try (java.io.InputStream in = r.exchange.getRequestBody()) {
      byte[] buf = new byte[8192];
      long total = 0;
      int n;
      while (total <= Request.MAX_BODY && (n = in.read(buf)) > 0) {
        total += n;
      }
      if (total > Request.MAX_BODY) {
        r.exchange.getResponseHeaders().set("Connection", "close");
      }
    } catch (IOException e) {
      // already read and closed
    }
  }

  private static void headers(HttpExchange ex) {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", "no-store");
  }

  private static void send(HttpExchange ex, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    headers(ex);
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void redirectRaw(HttpExchange ex, String location) throws IOException {
    headers(ex);
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(303, -1);
  }

  /** Stops the run-now worker (a run in progress finishes). */
  @Override
  public void close() {
    runs.shutdown();
    try {
      runs.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** For the pages: who audits. */
  @FunctionalInterface
  interface Auditor {
    void audit(ConsoleUser user, String action, String flow, String entityType, String entityKey, String detail);
  }

  /** A request path for a log line: no control characters (no forged log lines), at most 200 characters. */
  private static String printable(String path) {
    return Html.cut(path.replaceAll("\\p{Cntrl}", "?"), 200);
  }

  static List<Long> ids(Request r) {
    return r.params("id").stream().limit(1_000).map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new HttpError(400, "Not a dead-letter id: " + Html.cut(v, 40));
      }
    }).toList();
  }
}
