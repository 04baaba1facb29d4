package org.odoobuild.console.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.odoobuild.console.ConsolePage;
import org.odoobuild.console.ConsoleUser;
import org.odoobuild.console.Role;

/** HTML pieces: escaping, the page frame, forms with the CSRF token, times. */
final class Html {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  static final String CSS = """
      *{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
      color:#1d2733;background:#f4f6f8}header{display:flex;align-items:center;gap:18px;background:#22313f;color:#fff;\
      padding:8px 20px}header .brand{font-weight:600}header nav a{color:#cfe0ef;text-decoration:none;margin-right:14px}\
      header nav a.on{color:#fff;border-bottom:2px solid #6cb4ee}header .who{margin-left:auto;color:#cfe0ef}\
      main{padding:16px 20px;max-width:1400px}h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:18px 0 8px}\
      table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:12px}th,td{padding:5px 8px;\
      border-bottom:1px solid #e1e6eb;text-align:left;vertical-align:top}th{background:#eef2f5;font-weight:600}\
      td.num,th.num{text-align:right}code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}\
      pre{background:#fff;border:1px solid #e1e6eb;padding:10px;overflow:auto;max-height:480px}\
      .flash{background:#e3f4e8;border:1px solid #9fd3ad;padding:8px 12px;margin-bottom:12px}\
      .error{background:#fbe9e9;border:1px solid #e3a5a5;padding:8px 12px;margin-bottom:12px}\
      .muted{color:#6b7885}.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;\
      background:#e1e6eb}.badge.paused{background:#fde7b0}.badge.active{background:#cdebd5}\
      .badge.dead{background:#f6cccc}button,input[type=submit]{font:inherit;padding:4px 10px;border:1px solid #2f6da3;\
      background:#3b82c4;color:#fff;border-radius:4px;cursor:pointer}button.secondary{background:#fff;color:#2f6da3}\
      input[type=text],input[type=password],select{font:inherit;padding:4px 6px;border:1px solid #b8c2cc;border-radius:4px}\
      form.inline{display:inline}.bar{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:8px 0}\
      .login{max-width:360px;margin:60px auto;background:#fff;padding:20px 24px;border:1px solid #e1e6eb}\
      .login label{display:block;margin:10px 0 4px}.login input{width:100%}dl{display:grid;\
      grid-template-columns:max-content auto;gap:4px 16px;background:#fff;padding:10px;border:1px solid #e1e6eb}\
      dt{font-weight:600}dd{margin:0}a{color:#2f6da3}header .badge{background:#3d5368;color:#fff}\
      .audit td:first-child,.audit td.actor,.audit td.action{white-space:nowrap}""";

  private Html() {}

  static String esc(String text) {
    return ConsolePage.escape(text);
  }

  static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static String time(Instant at) {
    return TIME.format(at);
  }

  /** A short age such as {@code 3 d 4 h}, {@code 12 min} or {@code 40 s}. */
  static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3_600) {
      return s / 60 + " min";
    }
    if (s < 86_400) {
      return s / 3_600 + " h " + s % 3_600 / 60 + " min";
    }
    return s / 86_400 + " d " + s % 86_400 / 3_600 + " h";
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "\u2026";
  }

  /** A POST form with the CSRF token, hidden fields and one button. */
  static String button(String action, String csrf, Map<String, String> hidden, String label, String name) {
    StringBuilder b = new StringBuilder("<form class=\"inline\" method=\"post\" action=\"").append(esc(action))
        .append("\">").append(csrfField(csrf));
    hidden.forEach((k, v) -> b.append("<input type=\"hidden\" name=\"").append(esc(k)).append("\" value=\"")
        .append(esc(v)).append("\">"));
    return b.append("<button type=\"submit\" name=\"").append(esc(name)).append("\">").append(esc(label))
        .append("</button></form>").toString();
  }

  static String csrfField(String csrf) {
    return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(csrf) + "\">";
  }

  /** The whole page: head with inline CSS, navigation, flash message, body. */
  static String frame(Settings s, String title, String active, ConsoleUser user, String csrf, String flash,
      String body) {
    String base = s.basePath();
    StringBuilder nav = new StringBuilder();
    link(nav, base + "/flows", "Flows", "flows", active);
    link(nav, base + "/dead-letters", "Dead letters", "dead-letters", active);
    if (!s.workflows().isEmpty()) {
      link(nav, base + "/workflows", "Workflows", "workflows", active);
    }
    if (s.reconciliation().isPresent()) {
      link(nav, base + "/reconciliation", "Reconciliation", "reconciliation", active);
    }
    link(nav, base + "/audit", "Audit", "audit", active);
    for (ConsolePage p : s.pages()) {
      link(nav, base + "/pages/" + p.path(), p.title(), "pages/" + p.path(), active);
    }
    String who = "<span class=\"who\">" + esc(user.name()) + " <span class=\"badge\">"
        + (user.role() == Role.OPERATOR ? "operator" : "viewer") + "</span> "
        + "<form class=\"inline\" method=\"post\" action=\"" + esc(base + "/logout") + "\">" + csrfField(csrf)
        + "<button class=\"secondary\" type=\"submit\" name=\"logout\">Sign out</button></form></span>";
    String msg = flash.isEmpty() ? "" : flash.startsWith("!") ? "<div class=\"error\" id=\"flash\">"
        + esc(flash.substring(1)) + "</div>" : "<div class=\"flash\" id=\"flash\">" + esc(flash) + "</div>";
    return document(title + " \u2013 " + s.title(), "<header><span class=\"brand\">" + esc(s.title())
        + "</span><nav>" + nav + "</nav>" + who + "</header><main>" + msg + body + "</main>");
  }

  static String document(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
        + "content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + "</title><style>" + CSS
        + "</style></head><body>" + body + "</body></html>";
  }

  private static void link(StringBuilder nav, String href, String label, String key, String active) {
    nav.append("<a href=\"").append(esc(href)).append("\"").append(key.equals(active) ? " class=\"on\"" : "")
        .append(">").append(esc(label)).append("</a>");
  }
}
