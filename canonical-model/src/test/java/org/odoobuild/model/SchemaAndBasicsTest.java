package org.odoobuild.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.IncompatibleUnitsException;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.UnknownUnitException;
import org.odoobuild.model.json.JsonSchemas;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.model.project.CsiCodes;

/** Published schemas are current; units, identifiers, cost codes, compliance. */
class SchemaAndBasicsTest {
  static Path schemaDir() {
    Path p = Path.of("..", "docs", "schema");
    return Files.isDirectory(p.getParent()) ? p : Path.of("docs", "schema");
  }

  @Test
  void checkedInSchemasAreUpToDate() throws IOException {
    Path dir = schemaDir();
    if (Boolean.getBoolean("schema.update")) {
      JsonSchemas.main(new String[] {dir.toString()});
    }
    for (Map.Entry<String, String> e : JsonSchemas.all().entrySet()) {
      Path f = dir.resolve(e.getKey());
      assertTrue(Files.exists(f), "missing " + f + " (run with -Dschema.update=true)");
      assertEquals(e.getValue(), Files.readString(f, StandardCharsets.UTF_8), e.getKey() + " is stale (run with -Dschema.update=true)");
    }
  }

  @Test
  void unitsConvertExactlyAndFailTyped() {
    assertEquals(0, new BigDecimal("0.764554857984").compareTo(Quantity.of("1", UnitOfMeasure.CY).convertTo(UnitOfMeasure.M3).value()));
    assertEquals(0, new BigDecimal("3").compareTo(Quantity.of("1", UnitOfMeasure.YD).convertTo(UnitOfMeasure.FT).value()));
    assertEquals(0, new BigDecimal("2000").compareTo(Quantity.of("1", UnitOfMeasure.TON).convertTo(UnitOfMeasure.LB).value()));
    assertEquals(0, new BigDecimal("9").compareTo(Quantity.of("1", UnitOfMeasure.SY).convertTo(UnitOfMeasure.SF).value()));
    assertEquals(0, new BigDecimal("48").compareTo(Quantity.of("2", UnitOfMeasure.DAY).convertTo(UnitOfMeasure.H).value()));
    assertEquals(0, BigDecimal.ONE.compareTo(Quantity.of("60", UnitOfMeasure.MIN).convertTo(UnitOfMeasure.H).value()));
    assertEquals(UnitOfMeasure.SF, UnitOfMeasure.of("sq ft"));
    assertEquals(UnitOfMeasure.CY, UnitOfMeasure.of("yd3"));
    assertEquals(UnitOfMeasure.EA, UnitOfMeasure.of("Units"));
    IncompatibleUnitsException e = assertThrows(IncompatibleUnitsException.class, () -> Quantity.of("1", UnitOfMeasure.KG).convertTo(UnitOfMeasure.M3));
    assertEquals(UnitOfMeasure.KG, e.from());
    assertThrows(UnknownUnitException.class, () -> UnitOfMeasure.of("furlong"));
  }

  @Test
  void externalIdsAreDeterministicValidAndCollisionFree() {
    String a = ExternalIds.of("vendor", SourceRef.of("procore", "v_17"));
    assertEquals("construction_sdk.vendor_procore_v_17", a);
    String b = ExternalIds.of("vendor", SourceRef.of("procore", "V-17"));
    String c = ExternalIds.of("vendor", SourceRef.of("procore", "v-17"));
    assertNotEquals(b, c);
    assertNotEquals(a, c);
    assertEquals(b, ExternalIds.of("vendor", SourceRef.of("procore", "V-17", "3")));
    String longId = ExternalIds.of("purchase_order", SourceRef.of("sage-300", "x".repeat(128)));
    assertTrue(ExternalIds.isValid(longId), longId);
    assertTrue(longId.length() <= ExternalIds.MODULE.length() + 1 + ExternalIds.MAX_NAME);
    assertEquals("procore:V-17:3", SourceRef.of("procore", "V-17", "3").idempotencyKey());
    assertThrows(IllegalStateException.class, () -> SourceRef.of("Bad System", "1"));
  }

  @Test
  void csiParentsAreDerived() {
    assertEquals("03 31 13", CsiCodes.parentOf("03 31 13.19").orElseThrow());
    assertEquals("03 31 00", CsiCodes.parentOf("03 31 13").orElseThrow());
    assertEquals("03 30 00", CsiCodes.parentOf("03 31 00").orElseThrow());
    assertEquals("03 00 00", CsiCodes.parentOf("03 30 00").orElseThrow());
    assertTrue(CsiCodes.parentOf("03 00 00").isEmpty());
    assertEquals(4, CsiCodes.level("03 31 13"));
  }

  @Test
  void vendorCompliance() {
    Vendor v = ImmutableVendor.builder().addSourceRefs(SourceRef.of("procore", "1")).name("Acme")
        .insuranceExpiry(LocalDate.parse("2026-06-30")).licenceExpiry(LocalDate.parse("2026-03-31")).build();
    assertTrue(v.isCompliantOn(LocalDate.parse("2026-03-01")));
    assertEquals("licenceExpiry vendor_not_compliant", v.complianceProblems(LocalDate.parse("2026-04-01")).get(0).path() + " "
        + v.complianceProblems(LocalDate.parse("2026-04-01")).get(0).code());
    assertEquals(3, ImmutableVendor.copyOf(v).withBlocked(true).complianceProblems(LocalDate.parse("2026-07-01")).size());
  }
}
