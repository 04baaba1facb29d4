package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Replays every recorded Odoo 19 exchange against a fresh emulator seeded with the records the request refers to,
 * and compares the response structure with the recording. Writes {@code docs/emulator-faithfulness.md}.
 */
class WireFaithfulnessTest {

    /** Lowest accepted number of matching files (raise it when the emulator improves; never lower it). */
    static final int BASELINE = 180;

    static final String ADMIN_KEY = "test-admin-api-key-0001";
    static final String LIMITED_KEY = "test-limited-api-key-0002";

    /** The ids the recorder's run produced for one protocol, read from the recordings themselves. */
    static final class Fixture {
        int single;
        List<Integer> batch = new ArrayList<>();
        int limitedPartner = 148;
        int limitedUid = 10;
        int equipment;
        int po;
        List<Integer> poLines = new ArrayList<>();
        List<Integer> loaded = new ArrayList<>();
        /** Rows of the second load() (the values read back by read-loaded-partners). */
        List<List<?>> loadedUpdate = new ArrayList<>();
    }

    /** The {@code data} argument of a recorded load() request, whatever the protocol. */
    @SuppressWarnings("unchecked")
    private static List<List<?>> loadData(WireRecordings.Recording ex) throws Exception {
        Object data;
        switch (ex.protocol()) {
            case "xmlrpc":
                data = ((List<?>) XmlRpc.parseCall(ex.request().body().getBytes(StandardCharsets.UTF_8)).params().get(5)).get(1);
                break;
            case "jsonrpc":
                data = ((List<?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(ex.request().body())).get("params")).get("args")).get(5)).get(1);
                break;
            default:
                data = ((Map<?, ?>) Json.parse(ex.request().body())).get("data");
        }
        return (List<List<?>>) data;
    }

    @Test
    void everyRecordedExchangeMatchesStructurally() throws Exception {
        List<WireRecordings.Recording> all = WireRecordings.of(19);
        assertEquals(180, all.size(), "recorded files under odoo-19");
        Map<String, Fixture> fixtures = new LinkedHashMap<>();
        Map<String, String> failures = new TreeMap<>();
        Map<String, int[]> perProtocol = new LinkedHashMap<>();
        for (String protocol : List.of("http", "xmlrpc", "jsonrpc", "json2")) {
            fixtures.put(protocol, fixture(protocol, all));
            perProtocol.put(protocol, new int[3]);
        }
        for (WireRecordings.Recording ex : all) {
            List<String> problems = new ArrayList<>();
            boolean identical;
            try (OdooEmulator odoo = emulator(ex, fixtures.get(ex.protocol()))) {
                RawHttp.Response resp = replay(odoo, ex);
                compare(ex, resp, problems);
                identical = resp.text().equals(ex.response().body());
            }
            int[] c = perProtocol.computeIfAbsent(ex.protocol(), k -> new int[3]);
            if (identical && problems.isEmpty()) {
                c[2]++;
            }
            c[1]++;
            if (problems.isEmpty()) {
                c[0]++;
            } else {
                failures.put(ex.key(), String.join("; ", problems));
            }
        }
        int matched = all.size() - failures.size();
        writeReport(all.size(), matched, perProtocol, failures);
        failures.forEach((k, v) -> System.out.println("MISMATCH " + k + ": " + v));
        assertTrue(matched >= BASELINE, "faithfulness regressed: " + matched + " < " + BASELINE + " " + failures.keySet());
    }

    // ------------------------------------------------------------------ fixture from the recordings

    private static Object result(WireRecordings.Recording ex) throws Exception {
        switch (ex.protocol()) {
            case "xmlrpc":
                return XmlRpc.parseResponse(ex.response().body()).value();
            case "jsonrpc":
                return ((Map<?, ?>) Json.parse(ex.response().body())).get("result");
            default:
                return Json.parse(ex.response().body());
        }
    }

    private static int firstId(Object v) {
        if (v instanceof List<?> l) {
            return Py.toInt(l.get(0));
        }
        return Py.toInt(v);
    }

    static Fixture fixture(String protocol, List<WireRecordings.Recording> all) throws Exception {
        Fixture f = new Fixture();
        for (WireRecordings.Recording ex : all) {
            if (!ex.protocol().equals(protocol)) {
                continue;
            }
            if (!Set.of("create-partner-single", "create-partner-batch", "create-equipment", "create-purchase-order",
                    "read-purchase-order", "load-partners-create", "load-partners-update", "create-limited-user",
                    "search-read-with-context").contains(ex.id())) {
                continue;
            }
            if (ex.id().equals("load-partners-update")) {
                f.loadedUpdate.addAll(loadData(ex));
                continue;
            }
            Object r = result(ex);
            switch (ex.id()) {
                case "create-partner-single":
                    f.single = firstId(r);
                    break;
                case "create-partner-batch":
                    for (Object o : (List<?>) r) {
                        f.batch.add(Py.toInt(o));
                    }
                    break;
                case "create-equipment":
                    f.equipment = firstId(r);
                    break;
                case "create-purchase-order":
                    f.po = firstId(r);
                    break;
                case "read-purchase-order":
                    for (Object o : (List<?>) ((Map<?, ?>) ((List<?>) r).get(0)).get("order_line")) {
                        f.poLines.add(Py.toInt(o));
                    }
                    break;
                case "load-partners-create":
                    for (Object o : (List<?>) ((Map<?, ?>) r).get("ids")) {
                        f.loaded.add(Py.toInt(o));
                    }
                    break;
                case "create-limited-user":
                    f.limitedUid = firstId(r);
                    break;
                case "search-read-with-context":
                    for (Object o : (List<?>) r) {
                        Map<?, ?> rec = (Map<?, ?>) o;
                        if ("WIRE-Limited User".equals(rec.get("name"))) {
                            f.limitedPartner = Py.toInt(rec.get("id"));
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return f;
    }

    /** A fresh emulator in the state the recorder's database was in when the exchange was recorded. */
    static OdooEmulator emulator(WireRecordings.Recording ex, Fixture f) {
        return emulator(ex, f, 19);
    }

    /** Same state on an emulator of the given major version (17 is used to check the 17 envelopes). */
    static OdooEmulator emulator(WireRecordings.Recording ex, Fixture f, int version) {
        OdooEmulator odoo = OdooEmulator.builder().version(version).database("construction").user("admin", "admin")
                .apiKey(ADMIN_KEY).apiKey("wire.limited", LIMITED_KEY).demoData(true).build();
        String id = ex.id();
        odoo.seed("res.partner", Map.of("id", f.limitedPartner, "name", "WIRE-Limited User"));
        odoo.seed("res.users", Map.of("id", f.limitedUid, "name", "WIRE-Limited User", "login", "wire.limited",
                "password", "limited", "partner_id", f.limitedPartner));
        if (f.single != 0) {
            Map<String, Object> single = new LinkedHashMap<>();
            single.put("id", f.single);
            single.put("name", "WIRE-Single Co");
            single.put("is_company", true);
            single.put("country_id", 233);
            single.put("email", "wire.single@example.com");
            single.put("phone", "+1 555 0100");
            single.put("website", "https://wire.example.com");
            single.put("street", "1 Wire Street");
            single.put("city", "Springfield");
            single.put("zip", "12345");
            single.put("partner_latitude", 40.7127753);
            single.put("partner_longitude", -74.0059728);
            single.put("credit_limit", 2500.75);
            odoo.seed("res.partner", single);
            odoo.seed("res.partner", Map.of("id", f.batch.get(0), "name", "WIRE-Batch Contact A", "parent_id", f.single,
                    "email", "wire.a@example.com", "function", "Site Manager"));
            odoo.seed("res.partner", Map.of("id", f.batch.get(1), "name", "WIRE-Batch Contact B", "parent_id", f.single,
                    "type", "invoice"));
            odoo.seed("res.partner", Map.of("id", f.batch.get(2), "name", "WIRE-Batch Vendor", "is_company", true,
                    "supplier_rank", 1, "ref", "WIRE-VEND-1", "country_id", 233));
        }
        if (f.equipment != 0) {
            odoo.seed("maintenance.equipment", Map.of("id", f.equipment, "name", "WIRE-Excavator 01", "category_id", 1,
                    "serial_no", "WIRE-SN-0001", "cost", 125000.5, "effective_date", "2024-03-15"));
        }
        if (f.po != 0) {
            String state = switch (id) {
                case "read-purchase-order-confirmed", "error-user-error-unlink-confirmed-po", "button-cancel-purchase-order" -> "purchase";
                case "read-purchase-order-cancelled", "unlink-cancelled-purchase-order" -> "cancel";
                default -> "draft";
            };
            Map<String, Object> po = new LinkedHashMap<>();
            po.put("id", f.po);
            po.put("name", String.format("P%05d", f.po));
            po.put("partner_id", f.batch.get(2));
            po.put("state", state);
            if (state.equals("purchase")) {
                po.put("date_approve", "2026-11-22 12:20:55");
            }
            odoo.seed("purchase.order", po);
            odoo.seed("purchase.order.line", Map.of("id", f.poLines.get(0), "order_id", f.po, "product_id", 5, "product_qty", 3.0,
                    "price_unit", 12.5, "name", "WIRE-Line 1"));
            odoo.seed("purchase.order.line", Map.of("id", f.poLines.get(1), "order_id", f.po, "product_id", 5, "product_qty", 1.5,
                    "price_unit", 100.0, "name", "WIRE-Line 2"));
        }
        if (!f.loaded.isEmpty() && (id.equals("load-partners-update") || id.equals("read-loaded-partners"))) {
            boolean updated = id.equals("read-loaded-partners") && f.loadedUpdate.size() == f.loaded.size();
            for (int i = 0; i < f.loaded.size(); i++) {
                List<?> row = updated ? f.loadedUpdate.get(i) : List.of("", "WIRE-Load Vendor 00" + (i + 1), "WIRE-V00" + (i + 1), i + 1);
                int pid = odoo.seed("res.partner", Map.of("id", f.loaded.get(i), "name", row.get(1), "ref", row.get(2),
                        "supplier_rank", Integer.parseInt(String.valueOf(row.get(3)))));
                odoo.registerExternalId("wire_sdk.vendor_00" + (i + 1), "res.partner", pid);
            }
        }
        return odoo.start();
    }

    static RawHttp.Response replay(OdooEmulator odoo, WireRecordings.Recording ex) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : ex.request().headers().entrySet()) {
            headers.put(h.getKey(), String.valueOf(h.getValue()).replace("<API_KEY>", ADMIN_KEY)
                    .replace("<LIMITED_USER_API_KEY>", LIMITED_KEY));
        }
        String body = ex.request().body().replace("<API_KEY>", ADMIN_KEY).replace("<LIMITED_USER_API_KEY>", LIMITED_KEY);
        return RawHttp.send(odoo.port(), ex.request().method(), ex.request().path(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ comparison

    static String norm(Object s) {
        return String.valueOf(s).replaceAll("\\d+", "N");
    }

    static String lastLine(String traceback) {
        String t = traceback.endsWith("\n") ? traceback.substring(0, traceback.length() - 1) : traceback;
        int i = t.lastIndexOf("\nTraceback (most recent call last):");
        String tail = i >= 0 ? t.substring(i) : t;
        // the last line(s) after the final frame: the exception line may contain newlines of the message
        int k = tail.lastIndexOf("\n    ");
        int start = tail.indexOf('\n', k + 1);
        return start < 0 ? tail : tail.substring(start + 1);
    }

    static void compareTraceback(String what, String rec, String act, List<String> problems) {
        if (!rec.startsWith("Traceback (most recent call last):")) {
            if (!norm(rec).equals(norm(act))) {
                problems.add(what + " differs: " + act);
            }
            return;
        }
        if (!act.startsWith("Traceback (most recent call last):") || !act.endsWith("\n")) {
            problems.add(what + " is not a traceback");
            return;
        }
        if (!norm(lastLine(rec)).equals(norm(lastLine(act)))) {
            problems.add(what + " last line '" + lastLine(act).strip() + "' != '" + lastLine(rec).strip() + "'");
        }
    }

    private void compare(WireRecordings.Recording ex, RawHttp.Response resp, List<String> problems) throws Exception {
        String body = resp.text();
        if (resp.status() != ex.response().status()) {
            problems.add("status " + resp.status() + " != " + ex.response().status());
        }
        for (Map.Entry<String, String> h : ex.response().headers().entrySet()) {
            String actual = resp.header(h.getKey()) == null ? "<absent>" : resp.header(h.getKey());
            if (!actual.equals(h.getValue())) {
                problems.add("header " + h.getKey() + " '" + actual + "' != '" + h.getValue() + "'");
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        String ct = String.valueOf(ex.response().headers().get("Content-Type"));
        if (ct.startsWith("text/html")) {
            if (!body.equals(ex.response().body())) {
                problems.add("HTML body differs");
            }
            return;
        }
        if (ct.startsWith("text/xml")) {
            compareXml(ex, body, problems);
            return;
        }
        Object rec = Json.parse(ex.response().body());
        Object act;
        try {
            act = Json.parse(body);
        } catch (Json.ParseError e) {
            problems.add("response is not JSON");
            return;
        }
        if (ex.protocol().equals("jsonrpc")) {
            compareJsonRpc(ex, (Map<?, ?>) rec, act, problems);
        } else if (ex.response().status() >= 400) {
            compareErrorBody("", (Map<?, ?>) rec, act, problems, true);
        } else {
            Shape.of(rec).check(act, "$", problems, keySubset(ex, "$"));
        }
    }

    private static Set<String> keySubset(WireRecordings.Recording ex, String root) {
        return ex.id().equals("fields-get-partner-all") ? Set.of(root) : Set.of();
    }

    private void compareXml(WireRecordings.Recording ex, String body, List<String> problems) throws Exception {
        String rec = ex.response().body();
        String head = "<?xml version=\"1.0\"?>\n<methodResponse>\n";
        String tail = "\n</methodResponse>\n";
        if (!body.startsWith(head) || !body.endsWith(tail) || !rec.startsWith(head)) {
            problems.add("XML layout (prolog / empty line before </methodResponse>) differs");
            return;
        }
        XmlRpc.Response r = XmlRpc.parseResponse(rec);
        XmlRpc.Response a;
        try {
            a = XmlRpc.parseResponse(body);
        } catch (XmlRpc.ParseError e) {
            problems.add("response is not XML-RPC: " + e.getMessage());
            return;
        }
        if (r.fault() != a.fault()) {
            problems.add(a.fault() ? "fault where the recording has params" : "params where the recording has a fault");
            return;
        }
        if (r.fault()) {
            Map<?, ?> rf = (Map<?, ?>) r.value();
            Map<?, ?> af = (Map<?, ?>) a.value();
            if (!rf.get("faultCode").equals(af.get("faultCode"))) {
                problems.add("faultCode " + af.get("faultCode") + " != " + rf.get("faultCode"));
                return;
            }
            compareTraceback("faultString", String.valueOf(rf.get("faultString")), String.valueOf(af.get("faultString")), problems);
            return;
        }
        Shape.of(r.value()).check(a.value(), "$", problems, keySubset(ex, "$"));
    }

    private void compareJsonRpc(WireRecordings.Recording ex, Map<?, ?> rec, Object actObj, List<String> problems) {
        if (!(actObj instanceof Map<?, ?> act)) {
            problems.add("not a JSON-RPC envelope");
            return;
        }
        if (!new ArrayList<>(rec.keySet()).equals(new ArrayList<>(act.keySet()))) {
            problems.add("envelope keys " + act.keySet() + " != " + rec.keySet());
            return;
        }
        if (!String.valueOf(rec.get("id")).equals(String.valueOf(act.get("id")))) {
            problems.add("id " + act.get("id") + " != " + rec.get("id"));
        }
        if (rec.containsKey("error")) {
            Map<?, ?> re = (Map<?, ?>) rec.get("error");
            Map<?, ?> ae = (Map<?, ?>) act.get("error");
            if (!new ArrayList<>(re.keySet()).equals(new ArrayList<>(ae.keySet())) || !re.get("code").equals(ae.get("code"))
                    || !re.get("message").equals(ae.get("message"))) {
                problems.add("error envelope " + ae.keySet() + " code " + ae.get("code") + " != " + re.keySet() + " code " + re.get("code"));
                return;
            }
            compareErrorBody("data.", (Map<?, ?>) re.get("data"), ae.get("data"), problems, false);
        } else if (rec.containsKey("result")) {
            Shape.of(rec.get("result")).check(act.get("result"), "$", problems, keySubset(ex, "$"));
        }
    }

    private void compareErrorBody(String prefix, Map<?, ?> rec, Object actObj, List<String> problems, boolean json2) {
        if (!(actObj instanceof Map<?, ?> act)) {
            problems.add(prefix + "error body is not an object");
            return;
        }
        if (!new ArrayList<>(rec.keySet()).equals(new ArrayList<>(act.keySet()))) {
            problems.add(prefix + "keys " + act.keySet() + " != " + rec.keySet());
            return;
        }
        if (!rec.get("name").equals(act.get("name"))) {
            problems.add(prefix + "name " + act.get("name") + " != " + rec.get("name"));
            return;
        }
        if (!norm(rec.get("message")).equals(norm(act.get("message")))) {
            problems.add(prefix + "message '" + act.get("message") + "' != '" + rec.get("message") + "'");
        }
        if (!norm(rec.get("arguments")).equals(norm(act.get("arguments")))) {
            problems.add(prefix + "arguments differ");
        }
        if (!String.valueOf(rec.get("context")).equals(String.valueOf(act.get("context")))) {
            problems.add(prefix + "context differs");
        }
        compareTraceback(prefix + "debug", String.valueOf(rec.get("debug")), String.valueOf(act.get("debug")), problems);
    }

    // ------------------------------------------------------------------ report

    /** The project root: the nearest folder up from the working directory holding {@code odoo-testkit} and a pom. */
    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("odoo-testkit")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return dir.getParent() == null ? dir : dir.getParent();
    }

    private static void writeReport(int total, int matched, Map<String, int[]> perProtocol, Map<String, String> failures)
            throws IOException {
        Path docs = projectRoot().resolve("docs");
        Files.createDirectories(docs);
        StringBuilder sb = new StringBuilder();
        sb.append("# Emulator faithfulness\n\n");
        sb.append("Generated by `odoo-testkit/src/test/java/org/odoobuild/testkit/WireFaithfulnessTest.java` "
                + "(`mvn -pl odoo-testkit -am verify`); do not edit by hand.\n\n");
        sb.append("Every recorded Odoo 19 exchange (`WireRecordings.of(19)`, shipped in `odoo-testkit` under "
                + "`org/odoobuild/testkit/odoo-wire/odoo-19/`) is replayed against a fresh `OdooEmulator` "
                + "(version 19, demo data) seeded with the records the recorded request refers to (the WIRE partners, equipment, "
                + "purchase order and lines with the recorded ids, in the state the recorder's database was in), and the response "
                + "is compared with the recorded one.\n\n");
        sb.append(String.format("**%d of %d files match (%.1f %%).**%n%n", matched, total, 100.0 * matched / total));
        sb.append("| protocol | files | structural match | byte-identical body |\n|---|---|---|---|\n");
        for (Map.Entry<String, int[]> e : perProtocol.entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue()[1]).append(" | ").append(e.getValue()[0])
                    .append(" | ").append(e.getValue()[2]).append(" |\n");
        }
        sb.append("\n\"Byte-identical\" is informational: it counts responses equal to the recording character for character "
                + "(possible where no timestamp, traceback or demo-data-dependent value is involved).\n");
        sb.append("\n## What is compared\n\n");
        sb.append("* Requests are replayed over a raw socket with the recorded method, path, headers and body (`<API_KEY>` and "
                + "`<LIMITED_USER_API_KEY>` replaced by the test's keys), so response headers are seen as sent.\n");
        sb.append("* HTTP status, `Content-Type` and `WWW-Authenticate` headers (exact, trailing space of `Bearer ` included).\n");
        sb.append("* HTML bodies (exact).\n");
        sb.append("* XML-RPC: prolog `<?xml version=\"1.0\"?>` and the empty line before `</methodResponse>` (exact); params vs fault; "
                + "`faultCode` (exact); value structure.\n");
        sb.append("* JSON-RPC: envelope keys and their order, echoed `id`, `error.code`, `error.message`, `data` keys and their order.\n");
        sb.append("* JSON-2: bare body; for errors the keys and their order.\n");
        sb.append("* Error `name` (exact); error `message`, `arguments` and message-only fault strings (exact once digit runs "
                + "are masked, so ids may differ).\n");
        sb.append("* Value structure: the JSON / XML-RPC type at every path (`int` vs `float` vs `string` vs `bool` vs list vs dict); "
                + "dict keys and their order; for lists, every element must have a type structure seen among the recorded "
                + "elements, and an empty list only matches where the recording has one. Ids, timestamps, names and amounts "
                + "may differ.\n");
        sb.append("\n## Deliberate exceptions\n\n");
        sb.append("* Tracebacks (XML-RPC fault 1 `faultString`, JSON `debug`): only the first line (`Traceback (most recent call "
                + "last):`) and the final `<ExceptionClass>: <message>` line are compared; the frames in between are synthesised.\n");
        sb.append("* `fields-get-partner-all`: the emulator defines about 45 of the 207 `res.partner` fields of the recorded "
                + "Enterprise database, so the top-level keys must be a subset of the recorded ones; each field description "
                + "is compared in full.\n");
        sb.append("* `search-read-2000-fields`: `ir.model.fields` rows are synthesised from the emulator's own field definitions "
                + "(padded with the generic fields of other well-known models); the row structure is compared.\n");
        sb.append("\n## Files that do not match\n\n");
        if (failures.isEmpty()) {
            sb.append("None.\n");
        } else {
            sb.append("| file | reason |\n|---|---|\n");
            for (Map.Entry<String, String> e : failures.entrySet()) {
                sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue().replace("|", "\\|").replace("\n", " ")).append(" |\n");
            }
        }
        // the hand-written part: behaviour built from Odoo's source, checked by the business-flow tests
        try (java.io.InputStream in = WireFaithfulnessTest.class.getResourceAsStream("/faithfulness-from-source.md")) {
            sb.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.writeString(docs.resolve("emulator-faithfulness.md"), sb.toString());
    }
}
