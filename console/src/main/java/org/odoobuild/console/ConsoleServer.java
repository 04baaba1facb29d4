package org.odoobuild.console;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.ops.ReconciliationReport;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.console.internal.Console;
import org.odoobuild.console.internal.Credentials;
import org.odoobuild.console.internal.Masker;
import org.odoobuild.console.internal.Settings;
import org.odoobuild.console.internal.WorkflowView;
import org.odoobuild.workflow.kit.WorkflowEngine;

/**
 * The operations console: a small web application over a {@link SyncStore} (dead letters, audit
 * trail, outbox, run history), a {@link SyncEngine} (flows: status, backlog, lag, last runs;
 * pause, resume, run now), workflow engines (instances on hold or blocked and their allowed
 * actions) and reconciliation reports. Pages are rendered on the server with inline CSS and no
 * script, so it works offline and behind strict proxies.
 *
 * <p>Security: every page needs a signed-in user (the console's own users and API tokens, or
 * the host's {@link ConsoleAuthenticator}); viewers only look, operators also act; every action
 * is a POST that must carry the page's CSRF token; payload fields are masked by name; every
 * action is written to the store's audit trail with the acting user.
 * <pre>{@code
 * ConsoleServer console = ConsoleServer.builder()
 *     .engine(engine)
 *     .user("alice", System.getenv("CONSOLE_ALICE_PASSWORD"), Role.OPERATOR)
 *     .maskFields("iban", "tax_id")
 *     .port(8089)
 *     .build()
 *     .start();                      // standalone on 127.0.0.1:8089
 * // or, in a host application's own com.sun.net.httpserver.HttpServer:
 * ConsoleServer mounted = ConsoleServer.builder().engine(engine).basePath("/ops").authenticator(hostLogin).build();
 * mounted.mount(hostServer);
 * }</pre>
 *
 * <p>Thread-safe. The builder is not; {@link Builder#build()} copies its configuration, so a
 * builder may be reused.
 */
public final class ConsoleServer implements AutoCloseable {
  private final Settings settings;
  private final Console console;
  private HttpServer server;
  private ExecutorService executor;

