package org.odoobuild.console.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.console.ConsoleUser;

/** One request: path below the console's base, query and form parameters, the signed-in user. */
final class Request {
  static final int MAX_BODY = 64 * 1024;
  private static final int MAX_PARAMS = 2_000;

  final HttpExchange exchange;
  final String method;
  final String path;
  private final Map<String, List<String>> query;
  private Map<String, List<String>> form = Map.of();
  ConsoleUser user;
  String csrf = "";
  Sessions.Session session;

  Request(HttpExchange exchange, String path) {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    this.path = path;
    this.query = parse(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
  }

  /** Reads a form body (application/x-www-form-urlencoded), at most {@link #MAX_BODY} bytes. */
  void readForm() throws IOException {
    String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > MAX_BODY) {
          throw new HttpError(413, "The form is too large.");
        }
        out.write(buf, 0, n);
      }
    }
    if (!type.isEmpty() && !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      throw new HttpError(415, "Actions are sent as HTML forms.");
    }
    form = parse(out.toString(StandardCharsets.UTF_8));
  }

  /** The first value of a parameter (form before query), {@code ""} when absent. */
  String param(String name) {
    List<String> v = params(name);
    return v.isEmpty() ? "" : v.get(0);
  }

  /** Every value of a parameter (form before query). */
  List<String> params(String name) {
    List<String> f = form.getOrDefault(name, List.of());
    return f.isEmpty() ? query.getOrDefault(name, List.of()) : f;
  }

  /** The first value of each query parameter. */
  Map<String, String> queryFirst() {
    Map<String, String> out = new LinkedHashMap<>();
    query.forEach((k, v) -> out.put(k, v.get(0)));
    return out;
  }

  Optional<String> cookie(String name) {
    List<String> headers = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
    for (String h : headers) {
      for (String part : h.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
          return Optional.of(part.substring(eq + 1).trim());
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, List<String>> parse(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return out;
    }
    int count = 0;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      if (++count > MAX_PARAMS) {
        throw new HttpError(413, "Too many parameters.");
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "Malformed parameter.");
    }
  }
}
