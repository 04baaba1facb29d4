package org.odoobuild.client.internal;

import java.io.IOException;
import java.io.OutputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;

/**
 * A request body encoded once, in one pass from the caller's values, into okio's pooled
 * segments, and sent with its {@code Content-Length}. Writing it hands the segments to the
 * socket's buffer without copying their bytes ({@link Buffer#copyTo(Buffer, long, long)} shares
 * them), so a body is never turned into a {@code String} or a {@code byte[]}. Encoding ends before
 * anything is sent: a value Odoo cannot store fails the call with nothing on the wire. It may be
 * written more than once (interceptors that log bodies).
 */
public final class WireBody extends RequestBody {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType XML = MediaType.get("text/xml");

  private final Buffer bytes;
  private final MediaType type;

  private WireBody(Buffer bytes, MediaType type) {
    this.bytes = bytes;
    this.type = type;
  }

  /** What writes a body's bytes. */
  @FunctionalInterface
  public interface Encoder {
    /** Writes the body to {@code out} (an okio buffer: every write lands in pooled segments). */
    void encode(Buffer out) throws IOException;
  }

  /** A JSON body. */
  public static WireBody json(Encoder encoder) {
    return of(encoder, JSON);
  }

  /** An XML body. */
  public static WireBody xml(Encoder encoder) {
    return of(encoder, XML);
  }

  private static WireBody of(Encoder encoder, MediaType type) {
    Buffer out = new Buffer();
    try {
      encoder.encode(out);
    } catch (IOException e) {
      out.clear();
      throw new IllegalStateException("cannot encode the request", e); // an okio buffer does no I/O
    } catch (RuntimeException e) {
      out.clear();
      throw e;
    }
    return new WireBody(out, type);
  }

  /** An output stream into a buffer, for encoders (Jackson) that write to streams. */
  static OutputStream stream(Buffer out) {
    return out.outputStream();
  }

  @Override
  public MediaType contentType() {
    return type;
  }

  @Override
  public long contentLength() {
    return bytes.size();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    bytes.copyTo(sink.getBuffer(), 0, bytes.size());
    sink.emitCompleteSegments();
  }

  /** The bytes as UTF-8 text (tests, messages). */
  public String utf8() {
    return bytes.snapshot().utf8();
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.snapshot().toByteArray();
  }
}