  private ConsoleServer(Settings settings) {
    this.settings = settings;
    this.console = new Console(settings);
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Serves the console on its own port ({@link Builder#bind}, {@link Builder#port}).
   *
   * @return this
   * @throws UncheckedIOException when the address cannot be bound
   * @throws IllegalStateException when already started
   */
  public synchronized ConsoleServer start() {
    if (server != null) {
      throw new IllegalStateException("the console is already started");
    }
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
      executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "console-http");
        t.setDaemon(true);
        return t;
      });
      s.setExecutor(executor);
      s.createContext(settings.basePath().isEmpty() ? "/" : settings.basePath(), console);
      s.start();
      server = s;
      return this;
    } catch (IOException e) {
      if (executor != null) {
        executor.shutdownNow();
      }
      throw new UncheckedIOException("cannot serve the console on " + settings.host() + ":" + settings.port(), e);
    }
  }

  /**
   * Serves the console inside a host's server, under the {@link Builder#basePath base path}.
   *
   * @param host the host application's server
   */
  public void mount(HttpServer host) {
    host.createContext(settings.basePath().isEmpty() ? "/" : settings.basePath(), console);
  }

  /**
   * The console as a handler, for hosts that route requests themselves; it answers requests
   * whose path starts with the base path.
   *
   * @return the handler
   */
  public HttpHandler handler() {
    return console;
  }

  /**
   * Where the standalone console answers.
   *
   * @return e.g. {@code http://127.0.0.1:8089/}
   * @throws IllegalStateException before {@link #start()}
   */
  public synchronized URI url() {
    if (server == null) {
      throw new IllegalStateException("the console is not started");
    }
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    host = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + host + ":" + a.getPort() + settings.basePath() + "/");
  }

  /**
   * The standalone console's port (the one chosen when {@link Builder#port} was 0).
   *
   * @return the port
   */
  public int port() {
    return url().getPort();
  }

  /** Stops the standalone server (requests in progress get up to 2 s) and the run-now worker. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(2);
      executor.shutdown();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
    console.close();
  }

  @Override
  public String toString() {
    return "ConsoleServer{" + settings.host() + ":" + settings.port() + settings.basePath() + "}";
  }

  /** Configures a {@link ConsoleServer}. Not thread-safe. */
  public static final class Builder {
    private SyncEngine engine;
    private SyncStore store;
    private final List<WorkflowView> workflows = new ArrayList<>();
    private Supplier<? extends Collection<ReconciliationReport>> reconciliation;
    private final Credentials credentials = new Credentials();
    private ConsoleAuthenticator authenticator;
    private final Set<String> maskFields = new LinkedHashSet<>();
    private final List<Pattern> maskValues = new ArrayList<>();
    private final List<ConsolePage> pages = new ArrayList<>();
    private String host = "127.0.0.1";
    private int port = 8089;
    private String basePath = "";
    private Duration sessionTimeout = Duration.ofMinutes(30);
    private boolean secureCookies;
    private Clock clock = Clock.systemUTC();
    private String title = "Integration console";

    private Builder() {}

    /**
     * The sync engine whose flows the console shows and runs; also sets the store to the
     * engine's unless {@link #store} is given.
     *
     * @param value the engine
     * @return this
     */
    public Builder engine(SyncEngine value) {
      engine = Objects.requireNonNull(value, "engine");
      return this;
    }

    /**
     * The store (dead letters, audit, run history) when there is no engine, or another one than
     * the engine's.
     *
     * @param value the store
     * @return this
     */
    public Builder store(SyncStore value) {
      store = Objects.requireNonNull(value, "store");
      return this;
    }

    /**
     * A workflow whose instances in {@code shown} states (e.g. on hold, blocked) are listed, with
     * the actions an operator may fire there. Each action builds the event's payload from the
     * reason the operator typed; the workflow's guards still decide.
     * <pre>{@code
     * .workflow(gate, Set.of(State.ON_HOLD), Map.of(
     *     Event.RESUME, reason -> new Signal("console", compliance.valid(vendor), reason),
     *     Event.CANCEL, reason -> new Signal("console", true, reason)))
     * }</pre>
     *
     * @param workflow the workflow engine
     * @param shown the states listed
     * @param actions event → payload from the reason; offered only where the state allows the event
     * @param <S> the state enum
     * @param <E> the event enum
     * @param <C> the payload type
     * @return this
     */
    public <S extends Enum<S>, E extends Enum<E>, C> Builder workflow(WorkflowEngine<S, E, C> workflow, Set<S> shown,
        Map<E, Function<String, C>> actions) {
      Objects.requireNonNull(workflow, "workflow");
      if (workflows.stream().anyMatch(w -> w.name().equals(workflow.workflow().name()))) {
        throw new IllegalArgumentException("workflow " + workflow.workflow().name() + " is added twice");
      }
      workflows.add(WorkflowView.of(workflow, shown, actions));
      return this;
    }

    /**
     * Where the latest reconciliation reports come from (asked on every visit of the page; keep
     * it cheap, e.g. the reports of the last scheduled reconciliation).
     *
     * @param reports the reports
     * @return this
     */
    public Builder reconciliation(Supplier<? extends Collection<ReconciliationReport>> reports) {
      reconciliation = Objects.requireNonNull(reports, "reports");
      return this;
    }

    /**
     * A console user who signs in with a password (form or HTTP Basic). Only a salted hash of
     * the password is kept.
     *
     * @param name the user name (written into the audit trail)
     * @param password at least 8 characters
     * @param role what the user may do
     * @return this
     */
    public Builder user(String name, String password, Role role) {
      credentials.addUser(name, password, role);
      return this;
    }

    /**
     * An API token that signs in as {@code name} (HTTP {@code Authorization: Bearer}, or the
     * sign-in form with no user). Only a hash of the token is kept.
     *
     * @param token at least 20 characters
     * @param name the user name it acts as
     * @param role what it may do
     * @return this
     */
    public Builder token(String token, String name, Role role) {
      credentials.addToken(token, new ConsoleUser(name, role));
      return this;
    }

    /**
     * The host application's own sign-in, asked first on every request.
     *
     * @param value the authenticator
     * @return this
     */
    public Builder authenticator(ConsoleAuthenticator value) {
      authenticator = Objects.requireNonNull(value, "authenticator");
      return this;
    }

    /**
     * Payload, header and variable fields shown as {@code ••••} (names compared without case,
     * at any depth), in addition to names that look like secrets ({@code password}, {@code token},
     * {@code secret}, {@code api_key} …). Their values are also hidden where they appear in error
     * messages.
     *
     * @param names field names
     * @return this
     */
    public Builder maskFields(String... names) {
      for (String n : names) {
        maskFields.add(Objects.requireNonNull(n, "field name"));
      }
      return this;
    }

    /**
     * Values hidden wherever text is shown (payloads, error messages, audit details, reasons), in
     * addition to the defaults: IBANs and {@code password=…}, {@code token: …}-style secrets. A
     * pattern with two groups keeps them (e.g. the key and separator) and masks the rest of the
     * match.
     *
     * @param patterns the patterns
     * @return this
     */
    public Builder maskValues(Pattern... patterns) {
      for (Pattern p : patterns) {
        maskValues.add(Objects.requireNonNull(p, "pattern"));
      }
      return this;
    }

    /**
     * An extra read-only page (e.g. job cost per project and cost code).
     *
     * @param page the page
     * @return this
     */
    public Builder page(ConsolePage page) {
      Objects.requireNonNull(page, "page");
      if (!page.path().matches("[a-z0-9-]{1,40}")) {
        throw new IllegalArgumentException("page paths use a-z, 0-9 and '-' (1-40), got '" + page.path() + "'");
      }
      if (pages.stream().anyMatch(p -> p.path().equals(page.path()))) {
        throw new IllegalArgumentException("page " + page.path() + " is added twice");
      }
      pages.add(page);
      return this;
    }

    /**
     * The address the standalone server binds (default {@code 127.0.0.1}: this machine only; put
     * a TLS proxy in front before binding other addresses).
     *
     * @param value a host name or address
     * @return this
     */
    public Builder bind(String value) {
      host = Objects.requireNonNull(value, "host");
      return this;
    }

    /**
     * The standalone server's port (default 8089; 0 picks a free one).
     *
     * @param value 0 to 65535
     * @return this
     */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      port = value;
      return this;
    }

    /**
     * The path the console lives under (default: the root), e.g. {@code /ops} when mounted.
     *
     * @param value {@code ""} or a path such as {@code /ops}
     * @return this
     */
    public Builder basePath(String value) {
      Objects.requireNonNull(value, "basePath");
      String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
      if (!v.isEmpty() && !v.matches("(/[A-Za-z0-9._-]+)+")) {
        throw new IllegalArgumentException("a base path looks like /ops, got '" + value + "'");
      }
      basePath = v;
      return this;
    }

    /**
     * How long a signed-in browser may stay idle (default 30 minutes).
     *
     * @param value the timeout
     * @return this
     */
    public Builder sessionTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("sessionTimeout must be positive");
      }
      sessionTimeout = value;
      return this;
    }

    /**
     * Marks cookies {@code Secure} (set this when users reach the console over HTTPS).
     *
     * @param value whether cookies need HTTPS
     * @return this
     */
    public Builder secureCookies(boolean value) {
      secureCookies = value;
      return this;
    }

    /**
     * The clock for ages and session timeouts (for tests).
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The name in the page header (default {@code Integration console}).
     *
     * @param value the title
     * @return this
     */
    public Builder title(String value) {
      title = Objects.requireNonNull(value, "title");
      return this;
    }

    /**
     * The console, with a copy of this configuration.
     *
     * @return the console (not yet serving: {@link ConsoleServer#start()} or
     *     {@link ConsoleServer#mount})
     * @throws IllegalStateException without a store or engine, or without any way to sign in
     */
    public ConsoleServer build() {
      SyncStore s = store != null ? store : engine != null ? engine.store() : null;
      if (s == null) {
        throw new IllegalStateException("the console needs a store or an engine");
      }
      if (credentials.isEmpty() && authenticator == null) {
        throw new IllegalStateException("the console needs users, tokens or an authenticator: nobody could sign in");
      }
      return new ConsoleServer(new Settings(Optional.ofNullable(engine), s, workflows, Optional.ofNullable(reconciliation),
          credentials.copy(), Optional.ofNullable(authenticator), new Masker(maskFields, maskValues), pages, host, port, basePath,
          sessionTimeout, secureCookies, clock, title));
    }
  }
}
