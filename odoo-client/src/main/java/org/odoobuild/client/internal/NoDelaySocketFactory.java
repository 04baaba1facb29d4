package org.odoobuild.client.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Plain sockets with {@code TCP_NODELAY} on. OkHttp writes a request's headers and body
 * separately and leaves Nagle's algorithm on, so a body of a few kilobytes (a batch for
 * {@code load} or {@code create}) can wait for the server's delayed ACK: about 40 ms per call
 * on Linux (benchmarks/: 44 ms for a 10-60 kB POST on loopback, 0.5 ms with this factory).
 * TLS is layered on top of these sockets, so HTTPS benefits too.
 *
 * <p>With a read timeout, the sockets also enforce it themselves ({@code SO_TIMEOUT}): where
 * OkHttp asks for no timeout (its own read timeout set to zero), they keep this one. A blocked read
 * then ends with a {@link java.net.SocketTimeoutException} as with OkHttp's timeout, without
 * OkHttp's watchdog thread being woken for every 8 KB read (about a tenth of the time of reading a
 * large answer). Only for HTTP/1.1 connections: HTTP/2 reads a socket with no timeout on purpose.
 */
public final class NoDelaySocketFactory extends SocketFactory {
  private static final SocketFactory DEFAULT = SocketFactory.getDefault();
  private final int readTimeoutMillis;

  /** Wraps the JVM's default socket factory; reads have the timeout OkHttp sets. */
  public NoDelaySocketFactory() {
    this(Duration.ZERO);
  }

  /**
   * Sockets whose reads time out after {@code readTimeout} where OkHttp sets none.
   *
   * @param readTimeout the read timeout; zero for OkHttp's own
   */
  public NoDelaySocketFactory(Duration readTimeout) {
    this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
  }

  private Socket noDelay(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    if (readTimeoutMillis > 0) {
      s.setSoTimeout(0);
    }
    return s;
  }

  private Socket unconnected() throws IOException {
    return noDelay(readTimeoutMillis > 0 ? new ReadTimeoutSocket(readTimeoutMillis) : DEFAULT.createSocket());
  }

  private Socket connected(InetSocketAddress to, InetAddress localAddress, int localPort) throws IOException {
    Socket s = unconnected();
    try {
      if (localAddress != null || localPort != 0) {
        s.bind(new InetSocketAddress(localAddress, localPort));
      }
      s.connect(to);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public Socket createSocket() throws IOException {
    return unconnected();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null, 0);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null, 0);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(address, port), localAddress, localPort);
  }

  /** A socket on which "no read timeout" means the factory's. */
  private static final class ReadTimeoutSocket extends Socket {
    private final int readTimeoutMillis;

    ReadTimeoutSocket(int readTimeoutMillis) {
      this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      super.setSoTimeout(timeout == 0 ? readTimeoutMillis : timeout);
    }
  }
}
