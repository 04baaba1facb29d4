package org.odoobuild.client.stub;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/** A socket factory whose first {@code n} connects are refused before any byte is sent. */
public final class RefusingSockets extends SocketFactory {
  private final AtomicInteger refusals;
  private final AtomicInteger refused = new AtomicInteger();

  /** Refuses the next {@code n} connects. */
  public RefusingSockets(int n) {
    refusals = new AtomicInteger(n);
  }

  /** How many connects were refused. */
  public int refused() {
    return refused.get();
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (refusals.getAndDecrement() > 0) {
          refused.incrementAndGet();
          throw new ConnectException("Connection refused (test)");
        }
        super.connect(endpoint, timeout);
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new UnsupportedOperationException();
  }
}
