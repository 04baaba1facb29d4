package org.odoobuild.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.odoobuild.client.Protocol;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code odoo.*} properties. Secrets ({@code odoo.password}, {@code odoo.api-key}) never appear
 * in {@link #toString()}.
 * <pre>
 * odoo.url=https://erp.example.com
 * odoo.database=construction
 * odoo.login=integration@example.com      # with the API key on Odoo 17; with odoo.password without a key
 * odoo.api-key=${ODOO_API_KEY}
 * odoo.protocol=AUTO                      # JSON2, JSONRPC, XMLRPC
 * odoo.timeout=60s
 * odoo.connect-timeout=10s
 * odoo.sync.interval=5m                   # run every Flow bean this often (unset: only when you call run)
 * odoo.sync.store=auto                    # auto (the DataSource, else embedded), datasource, embedded, memory
 * odoo.sync.embedded-dir=var/sync
 * odoo.health.max-dead-letters=-1         # more dead letters than this make the sync health OUT_OF_SERVICE
 * </pre>
 */
@ConfigurationProperties(prefix = "odoo")
public class OdooProperties {
  /** The Odoo server's base URL, e.g. https://erp.example.com; the client is configured only when it is set. */
  private String url = "";
  /** The Odoo database. */
  private String database = "";
  /** The login: with odoo.password, or with odoo.api-key on Odoo 17 (JSON-RPC logs in with login and key). */
  private String login = "";
  /** The password, when there is no API key. */
  private String password = "";
  /** An API key of the integration user (alone on Odoo 19, with odoo.login on Odoo 17). */
  private String apiKey = "";
  /** The protocol: AUTO (JSON-2 on Odoo 19+ with an API key, JSON-RPC otherwise), JSON2, JSONRPC or XMLRPC. */
  private Protocol protocol = Protocol.AUTO;
  /** The longest a call may take. */
  private Duration timeout = Duration.ofSeconds(60);
  /** The longest a connection attempt may take. */
  private Duration connectTimeout = Duration.ofSeconds(10);
  private final Sync sync = new Sync();
  private final Health health = new Health();

  /** @return the server's base URL; the client is configured only when it is set */
  public String getUrl() {
    return url;
  }

  /** @param url the server's base URL */
  public void setUrl(String url) {
    this.url = url == null ? "" : url.trim();
  }

  /** @return the database */
  public String getDatabase() {
    return database;
  }

  /** @param database the database */
  public void setDatabase(String database) {
    this.database = database == null ? "" : database.trim();
  }

  /** @return the login (with the password, or with the API key on Odoo 17) */
  public String getLogin() {
    return login;
  }

  /** @param login the login */
  public void setLogin(String login) {
    this.login = login == null ? "" : login.trim();
  }

  /** @return the password (when there is no API key) */
  public String getPassword() {
    return password;
  }

  /** @param password the password */
  public void setPassword(String password) {
    this.password = password == null ? "" : password;
  }

  /** @return the API key */
  public String getApiKey() {
    return apiKey;
  }

  /** @param apiKey the API key */
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey == null ? "" : apiKey.trim();
  }

  /** @return the protocol (default AUTO: JSON-2 on Odoo 19+ with an API key, JSON-RPC otherwise) */
  public Protocol getProtocol() {
    return protocol;
  }

  /** @param protocol the protocol */
  public void setProtocol(Protocol protocol) {
    this.protocol = protocol;
  }

  /** @return the longest a call may take */
  public Duration getTimeout() {
    return timeout;
  }

  /** @param timeout the longest a call may take */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /** @return the longest a connection attempt may take */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** @param connectTimeout the longest a connection attempt may take */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** @return the sync engine's settings */
  public Sync getSync() {
    return sync;
  }

  /** @return the health indicators' settings */
  public Health getHealth() {
    return health;
  }

  @Override
  public String toString() {
    return "OdooProperties{url=" + url + ", database=" + database + ", login=" + login + ", protocol=" + protocol
        + ", secret=" + (apiKey.isEmpty() && password.isEmpty() ? "none" : "***") + "}";
  }

  /** Where the sync engine keeps its state. */
  public enum StoreKind {
    /** The application's DataSource when there is one (PostgreSQL, or H2 in PostgreSQL mode), else embedded. */
    AUTO,
    /** The application's DataSource; fails without one. */
    DATASOURCE,
    /** An H2 file in {@code odoo.sync.embedded-dir}. */
    EMBEDDED,
    /** In memory, gone at shutdown (tests and demos). */
    MEMORY
  }

  /** {@code odoo.sync.*}. */
  public static class Sync {
    /** Whether the sync store and engine are configured. */
    private boolean enabled = true;
    /** How often every Flow bean runs; unset: only when the application calls engine.run. */
    private Duration interval;
    /** Where the sync state is kept: auto (the DataSource, else embedded), datasource, embedded or memory. */
    private StoreKind store = StoreKind.AUTO;
    /** The directory of the embedded H2 store. */
    private Path embeddedDir = Path.of("var/sync");
    /** This instance's worker id in outbox leases and audit rows (default engine-PID). */
    private String workerId = "";

    /** @return whether the store and engine are configured (default true) */
    public boolean isEnabled() {
      return enabled;
    }

    /** @param enabled whether the store and engine are configured */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** @return how often every flow runs; null: never on its own */
    public Duration getInterval() {
      return interval;
    }

    /** @param interval how often every flow runs */
    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    /** @return where the state is kept */
    public StoreKind getStore() {
      return store;
    }

    /** @param store where the state is kept */
    public void setStore(StoreKind store) {
      this.store = store;
    }

    /** @return the directory of the embedded store */
    public Path getEmbeddedDir() {
      return embeddedDir;
    }

    /** @param embeddedDir the directory of the embedded store */
    public void setEmbeddedDir(Path embeddedDir) {
      this.embeddedDir = embeddedDir;
    }

    /** @return this instance's worker id in leases and audit rows (default {@code engine-<pid>}) */
    public String getWorkerId() {
      return workerId;
    }

    /** @param workerId this instance's worker id */
    public void setWorkerId(String workerId) {
      this.workerId = workerId == null ? "" : workerId;
    }
  }

  /** {@code odoo.health.*}. */
  public static class Health {
    /** Dead letters (all flows) above which the odooSync health is OUT_OF_SERVICE; negative: never. */
    private long maxDeadLetters = -1;

    /** @return dead letters (all flows) above which the sync health is OUT_OF_SERVICE; negative: never */
    public long getMaxDeadLetters() {
      return maxDeadLetters;
    }

    /** @param maxDeadLetters the threshold; negative: never */
    public void setMaxDeadLetters(long maxDeadLetters) {
      this.maxDeadLetters = maxDeadLetters;
    }
  }
}
