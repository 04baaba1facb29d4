package org.odoobuild.client.robust;

import java.time.Duration;
import java.util.Map;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.client.support.ScriptedServer;
import org.odoobuild.client.support.Wire;

/** Clients with short timeouts for failure tests. */
final class Fixtures {
  static final String PASSWORD = "Pa55-word-never-shown";

  private Fixtures() {}

  static OdooClient.Builder builder(ScriptedServer server, Protocol p) {
    OdooClient.Builder b = OdooClient.builder().url(server.url()).database("construction").protocol(p)
        .serverVersion(ServerVersion.of(19)).timeout(Duration.ofMillis(800)).connectTimeout(Duration.ofMillis(800))
        .maxBackoff(Duration.ofMillis(20)).retries(0);
    return p == Protocol.JSON2 ? b.apiKey(Wire.API_KEY) : b.login("admin", PASSWORD).uid(2);
  }

  static OdooClient client(ScriptedServer server, Protocol p) {
    return builder(server, p).build();
  }

  /** A valid empty search_read answer for the protocol. */
  static ScriptedServer.Handler ok(Protocol p, String jsonResult, String xmlValue) {
    return (req, ex) -> {
      switch (p) {
        case JSON2 -> ex.respond(200, "application/json; charset=utf-8", jsonResult);
        case XMLRPC -> ex.respond(200, "text/xml; charset=utf-8", "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n"
            + xmlValue + "\n</param>\n</params>\n\n</methodResponse>\n");
        default -> {
          Object id = ((Map<?, ?>) Wire.json(req.text())).get("id");
          ex.respond(200, "application/json; charset=utf-8", "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"result\": "
              + jsonResult + "}");
        }
      }
    };
  }

  static ScriptedServer.Handler okEmptyList(Protocol p) {
    return ok(p, "[]", "<value><array><data>\n</data></array></value>");
  }

  static ScriptedServer.Handler okId(Protocol p, long id) {
    return ok(p, p == Protocol.JSON2 ? "[" + id + "]" : String.valueOf(id), "<value><int>" + id + "</int></value>");
  }

  static ScriptedServer.Handler okTrue(Protocol p) {
    return ok(p, "true", "<value><boolean>1</boolean></value>");
  }

  static ScriptedServer.Handler status(int status, String contentType, String body, Map<String, String> headers) {
    return (req, ex) -> ex.respond(status, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
  }
}
