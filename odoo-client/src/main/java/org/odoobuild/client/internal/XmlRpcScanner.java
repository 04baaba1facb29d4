package org.odoobuild.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import org.odoobuild.client.internal.XmlRpcCodec.XmlRpcFormatException;

/**
 * A pull scanner for the XML that XML-RPC answers are made of, read straight from UTF-8 bytes: it
 * reports what the JDK's StAX reader reports with DTDs off, coalescing on and namespaces off
 * (start and end of elements, coalesced text, end of document) at a fraction of the cost.
 *
 * <p>Read: an XML declaration (UTF-8 only, an optional byte order mark), processing instructions
 * and comments (skipped, also inside text, which stays one event), white space outside the root,
 * start tags with attributes (checked, then ignored), self-closing tags (a start then an end),
 * end tags matched against their start, text with the five predefined entities and character
 * references, CDATA sections, line ends normalized to {@code \n}. Refused with an
 * {@link XmlRpcFormatException}: a DOCTYPE, any other entity, a mismatched, unclosed or
 * unopened tag, {@code <} or {@code ]]>} in text, characters XML does not allow, invalid UTF-8,
 * another declared encoding, truncated input, anything but white space, comments and processing
 * instructions after the root element. Element names are ASCII (all XML-RPC's are).
 *
 * <p>Memory: a fixed input buffer (none for a byte array, read in place), the current text and
 * the names of the open elements; the caller bounds the input's size and nesting. Messages give a
 * byte offset, never the input. Not thread-safe.
 */
final class XmlRpcScanner implements XmlPull {
  private static final int START = XMLStreamConstants.START_ELEMENT;
  private static final int END = XMLStreamConstants.END_ELEMENT;
  private static final int TEXT = XMLStreamConstants.CHARACTERS;
  private static final int DONE = XMLStreamConstants.END_DOCUMENT;

  private static final int MAX_NAME = 256;
  private static final int MAX_DECLARATION = 512;

