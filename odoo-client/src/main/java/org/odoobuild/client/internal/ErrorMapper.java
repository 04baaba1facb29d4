package org.odoobuild.client.internal;

import java.util.Optional;
import java.util.OptionalInt;
import org.odoobuild.client.OdooAccessException;
import org.odoobuild.client.OdooAuthenticationException;
import org.odoobuild.client.OdooBadRequestException;
import org.odoobuild.client.OdooError;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooMissingRecordException;
import org.odoobuild.client.OdooNotFoundException;
import org.odoobuild.client.OdooServerException;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooUserException;
import org.odoobuild.client.OdooValidationException;
import org.odoobuild.client.Protocol;

/** Maps what Odoo said (exception name, HTTP status, fault code) to the typed exceptions. */
public final class ErrorMapper {

  /** The faultString last line Odoo sends when a method returned {@code None} over XML-RPC. */
  static final String MARSHAL_NONE = "TypeError: cannot marshal None unless allow_none is enabled";

  private ErrorMapper() {}

  /** Maps an error that carries an Odoo exception name (JSON-RPC {@code data.name}, JSON-2 {@code name}). */
  public static OdooException byName(OdooError e) {
    return byName(e, e.name());
  }

  /**
   * Maps an error by the server's exception name as it was sent ({@code e} carries it scrubbed
   * of secrets, which could alter a name when a weak password equals one of its words).
   */
  static OdooException byName(OdooError e, String rawName) {
    String name = rawName;
    String msg = e.message();
    switch (name) {
      case "odoo.exceptions.AccessDenied", "werkzeug.exceptions.Unauthorized":
        return new OdooAuthenticationException(e);
      case "odoo.exceptions.AccessError":
        return new OdooAccessException(e);
      case "odoo.exceptions.MissingError":
        return new OdooMissingRecordException(e);
      case "odoo.exceptions.ValidationError":
        return new OdooValidationException(e);
      case "odoo.exceptions.UserError", "odoo.exceptions.RedirectWarning", "odoo.exceptions.Warning":
        if (msg.startsWith("Object ") && msg.endsWith(" doesn't exist")) {
          return new OdooNotFoundException(e);
        }
        return new OdooUserException(e);
      case "werkzeug.exceptions.NotFound", "werkzeug.exceptions.MethodNotAllowed":
        return new OdooNotFoundException(e);
      case "werkzeug.exceptions.BadRequest", "werkzeug.exceptions.UnprocessableEntity", "builtins.TypeError",
          "builtins.ValueError", "xml.parsers.expat.ExpatError":
        return new OdooBadRequestException(e);
      case "builtins.AttributeError":
        return msg.contains("does not exist") ? new OdooNotFoundException(e) : new OdooServerException(e);
      case "builtins.KeyError", "builtins.NameError":
        // unknown service (KeyError) or unknown object-service method (NameError)
        return e.model().isEmpty() || name.equals("builtins.NameError") ? new OdooNotFoundException(e)
            : new OdooServerException(e);
      case "werkzeug.exceptions.TooManyRequests":
        // Odoo answered: whatever refused the request, it was received
        return new OdooTransportException(e, OdooTransportException.Reason.RATE_LIMITED, true, Optional.empty(), null);
      default:
        return new OdooServerException(e);
    }
  }

  /** Maps an XML-RPC fault (codes 1 to 4, as Odoo's XML-RPC controller assigns them). */
  public static OdooException fault(int code, String faultString, String model, String method) {
    OptionalInt fc = OptionalInt.of(code);
    switch (code) {
      case 3:
        return new OdooAuthenticationException(new OdooError("odoo.exceptions.AccessDenied", faultString,
            Protocol.XMLRPC, OptionalInt.empty(), fc, Optional.empty(), model, method));
      case 4:
        return new OdooAccessException(new OdooError("odoo.exceptions.AccessError", faultString,
            Protocol.XMLRPC, OptionalInt.empty(), fc, Optional.empty(), model, method));
      case 2: {
        // UserError, ValidationError and MissingError share code 2; tell them apart by their text
        String name = faultString.startsWith("Record does not exist or has been deleted.") ? "odoo.exceptions.MissingError"
            : faultString.startsWith("The operation cannot be completed:") ? "odoo.exceptions.ValidationError"
            : "odoo.exceptions.UserError";
        return byName(new OdooError(name, faultString, Protocol.XMLRPC, OptionalInt.empty(), fc, Optional.empty(),
            model, method));
      }
      default: {
        String[] last = lastLine(faultString);
        return byName(new OdooError(last[0], last[1], Protocol.XMLRPC, OptionalInt.empty(), fc,
            Optional.of(faultString), model, method));
      }
    }
  }

  /** Whether a fault is Odoo's "method returned None" marshalling failure (the call did succeed). */
  public static boolean isMarshalNone(int code, String faultString) {
    return code == 1 && faultString.trim().endsWith(MARSHAL_NONE) && faultString.contains("dump_nil");
  }

