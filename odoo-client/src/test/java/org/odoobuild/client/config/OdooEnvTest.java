package org.odoobuild.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooEnv;
import org.odoobuild.client.Protocol;
import org.odoobuild.testkit.OdooEmulator;

/** Configuration from environment variables: errors name the variable, never a value; the Odoo 17 key story. */
class OdooEnvTest {
  static final String KEY = "env-test-key-7f3a";

  static IllegalStateException failure(Map<String, String> env) {
    return assertThrows(IllegalStateException.class, () -> OdooEnv.builder(env::get));
  }

  @Test
  void aMissingUrlOrDatabaseIsNamed() {
    assertEquals("environment variable ODOO_URL is not set (the Odoo server's base URL, e.g. https://erp.example.com)",
        failure(Map.of("ODOO_DB", "x", "ODOO_API_KEY", KEY)).getMessage());
    assertEquals("environment variable ODOO_DB is not set (the Odoo database name)",
        failure(Map.of("ODOO_URL", "https://erp.example.com", "ODOO_API_KEY", KEY)).getMessage());
    assertTrue(failure(Map.of("ODOO_URL", " ", "ODOO_DB", "x", "ODOO_API_KEY", KEY)).getMessage()
        .contains("ODOO_URL is not set"), "blank counts as unset");
  }

  @Test
  void missingCredentialsSayWhatToSet() {
    String m = failure(Map.of("ODOO_URL", "https://erp.example.com", "ODOO_DB", "x")).getMessage();
    assertEquals("no Odoo credentials in the environment: set ODOO_API_KEY (with ODOO_USER on Odoo 17), "
        + "or ODOO_USER and ODOO_PASSWORD", m);
    assertTrue(failure(Map.of("ODOO_URL", "https://erp.example.com", "ODOO_DB", "x", "ODOO_USER", "bob"))
        .getMessage().startsWith("environment variable ODOO_PASSWORD is not set"));
  }

  @Test
  void invalidValuesAreNamedWithoutEchoingThem() {
    Map<String, String> env = new HashMap<>(Map.of("ODOO_URL", "ftp://" + KEY, "ODOO_DB", "x", "ODOO_API_KEY", KEY));
    IllegalStateException url = failure(env);
    assertEquals("ODOO_URL is not an http(s) URL", url.getMessage());
    env.put("ODOO_URL", "https://erp.example.com");
    env.put("ODOO_PROTOCOL", "grpc");
    assertEquals("ODOO_PROTOCOL must be one of AUTO, JSON2, JSONRPC, XMLRPC", failure(env).getMessage());
    env.put("ODOO_PROTOCOL", "json-rpc");
    env.put("ODOO_TIMEOUT", "soon");
    assertTrue(failure(env).getMessage().startsWith("ODOO_TIMEOUT is neither seconds"));
    env.put("ODOO_TIMEOUT", "90");
    String built = OdooEnv.builder(env::get).toString();
    assertTrue(built.contains("protocol=JSONRPC") && !built.contains(KEY), built);
  }

  @Test
  void theBuilderRefusesANullSecretWithAHintInsteadOfABareNullPointer() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OdooClient.builder().apiKey(System.getenv("ODOO_TEST_VARIABLE_THAT_IS_NEVER_SET")));
    assertTrue(e.getMessage().startsWith("apiKey is null (an environment variable that is not set?"), e.getMessage());
  }

  @Test
  void onOdoo17AnApiKeyNeedsTheLoginAndWorksWithIt() {
    try (OdooEmulator odoo17 = OdooEmulator.builder().version(17).apiKey("admin", KEY).build().start()) {
      Map<String, String> env = new HashMap<>(Map.of("ODOO_URL", odoo17.url().toString(), "ODOO_DB", odoo17.database(),
          "ODOO_API_KEY", KEY));
      try (OdooClient keyOnly = OdooEnv.builder(env::get).build()) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keyOnly.model("res.partner").count(
            org.odoobuild.client.Domain.all()));
        assertTrue(e.getMessage().contains("needs a login"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
      }
      env.put("ODOO_USER", "admin");
      try (OdooClient withLogin = OdooEnv.builder(env::get).build()) {
        assertTrue(withLogin.model("res.partner").count(org.odoobuild.client.Domain.all()) >= 1);
        assertEquals(Protocol.JSONRPC, withLogin.protocol());
      }
    }
  }

  @Test
  void onOdoo19TheApiKeyAloneIsEnough() {
    try (OdooEmulator odoo19 = OdooEmulator.builder().version(19).apiKey(KEY).build().start()) {
      Map<String, String> env = Map.of("ODOO_URL", odoo19.url().toString(), "ODOO_DB", odoo19.database(),
          "ODOO_API_KEY", KEY);
      try (OdooClient odoo = OdooEnv.builder(env::get).build()) {
        assertTrue(odoo.model("res.partner").count(org.odoobuild.client.Domain.all()) >= 1);
        assertEquals(Protocol.JSON2, odoo.protocol());
      }
    }
  }
}