  /** ASCII bytes text cannot copy as they are: markup, references, CR, ']' and forbidden controls. */
  private static final boolean[] SPECIAL = new boolean[128];
  /** ASCII bytes allowed in a name after its first. */
  private static final boolean[] NAME = new boolean[128];
  /** ASCII bytes allowed first in a name. */
  private static final boolean[] NAME_START = new boolean[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      SPECIAL[c] = c != '\t' && c != '\n';
    }
    SPECIAL['<'] = SPECIAL['&'] = SPECIAL[']'] = true;
    SPECIAL[0x7f] = false;
    for (int c = 'a'; c <= 'z'; c++) {
      NAME_START[c] = NAME_START[c - 32] = true;
    }
    NAME_START['_'] = NAME_START[':'] = true;
    System.arraycopy(NAME_START, 0, NAME, 0, 128);
    for (int c = '0'; c <= '9'; c++) {
      NAME[c] = true;
    }
    NAME['-'] = NAME['.'] = true;
  }

  /** Names of XML-RPC, shared rather than made for each tag. */
  private static final String[] KNOWN = {"methodResponse", "methodCall", "methodName", "params", "param", "value",
      "fault", "string", "int", "i4", "i8", "double", "boolean", "dateTime.iso8601", "base64", "nil", "array", "data",
      "struct", "member", "name"};
  private static final String[] BY_HASH = new String[128];

  static {
    for (String k : KNOWN) {
      int h = 0;
      for (int i = 0; i < k.length(); i++) {
        h = 31 * h + k.charAt(i);
      }
      int slot = slot(h);
      while (BY_HASH[slot] != null) {
        slot = slot + 1 & 127;
      }
      BY_HASH[slot] = k;
    }
  }

  private static final Pattern DECLARATION = Pattern.compile(
      "[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(['\"])1\\.[0-9]+\\1"
          + "(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(['\"])([A-Za-z][A-Za-z0-9._-]*)\\2)?"
          + "(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(['\"])(?:yes|no)\\4)?[ \t\r\n]*");

  private final InputStream in;
  private byte[] buf;
  private int pos;
  private int limit;
  /** Bytes dropped from the front of {@link #buf} so far (for offsets in messages). */
  private long dropped;

  private char[] text = new char[128];
  private int textLength;
  private int event;
  private String name;
  private boolean selfClosed;
  private boolean rootSeen;
  private String[] open = new String[16];
  private int depth;

  /** A scanner of a stream, read through a buffer of its own. */
  XmlRpcScanner(InputStream in) {
    this.in = in;
    this.buf = new byte[8192];
  }

  /** A scanner of a whole body, read in place. */
  XmlRpcScanner(byte[] body) {
    this.in = null;
    this.buf = body;
    this.limit = body.length;
  }

  private static int slot(int h) {
    return (h ^ h >>> 7) & 127;
  }

  @Override
  public boolean hasNext() {
    return event != DONE;
  }

  @Override
  public int next() throws XmlRpcFormatException {
    if (event == DONE) {
      throw fail("read past the end of the document");
    }
    if (event == 0) {
      prolog();
    }
    if (selfClosed) {
      selfClosed = false;
      return event = END;
    }
    while (true) {
      if (!ensure(1)) {
        if (depth > 0 || !rootSeen) {
          throw fail("truncated document");
        }
        return event = DONE;
      }
      byte b = buf[pos];
      if (b == '<') {
        if (!ensure(2)) {
          throw fail("truncated document");
        }
        byte c = buf[pos + 1];
        if (c == '/') {
          endTag();
          return event = END;
        }
        if (c == '?' || c == '!') {
          if (depth > 0) {
            // a CDATA section, or text after a comment or instruction
            textLength = 0;
            markup();
            readText();
            if (textLength > 0) {
              return event = TEXT;
            }
          } else {
            markup();
          }
          continue;
        }
        startTag();
        return event = START;
      }
      if (depth == 0) {
        outsideRoot();
        continue;
      }
      textLength = 0;
      readText();
      return event = TEXT;
    }
  }

  @Override
  public String getLocalName() {
    return name;
  }

  @Override
  public String getText() {
    return new String(text, 0, textLength);
  }

  @Override
  public char[] getTextCharacters() {
    return text;
  }

  @Override
  public int getTextStart() {
    return 0;
  }

  @Override
  public int getTextLength() {
    return textLength;
  }

  @Override
  public boolean isWhiteSpace() {
    for (int i = 0; i < textLength; i++) {
      char c = text[i];
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    // nothing held: the caller owns the stream
  }

  // ---- input

  /** Makes room and reads more; false at the end of the input. */
  private boolean fill() throws XmlRpcFormatException {
    if (in == null) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      dropped += pos;
      limit -= pos;
      pos = 0;
    }
    try {
      int n = in.read(buf, limit, buf.length - limit);
      if (n <= 0) {
        return false;
      }
      limit += n;
      return true;
    } catch (IOException e) {
      // as the StAX reader did; the transport reports the stream's own failure (size limit) itself
      throw new XmlRpcFormatException("not well-formed XML-RPC: the input could not be read", e);
    }
  }

  /** Whether {@code n} bytes (at most 16) are available from {@link #pos}. */
  private boolean ensure(int n) throws XmlRpcFormatException {
    while (limit - pos < n) {
      if (!fill()) {
        return false;
      }
    }
    return true;
  }

  private void require(int n) throws XmlRpcFormatException {
    if (!ensure(n)) {
      throw fail("truncated document");
    }
  }

  private boolean startsWith(String s) throws XmlRpcFormatException {
    require(Math.min(s.length(), 1));
    if (!ensure(s.length())) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (buf[pos + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private XmlRpcFormatException fail(String why) {
    return new XmlRpcFormatException("not well-formed XML-RPC: " + why + " (at byte " + (dropped + pos) + ")");
  }

  // ---- document level

  /** A byte order mark and the XML declaration, if any. */
  private void prolog() throws XmlRpcFormatException {
    if (ensure(3) && (buf[pos] & 0xff) == 0xef && (buf[pos + 1] & 0xff) == 0xbb && (buf[pos + 2] & 0xff) == 0xbf) {
      pos += 3;
    } else if (ensure(2) && ((buf[pos] & 0xff) == 0xfe || (buf[pos] & 0xff) == 0xff)) {
      throw fail("only UTF-8 is read");
    }
    if (startsWith("<?xml") && ensure(6) && isSpace(buf[pos + 5])) {
      pos += 5;
      StringBuilder decl = new StringBuilder();
      while (!startsWith("?>")) {
        int b = buf[pos++];
        if (b < 0x20 && !isSpace((byte) b) || b < 0 || decl.length() > MAX_DECLARATION) {
          throw fail("malformed XML declaration");
        }
        decl.append((char) b);
      }
      pos += 2;
      Matcher m = DECLARATION.matcher(decl);
      if (!m.matches()) {
        throw fail("malformed XML declaration");
      }
      if (m.group(3) != null && !m.group(3).equalsIgnoreCase("UTF-8")) {
        throw fail("only UTF-8 is read (another encoding is declared)");
      }
    }
  }

  /** White space outside the root element; anything else is refused. */
  private void outsideRoot() throws XmlRpcFormatException {
    while (ensure(1) && buf[pos] != '<') {
      if (!isSpace(buf[pos])) {
        throw fail(rootSeen ? "content after the root element" : "text before the root element");
      }
      pos++;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\t' || b == '\r';
  }

  // ---- tags

  /** The name at {@link #pos}, ASCII, as a shared string when XML-RPC has it; {@link #pos} moves past it. */
  private String readName(boolean shared) throws XmlRpcFormatException {
    int n = 0;
    int h = 0;
    while (true) {
      if (pos + n >= limit && !fill()) {
        throw fail("truncated document");
      }
      if (n >= MAX_NAME) {
        throw fail("name longer than " + MAX_NAME + " bytes");
      }
      int b = buf[pos + n];
      if (b < 0) {
        throw fail("element and attribute names must be ASCII");
      }
      if (!(n == 0 ? NAME_START : NAME)[b]) {
        break;
      }
      h = 31 * h + b;
      n++;
    }
    if (n == 0) {
      throw fail("a name was expected");
    }
    if (shared) {
      for (int slot = slot(h); BY_HASH[slot] != null; slot = slot + 1 & 127) {
        if (sameName(BY_HASH[slot], n)) {
          pos += n;
          return BY_HASH[slot];
        }
      }
    }
    String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
    pos += n;
    return s;
  }

  private boolean sameName(String s, int n) {
    if (s.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (buf[pos + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Skips white space; whether there was any. */
  private boolean spaces() throws XmlRpcFormatException {
    boolean any = false;
    while (true) {
      require(1);
      if (!isSpace(buf[pos])) {
        return any;
      }
      any = true;
      pos++;
    }
  }

  private void startTag() throws XmlRpcFormatException {
    if (depth == 0 && rootSeen) {
      throw fail("content after the root element");
    }
    pos++;
    name = readName(true);
    while (true) {
      boolean space = spaces();
      byte b = buf[pos];
      if (b == '>') {
        pos++;
        break;
      }
      if (b == '/') {
        require(2);
        if (buf[pos + 1] != '>') {
          throw fail("malformed start tag");
        }
        pos += 2;
        selfClosed = true;
        break;
      }
      if (!space) {
        throw fail("malformed start tag");
      }
      attribute();
    }
    rootSeen = true;
    if (!selfClosed) {
      if (depth == open.length) {
        open = Arrays.copyOf(open, depth * 2);
      }
      open[depth++] = name;
    }
  }

  /** Checks an attribute (name, =, quoted value) and drops it. */
  private void attribute() throws XmlRpcFormatException {
    readName(false);
    spaces();
    if (buf[pos] != '=') {
      throw fail("malformed attribute");
    }
    pos++;
    spaces();
    byte quote = buf[pos];
    if (quote != '"' && quote != '\'') {
      throw fail("malformed attribute");
    }
    pos++;
    int mark = textLength;
    while (true) {
      require(1);
      byte b = buf[pos];
      if (b == quote) {
        pos++;
        break;
      }
      if (b == '<') {
        throw fail("'<' in an attribute value");
      }
      if (b == '&') {
        reference();
        textLength = mark; // the value is not kept
      } else {
        skipCharacter();
      }
    }
  }

  private void endTag() throws XmlRpcFormatException {
    pos += 2;
    if (depth == 0) {
      throw fail("an end tag without its start");
    }
    String expected = open[depth - 1];
    int n = expected.length();
    require(n + 1);
    if (!sameName(expected, n) || buf[pos + n] < 0 || NAME[buf[pos + n]]) {
      throw fail("an end tag that does not match its start tag <" + expected + ">");
    }
    pos += n;
    spaces();
    if (buf[pos] != '>') {
      throw fail("malformed end tag");
    }
    pos++;
    name = expected;
    open[--depth] = null;
  }

  // ---- text

  /**
   * Appends text, references, CDATA sections (skipping comments and processing instructions) to
   * {@link #text} up to the next tag.
   */
  private void readText() throws XmlRpcFormatException {
    while (true) {
      if (pos >= limit && !fill()) {
        throw fail("truncated document");
      }
      reserve(1);
      byte[] b = buf;
      char[] t = text;
      int p = pos;
      int n = textLength;
      int end = Math.min(limit, p + t.length - n);
      while (p < end) {
        int c = b[p];
        if (c < 0 || SPECIAL[c]) {
          break;
        }
        t[n] = (char) c;
        n++;
        p++;
      }
      pos = p;
      textLength = n;
      if (p == end) {
        continue;
      }
      int c = b[p];
      if (c < 0) {
        utf8();
      } else if (c == '<') {
        require(2);
        if (buf[pos + 1] != '!' && buf[pos + 1] != '?') {
          return;
        }
        markup();
      } else if (c == '&') {
        reference();
      } else if (c == '\r') {
        lineEnd();
      } else if (c == ']') {
        require(3);
        if (buf[pos + 1] == ']' && buf[pos + 2] == '>') {
          throw fail("']]>' in text");
        }
        append(']');
        pos++;
      } else {
        throw fail("a character XML does not allow");
      }
    }
  }

  /**
   * At {@code <!} or {@code <?}: skips a comment or processing instruction; inside the root, appends
   * a CDATA section. Anything else (a DOCTYPE above all) is refused.
   */
  private void markup() throws XmlRpcFormatException {
    if (buf[pos + 1] == '?') {
      instruction();
    } else if (startsWith("<!--")) {
      comment();
    } else if (depth > 0 && startsWith("<![CDATA[")) {
      pos += 9;
      cdata();
    } else if (startsWith("<!DOCTYPE")) {
      throw fail("a DOCTYPE is not allowed in XML-RPC (refused)");
    } else {
      throw fail(depth > 0 ? "malformed markup" : "markup not allowed outside the root element");
    }
  }

  private void cdata() throws XmlRpcFormatException {
    while (true) {
      require(1);
      byte b = buf[pos];
      if (b == ']' && startsWith("]]>")) {
        pos += 3;
        return;
      }
      if (b < 0) {
        utf8();
      } else if (b == '\r') {
        lineEnd();
      } else if (b < 0x20 && !isSpace(b)) {
        throw fail("a character XML does not allow");
      } else {
        append((char) b);
        pos++;
      }
    }
  }

  private void comment() throws XmlRpcFormatException {
    pos += 4;
    while (true) {
      require(1);
      byte b = buf[pos];
      if (b == '-') {
        require(2);
        if (buf[pos + 1] == '-') {
          require(3);
          if (buf[pos + 2] != '>') {
            throw fail("'--' inside a comment");
          }
          pos += 3;
          return;
        }
        pos++;
      } else {
        skipCharacter();
      }
    }
  }

  /** Checks the character at {@link #pos} of something skipped (comment, instruction, attribute) and moves past it. */
  private void skipCharacter() throws XmlRpcFormatException {
    byte b = buf[pos];
    if (b < 0) {
      int mark = textLength;
      utf8();
      textLength = mark;
    } else if (b < 0x20 && !isSpace(b)) {
      throw fail("a character XML does not allow");
    } else {
      pos++;
    }
  }

  /** Skips a processing instruction; the target {@code xml} is only allowed first in the document. */
  private void instruction() throws XmlRpcFormatException {
    pos += 2;
    String target = readName(false);
    if (target.equalsIgnoreCase("xml")) {
      throw fail("an XML declaration not at the start of the document");
    }
    require(1);
    if (!isSpace(buf[pos]) && !startsWith("?>")) {
      throw fail("malformed processing instruction");
    }
    while (true) {
      require(1);
      byte b = buf[pos];
      if (b == '?' && startsWith("?>")) {
        pos += 2;
        return;
      }
      skipCharacter();
    }
  }

  /** CR and CRLF read as LF. */
  private void lineEnd() throws XmlRpcFormatException {
    pos++;
    if (ensure(1) && buf[pos] == '\n') {
      pos++;
    }
    append('\n');
  }

  /** A reference at {@code &}: one of the five predefined entities or a character reference. */
  private void reference() throws XmlRpcFormatException {
    pos++;
    require(1);
    if (buf[pos] == '#') {
      pos++;
      int radix = 10;
      require(1);
      if (buf[pos] == 'x') {
        radix = 16;
        pos++;
      }
      int cp = 0;
      int digits = 0;
      while (true) {
        require(1);
        int d = Character.digit(buf[pos], radix);
        if (buf[pos] == ';' || d < 0) {
          break;
        }
        cp = cp * radix + d;
        if (cp > Character.MAX_CODE_POINT) {
          throw fail("a character reference out of range");
        }
        digits++;
        pos++;
      }
      if (digits == 0 || buf[pos] != ';') {
        throw fail("malformed character reference");
      }
      pos++;
      codePoint(cp);
      return;
    }
    char c;
    if (startsWith("lt;")) {
      c = '<';
    } else if (startsWith("gt;")) {
      c = '>';
    } else if (startsWith("amp;")) {
      c = '&';
    } else if (startsWith("quot;")) {
      c = '"';
    } else if (startsWith("apos;")) {
      c = '\'';
    } else {
      throw fail("entity references are not allowed in XML-RPC (refused)");
    }
    pos += c == '<' || c == '>' ? 3 : c == '&' ? 4 : 5;
    append(c);
  }

  /** Decodes one UTF-8 sequence at {@link #pos}, refusing malformed ones. */
  private void utf8() throws XmlRpcFormatException {
    int b0 = buf[pos] & 0xff;
    int n;
    int cp;
    int min;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      n = 2;
      cp = b0 & 0x1f;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      n = 3;
      cp = b0 & 0x0f;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      n = 4;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      throw fail("invalid UTF-8");
    }
    if (!ensure(n)) {
      throw fail("invalid UTF-8 (truncated sequence)");
    }
    for (int i = 1; i < n; i++) {
      int b = buf[pos + i] & 0xff;
      if ((b & 0xc0) != 0x80) {
        throw fail("invalid UTF-8");
      }
      cp = cp << 6 | b & 0x3f;
    }
    if (cp < min || cp > Character.MAX_CODE_POINT || cp >= 0xd800 && cp <= 0xdfff) {
      throw fail("invalid UTF-8");
    }
    pos += n;
    codePoint(cp);
  }

  /** Appends a code point XML allows. */
  private void codePoint(int cp) throws XmlRpcFormatException {
    boolean allowed = cp >= 0x20 && cp <= 0xd7ff || cp == 0x9 || cp == 0xa || cp == 0xd
        || cp >= 0xe000 && cp <= 0xfffd || cp >= 0x10000 && cp <= 0x10ffff;
    if (!allowed) {
      throw fail("a character XML does not allow");
    }
    reserve(2);
    if (cp < 0x10000) {
      text[textLength++] = (char) cp;
    } else {
      text[textLength++] = Character.highSurrogate(cp);
      text[textLength++] = Character.lowSurrogate(cp);
    }
  }

  private void append(char c) {
    reserve(1);
    text[textLength++] = c;
  }

  /** Room for {@code n} more characters of text. */
  private void reserve(int n) {
    if (textLength + n > text.length) {
      text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + n));
    }
  }
}
