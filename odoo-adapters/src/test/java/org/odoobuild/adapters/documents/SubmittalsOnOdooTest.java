package org.odoobuild.adapters.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.capture.InMemorySnapshotStore;
import org.odoobuild.adapters.capture.OdooChange;
import org.odoobuild.adapters.capture.OdooChangeSource;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.procurement.OdooProcurement;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.documents.ImmutableSubmittal;
import org.odoobuild.model.documents.Submittal;
import org.odoobuild.model.documents.SubmittalStatus;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.testsupport.MutableClock;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.InMemoryInstanceStore;
import org.odoobuild.workflow.kit.WorkflowException;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.procurement.ReleaseGate;

/**
 * Submittals on emulated Odoo 17 and 19: tasks in the stage of their status with an attachment
 * per document revision, a stage a reviewer sets in Odoo coming back as the canonical status
 * (the SDK's own writes not), and approval, from either side, releasing the purchase order
 * waiting on the submittal.
 */
class SubmittalsOnOdooTest {
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  static final SourceRef PROJECT = SourceRef.of("doccontrol", "RMC-24");

  static Submittal submittal(String number, String title, int revision, SubmittalStatus status, String... documents) {
    ImmutableSubmittal.Builder b = ImmutableSubmittal.builder().addSourceRefs(SourceRef.of("doccontrol", number)).number(number)
        .title(title).projectRef(PROJECT).specSection(number.substring(0, 8)).revision(revision).status(status)
        .dueDate(LocalDate.parse("2026-03-20"));
    if (status.isSubmitted()) {
      b.submittedDate(LocalDate.parse("2026-03-02"));
    }
    if (status.isReviewed()) {
      b.reviewedDate(LocalDate.parse("2026-03-05"));
    }
    for (String d : documents) {
      b.addDocumentRevisions(SourceRef.of("doccontrol", d));
    }
    return b.build();
  }

  /** An emulated Odoo with the SDK's client (admin) and a reviewer's. */
  static final class World implements AutoCloseable {
    final MutableClock clock = new MutableClock(T0);
    final OdooEmulator server;
    final OdooClient sdk;
    final OdooClient reviewer;

    World(int version) {
      server = OdooEmulator.builder().version(version).apiKey("admin", "sdk-key").apiKey("reviewer", "reviewer-key").clock(clock)
          .build().start();
      server.seed("res.users", Map.of("login", "reviewer", "name", "M. Laurent (AR)", version >= 19 ? "group_ids" : "groups_id",
          List.of(1, 12)));
      sdk = client("admin", "sdk-key");
      reviewer = client("reviewer", "reviewer-key");
    }

    OdooClient client(String login, String key) {
      return OdooClient.builder().url(server.url().toString()).database(server.database()).login(login).apiKey(key).build();
    }

    /** A draft purchase order of one line. */
    long draftOrder(String vendor) {
      int partner = server.seed("res.partner", Map.of("name", vendor, "is_company", true, "supplier_rank", 1));
      int product = server.seed("product.product", Map.of("name", "Material of " + vendor, "default_code", vendor.substring(0, 3)));
      int po = server.seed("purchase.order", Map.of("partner_id", partner));
      server.seed("purchase.order.line", Map.of("order_id", po, "product_id", product, "name", "Material", "product_qty", 10.0,
          "price_unit", 100.0));
      return po;
    }

    String orderState(long po) {
      return String.valueOf(row("purchase.order", po).get("state"));
    }

    Map<String, Object> row(String model, long id) {
      return server.records(model).stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst().orElseThrow();
    }

    List<Map<String, Object>> rows(String model, String field, Object value) {
      return server.records(model).stream().filter(r -> String.valueOf(first(r.get(field))).equals(String.valueOf(value))).toList();
    }

    @Override
    public void close() {
      sdk.close();
      reviewer.close();
      server.close();
    }
  }

  static Object first(Object v) {
    return v instanceof List<?> l && !l.isEmpty() ? l.get(0) : v;
  }

  static <T> List<SourceRecord<T>> records(List<T> items, java.util.function.Function<T, String> id) {
    List<SourceRecord<T>> out = new ArrayList<>();
    for (T t : items) {
      out.add(SourceRecord.of(new RecordKey("doccontrol", id.apply(t), "1"), EventCatalog.SUBMITTAL_APPROVED, t, Instant.EPOCH));
    }
    return out;
  }

  static List<SourceRecord<Submittal>> batch(Submittal... s) {
    return records(List.of(s), Submittal::number);
  }

