package org.odoobuild.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MaskerTest {
  final Masker masker = new Masker(List.of("IBAN", "tax_id"), List.of(Pattern.compile("\\bEMP-[0-9]{6}\\b")));
  static final String M = Masker.MASK;

  @Test
  void configuredAndSecretLookingFieldsAreMaskedAtAnyDepth() {
    String shown = masker.payload("{\"name\":\"Ridge\",\"iban\":\"DE89370400440532013000\",\"bank\":{\"Tax_ID\":"
        + "\"123\",\"accounts\":[{\"api_key\":\"k-1\",\"iban\":null}]},\"password\":7,\"note\":\"ok\"}");
    assertTrue(shown.contains("\"name\" : \"Ridge\""), shown);
    assertTrue(shown.contains("\"iban\" : \"" + M + "\""), shown);
    assertTrue(shown.contains("\"Tax_ID\" : \"" + M + "\""), shown);
    assertTrue(shown.contains("\"api_key\" : \"" + M + "\""), shown);
    assertTrue(shown.contains("\"iban\" : null"), "nothing to hide in a null");
    assertTrue(shown.contains("\"password\" : \"" + M + "\""), shown);
    assertFalse(shown.contains("370400440532013000") || shown.contains("k-1") || shown.contains("\"123\""));
  }

  @Test
  void payloadsThatAreNotJsonAreNotShown() {
    assertEquals("(payload is not JSON: 22 characters, not shown because its fields cannot be masked)",
        masker.payload("iban=DE89370400440532013000".substring(0, 22)));
    assertEquals("(empty payload)", masker.payload(" "));
    assertTrue(masker.payload("x".repeat(1_000_001)).contains("too large"));
    assertTrue(masker.payload("[".repeat(5_000)).contains("not JSON"), "deep nesting is refused, not followed");
  }

  @Test
  void secretValuesAreHiddenInOtherTextAndPatternsEverywhere() {
    List<String> secrets = masker.secretsIn("{\"iban\":\"GB33BUKB20201555555555\",\"tax_id\":\"X12345\"}",
        Map.of("authorization", "Bearer abcdef", "event_type", "vendor_approved"));
    assertEquals(List.of("Bearer abcdef", "GB33BUKB20201555555555", "X12345"), secrets.stream().sorted().toList());
    assertEquals("tax number " + M + " refused", masker.hide("tax number X12345 refused", secrets));
    assertEquals("bank account " + M + " and " + M, masker.text("bank account DE89 3704 0044 0532 0130 00 and "
        + "NL91ABNA0417164300"));
    assertEquals("login failed: password=" + M + " api_key: " + M + ", Authorization: " + M,
        masker.text("login failed: password=hunter2 api_key: sk_live_1, Authorization: Bearer abc.def"));
    assertEquals("employee " + M, masker.text("employee EMP-004211"));
    assertEquals("PO P00042 for 12 beams", masker.text("PO P00042 for 12 beams"));
    assertEquals(Map.of("authorization", M, "event_type", "vendor_approved"),
        masker.headers(Map.of("authorization", "Bearer x", "event_type", "vendor_approved")));
  }
}
