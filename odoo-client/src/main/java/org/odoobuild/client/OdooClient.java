package org.odoobuild.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import org.odoobuild.client.internal.Deadline;
import org.odoobuild.client.internal.HttpSupport;
import org.odoobuild.client.internal.Json2Transport;
import org.odoobuild.client.internal.JsonCodec;
import org.odoobuild.client.internal.JsonRpcTransport;
import org.odoobuild.client.internal.NoDelaySocketFactory;
import org.odoobuild.client.internal.RpcTransport;
import org.odoobuild.client.internal.Session;
import org.odoobuild.client.internal.XmlRpcTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A typed client for one Odoo database. Thread-safe; build one and share it.
 * <pre>{@code
 * OdooClient odoo = OdooClient.builder()
 *     .url("https://erp.example.com").database("construction")
 *     .apiKey(System.getenv("ODOO_API_KEY"))       // or .login("user", "password")
 *     .build();
 * List<Record> vendors = odoo.model("res.partner")
 *     .searchRead(Query.where(Domain.where("supplier_rank", ">", 0)).fields("name", "email"));
 * }</pre>
 * The protocol is chosen from the server version on first use (JSON-2 on Odoo 19+ with an API
 * key, JSON-RPC otherwise) unless set with {@link Builder#protocol(Protocol)}.
 */
public final class OdooClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OdooClient.class);
  private static final java.util.regex.Pattern MODEL_NAME = java.util.regex.Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
  private static final List<String> FIELD_ATTRIBUTES = List.of("string", "type", "required", "readonly", "relation",
      "selection");

  private final Shared shared;
  private final Context context;

  /** State shared by a client and its {@link #withContext(Context)} copies. */
  private static final class Shared {
    final HttpSupport http;
    final OkHttpClient okHttp;
    final boolean ownsHttp;
    final String database;
    final String login;
    final String secret;
    final boolean secretIsApiKey;
    final Protocol requested;
    final RetryConfig retry;
    final Duration deadline;
    final OdooEventListener events;
    final Map<String, Map<String, FieldInfo>> fieldCache = new ConcurrentHashMap<>();
    volatile ServerVersion version;
    volatile RpcTransport transport;
    volatile Session session;

    Shared(Builder b, OkHttpClient okHttp, boolean ownsHttp) {
      this.okHttp = okHttp;
      this.ownsHttp = ownsHttp;
      this.secret = b.apiKey.isEmpty() ? b.password : b.apiKey;
      this.http = new HttpSupport(okHttp, b.url, b.maxResponseBytes,
          java.util.stream.Stream.of(b.password, b.apiKey).filter(x -> !x.isEmpty()).toList(),
          b.gatewayRefusalsNotProcessed);
      this.database = b.database;
      this.login = b.login;
      this.secretIsApiKey = !b.apiKey.isEmpty();
      if (b.uid > 0) {
        this.session = new Session(b.database, b.uid, secret);
      }
      this.requested = b.protocol;
      this.retry = b.retry;
      this.deadline = b.deadline;
      this.events = b.events();
      this.version = b.version;
    }
  }

  private OdooClient(Shared shared, Context context) {
    this.shared = shared;
    this.context = context;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The model {@code name}, e.g. {@code res.partner}. */
  public OdooModel model(String name) {
    Objects.requireNonNull(name, "name");
    if (!MODEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a model name: '" + name + "'");
    }
    return new OdooModel(this, name, Context.empty());
  }

  /** This client with a context added to every call; shares connections and session. */
  public OdooClient withContext(Context context) {
    return new OdooClient(shared, this.context.merge(context));
  }

  /** The client-wide context. */
  public Context context() {
    return context;
  }

  /** The server version (asked once, then cached). */
  public ServerVersion version() {
    ServerVersion v = shared.version;
    if (v == null) {
      synchronized (shared) {
        if (shared.version == null) {
          // asking the version is always safe to repeat: retry it like any idempotent call
          shared.version = (ServerVersion) withRetries("", "version", true, () -> Optional.of(detectVersion()))
              .orElseThrow();
        }
        v = shared.version;
      }
    }
    return v;
  }

  /** The protocol in use (resolving {@link Protocol#AUTO} on first use). */
  public Protocol protocol() {
    return transport().protocol();
  }

  /**
   * The authenticated user id. Over JSON-RPC/XML-RPC it comes from {@code common.authenticate};
   * over JSON-2 from {@code res.users.context_get}. Cached.
   *
   * @throws OdooAuthenticationException when the credentials are refused
   */
  public long uid() {
    RpcTransport t = transport();
    if (t.protocol() == Protocol.JSON2) {
      Session s = shared.session;
      if (s == null) {
        Object ctx = call("res.users", Call.method("context_get")).orElse(Map.of());
        long uid = ctx instanceof Map<?, ?> m && m.get("uid") instanceof Number n ? n.longValue() : 0L;
        s = new Session(shared.database, uid, shared.secret);
        shared.session = s;
      }
      return s.uid();
    }
    return session(t).uid();
  }

  /** Runs a method of a model; empty when the method returned {@code None}. */
  public Optional<Object> call(String model, Call call) {
    return call(model, call, Context.empty());
  }

  Optional<Object> call(String model, Call call, Context modelContext) {
    Context merged = context.merge(modelContext).merge(call.context());
    return withRetries(model, call.method(), call.isIdempotent(), () -> {
      RpcTransport t = transport();
      Session s = t.protocol() == Protocol.JSON2 ? new Session(shared.database, 0, "") : session(t);
      return t.execute(s, model, call, merged);
    });
  }

  /**
   * Calls a service method directly over JSON-RPC or XML-RPC ({@code common.version},
   * {@code object.execute}, …); with JSON-2 in use, JSON-RPC carries it.
   */
  public Optional<Object> service(String service, String method, List<?> args) {
    RpcTransport t = rpcTransport();
    List<Object> copy = new ArrayList<>(args);
    return withRetries("", service + "." + method, method.equals("version"), () -> t.service(service, method, copy));
  }

  /**
   * Calls a JSON-RPC web route ({@code type='json'} controller), e.g.
   * {@code webRoute("/web/webclient/version_info", Map.of())}; empty when the route returned
   * {@code None}. Always sent over JSON-RPC, never re-sent after an ambiguous failure.
   *
   * @param path the route, starting with {@code /}
   * @param params the {@code params} object
   * @return the route's result
   */
  public Optional<Object> webRoute(String path, Map<String, ?> params) {
    Objects.requireNonNull(path, "path");
    JsonRpcTransport t = new JsonRpcTransport(shared.http, secrets());
    Map<String, Object> copy = new java.util.LinkedHashMap<>(params);
    return withRetries("", path, false, () -> t.route(path, copy));
  }

  /**
   * Calls {@code object.execute(db, uid, secret, model, method, *args)}, the positional-only
   * form older integrations use; prefer {@link #call(String, Call)}.
   */
  public Optional<Object> execute(String model, String method, List<?> args) {
    RpcTransport t = rpcTransport();
    Session s = session(t);
    List<Object> full = new ArrayList<>();
    full.add(s.database());
    full.add(s.uid());
    full.add(s.secret());
    full.add(model);
    full.add(method);
    full.addAll(args);
    return withRetries(model, method, false, () -> t.service("object", "execute", full));
  }

  /** Releases connections (only those of a client that created its own HTTP client). */
  @Override
  public void close() {
    if (shared.ownsHttp) {
      shared.okHttp.dispatcher().executorService().shutdown();
      shared.okHttp.connectionPool().evictAll();
    }
  }

  Map<String, FieldInfo> fieldsOf(String model, java.util.function.Supplier<Map<String, FieldInfo>> loader) {
    return shared.fieldCache.computeIfAbsent(model, m -> loader.get());
  }

  static List<String> fieldAttributes() {
    return FIELD_ATTRIBUTES;
  }

  private interface Attempt {
    Optional<Object> run();
  }

  /**
   * Runs one logical call: the attempts, their waits and the deadline. An attempt that failed
   * is re-sent when the failure is transient and sending again is safe: the call is idempotent,
   * or the request provably did not leave this machine.
   */
  private Optional<Object> withRetries(String model, String method, boolean idempotent, Attempt attempt) {
    String cid = MDC.get("correlation_id");
    boolean ownCid = cid == null;
    if (ownCid) {
      MDC.put("correlation_id", Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }
    try {
      return Deadline.within(shared.deadline.toNanos(), () -> new LogicalCall(model, method, idempotent).run(attempt));
    } finally {
      if (ownCid) {
        MDC.remove("correlation_id");
      }
    }
  }

  /** The state of one logical call while its attempts run. */
  private final class LogicalCall {
    private final String model;
    private final String method;
    private final boolean idempotent;
    private final long start = System.nanoTime();
    private int attempts;
    private boolean mayHaveBeenProcessed;
    private long nextDelayNanos;

    LogicalCall(String model, String method, boolean idempotent) {
      this.model = model;
      this.method = method;
      this.idempotent = idempotent;
    }

    Optional<Object> run(Attempt attempt) {
      OdooEventListener events = shared.events;
      events.callStart(model, method);
      RetryConfig cfg = shared.retry;
      RetryPolicy<Optional<Object>> policy = RetryPolicy.<Optional<Object>>builder()
          .handleIf((result, failure) -> failure instanceof OdooException e && e.isRetryable() && mayResend(e))
          .withMaxAttempts(cfg.maxAttempts())
          .withDelayFn(ctx -> delay(ctx.getAttemptCount(), ctx.getLastException()))
          // never wait past the deadline: the call then fails with its last error
          .abortIf((result, failure) -> failure != null && nextDelayNanos >= Deadline.remainingNanos())
          .onFailedAttempt(e -> {
            if (e.getLastException() instanceof OdooException oe) {
              events.attemptFailed(model, method, attempts, oe);
            }
          })
          .onRetryScheduled(e -> events.retryScheduled(model, method, attempts + 1, e.getDelay()))
          .build();
      try {
        Optional<Object> result = Failsafe.with(policy).get(() -> {
          attempts++;
          try {
            return attempt.run();
          } catch (OdooTransportException e) {
            mayHaveBeenProcessed |= e.requestMayHaveBeenProcessed();
            throw e;
          } catch (OdooException e) {
            mayHaveBeenProcessed = true; // Odoo answered
            throw e;
          }
        });
        end(Optional.empty());
        return result;
      } catch (OdooException e) {
        OdooException reported = truthful(e);
        end(Optional.of(reported));
        throw reported;
      } catch (FailsafeException e) {
        // interrupted while waiting to re-send
        Thread.currentThread().interrupt();
        OdooTransportException reported = HttpSupport.transport(protocol(shared), model, method,
            OdooTransportException.Reason.TIMEOUT, mayHaveBeenProcessed, "interrupted while waiting to re-send the call",
            java.util.OptionalInt.empty(), e.getCause());
        end(Optional.of(reported));
        throw reported;
      }
    }

    private boolean mayResend(OdooException e) {
      return idempotent || (e instanceof OdooTransportException te && !te.requestMayHaveBeenProcessed());
    }

    private Duration delay(int attempt, Throwable failure) {
      RetryConfig cfg = shared.retry;
      Duration d;
      if (failure instanceof OdooTransportException te && te.retryAfter().isPresent()) {
        Duration ra = te.retryAfter().get();
        d = ra.compareTo(cfg.maxRetryAfter()) > 0 ? cfg.maxRetryAfter() : ra;
      } else {
        long base = cfg.delay().toNanos();
        for (int i = 1; i < attempt && base < cfg.maxDelay().toNanos(); i++) {
          base *= 2;
        }
        base = Math.min(base, cfg.maxDelay().toNanos());
        // "equal jitter": half the wait fixed, half random, so that many clients spread out
        d = Duration.ofNanos(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
      }
      nextDelayNanos = d.toNanos();
      return d;
    }

    /** The failure as reported for the whole call: "may have been processed" if any attempt may have been. */
    private OdooException truthful(OdooException e) {
      if (mayHaveBeenProcessed && e instanceof OdooTransportException te && !te.requestMayHaveBeenProcessed()) {
        return new OdooTransportException(te.error(), te.reason(), true, te.retryAfter(), te);
      }
      return e;
    }

    private void end(Optional<OdooException> failure) {
      Duration d = Duration.ofNanos(System.nanoTime() - start);
      Protocol p = protocol(shared);
      if (LOG.isDebugEnabled()) {
        if (failure.isEmpty()) {
          LOG.debug("odoo {}{} via {} ok in {} ms (attempts {})", model.isEmpty() ? "" : model + ".", method, p,
              d.toMillis(), attempts);
        } else {
          LOG.debug("odoo {}{} failed in {} ms after {} attempt(s): {}", model.isEmpty() ? "" : model + ".", method,
              d.toMillis(), attempts, failure.get().getMessage());
        }
      }
      shared.events.callEnd(model, method, p, attempts, d, failure);
    }
  }

  private static Protocol protocol(Shared s) {
    RpcTransport t = s.transport;
    return t == null ? Protocol.AUTO : t.protocol();
  }

  private RpcTransport transport() {
    RpcTransport t = shared.transport;
    if (t == null) {
      synchronized (shared) {
        if (shared.transport == null) {
          shared.transport = chooseTransport();
        }
        t = shared.transport;
      }
    }
    return t;
  }

  /** The JSON-RPC or XML-RPC transport for service calls (JSON-RPC when JSON-2 is in use). */
  private RpcTransport rpcTransport() {
    RpcTransport t = transport();
    return t.protocol() == Protocol.JSON2 ? new JsonRpcTransport(shared.http, secrets()) : t;
  }

  private List<String> secrets() {
    return List.of(shared.http.secrets());
  }

  private RpcTransport chooseTransport() {
    Protocol p = shared.requested;
    if (p == Protocol.AUTO) {
      p = version().supportsJson2() && shared.secretIsApiKey ? Protocol.JSON2 : Protocol.JSONRPC;
      LOG.debug("odoo server {} at {}: using {}", version().version(), shared.http.base().host(), p);
    }
    return switch (p) {
      case JSON2 -> new Json2Transport(shared.http, shared.database, shared.secret);
      case XMLRPC -> new XmlRpcTransport(shared.http, secrets());
      default -> new JsonRpcTransport(shared.http, secrets());
    };
  }

  private Session session(RpcTransport t) {
    Session s = shared.session;
    if (s == null) {
      synchronized (shared) {
        if (shared.session == null) {
          shared.session = authenticate(t);
        }
        s = shared.session;
      }
    }
    return s;
  }

  private Session authenticate(RpcTransport t) {
    if (shared.database.isEmpty()) {
      throw new IllegalStateException("a database name is required for " + t.protocol() + " (builder.database(...))");
    }
    if (shared.login.isEmpty()) {
      throw new IllegalStateException(t.protocol() + " needs a login: use builder.login(user, password) or "
          + "builder.login(user) together with builder.apiKey(key)");
    }
    Object uid = withRetries("", "common.authenticate", true,
        () -> t.service("common", "authenticate", List.of(shared.database, shared.login, shared.secret, Map.of())))
        .orElse(Boolean.FALSE);
    if (!(uid instanceof Number n) || n.longValue() <= 0) {
      throw new OdooAuthenticationException(new OdooError("odoo.exceptions.AccessDenied",
          "authentication refused for login '" + shared.login + "' on database '" + shared.database
              + "' (common.authenticate returned false)", t.protocol(), OptionalInt.empty(), OptionalInt.empty(),
          Optional.empty(), "", "authenticate"));
    }
    return new Session(shared.database, n.longValue(), shared.secret);
  }

  /**
   * Asks {@code GET /web/version}, then {@code GET /json/version} (API-only gateways often
   * expose only {@code /json/*}), then the {@code common.version} RPC that every version has
   * (Odoo 17 answers 404 to both GETs).
   */
  private ServerVersion detectVersion() {
    for (String path : List.of("/web/version", "/json/version")) {
      Optional<ServerVersion> v = probeVersion(path);
      if (v.isPresent()) {
        return v.get();
      }
    }
    RpcTransport t = shared.requested == Protocol.XMLRPC ? new XmlRpcTransport(shared.http, secrets())
        : new JsonRpcTransport(shared.http, secrets());
    Object v = t.service("common", "version", List.of()).orElse(Map.of());
    if (!(v instanceof Map<?, ?> m)) {
      throw new OdooValueException("common.version did not return an object: " + v);
    }
    return ServerVersion.of(m);
  }

  private Optional<ServerVersion> probeVersion(String path) {
    HttpSupport.HttpAnswer a = shared.http.get(path, Protocol.AUTO);
    if (a.status() == 429 || a.status() >= 500) {
      throw shared.http.unexpected(a, Protocol.AUTO, "", "GET " + path);
    }
    if (a.status() == 200 && a.isJson()) {
      try {
        if (JsonCodec.read(a.body()) instanceof Map<?, ?> m) {
          return Optional.of(ServerVersion.of(m));
        }
      } catch (java.io.IOException e) {
        LOG.debug("unreadable {} answer: {}", path, JsonCodec.describe(e));
      } catch (OdooValueException e) {
        LOG.debug("unreadable {} answer: {}", path, shared.http.scrub(e.getMessage()));
      }
    } else {
      LOG.debug("{} answered HTTP {} ({}), trying the next way to ask the version", path, a.status(), a.contentType());
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "OdooClient{url=" + shared.http.base() + ", database=" + shared.database + ", login=" + shared.login
        + ", protocol=" + (shared.transport == null ? shared.requested : shared.transport.protocol()) + "}";
  }

  /**
   * Configures an {@link OdooClient}. Secrets given here never appear in logs or messages. Not
   * thread-safe; {@link #build()} copies the configuration, so changing the builder afterwards
   * does not affect clients already built.
   */
  public static final class Builder {
    private HttpUrl url;
    private String database = "";
    private String login = "";
    private String password = "";
    private String apiKey = "";
    private Protocol protocol = Protocol.AUTO;
    private Duration timeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private RetryConfig retry = RetryConfig.defaults();
    private Duration deadline = Duration.ofMinutes(2);
    private boolean gatewayRefusalsNotProcessed;
    private boolean allowInsecureHttp;
    private Context context = Context.empty();
    private OkHttpClient httpClient;
    private ServerVersion version;
    private long maxResponseBytes = 64L * 1024 * 1024;
    private CallListener listener = CallListener.none();
    private OdooEventListener eventListener = OdooEventListener.NONE;
    private long uid;

    private Builder() {}

    /**
     * The user id, when known in advance: JSON-RPC and XML-RPC then skip
     * {@code common.authenticate} and send it with the secret on every call.
     *
     * @param uid the user id ({@code > 0})
     * @return this builder
     */
    public Builder uid(long uid) {
      if (uid <= 0) {
        throw new IllegalArgumentException("uid must be > 0, got " + uid);
      }
      this.uid = uid;
      return this;
    }

    /**
     * The server's base URL, e.g. {@code https://erp.example.com}. User info in it
     * ({@code https://user:pw@host}) is dropped: it is never sent nor shown; credentials go
     * through {@link #apiKey(String)} or {@link #login(String, String)}. Plain {@code http://} is
     * refused at {@link #build()} unless the host is this machine or {@link #allowInsecureHttp(boolean)}
     * says otherwise.
     */
    public Builder url(String url) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
      if (parsed == null) {
        // the text may hold a password: do not repeat it
        throw new IllegalArgumentException("not an http(s) URL (scheme, host and port expected)");
      }
      this.url = parsed.newBuilder().username("").password("").build();
      return this;
    }

    /**
     * Allows credentials over plain {@code http://} to a host other than this machine (default
     * false: {@link #build()} refuses it, since the password or API key would cross the network
     * readable by anyone on the way). For a trusted private network or a TLS-terminating
     * sidecar only.
     *
     * @param allow whether to allow it
     * @return this builder
     */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /** The database name. */
    public Builder database(String database) {
      this.database = Objects.requireNonNull(database, "database");
      return this;
    }

    /** An API key (JSON-2 bearer key; also accepted as password by JSON-RPC/XML-RPC). */
    public Builder apiKey(String apiKey) {
      this.apiKey = requireSecret(apiKey, "apiKey");
      return this;
    }

    /** Login and password for JSON-RPC/XML-RPC. */
    public Builder login(String login, String password) {
      this.login = Objects.requireNonNull(login, "login");
      this.password = requireSecret(password, "password");
      return this;
    }

    /** The login to use with an API key over JSON-RPC/XML-RPC. */
    public Builder login(String login) {
      this.login = Objects.requireNonNull(login, "login");
      return this;
    }

    /** The protocol; {@link Protocol#AUTO} (default) chooses from the server version. */
    public Builder protocol(Protocol protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /**
     * The longest one request may take, and the longest wait for each read or write on its
     * socket (default 60 s). The whole call, retries included, is bounded by {@link #deadline(Duration)}.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** The longest a connection attempt may take (default 10 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How a logical call is re-sent after a transient failure (default {@link RetryConfig#defaults()}:
     * at most 3 sends, exponential backoff with jitter, {@code Retry-After} honoured up to 30 s).
     * Which calls may be re-sent is not configurable: see {@link RetryConfig}.
     *
     * @param retry the configuration
     * @return this builder
     */
    public Builder retry(RetryConfig retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Shorthand for {@code retry(...maxAttempts(retries + 1))}: how often a failed call may be
     * re-sent (default 2).
     *
     * @param retries zero or more
     * @return this builder
     */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0");
      }
      this.retry = retry.toBuilder().maxAttempts(retries + 1).build();
      return this;
    }

    /**
     * Shorthand that caps every wait between two attempts, backoff and {@code Retry-After} alike.
     *
     * @param maxBackoff the longest wait
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      positive(maxBackoff, "maxBackoff");
      Duration first = retry.delay().compareTo(maxBackoff) > 0 ? maxBackoff : retry.delay();
      this.retry = retry.toBuilder().backoff(first, maxBackoff).maxRetryAfter(maxBackoff).build();
      return this;
    }

    /**
     * The longest one logical call may take, all attempts and waits included (default 2 min).
     * Each request is cut off when the deadline passes; no wait reaches beyond it.
     *
     * @param deadline positive
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * Declares that the gateway in front of Odoo (a proxy or load balancer) answers 503 and 429
     * only for requests it did not forward to Odoo. Such answers then count as "not processed"
     * ({@link OdooTransportException#requestMayHaveBeenProcessed()} is false) and non-idempotent
     * calls refused that way are re-sent. Off by default: a proxy may answer 503 after Odoo
     * received the request (e.g. when Odoo's answer took too long), and re-sending a create then
     * makes a duplicate. Turn it on only when the gateway documents this guarantee.
     *
     * @param notProcessed whether 503/429 prove non-processing
     * @return this builder
     */
    public Builder gatewayRefusalsNotProcessed(boolean notProcessed) {
      this.gatewayRefusalsNotProcessed = notProcessed;
      return this;
    }

    /** A context sent with every call ({@code lang}, {@code tz}, …). */
    public Builder context(Context context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Skips version detection (useful when the server is known). */
    public Builder serverVersion(ServerVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Refuses answers larger than this (default 64 MiB), counted as they arrive and, for gzip
     * bodies, after inflation: a larger answer fails as soon as it passes the limit, with an
     * {@link OdooTransportException} ({@code MALFORMED_RESPONSE}). Page big reads
     * ({@link OdooModel#stream(Query, int)}) rather than raising it.
     *
     * @param maxResponseBytes between 1 byte and 2 GiB
     * @return this builder
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 1 || maxResponseBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxResponseBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** Observes every finished call (metrics); see {@link #eventListener(OdooEventListener)} for attempts. */
    public Builder listener(CallListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Observes every logical call and its attempts and retries.
     *
     * @param eventListener the listener
     * @return this builder
     */
    public Builder eventListener(OdooEventListener eventListener) {
      this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
      return this;
    }

    /** The event listener, with the call listener (if any) fed from it. */
    private OdooEventListener events() {
      CallListener calls = listener;
      OdooEventListener inner = eventListener;
      if (calls == CallListener.NONE) {
        return inner;
      }
      return new OdooEventListener() {
        @Override
        public void callStart(String model, String method) {
          inner.callStart(model, method);
        }

        @Override
        public void attemptFailed(String model, String method, int attempt, OdooException failure) {
          inner.attemptFailed(model, method, attempt, failure);
        }

        @Override
        public void retryScheduled(String model, String method, int nextAttempt, Duration delay) {
          inner.retryScheduled(model, method, nextAttempt, delay);
        }

        @Override
        public void callEnd(String model, String method, Protocol protocol, int attempts, Duration duration,
            Optional<OdooException> failure) {
          inner.callEnd(model, method, protocol, attempts, duration, failure);
          calls.onCall(model, method, protocol, duration, failure);
        }
      };
    }

    /**
     * The OkHttp client to share (proxies, TLS, interceptors). The client's timeouts are
     * applied on a derived instance; it is not closed by {@link OdooClient#close()}. Without one,
     * the client builds its own: HTTP/1.1 only (as Odoo speaks), sockets with {@code TCP_NODELAY},
     * and the read timeout enforced by the socket instead of OkHttp's watchdog thread.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Builds the client. Nothing is sent yet: the version is detected and the user
     * authenticated on first use.
     */
    public OdooClient build() {
      if (url == null) {
        throw new IllegalStateException("url is required");
      }
      if (apiKey.isEmpty() && password.isEmpty()) {
        throw new IllegalStateException("credentials are required: apiKey(key) or login(user, password)");
      }
      if (protocol == Protocol.JSON2 && apiKey.isEmpty()) {
        throw new IllegalStateException("JSON-2 needs an API key (builder.apiKey(...))");
      }
      if (!url.isHttps() && !allowInsecureHttp && !isLoopback(url.host())) {
        throw new IllegalStateException("refusing to send credentials over plain http to " + url.host()
            + ": use https, or allowInsecureHttp(true) on a trusted network");
      }
      boolean owns = httpClient == null;
      // its own client speaks HTTP/1.1 (as Odoo does) and leaves the read timeout to the socket
      OkHttpClient base = owns ? new OkHttpClient.Builder().connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES))
          .protocols(java.util.List.of(okhttp3.Protocol.HTTP_1_1)).build() : httpClient;
      OkHttpClient.Builder derived = base.newBuilder();
      if (base.socketFactory() == javax.net.SocketFactory.getDefault()) {
        // OkHttp leaves Nagle on: a request body of a few kB would wait ~40 ms for a delayed ACK
        derived.socketFactory(new NoDelaySocketFactory(owns ? timeout : Duration.ZERO));
      }
      OkHttpClient configured = derived
          .connectTimeout(connectTimeout)
          .readTimeout(owns ? Duration.ZERO : timeout)
          .writeTimeout(timeout)
          .callTimeout(timeout.plus(connectTimeout))
          .retryOnConnectionFailure(false) // never re-send silently: the client decides what is safe
          .addNetworkInterceptor(HttpSupport.HIDE_RETRY_AFTER)
          .followRedirects(false)
          .build();
      return new OdooClient(new Shared(this, configured, owns), context);
    }

    /** Whether a host names this machine, without asking DNS. */
    private static boolean isLoopback(String host) {
      String h = host.toLowerCase(java.util.Locale.ROOT);
      return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
          || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static String requireSecret(String s, String what) {
      if (s == null) { // typically System.getenv(...) of a variable that is not set
        throw new IllegalArgumentException(what + " is null (an environment variable that is not set? "
            + "OdooEnv.require(\"ODOO_API_KEY\") and OdooEnv.builder() name the missing variable)");
      }
      if (s.isBlank()) {
        throw new IllegalArgumentException(what + " is blank");
      }
      return s;
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }

    @Override
    public String toString() {
      return "OdooClient.Builder{url=" + url + ", database=" + database + ", login=" + login + ", protocol=" + protocol
          + ", secret=" + (apiKey.isEmpty() && password.isEmpty() ? "none" : "***") + "}";
    }
  }
}