  /**
   * Finds the exception line of a Python traceback (the first unindented line after the last
   * frame, possibly followed by more message lines) and splits it into a qualified name and message.
   */
  static String[] lastLine(String traceback) {
    String t = traceback.stripTrailing();
    int frame = t.lastIndexOf("\n  File ");
    String tail = frame >= 0 ? t.substring(frame + 1) : t;
    String[] lines = tail.split("\n", -1);
    int i = frame >= 0 ? 1 : 0;
    while (i < lines.length && (lines[i].isEmpty() || Character.isWhitespace(lines[i].charAt(0)))) {
      i++;
    }
    if (i >= lines.length) {
      return new String[] {"", t};
    }
    String exc = String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length));
    int colon = exc.indexOf(": ");
    String head = colon > 0 ? exc.substring(0, colon) : exc;
    if (head.matches("[A-Za-z_][\\w.]*")) {
      return new String[] {qualify(head), colon > 0 ? exc.substring(colon + 2) : ""};
    }
    return new String[] {"", exc};
  }

  private static String qualify(String cls) {
    return cls.contains(".") ? cls : "builtins." + cls;
  }

  /**
   * Removes the secrets from a text (a server message, an echoed body). A secret of 12 or more
   * characters is removed wherever it appears; a shorter one (a weak password such as
   * {@code admin}) only where it stands as a token of its own, so that ordinary words that
   * contain it ({@code administrator}) stay readable. The forms a server may echo it in are
   * removed too: JSON-escaped (also with non-ASCII as {@code \\uXXXX}), XML/HTML-escaped,
   * URL-encoded and as the inside of a Python {@code repr}. Secrets shorter than 4 characters
   * cannot be told apart from words and are left.
   */
  public static String scrub(String text, String... secrets) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      if (s == null || s.length() < 4) {
        continue;
      }
      for (String form : forms(s)) {
        out = form.length() >= 12 ? out.replace(form, "***") : replaceToken(out, form);
      }
    }
    return out;
  }

  /** The secret and every escaped form of it, longest first (so that a form is not half-replaced by a shorter one). */
  static java.util.List<String> forms(String s) {
    java.util.Set<String> forms = new java.util.LinkedHashSet<>();
    forms.add(s);
    forms.add(jsonEscaped(s));
    forms.add(asciiOnly(jsonEscaped(s)));
    String xml = xmlEscaped(s);
    forms.add(xml);
    forms.add(xml.replace("\"", "&quot;").replace("'", "&#39;"));
    forms.add(xml.replace("\"", "&#34;").replace("'", "&#39;"));
    forms.add(xml.replace("\"", "&quot;").replace("'", "&#x27;"));
    for (boolean lower : new boolean[] {false, true}) {
      forms.add(percentEncoded(s, "_.-~", false, lower));   // RFC 3986, Python quote(safe='')
      forms.add(percentEncoded(s, "_.-~/", false, lower));  // Python quote()
      forms.add(percentEncoded(s, "_.-~", true, lower));    // Python quote_plus()
      forms.add(percentEncoded(s, "_.-*", true, lower));    // HTML forms, java.net.URLEncoder
    }
    forms.add(pythonRepr(s, true));
    forms.add(pythonRepr(s, false));
    java.util.List<String> out = new java.util.ArrayList<>(forms);
    out.sort(java.util.Comparator.comparingInt(String::length).reversed());
    return out;
  }

  private static String asciiOnly(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  private static String percentEncoded(String s, String safe, boolean spaceAsPlus, boolean lowerHex) {
    StringBuilder sb = new StringBuilder(s.length() * 3);
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || safe.indexOf(c) >= 0) {
        sb.append((char) c);
      } else if (c == ' ' && spaceAsPlus) {
        sb.append('+');
      } else {
        String hex = String.format("%%%02X", c);
        sb.append(lowerHex ? hex.toLowerCase(java.util.Locale.ROOT) : hex);
      }
    }
    return sb.toString();
  }

  /** The inside of Python's {@code repr(s)}: quoted with {@code '} (escaped) or, when it holds one, {@code "}. */
  private static String pythonRepr(String s, boolean singleQuoted) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\'' -> sb.append(singleQuoted ? "\\'" : "'");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static String replaceToken(String text, String token) {
    StringBuilder sb = null;
    int from = 0;
    int at;
    while ((at = text.indexOf(token, from)) >= 0) {
      int end = at + token.length();
      boolean left = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      boolean right = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (left && right) {
        if (sb == null) {
          sb = new StringBuilder(text.length());
        }
        sb.append(text, from, at).append("***");
      } else {
        if (sb == null) {
          sb = new StringBuilder(text.length());
        }
        sb.append(text, from, at + 1);
        end = at + 1;
      }
      from = end;
    }
    if (sb == null) {
      return text;
    }
    sb.append(text, from, text.length());
    return sb.toString();
  }

  private static String jsonEscaped(String s) {
    String w = JsonCodec.write(s);
    return w.substring(1, w.length() - 1);
  }

  private static String xmlEscaped(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
