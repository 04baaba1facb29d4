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
   * contain it ({@code administrator}) stay readable. It is recognised in every form a server
   * may echo it in, each character raw or escaped, in any mix: URL-encoded ({@code %XX}, either
   * case, {@code +} for a space), XML/HTML entities (named, decimal, hex), JSON escapes
   * ({@code \\uXXXX}, {@code \\"}, {@code \\/}) and the backslash escapes of a Python
   * {@code repr}. Secrets shorter than 4 characters cannot be told apart from words and are left.
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
      out = pattern(s).matcher(out).replaceAll("***");
    }
    return out;
  }

  /** A pattern matching the secret with each character in any of its escaped forms. */
  static java.util.regex.Pattern pattern(String secret) {
    StringBuilder re = new StringBuilder(secret.length() * 40);
    boolean token = secret.length() < 12;
    if (token) {
      re.append("(?<![\\p{L}\\p{N}])");
    }
    secret.codePoints().forEach(cp -> re.append(alternatives(cp)));
    if (token) {
      re.append("(?![\\p{L}\\p{N}])");
    }
    return java.util.regex.Pattern.compile(re.toString());
  }

  private static String alternatives(int cp) {
    java.util.List<String> alt = new java.util.ArrayList<>();
    String raw = new String(Character.toChars(cp));
    alt.add(java.util.regex.Pattern.quote(raw));
    StringBuilder pct = new StringBuilder();
    for (byte b : raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      pct.append('%').append(hexDigits(String.format("%02x", b & 0xff)));
    }
    alt.add(pct.toString());
    alt.add("&#0*" + cp + ";");
    alt.add("&#[xX]0*" + hexDigits(Integer.toHexString(cp)) + ";");
    StringBuilder u = new StringBuilder();
    for (char c : raw.toCharArray()) {
      u.append("\\\\u").append(hexDigits(String.format("%04x", (int) c)));
    }
    alt.add(u.toString());
    switch (cp) {
      case ' ' -> alt.add("\\+");
      case '&' -> alt.add("&amp;");
      case '<' -> alt.add("&lt;");
      case '>' -> alt.add("&gt;");
      case '"' -> {
        alt.add("&quot;");
        alt.add("\\\\\"");
      }
      case '\'' -> {
        alt.add("&apos;");
        alt.add("\\\\'");
      }
      case '\\' -> alt.add("\\\\\\\\");
      case '/' -> alt.add("\\\\/");
      case '\n' -> alt.add("\\\\n");
      case '\r' -> alt.add("\\\\r");
      case '\t' -> alt.add("\\\\t");
      default -> {
        if (cp < 0x20 || cp == 0x7f) {
          alt.add("\\\\x" + hexDigits(String.format("%02x", cp)));
        }
      }
    }
    return "(?:" + String.join("|", alt) + ")";
  }

  /** Hex digits matching either case. */
  private static String hexDigits(String hex) {
    StringBuilder sb = new StringBuilder();
    for (char c : hex.toCharArray()) {
      sb.append(Character.isLetter(c) ? "[" + Character.toLowerCase(c) + Character.toUpperCase(c) + "]" : String.valueOf(c));
    }
    return sb.toString();
  }
}
