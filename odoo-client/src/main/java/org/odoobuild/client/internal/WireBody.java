package org.odoobuild.client.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body encoded once, in one pass from the caller's values, into a byte buffer that the
 * calling thread reuses from one request to the next, and sent with its {@code Content-Length}:
 * no {@code String}, no re-encoding, no copy but the one into the socket's buffer. Encoding ends
 * before anything is sent, so a value Odoo cannot store fails the call with nothing on the wire.
 * The body may be written more than once (interceptors that log bodies) until the exchange ends
 * and {@link #release()} hands the buffer back.
 */
public final class WireBody extends RequestBody {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType XML = MediaType.get("text/xml");
  /** Buffers that grew past this are not kept for the next request. */
  private static final int KEEP_AT_MOST = 4 * 1024 * 1024;
  private static final ThreadLocal<Bytes> SPARE = new ThreadLocal<>();

  private Bytes bytes;
  private final int size;
  private final MediaType type;

  private WireBody(Bytes bytes, MediaType type) {
    this.bytes = bytes;
    this.size = bytes.size;
    this.type = type;
  }

  /** What writes a body's bytes. */
  @FunctionalInterface
  public interface Encoder {
    /** Writes the body to {@code out}. */
    void encode(Bytes out) throws IOException;
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
    Bytes out = SPARE.get();
    if (out == null) {
      out = new Bytes();
    } else {
      SPARE.remove(); // a call made while this body is out (none today) gets its own buffer
    }
    out.size = 0;
    try {
      encoder.encode(out);
    } catch (IOException e) {
      give(out);
      throw new IllegalStateException("cannot encode the request", e); // a byte buffer does no I/O
    } catch (RuntimeException e) {
      give(out);
      throw e;
    }
    return new WireBody(out, type);
  }

  private static void give(Bytes b) {
    if (b.buf.length <= KEEP_AT_MOST) {
      SPARE.set(b);
    }
  }

  /** Hands the buffer back for the next request of this thread; the body cannot be written afterwards. */
  public void release() {
    Bytes b = bytes;
    if (b != null) {
      bytes = null;
      give(b);
    }
  }

  @Override
  public MediaType contentType() {
    return type;
  }

  @Override
  public long contentLength() {
    return size;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    Bytes b = bytes;
    if (b == null) {
      throw new IOException("request body already released");
    }
    sink.write(b.buf, 0, size);
  }

  /** The bytes as UTF-8 text (tests, messages). */
  public String utf8() {
    return new String(bytes.buf, 0, size, StandardCharsets.UTF_8);
  }

  /**
   * A growable byte buffer with the writes the encoders need: bytes (Jackson writes through
   * {@link OutputStream}), ASCII, UTF-8 text and decimal numbers.
   */
  public static final class Bytes extends OutputStream {
    private byte[] buf = new byte[8192];
    private int size;

    private void room(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    @Override
    public void write(int b) {
      room(1);
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      room(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    /** Writes {@code s[from, to)} as UTF-8 (an unpaired surrogate as {@code ?}, as {@code String.getBytes} does). */
    public Bytes utf8(String s, int from, int to) {
      room((to - from) * 3);
      byte[] b = buf;
      int n = size;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          b[n++] = (byte) c;
        } else if (c < 0x800) {
          b[n++] = (byte) (0xc0 | c >> 6);
          b[n++] = (byte) (0x80 | c & 0x3f);
        } else if (Character.isSurrogate(c)) {
          int cp = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))
              ? Character.toCodePoint(c, s.charAt(++i)) : '?';
          if (cp == '?') {
            b[n++] = '?';
          } else {
            b[n++] = (byte) (0xf0 | cp >> 18);
            b[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
            b[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
            b[n++] = (byte) (0x80 | cp & 0x3f);
          }
        } else {
          b[n++] = (byte) (0xe0 | c >> 12);
          b[n++] = (byte) (0x80 | c >> 6 & 0x3f);
          b[n++] = (byte) (0x80 | c & 0x3f);
        }
      }
      size = n;
      return this;
    }

    /** Writes a whole text as UTF-8. */
    public Bytes utf8(String s) {
      return utf8(s, 0, s.length());
    }

    /** Writes a number in decimal. */
    public Bytes decimal(long l) {
      if (l >= 0 && l < 10) {
        write('0' + (int) l);
        return this;
      }
      return utf8(Long.toString(l));
    }
  }
}
