package org.odoobuild.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Locates and loads the recorded exchanges (read in place, never copied). */
final class WireFiles {

    private WireFiles() {
    }

    /** One recorded exchange. */
    record Exchange(String protocol, String id, Path file, String method, String path, Map<String, Object> requestHeaders,
            String requestBody, int status, Map<String, Object> responseHeaders, String responseBody) {
        String name() {
            return protocol + "/" + id;
        }
    }

    /** The project root: the parent of the {@code odoo-testkit} module directory. */
    static Path projectRoot() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("odoo-testkit")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return dir.getParent() == null ? dir : dir.getParent();
    }

    static Path wireDir() {
        String prop = System.getProperty("odoo.wire.dir");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        return projectRoot().resolve("../shared/odoo-wire").toAbsolutePath().normalize();
    }

    @SuppressWarnings("unchecked")
    static List<Exchange> load(String version) throws IOException {
        Path base = wireDir().resolve("odoo-" + version);
        List<Exchange> out = new ArrayList<>();
        for (String protocol : List.of("http", "xmlrpc", "jsonrpc", "json2")) {
            Path dir = base.resolve(protocol);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            for (Path f : files) {
                Object parsed;
                try {
                    parsed = Json.parse(Files.readString(f));
                } catch (Json.ParseError e) {
                    throw new IOException("cannot parse " + f + ": " + e.getMessage(), e);
                }
                Map<String, Object> root = (Map<String, Object>) parsed;
                Map<String, Object> req = (Map<String, Object>) root.get("request");
                Map<String, Object> resp = (Map<String, Object>) root.get("response");
                String id = f.getFileName().toString().replaceFirst("\\.json$", "");
                out.add(new Exchange(protocol, id, f, (String) req.get("method"), (String) req.get("path"),
                        (Map<String, Object>) req.get("headers"), (String) req.get("body"), Py.toInt(resp.get("status")),
                        (Map<String, Object>) resp.get("headers"), (String) resp.get("body")));
            }
        }
        return out;
    }
}
