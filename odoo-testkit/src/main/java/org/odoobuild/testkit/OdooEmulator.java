package org.odoobuild.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Odoo server emulator for tests and examples. It speaks the wire protocols of Odoo 19 (or 17) as
 * recorded from real servers — XML-RPC ({@code /xmlrpc/2/common}, {@code /xmlrpc/2/object}), JSON-RPC
 * ({@code /jsonrpc}), JSON-2 ({@code /json/2/<model>/<method>}, 19 only) and the version endpoints — on top of
 * an in-memory, thread-safe database with the models a construction integration needs (partners, projects,
 * analytic accounts, purchase orders, receipts, vendor bills, maintenance equipment and requests, ...).
 *
 * <pre>{@code
 * try (OdooEmulator odoo = OdooEmulator.builder().version(19).database("construction")
 *         .user("admin", "admin").apiKey("test-key").build().start()) {
 *     int vendor = odoo.seed("res.partner", Map.of("name", "Acme", "is_company", true));
 *     URI url = odoo.url();   // http://127.0.0.1:<port>
 *     odoo.faults().failNext(2, 503);
 * }
 * }</pre>
 *
 * <p>Users: the builder's user (uid 2) and the demo user are administrators; any other user (created with
 * {@link Builder#limitedUser(String, String)}, through {@code res.users.create} or {@link #seed(String, Map)}) is a
 * plain internal user (groups Internal User and Contact Creation) with no purchase, inventory or accounting rights,
 * and gets {@code AccessError} there. Model access rights follow the {@code ir.model.access} rows of the modules for
 * the models an integration uses; {@code check_access_rights} (17, 19) and {@code has_access} (19) answer from them.
 */
public final class OdooEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OdooEmulator.class);

    static {
        // The JDK HttpServer reads this once; without it every keep-alive answer can wait ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final int version;
    private final String database;
    private final Orm orm;
    private final Faults faults;
    private final Wire wire;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Object listenerLock = new Object();
    private HttpServer server;
    private int port;
    private ScheduledFuture<?> pendingResume;
    private volatile boolean closed;
    private final String adminApiKey;

    private OdooEmulator(Builder b, Map<String, String> keys, String adminKey) {
        this.version = b.version;
        this.database = b.database;
        Store store = new Store(new Schema(b.version, b.modules), b.clock);
        this.orm = new Orm(store, b.database);
        synchronized (orm.lock) {
            Data.base(orm, b.login, b.password, b.demoData);
            if (b.demoData) {
                Data.demo(orm);
            }
            if (b.limitedLogin != null) {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("name", b.limitedLogin);
                u.put("login", b.limitedLogin);
                u.put("password", b.limitedPassword);
                u.put(b.version >= 19 ? "group_ids" : "groups_id", Acl.DEFAULT_GROUPS.stream().map(Acl.GROUP_IDS::get).toList());
                orm.createOne("res.users", u, null, false);
            }
            store.setSequence("purchase.order", Math.max(1, store.table("purchase.order").size() + 1));
        }
        orm.apiKeys.putAll(keys);
        this.adminApiKey = adminKey;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "odoo-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(b.threads, tf);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(tf);
        this.faults = new Faults(new Faults.Listener() {
            @Override
            public void suspend(Duration duration) {
                OdooEmulator.this.suspend(duration);
            }

            @Override
            public void resume() {
                OdooEmulator.this.resume();
            }
        });
        this.wire = new Wire(orm, faults);
    }

    /**
     * Starts a builder with the defaults: version 19, database {@code construction}, user {@code admin}/{@code admin},
     * a random admin API key (see {@link #apiKey()}), no demo data.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds {@code 127.0.0.1} on a free port and starts serving.
     *
     * @return this emulator
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException after {@link #close()}
     */
    public OdooEmulator start() {
        synchronized (listenerLock) {
            if (closed) {
                throw new IllegalStateException("emulator closed");
            }
            if (server == null && port == 0) {
                bind(0);
                LOG.info("Odoo {} emulator for database '{}' listening on {}", version, database, url());
            }
        }
        return this;
    }

    private void bind(int wanted) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
            s.createContext("/", wire);
            s.setExecutor(executor);
            s.start();
            server = s;
            port = s.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + wanted, e);
        }
    }

    private void suspend(Duration duration) {
        synchronized (listenerLock) {
            requireStarted();
            if (pendingResume != null) {
                pendingResume.cancel(false);
            }
            if (server != null) {
                server.stop(0);
                server = null;
            }
            pendingResume = scheduler.schedule(this::resume, Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void resume() {
        synchronized (listenerLock) {
            if (pendingResume != null) {
                pendingResume.cancel(false);
                pendingResume = null;
            }
            if (server == null && !closed && port != 0) {
                bind(port);
            }
        }
    }

    private void requireStarted() {
        if (port == 0) {
            throw new IllegalStateException("emulator not started");
        }
    }

    /**
     * The base URL, {@code http://127.0.0.1:<port>} (no trailing slash).
     *
     * @return the URL
     * @throws IllegalStateException before {@link #start()}
     */
    public URI url() {
        requireStarted();
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The bound port.
     *
     * @return the port
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        requireStarted();
        return port;
    }

    /**
     * The emulated major version, 17 or 19.
     *
     * @return the version
     */
    public int version() {
        return version;
    }

    /**
     * The administrator's API key: the first one given to {@link Builder#apiKey(String)}, or a random key generated
     * at build time when none was given. Use it as the JSON-2 bearer token (or as a password).
     *
     * @return the API key
     */
    public String apiKey() {
        return adminApiKey;
    }

    /**
     * The database name the emulator answers for.
     *
     * @return the database name
     */
    public String database() {
        return database;
    }

    /**
     * The runtime fault switches.
     *
     * @return the fault switches of this emulator
     */
    public Faults faults() {
        return faults;
    }

    /**
     * Creates a record directly in the store (no access checks, no required-field checks; defaults such as a
     * purchase order's {@code P000nn} name do apply). Values use the wire forms: many2one as an id, x2many as
     * command lists or a list of ids. An {@code "id"} entry creates the record with that id.
     *
     * @param model technical model name, e.g. {@code res.partner}
     * @param values field values
     * @return the id of the new record
     * @throws IllegalArgumentException for an unknown model or field, or an id that is taken
     */
    public int seed(String model, Map<String, ?> values) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(values, "values");
        Schema.Model m = orm.schema.model(model);
        if (m == null) {
            throw new IllegalArgumentException("unknown model " + model);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!m.has(e.getKey())) {
                throw new IllegalArgumentException("unknown field " + model + "." + e.getKey());
            }
            v.put(e.getKey(), e.getValue() == null ? Boolean.FALSE : e.getValue());
        }
        Object id = v.remove("id");
        synchronized (orm.lock) {
            orm.store.currentUid = 2;
            try {
                return orm.createOne(model, v, id == null ? null : Py.toInt(id), false);
            } catch (OdooError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /**
     * Registers an external id ({@code module.name}) for an existing record, as {@code ir.model.data} does.
     *
     * @param xmlId the external id, e.g. {@code wire_sdk.vendor_001}
     * @param model the record's model
     * @param id the record id
     */
    public void registerExternalId(String xmlId, String model, int id) {
        Objects.requireNonNull(xmlId, "xmlId");
        Objects.requireNonNull(model, "model");
        synchronized (orm.lock) {
            orm.registerXmlId(xmlId, model, id);
        }
    }

    /**
     * A snapshot of every record of a model (archived ones included), each as {@code read()} would return it
     * with all fields, ordered by id.
     *
     * @param model technical model name
     * @return the records; empty for an unknown model
     */
    public List<Map<String, Object>> records(String model) {
        Objects.requireNonNull(model, "model");
        Schema.Model m = orm.schema.model(model);
        if (m == null) {
            return List.of();
        }
        synchronized (orm.lock) {
            List<Map<String, Object>> rows = new ArrayList<>(orm.store.table(model).values());
            return List.copyOf(orm.readRows(m, rows, orm.fieldList(m, null)));
        }
    }

    /**
     * Resolves an external id created by {@code load()} or {@link #registerExternalId(String, String, int)}.
     *
     * @param xmlId e.g. {@code wire_sdk.vendor_001}; without a dot the module is {@code __import__}
     * @return the record id, or empty when unknown
     */
    public OptionalInt externalId(String xmlId) {
        Objects.requireNonNull(xmlId, "xmlId");
        synchronized (orm.lock) {
            Integer id = orm.resolveXmlId(xmlId, null);
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }
    }

    /**
     * Number of HTTP requests received (including faulted ones) since start or {@link #resetCounters()}.
     *
     * @return the request count
     */
    public long requestCount() {
        return wire.total.get();
    }

    /**
     * Number of HTTP requests received on a path, e.g. {@code /jsonrpc} or {@code /json/2/res.partner/search_read}.
     *
     * @param path the request path, without query
     * @return the count
     */
    public int requestCount(String path) {
        AtomicInteger n = wire.perPath.get(path);
        return n == null ? 0 : n.get();
    }

    /**
     * Number of ORM calls of {@code model.method} on any protocol (counted once authenticated and routed).
     *
     * @param model technical model name
     * @param method method name, e.g. {@code search_read}
     * @return the count
     */
    public int callCount(String model, String method) {
        AtomicInteger n = orm.callCounts.get(model + "." + method);
        return n == null ? 0 : n.get();
    }

    /** Sets every request and call counter back to zero. */
    public void resetCounters() {
        wire.total.set(0);
        wire.perPath.clear();
        orm.callCounts.clear();
    }

    /** Stops the server and its threads. Idempotent. */
    @Override
    public void close() {
        synchronized (listenerLock) {
            closed = true;
            if (pendingResume != null) {
                pendingResume.cancel(false);
            }
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "OdooEmulator[version=" + version + ", database=" + database + ", port=" + port + "]";
    }

    /** Configures an {@link OdooEmulator}. Secrets given here never appear in logs or {@code toString()}. */
    public static final class Builder {
        private int version = 19;
        private String database = "construction";
        private String login = "admin";
        private String password = "admin";
        private final Map<String, String> apiKeys = new LinkedHashMap<>();
        private String limitedLogin;
        private String limitedPassword;
        private boolean demoData;
        private int threads = 8;
        private Clock clock = Clock.systemUTC();
        private final java.util.Set<String> modules = new java.util.LinkedHashSet<>();
        private static final String ADMIN = "\0admin";

        private Builder() {
        }

        /**
         * Emulated major version.
         *
         * @param major 17 or 19
         * @return this builder
         */
        public Builder version(int major) {
            if (major != 17 && major != 19) {
                throw new IllegalArgumentException("supported versions: 17, 19");
            }
            this.version = major;
            return this;
        }

        /**
         * Database name (JSON-2 {@code X-Odoo-Database}, the {@code db} argument of RPC calls).
         *
         * @param name the database name
         * @return this builder
         */
        public Builder database(String name) {
            this.database = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The administrator's login and password (uid 2).
         *
         * @param login the login
         * @param password the password
         * @return this builder
         */
        public Builder user(String login, String password) {
            this.login = Objects.requireNonNull(login, "login");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * An API key of the administrator (JSON-2 bearer token; also accepted as a password).
         *
         * @param key the API key
         * @return this builder
         */
        public Builder apiKey(String key) {
            apiKeys.put(Objects.requireNonNull(key, "key"), ADMIN);
            return this;
        }

        /**
         * An API key for the user with the given login (which may be created later, e.g. by seeding).
         *
         * @param userLogin the user's login
         * @param key the API key
         * @return this builder
         */
        public Builder apiKey(String userLogin, String key) {
            apiKeys.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(userLogin, "userLogin"));
            return this;
        }

        /**
         * Creates a second, limited internal user (groups Internal User and Contact Creation: no
         * purchase/inventory/accounting rights).
         *
         * @param login the login
         * @param password the password
         * @return this builder
         */
        public Builder limitedUser(String login, String password) {
            this.limitedLogin = Objects.requireNonNull(login, "login");
            this.limitedPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Loads demo data resembling Odoo's demo database (vendors such as Azure Interior and Deco Addict,
         * contacts, products, projects, analytic accounts, equipment, a dozen purchase orders).
         *
         * @param enabled whether to load it
         * @return this builder
         */
        public Builder demoData(boolean enabled) {
            this.demoData = enabled;
            return this;
        }

        /**
         * Installs an optional module: its models exist (in {@code ir.model} too, so integrations can detect it) and its
         * fields are added to the models it extends. Without it the database is as if the module was never installed.
         * Supported: {@code purchase_requisition} (purchase agreements: {@code purchase.requisition} and its lines,
         * {@code purchase.order.requisition_id}; 17.0 agreement types, 19.0 {@code requisition_type}).
         *
         * @param name the module's technical name
         * @return this builder
         * @throws IllegalArgumentException for a module the emulator does not know
         */
        public Builder module(String name) {
            Objects.requireNonNull(name, "name");
            if (!Schema.OPTIONAL_MODULES.contains(name)) {
                throw new IllegalArgumentException("optional modules: " + Schema.OPTIONAL_MODULES);
            }
            modules.add(name);
            return this;
        }

        /**
         * Number of request threads (default 8).
         *
         * @param n thread count, at least 1
         * @return this builder
         */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            this.threads = n;
            return this;
        }

        /**
         * Clock for create/write dates and confirmation dates (UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the emulator (not yet listening: call {@link OdooEmulator#start()}).
         *
         * @return the emulator
         */
        public OdooEmulator build() {
            Map<String, String> keys = new LinkedHashMap<>();
            String admin = null;
            for (Map.Entry<String, String> e : apiKeys.entrySet()) {
                boolean isAdmin = e.getValue().equals(ADMIN);
                keys.put(e.getKey(), isAdmin ? login : e.getValue());
                if (isAdmin && admin == null) {
                    admin = e.getKey();
                }
            }
            if (admin == null) {
                byte[] random = new byte[16];
                new SecureRandom().nextBytes(random);
                admin = "testkit-" + HexFormat.of().formatHex(random);
                keys.put(admin, login);
            }
            return new OdooEmulator(this, keys, admin);
        }

        @Override
        public String toString() {
            return "OdooEmulator.Builder[version=" + version + ", database=" + database + ", login=" + login
                    + ", apiKeys=" + apiKeys.size() + ", demoData=" + demoData + ", modules=" + modules + "]";
        }
    }
}
