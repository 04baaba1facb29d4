package org.odoobuild.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain HTTP client for the console: no redirects followed, cookies handled by hand. */
final class Web {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern LOGIN = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"");
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(30)).build();
  private final URI base;

  Web(URI base) {
    this.base = base;
  }

  /** A signed-in browser: its session cookie and the CSRF token its pages carry. */
  record Session(String cookie, String csrf) {}

  HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
  }

  HttpResponse<String> post(String path, List<Map.Entry<String, String>> form, String... headers) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))), headers);
  }

  HttpResponse<String> postRaw(String path, String body, String... headers) {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  /** Signs in through the form; fails when that does not give a session. */
  Session login(String user, String password) {
    HttpResponse<String> r = loginResponse(user, password);
    if (r.statusCode() != 303) {
      throw new AssertionError("sign-in of " + user + " answered " + r.statusCode() + ": " + r.body());
    }
    String cookie = cookie(r, "console_session").orElseThrow();
    HttpResponse<String> page = get("flows", "Cookie", "console_session=" + cookie);
    return new Session("console_session=" + cookie, csrf(page.body()));
  }

  HttpResponse<String> loginResponse(String user, String password) {
    HttpResponse<String> form = get("login");
    String loginCookie = cookie(form, "console_login").orElseThrow(() -> new AssertionError(
        "no sign-in cookie: " + form.statusCode() + " " + form.headers().map() + " " + form.body()));
    Matcher m = LOGIN.matcher(form.body());
    if (!m.find()) {
      throw new AssertionError("no sign-in token on the form");
    }
    return post("login", List.of(Map.entry("_login", m.group(1)), Map.entry("user", user),
        Map.entry("password", password)), "Cookie", "console_login=" + loginCookie);
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the page");
    }
    return m.group(1);
  }

  static Optional<String> cookie(HttpResponse<?> r, String name) {
    for (String c : r.headers().allValues("Set-Cookie")) {
      if (c.startsWith(name + "=")) {
        String v = c.substring(name.length() + 1, c.indexOf(';'));
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private URI uri(String path) {
    return base.resolve(path);
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String encode(List<Map.Entry<String, String>> form) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : form) {
      parts.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }
}
