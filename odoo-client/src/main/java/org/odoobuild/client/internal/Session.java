package org.odoobuild.client.internal;

/**
 * What an authenticated object call needs: database, uid and the secret (password or API key).
 * The secret is never shown by {@link #toString()}.
 */
public record Session(String database, long uid, String secret) {
  @Override
  public String toString() {
    return "Session{database=" + database + ", uid=" + uid + ", secret=***}";
  }
}
