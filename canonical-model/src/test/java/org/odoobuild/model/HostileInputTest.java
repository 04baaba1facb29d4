package org.odoobuild.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.json.CanonicalJson;
import org.odoobuild.model.procurement.PurchaseOrder;

/** Untrusted JSON and Odoo rows give typed violations, never exceptions. */
class HostileInputTest {
  private static final String VALID = CanonicalJson.write(new Gen(7).purchaseOrder());

  private static String with(String path, String jsonValue) {
    // replace one property (top level or lines[0]) of the valid document
    com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) CanonicalJson.toTree(new Gen(7).purchaseOrder());
    com.fasterxml.jackson.databind.node.ObjectNode target = n;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      String p = parts[i];
      target = p.endsWith("]") ? (com.fasterxml.jackson.databind.node.ObjectNode) target.get(p.substring(0, p.indexOf('['))).get(0)
          : (com.fasterxml.jackson.databind.node.ObjectNode) target.get(p);
    }
    try {
      target.set(parts[parts.length - 1], CanonicalJson.mapper().readTree(jsonValue));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return n.toString();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "number|42|number|wrong_type",
      "number|null|number|required",
      "number|\"   \"|number|blank",
      "status|\"SHIPPED\"|status|unknown_value",
      "currency|\"XYZ\"|currency|unknown_currency",
      "currency|7|currency|wrong_type",
      "orderDate|\"2024-13-45\"|orderDate|invalid_format",
      "lines[0].unitPrice.amount|\"NaN\"|lines[0].unitPrice.amount|not_finite",
      "lines[0].unitPrice.amount|\"-Infinity\"|lines[0].unitPrice.amount|not_finite",
      "lines[0].unitPrice.amount|1e999999|lines[0].unitPrice.amount|invalid_format",
      "lines[0].unitPrice.amount|true|lines[0].unitPrice.amount|wrong_type",
      "lines[0].quantity.unit|\"furlong\"|lines[0].quantity.unit|unknown_unit",
      "lines[0].lineNumber|1.5|lines[0].lineNumber|wrong_type",
      "lines[0].lineNumber|99999999999|lines[0].lineNumber|wrong_type",
      "lines[0].costCode|[1,2]|lines[0].costCode|wrong_type",
      "lines|{}|lines|wrong_type",
      "lines[0].bogus|1|lines[0].bogus|unknown_property",
      "sourceRefs|[]|sourceRefs|required",
      "vendorRef|\"procore:1\"|vendorRef|wrong_type",
  })
  void hostileValuesBecomeViolations(String path, String value, String expectedPath, String code) {
    Parsed<PurchaseOrder> p = assertDoesNotThrow(() -> CanonicalJson.read(with(path, value), PurchaseOrder.class));
    assertFalse(p.isValid());
    assertTrue(p.result().pathsAndCodes().contains(expectedPath + " " + code), () -> p.violations().toString());
  }

  @Test
  void hugeStringsAreCappedNotAccepted() {
    Parsed<PurchaseOrder> p = CanonicalJson.read(with("lines[0].description", "\"" + "x".repeat(100_000) + "\""), PurchaseOrder.class);
    assertTrue(p.result().pathsAndCodes().contains("lines[0].description too_long"), p.violations().toString());
    Parsed<PurchaseOrder> ref = CanonicalJson.read(with("number", "\"" + "9".repeat(129) + "\""), PurchaseOrder.class);
    assertTrue(ref.result().pathsAndCodes().contains("number too_long"));
    Parsed<PurchaseOrder> giant = CanonicalJson.read("{\"number\":\"" + "y".repeat(2_000_000) + "\"}", PurchaseOrder.class);
    assertTrue(giant.result().hasCode("malformed"), giant.violations().toString());
  }

  @Test
  void malformedDocumentsBecomeViolations() {
    for (String bad : List.of("", "{", "[]", "null", "NaN", "{\"number\": NaN}", "{\"a\":1,\"a\":2}", "{}}", "\"x\"",
        "[".repeat(5000), "{\"lines\":" + "[".repeat(100) + "]".repeat(100) + "}")) {
      Parsed<PurchaseOrder> p = assertDoesNotThrow(() -> CanonicalJson.read(bad, PurchaseOrder.class), bad);
      assertFalse(p.isValid(), bad);
      assertFalse(p.violations().isEmpty(), bad);
    }
  }

  @Test
  void randomlyCorruptedDocumentsNeverThrow() {
    Random r = new Random(42);
    byte[] base = VALID.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 2000; i++) {
      byte[] b = base.clone();
      for (int k = 0; k < 1 + r.nextInt(5); k++) {
        String alphabet = "\"{}[],:0-9eE.nulltrueNaN \\x";
        b[r.nextInt(b.length)] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
      }
      assertDoesNotThrow(() -> CanonicalJson.read(b, PurchaseOrder.class));
    }
  }
}
