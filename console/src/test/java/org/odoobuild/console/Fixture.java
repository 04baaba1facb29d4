package org.odoobuild.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.odoobuild.client.Command;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.ops.Drift;
import org.odoobuild.connectors.ops.ReconciliationReport;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.DeadLetterQuery;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.JdbcInstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.procurement.ProcurementPort;
import org.odoobuild.workflow.procurement.ReleaseGate;
import org.odoobuild.workflow.procurement.ReleaseGate.Event;
import org.odoobuild.workflow.procurement.ReleaseGate.Signal;
import org.odoobuild.workflow.procurement.ReleaseGate.State;

/**
 * A running integration to look at: an emulated Odoo, a vendor flow whose sink writes partners
 * there (and refuses vendors whose partner tag does not exist yet: the operator creates the tag,
 * then replays), a procurement release gate with one order on hold, a reconciliation report,
 * and a console with an operator, a viewer and an API token.
 */
final class Fixture implements AutoCloseable {
  static final String OPERATOR = "alice";
  static final String OPERATOR_PASSWORD = "alice-console-pw";
  static final String VIEWER = "victor";
  static final String VIEWER_PASSWORD = "victor-console-pw";
  static final String TOKEN = "tok-0123456789abcdefghij";
  static final String IBAN = "DE89370400440532013000";
  static final String FLOW = "vendors";

  /** A vendor from the source system (the IBAN must never be shown). */
  public record Vendor(String ref, String name, String tag, String iban) {}

  final OdooEmulator odoo;
  final OdooClient client;
  final SyncStore store;
  final SyncEngine engine;
  final WorkflowEngine<State, Event, Signal> gate;
  final List<String> procurementCalls = new CopyOnWriteArrayList<>();
  final ConsoleServer console;
  private final List<SourceRecord<Vendor>> source = new CopyOnWriteArrayList<>();

  Fixture() {
    this(b -> b);
  }

  Fixture(Function<ConsoleServer.Builder, ConsoleServer.Builder> more) {
    odoo = OdooEmulator.builder().apiKey("console-key").build().start();
    client = OdooClient.builder().url(odoo.url().toString()).database("construction").apiKey("console-key").build();
    store = SyncStores.inMemory();
    engine = SyncEngine.builder().store(store).workerId("engine-1").build();
    engine.register(Flow.builder(FLOW, Vendor.class).source((cursor, max) -> {
      int from = cursor.map(Integer::parseInt).orElse(0);
      int to = Math.min(source.size(), from + max);
      return new SourceBatch<>(new ArrayList<>(source.subList(from, to)), String.valueOf(to), to < source.size());
    }).sink(batch -> {
      List<SinkResult> out = new ArrayList<>();
      for (SourceRecord<Vendor> r : batch) {
        out.add(write(r.payload()));
      }
      return out;
    }).build());
    gate = new WorkflowEngine<>(ReleaseGate.definition(port()), JdbcInstanceStore.in(store), java.time.Clock.systemUTC());
    console = more.apply(ConsoleServer.builder()
        .engine(engine)
        .workflow(gate, Set.of(State.ON_HOLD), Map.of(
            Event.RESUME, reason -> new Signal("console", true, reason),
            Event.CANCEL, reason -> new Signal("console", true, reason)))
        .reconciliation(() -> List.of(new ReconciliationReport(FLOW, 3, 3, 1, List.of(
            new Drift(Drift.Kind.DIFFERENT, "V-7", Map.of("email", new Drift.Difference("ap@ridge.example",
                "accounts@ridge.example"), "iban", new Drift.Difference(IBAN, "(empty)"))),
            new Drift(Drift.Kind.MISSING, "V-9", Map.of())), Duration.ofMillis(12))))
        .user(OPERATOR, OPERATOR_PASSWORD, Role.OPERATOR)
        .user(VIEWER, VIEWER_PASSWORD, Role.VIEWER)
        .token(TOKEN, "deploy-bot", Role.OPERATOR)
        .maskFields("iban")
        .title("Ridge Construction \u2013 integration console")
        .port(0)).build().start();
  }

  private ProcurementPort port() {
    return new ProcurementPort() {
      @Override
      public void release(String po) {
        procurementCalls.add("release " + po);
      }

      @Override
      public void hold(String po, String reason) {
        procurementCalls.add("hold " + po);
      }

      @Override
      public void resume(String po, String note) {
        procurementCalls.add("resume " + po + ": " + note);
      }

      @Override
      public void cancel(String po, String reason) {
        procurementCalls.add("cancel " + po);
      }

      @Override
      public void notify(String owner, String message) {
        procurementCalls.add("notify " + owner);
      }
    };
  }

  /** The sink: one partner per vendor, tagged; a missing tag is refused (not retried). */
  private SinkResult write(Vendor v) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", v.name());
    values.put("ref", v.ref());
    if (!v.tag().isEmpty()) {
      List<Long> tag = client.model("res.partner.category").search(Query.where(Domain.where("name", "=", v.tag())));
      if (tag.isEmpty()) {
        return SinkResult.failed("partner tag '" + v.tag() + "' does not exist in Odoo; create it, then replay "
            + "(bank account " + v.iban() + ")");
      }
      values.put("category_id", List.of(Command.set(tag)));
    }
    return SinkResult.applied("res.partner," + client.model("res.partner").create(values));
  }

  /** Adds vendors to the source system. */
  void vendors(Vendor... vendors) {
    for (Vendor v : vendors) {
      source.add(SourceRecord.of(new RecordKey("vendor-portal", v.ref(), "1"), EventCatalog.VENDOR_APPROVED, v,
          Instant.now()));
    }
  }

  /** Puts a purchase order on hold behind a superseded drawing. */
  void holdOrder(String id, String po, String owner) {
    gate.start(id, Map.of("po", po, "owner", owner), EventMeta.by("procurement", "order placed"));
    gate.fire(id, Event.DRAWING_SUPERSEDED, new Signal("A-201 rev C", true, "beam sizes changed"),
        EventMeta.by("doc-control", "drawing A-201 superseded by rev C"));
  }

  /** The partners in the emulated Odoo with this reference. */
  List<Map<String, Object>> partners(String ref) {
    return odoo.records("res.partner").stream().filter(p -> ref.equals(p.get("ref"))).toList();
  }

  Optional<DeadLetter> deadLetter(String ref) {
    return store.deadLetters(DeadLetterQuery.builder().flow(FLOW).limit(1000).build()).stream()
        .filter(d -> d.idempotencyKey().contains(ref)).findFirst();
  }

  /** Waits for a condition, checking every 50 ms, for up to 60 s (generous: CI machines are slow). */
  static void await(String what, java.util.function.BooleanSupplier done) {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError(what + " did not happen within 60 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
  }

  @Override
  public void close() {
    console.close();
    engine.close();
    store.close();
    odoo.close();
  }
}
