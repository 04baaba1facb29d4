package org.odoobuild.adapters.govern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.capture.OdooChange;
import org.odoobuild.adapters.capture.OdooChangeSource;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.ownership.OwnershipConflict;
import org.odoobuild.connectors.ownership.OwnershipPolicy;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.testsupport.MutableClock;

/** Ownership at the sink, field-level audit with the source's actor, and echo suppression in change capture. */
class FieldGovernanceTest {
  private static final SourceRef REF = SourceRef.of("fieldapp", "V-9");

  private static Vendor vendor(String name, String email) {
    return ImmutableVendor.builder().addSourceRefs(REF).name(name).vendorCode("KR-9").email(email).build();
  }

  private static SourceRecord<Vendor> event(Vendor v, String rev, String actor) {
    return SourceRecord.of(new RecordKey("fieldapp", "V-9", rev), EventCatalog.VENDOR_APPROVED, v, Instant.EPOCH)
        .withActor(actor);
  }

  private static OdooClient admin(OdooEmulator odoo) {
    return OdooClient.builder().url(odoo.url().toString()).database(odoo.database()).login("admin").apiKey("gov-key")
        .build();
  }

  private static OdooClient clerk(OdooEmulator odoo) {
    return OdooClient.builder().url(odoo.url().toString()).database(odoo.database()).login("clerk", "pw")
        .build();
  }

  private static Record partner(OdooClient odoo) {
    return odoo.model("res.partner").searchRead(Query.where(Domain.where("ref", "=", "KR-9"))
        .fields("name", "email", "write_uid")).get(0);
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aFieldOwnedByOdooIsNeverOverwrittenAndTheConflictKeepsBothValues(int version) {
    try (OdooEmulator odoo = OdooEmulator.builder().version(version).apiKey("admin", "gov-key").limitedUser("clerk", "pw")
        .build().start()) {
      OdooClient sdk = admin(odoo);
      List<OwnershipConflict> conflicts = new CopyOnWriteArrayList<>();
      List<AuditEntry> audit = new CopyOnWriteArrayList<>();
      FieldGovernance gov = FieldGovernance.builder(sdk, "fieldapp")
          .ownership(OwnershipPolicy.builder().field("res.partner", "email", "odoo").build())
          .onConflict(conflicts::add).audit(audit::add).build();
      EntitySink<Vendor> sink = EntitySink.of(sdk, Vendor.class).governed(gov);

      // created: nothing to overwrite, every field is written
      assertEquals(SinkResult.Outcome.APPLIED, sink.apply(List.of(event(vendor("Keystone Rebar", "ap@keystone.example"),
          "1", "pm.jane@fieldapp"))).get(0).outcome());
      assertEquals("ap@keystone.example", partner(sdk).getString("email").orElseThrow());

      // accounts payable corrects the email in Odoo, the system of record for it
      long id = partner(sdk).id();
      clerk(odoo).model("res.partner").write(List.of(id), Map.of("email", "billing@keystone.example"));

      // the field app sends its stale email with a new name: the name goes through, the email does not
      List<SinkResult> r = sink.apply(List.of(event(vendor("Keystone Rebar Inc", "ap2@keystone.example"), "2",
          "pm.joe@fieldapp")));
      assertEquals(SinkResult.Outcome.APPLIED, r.get(0).outcome());
      Record now = partner(sdk);
      assertEquals("Keystone Rebar Inc", now.getString("name").orElseThrow());
      assertEquals("billing@keystone.example", now.getString("email").orElseThrow());
      assertEquals(List.of(new OwnershipConflict("res.partner", conflicts.get(0).entityKey(), "email", "odoo", "fieldapp",
          "billing@keystone.example", "ap2@keystone.example")), conflicts);

      // the audit: who, and before/after of exactly the fields that changed
      assertEquals(2, audit.size());
      AuditEntry update = audit.get(1);
      assertEquals("pm.joe@fieldapp", update.actor());
      assertEquals("updated", update.action());
      assertEquals("{\"name\":\"Keystone Rebar\"}", update.before());
      assertEquals("{\"name\":\"Keystone Rebar Inc\"}", update.after());
      assertTrue(update.detail().contains("withheld (owned elsewhere): email"), update.detail());
      assertEquals("pm.jane@fieldapp", audit.get(0).actor());
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void theSdksOwnWritesAreNotEchoedBackByChangeCapture(int version) {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-04T08:00:00Z"));
    try (OdooEmulator odoo = OdooEmulator.builder().version(version).apiKey("admin", "gov-key").limitedUser("clerk", "pw")
        .clock(clock).build().start()) {
      OdooClient sdk = admin(odoo);
      OdooChangeSource capture = OdooChangeSource.builder(sdk, "res.partner").fields("name", "email", "ref")
          .scope(Domain.where("ref", "=", "KR-9")).ignoreOwnWrites().build();
      EntitySink<Vendor> sink = EntitySink.of(sdk, Vendor.class);

      sink.apply(List.of(event(vendor("Keystone Rebar", "ap@keystone.example"), "1", "pm@fieldapp")));
      SourceBatch<OdooChange> first = capture.pull(Optional.empty(), 100);
      assertEquals(List.of(), first.records(), "the SDK's own create is not an event");

      clock.advance(Duration.ofMinutes(5)); // write_date has whole seconds
      clerk(odoo).model("res.partner").write(List.of(partner(sdk).id()), Map.of("email", "billing@keystone.example"));
      SourceBatch<OdooChange> second = capture.pull(Optional.of(first.nextCursor()), 100);
      assertEquals(1, second.records().size(), "a person's change is");
      assertEquals("billing@keystone.example", second.records().get(0).payload().values().get("email"));

      clock.advance(Duration.ofMinutes(5));
      sink.apply(List.of(event(vendor("Keystone Rebar Inc", "billing@keystone.example"), "2", "pm@fieldapp")));
      assertEquals(List.of(), capture.pull(Optional.of(second.nextCursor()), 100).records(),
          "the SDK's own update is not an event either");
    }
  }
}
