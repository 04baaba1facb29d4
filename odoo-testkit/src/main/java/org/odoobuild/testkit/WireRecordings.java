package org.odoobuild.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The HTTP exchanges recorded from a real Odoo server that ship with the testkit, for replaying in
 * your own tests: one {@link Recording} per exchange, read from the classpath
 * ({@code org/odoobuild/testkit/odoo-wire/odoo-<major>/<protocol>/<id>.json}, next to the
 * {@code README.md} that states what was recorded and how).
 *
 * <p>The recordings are kept exactly as recorded; only the API keys are replaced by the placeholders
 * {@code <API_KEY>} and {@code <LIMITED_USER_API_KEY>}. They are parsed once, on first use; the
 * returned values are immutable, so this class is safe to use from any thread.
 *
 * <pre>{@code
 * Recording r = WireRecordings.get(19, "json2", "search-read-partners");
 * wireMock.stubFor(post(r.request().path()).willReturn(aResponse().withStatus(r.response().status())
 *     .withHeader("Content-Type", r.response().contentType()).withBody(r.response().body())));
 * }</pre>
 */
public final class WireRecordings {

    /** The placeholder recorded in place of the admin user's API key. */
    public static final String API_KEY = "<API_KEY>";
    /** The placeholder recorded in place of the limited test user's API key. */
    public static final String LIMITED_USER_API_KEY = "<LIMITED_USER_API_KEY>";

    private static final String ROOT = "org/odoobuild/testkit/odoo-wire";

    private WireRecordings() {
    }

    /** One recorded HTTP request. Header names are matched case-insensitively; a request without a body has {@code ""}. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
        /** The recorded header, if any. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** One recorded HTTP response. Header names are matched case-insensitively. */
    public record Response(int status, Map<String, String> headers, String body) {
        /** The recorded header, if any. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        /** The recorded {@code Content-Type}, or {@code ""}. */
        public String contentType() {
            return headers.getOrDefault("Content-Type", "");
        }
    }

    /**
     * One recorded exchange.
     *
     * @param odooMajor   the server's major version, e.g. {@code 19}
     * @param protocol    the folder it was recorded under: {@code http}, {@code xmlrpc}, {@code jsonrpc} or {@code json2}
     * @param id          the file name without {@code .json}, e.g. {@code search-read-partners}
     * @param description what the exchange exercises, as the recorder described it
     * @param request     the request as sent
     * @param response    the response as received
     */
    public record Recording(int odooMajor, String protocol, String id, String description, Request request,
            Response response) {
        /** {@code protocol/id}, e.g. {@code json2/search-read-partners}. */
        public String key() {
            return protocol + "/" + id;
        }

        /** The classpath resource the recording was read from. */
        public String resource() {
            return ROOT + "/odoo-" + odooMajor + "/" + protocol + "/" + id + ".json";
        }

        @Override
        public String toString() {
            return "odoo-" + odooMajor + "/" + key();
        }
    }

    /** Every recording, sorted by major version, protocol and id. */
    public static List<Recording> all() {
        return Holder.ALL;
    }

    /** The recordings of one Odoo major version (e.g. {@code 19}), sorted by protocol and id. */
    public static List<Recording> of(int odooMajor) {
        return all().stream().filter(r -> r.odooMajor() == odooMajor).toList();
    }

    /** The recordings of one major version and protocol folder, sorted by id. */
    public static List<Recording> of(int odooMajor, String protocol) {
        return of(odooMajor).stream().filter(r -> r.protocol().equals(protocol)).toList();
    }

    /** The recording {@code odoo-<odooMajor>/<protocol>/<id>.json}, if it exists. */
    public static Optional<Recording> find(int odooMajor, String protocol, String id) {
        return all().stream()
                .filter(r -> r.odooMajor() == odooMajor && r.protocol().equals(protocol) && r.id().equals(id))
                .findFirst();
    }

    /**
     * The recording {@code odoo-<odooMajor>/<protocol>/<id>.json}.
     *
     * @throws IllegalArgumentException when there is no such recording
     */
    public static Recording get(int odooMajor, String protocol, String id) {
        return find(odooMajor, protocol, id).orElseThrow(() -> new IllegalArgumentException(
                "no recording odoo-" + odooMajor + "/" + protocol + "/" + id + ".json"));
    }

    /** The recordings' README: what was recorded, from which servers, and the facts read from the recordings. */
    public static String readme() {
        return read(ROOT + "/README.md");
    }

    private static final class Holder {
        static final List<Recording> ALL = load();
    }

    private static List<Recording> load() {
        List<Recording> out = new ArrayList<>();
        for (String name : resourceNames()) {
            String[] parts = name.substring(ROOT.length() + 1).split("/");
            if (parts.length == 3 && parts[0].startsWith("odoo-") && parts[2].endsWith(".json")) {
                out.add(parse(name, Integer.parseInt(parts[0].substring(5)), parts[1],
                        parts[2].substring(0, parts[2].length() - 5)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no recordings found on the classpath under " + ROOT);
        }
        out.sort(Comparator.comparingInt(Recording::odooMajor).thenComparing(Recording::protocol)
                .thenComparing(Recording::id));
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static Recording parse(String resource, int major, String protocol, String id) {
        Map<String, Object> root;
        try {
            root = (Map<String, Object>) Json.parse(read(resource));
        } catch (Json.ParseError e) {
            throw new IllegalStateException("cannot parse " + resource + ": " + e.getMessage(), e);
        }
        Map<String, Object> rq = (Map<String, Object>) root.get("request");
        Map<String, Object> rs = (Map<String, Object>) root.get("response");
        return new Recording(major, protocol, id, String.valueOf(root.get("description")),
                new Request((String) rq.get("method"), (String) rq.get("path"), headers(rq.get("headers")),
                        (String) rq.get("body")),
                new Response(Py.toInt(rs.get("status")), headers(rs.get("headers")), (String) rs.get("body")));
    }

    private static Map<String, String> headers(Object o) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> h.put(String.valueOf(k), String.valueOf(v)));
        }
        return Collections.unmodifiableMap(h);
    }

    private static String read(String resource) {
        try (InputStream in = loader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    private static ClassLoader loader() {
        return WireRecordings.class.getClassLoader();
    }

    /** Every resource under {@link #ROOT}, from a directory or a jar, whichever holds the README. */
    private static List<String> resourceNames() {
        URL readme = loader().getResource(ROOT + "/README.md");
        if (readme == null) {
            throw new IllegalStateException("missing classpath resource " + ROOT + "/README.md");
        }
        List<String> names = new ArrayList<>();
        try {
            if (readme.getProtocol().equals("jar")) {
                JarURLConnection c = (JarURLConnection) readme.openConnection();
                c.setUseCaches(false);
                try (JarFile jar = c.getJarFile()) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        JarEntry entry = e.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(ROOT + "/")) {
                            names.add(entry.getName());
                        }
                    }
                }
            } else {
                Path base = Path.of(readme.toURI()).getParent();
                try (Stream<Path> s = Files.walk(base)) {
                    s.filter(Files::isRegularFile).forEach(p -> names.add(
                            ROOT + "/" + base.relativize(p).toString().replace('\\', '/')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + readme, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list " + readme, e);
        }
        return names;
    }
}