  /** Pulls the capture to the end from {@code cursor}, applying {@code sink}; returns the changes seen. */
  static List<OdooChange> capture(OdooChangeSource source, Sink<OdooChange> sink, String[] cursor) throws Exception {
    List<OdooChange> seen = new ArrayList<>();
    SourceBatch<OdooChange> b;
    do {
      b = source.pull(Optional.ofNullable(cursor[0]), 50);
      List<SinkResult> results = sink.apply(b.records());
      results.forEach(r -> assertTrue(r.outcome() != SinkResult.Outcome.FAILED, r.detail()));
      b.records().forEach(r -> seen.add(r.payload()));
      cursor[0] = b.nextCursor();
    } while (b.hasMore());
    return seen;
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void statusBothWaysAndApprovalReleasesTheWaitingOrders(int version) throws Exception {
    try (World w = new World(version)) {
      List<String> notices = new ArrayList<>();
      WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gates = new WorkflowEngine<>(
          ReleaseGate.definition(new OdooProcurement(w.sdk, (owner, msg) -> notices.add(owner + ": " + msg))),
          new InMemoryInstanceStore(), w.clock);
      SubmittalReleases releases = SubmittalReleases.of(gates, po -> true);
      List<OdooSubmittals.StatusChange> changes = new ArrayList<>();
      OdooSubmittals submittals = OdooSubmittals.builder(w.sdk).clock(w.clock).listener(c -> {
        changes.add(c);
        releases.release(c);
      }).build();
      assertEquals(OdooSubmittals.Layout.TASKS, submittals.layout(), "no Documents app in the emulator");

      Submittal mix = submittal("03 30 00-001", "Concrete mix design", 0, SubmittalStatus.SUBMITTED, "S-101@A");
      Submittal steel = submittal("05 12 00-002", "Structural steel shop drawings", 1, SubmittalStatus.UNDER_REVIEW,
          "S-201@B", "PD-7@1");
      long concreteOrder = w.draftOrder("Metro Ready-Mix");
      long steelOrder = w.draftOrder("Riverside Steel");
      gates.start("gate-concrete", SubmittalReleases.gateVariables(mix, concreteOrder, "buyer@gc.example"),
          EventMeta.of("buyer", "waits on " + mix.number(), "start-concrete"));
      gates.start("gate-steel", SubmittalReleases.gateVariables(steel, steelOrder, "buyer@gc.example"),
          EventMeta.of("buyer", "waits on " + steel.number(), "start-steel"));

      // ours → Odoo: a task per submittal in the stage of its status, a URL attachment per document revision
      submittals.apply(batch(mix, steel)).forEach(r -> assertEquals(SinkResult.Outcome.APPLIED, r.outcome(), r.detail()));
      Map<String, Object> register = w.server.records("project.project").stream()
          .filter(p -> "Submittals RMC-24".equals(p.get("name"))).findFirst().orElseThrow();
      Map<Long, SubmittalStatus> stages = submittals.stages();
      assertEquals(8, stages.size());
      assertEquals(stages.keySet(), ((List<?>) register.get("type_ids")).stream().map(x -> ((Number) x).longValue())
          .collect(Collectors.toSet()), "the register uses the eight status stages");
      List<Map<String, Object>> tasks = w.rows("project.task", "project_id", register.get("id"));
      assertEquals(2, tasks.size());
      Map<String, Object> mixTask = task(tasks, mix.number());
      Map<String, Object> steelTask = task(tasks, steel.number());
      assertEquals("Submitted", stageName(w, mixTask));
      assertEquals("Under Review", stageName(w, steelTask));
      assertEquals(List.of("urn:construction-sdk:document_revision:doccontrol:S-101@A"), documents(w, mixTask));
      assertEquals(List.of("urn:construction-sdk:document_revision:doccontrol:PD-7@1",
          "urn:construction-sdk:document_revision:doccontrol:S-201@B"), documents(w, steelTask));
      assertEquals(1, w.server.callCount("project.task", "load"));
      assertEquals(1, w.server.callCount("ir.attachment", "load"));

      // a replay changes nothing; a resubmission adds the new revision's documents to the same task
      submittals.apply(batch(mix, steel));
      Submittal mixRev1 = submittal("03 30 00-001", "Concrete mix design", 1, SubmittalStatus.SUBMITTED, "S-101@B");
      submittals.apply(batch(mixRev1));
      assertEquals(2, w.rows("project.task", "project_id", register.get("id")).size());
      assertEquals(List.of("urn:construction-sdk:document_revision:doccontrol:S-101@A",
          "urn:construction-sdk:document_revision:doccontrol:S-101@B"), documents(w, mixTask), "one attachment per revision");
      assertEquals(1, w.server.callCount("project.task.type", "load"), "stages loaded once");
      assertEquals(3, w.server.callCount("project.task", "load"), "one task load per batch");

      // approved in document control: the stage follows and the concrete order is released in Odoo
      w.clock.advance(Duration.ofSeconds(5));
      Submittal mixApproved = submittal("03 30 00-001", "Concrete mix design", 1, SubmittalStatus.APPROVED, "S-101@B");
      submittals.apply(batch(mixApproved));
      assertEquals("Approved", stageName(w, w.row("project.task", id(mixTask))));
      assertEquals("purchase", w.orderState(concreteOrder), "the order waiting on the approved submittal is confirmed");
      assertEquals(ReleaseGate.State.RELEASED, gates.state("gate-concrete"));
      assertEquals("draft", w.orderState(steelOrder));

      // Odoo → ours: the SDK's own writes are echoes, not changes
      OdooChangeSource source = submittals.changes().snapshots(new InMemorySnapshotStore()).deletionCheckEvery(Duration.ofDays(1))
          .clock(w.clock).build();
      Sink<OdooChange> back = submittals.statusChanges(source);
      String[] cursor = new String[1];
      int before = changes.size();
      assertTrue(capture(source, back, cursor).isEmpty(), "echoes of the SDK's writes are suppressed");
      assertEquals(before, changes.size());

      // a reviewer approves the steel submittal as noted in Odoo: canonical status, and the steel order released
      w.clock.advance(Duration.ofSeconds(5));
      long noted = stages.entrySet().stream().filter(e -> e.getValue() == SubmittalStatus.APPROVED_AS_NOTED).findFirst()
          .orElseThrow().getKey();
      w.reviewer.model("project.task").write(id(steelTask), Map.of("stage_id", noted));
      w.clock.advance(Duration.ofSeconds(5));
      List<OdooChange> captured = capture(source, back, cursor);
      assertEquals(1, captured.size());
      OdooSubmittals.StatusChange change = changes.get(changes.size() - 1);
      assertEquals(OdooSubmittals.ODOO, change.origin());
      assertEquals(steel.primaryRef(), change.submittal());
      assertEquals(steel.number(), change.number());
      assertEquals(SubmittalStatus.APPROVED_AS_NOTED, change.status());
      assertEquals(Optional.of(SubmittalStatus.UNDER_REVIEW), change.previous());
      Submittal canonical = change.applyTo(steel);
      assertEquals(SubmittalStatus.APPROVED_AS_NOTED, canonical.status());
      assertTrue(canonical.validate().isValid(), canonical.validate().violations().toString());
      assertEquals("purchase", w.orderState(steelOrder), "approval in Odoo released the steel order");
      assertEquals(ReleaseGate.State.RELEASED, gates.state("gate-steel"));
      assertEquals(2, notices.size(), String.join("\n", notices));

      // nothing new: nothing again
      int after = changes.size();
      w.clock.advance(Duration.ofSeconds(5));
      assertTrue(capture(source, back, cursor).isEmpty());
      assertEquals(after, changes.size());
      assertEquals(List.of("purchase", "purchase"), List.of(w.orderState(concreteOrder), w.orderState(steelOrder)));
    }
  }

  static Map<String, Object> task(List<Map<String, Object>> tasks, String number) {
    return tasks.stream().filter(t -> String.valueOf(t.get("name")).startsWith(number)).findFirst().orElseThrow();
  }

  static long id(Map<String, Object> row) {
    return ((Number) row.get("id")).longValue();
  }

  static String stageName(World w, Map<String, Object> task) {
    return String.valueOf(w.row("project.task.type", ((Number) first(task.get("stage_id"))).longValue()).get("name"));
  }

  /** The document revision URLs attached to a task, sorted. */
  static List<String> documents(World w, Map<String, Object> task) {
    return w.rows("ir.attachment", "res_id", task.get("id")).stream().filter(a -> "project.task".equals(a.get("res_model")))
        .map(a -> String.valueOf(a.get("url"))).filter(u -> u.startsWith("urn:construction-sdk:document_revision:")).sorted()
        .toList();
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aGateThatFailsBecauseOdooIsDownIsDeliveredAgainNotDeadLettered(int version) throws Exception {
    try (World w = new World(version)) {
      OdooSubmittals submittals = OdooSubmittals.builder(w.sdk).clock(w.clock).listener(c -> {
        if (c.origin().equals(OdooSubmittals.ODOO)) {
          throw new WorkflowException("gate action failed", new java.io.IOException("connection reset confirming the order"));
        }
      }).build();
      Submittal mix = submittal("03 30 00-001", "Concrete mix design", 0, SubmittalStatus.UNDER_REVIEW, "S-101@A");
      submittals.apply(batch(mix));
      OdooChangeSource source = submittals.changes().snapshots(new InMemorySnapshotStore()).deletionCheckEvery(Duration.ofDays(1))
          .clock(w.clock).build();
      Sink<OdooChange> back = submittals.statusChanges(source);
      assertTrue(back.idempotent(), "a status change fires its gates with fixed event ids");
      String[] cursor = new String[1];
      capture(source, back, cursor);
      long approved = submittals.stages().entrySet().stream().filter(e -> e.getValue() == SubmittalStatus.APPROVED)
          .findFirst().orElseThrow().getKey();
      w.clock.advance(Duration.ofSeconds(5));
      Map<String, Object> task = w.server.records("project.task").get(0);
      w.reviewer.model("project.task").write(id(task), Map.of("stage_id", approved));
      w.clock.advance(Duration.ofSeconds(5));
      SourceBatch<OdooChange> b = source.pull(Optional.ofNullable(cursor[0]), 50);
      List<SinkResult> results = back.apply(b.records());
      assertEquals(1, results.size());
      SinkResult r = results.get(0);
      assertEquals(SinkResult.Outcome.FAILED, r.outcome());
      assertTrue(r.error().isPresent() && OdooFailures.classifier().isTransient(r.error().get()),
          "the engine delivers it again later: " + r.detail());
    }
  }
}
