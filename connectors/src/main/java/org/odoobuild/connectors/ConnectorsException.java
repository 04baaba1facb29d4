package org.odoobuild.connectors;

/**
 * The root of every exception the connectors module throws (the durable store, webhook intake).
 * Failures of your own sources and sinks reach you as they were thrown.
 */
public class ConnectorsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public ConnectorsException(String message) {
    super(message);
  }

  /** An exception with a message and its cause. */
  public ConnectorsException(String message, Throwable cause) {
    super(message, cause);
  }
}
