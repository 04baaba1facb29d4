package org.odoobuild.client.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON encoding and decoding with Jackson's streaming API. Encoding uses the separators of
 * Python's {@code json.dumps} ({@code ", "} and {@code ": "}); decoding yields {@code Long} for
 * integers, {@code Double} for decimals, {@code LinkedHashMap}/{@code ArrayList} for containers.
 */
public final class JsonCodec {

  /** The deepest nesting of arrays and objects accepted in an answer (Odoo's are a few levels deep). */
  public static final int MAX_DEPTH = 500;

  /**
   * The one configured mapper of this library: every JSON read or written here goes through it
   * (directly or through its factory's streaming parsers and generators).
   */
  public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(Integer.MAX_VALUE)
              .maxNestingDepth(MAX_DEPTH)
              .build())
          .build())
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private JsonCodec() {}

  /** Encodes a value as Odoo expects it (see {@link ValueEncoder}), e.g. for tests and messages. */
  public static String write(Object value) {
    return body(g -> writeValue(g, value)).utf8();
  }

  /** What writes a JSON document with a generator. */
  @FunctionalInterface
  public interface Document {
    /** Writes the document. */
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * A request body written in one pass with a generator in the layout of Python's
   * {@code json.dumps}, straight into pooled segments.
   */
  public static WireBody body(Document document) {
    return WireBody.json(out -> {
      try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
        g.setPrettyPrinter(PYTHON_STYLE);
        document.write(g);
      }
    });
  }

  /** Writes one caller value (SDK types converted on the way, see {@link ValueEncoder#write}). */
  public static void writeValue(JsonGenerator g, Object v) throws IOException {
    ValueEncoder.write(v, new Writer(g));
  }

  /** {@link ValueEncoder.WireWriter} onto a Jackson generator. */
  private record Writer(JsonGenerator g) implements ValueEncoder.WireWriter {
    @Override public void nil() throws IOException {
      g.writeNull();
    }
    @Override public void bool(boolean b) throws IOException {
      g.writeBoolean(b);
    }
    @Override public void integer(long l) throws IOException {
      g.writeNumber(l);
    }
    @Override public void number(double d) throws IOException {
      g.writeNumber(d);
    }
    @Override public void decimal(BigDecimal d) throws IOException {
      g.writeNumber(d);
    }
    @Override public void string(String s) throws IOException {
      g.writeString(s);
    }
    @Override public void binary(byte[] b) throws IOException {
      g.writeString(java.util.Base64.getEncoder().encodeToString(b));
    }
    @Override public void startList() throws IOException {
      g.writeStartArray();
    }
    @Override public void endList() throws IOException {
      g.writeEndArray();
    }
    @Override public void startMap() throws IOException {
      g.writeStartObject();
    }
    @Override public void key(String k) throws IOException {
      g.writeFieldName(k);
    }
    @Override public void endEntry() {}
    @Override public void endMap() throws IOException {
      g.writeEndObject();
    }
  }

  /** Creates a parser over a body. */
  public static JsonParser parser(byte[] body) throws IOException {
    return FACTORY.createParser(body);
  }

  /** Creates a parser over a stream. */
  public static JsonParser parser(InputStream body) throws IOException {
    return FACTORY.createParser(body);
  }

  /** Decodes a whole document into a plain value; trailing content is an error. */
  public static Object read(byte[] body) throws IOException {
    try (JsonParser p = parser(body)) {
      return readDocument(p);
    }
  }

  /** Decodes a whole document from a stream as it arrives; trailing content is an error. */
  public static Object read(InputStream body) throws IOException {
    try (JsonParser p = parser(body)) {
      return readDocument(p);
    }
  }

  private static Object readDocument(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new IOException("empty JSON body");
    }
    Object v = readValue(p);
    if (p.nextToken() != null) {
      throw new IOException("unexpected content after the JSON value");
    }
    return v;
  }

  /**
   * What kind of problem a decoding failure was, without any text of the document (parser
   * messages quote the offending token, which may be a secret echoed by the server).
   */
  public static String describe(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
      return "nested deeper than " + MAX_DEPTH + " levels or too large";
    }
    if (e instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
      return "a number out of range";
    }
    if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
      return "truncated";
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      com.fasterxml.jackson.core.JsonLocation at = ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation();
      return "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Reads the value at the parser's current token (the token must already be read). */
  public static Object readValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("truncated JSON body");
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
          p.nextToken();
          map.put(name, readValue(p));
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
          throw new IOException("truncated JSON object");
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
          if (n == null) {
            throw new IOException("truncated JSON array");
          }
          list.add(readValue(p));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT: {
        double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
          throw new IOException("a number out of range");
        }
        return d;
      }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }

  private static final PrettyPrinter PYTHON_STYLE = new PrettyPrinter() {
    @Override public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(' ');
    }
    @Override public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
    }
    @Override public void writeEndObject(JsonGenerator g, int n) throws IOException {
      g.writeRaw('}');
    }
    // two raw chars, not a raw String: the generator copies a String's chars out and encodes them
    @Override public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      g.writeRaw(' ');
    }
    @Override public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(':');
      g.writeRaw(' ');
    }
    @Override public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
    }
    @Override public void writeEndArray(JsonGenerator g, int n) throws IOException {
      g.writeRaw(']');
    }
    @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      g.writeRaw(' ');
    }
    @Override public void beforeArrayValues(JsonGenerator g) {}
    @Override public void beforeObjectEntries(JsonGenerator g) {}
  };
}
