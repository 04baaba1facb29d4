package org.odoobuild.adapters.documents;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.odoobuild.adapters.AdapterException;
import org.odoobuild.adapters.capture.OdooChange;
import org.odoobuild.adapters.capture.OdooChangeSource;
import org.odoobuild.adapters.internal.IdempotentSinks;
import org.odoobuild.adapters.internal.InstalledModels;
import org.odoobuild.adapters.internal.LineHolds;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.Domain;
import org.odoobuild.client.FieldInfo;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.access.AccessNeed;
import org.odoobuild.connectors.access.AccessNeeds;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.documents.ImmutableSubmittal;
import org.odoobuild.model.documents.Submittal;
import org.odoobuild.model.documents.SubmittalStatus;
import org.odoobuild.workflow.kit.WorkflowException;

/**
 * Submittals in Odoo, their status kept in step both ways.
 *
 * <p><b>Layout.</b> Every submittal is a task ({@code project.task}) of a submittal register: a
 * project ({@code project.project}) per canonical project, named {@code Submittals <project>},
 * whose stages ({@code project.task.type}, shared by the registers) are the review statuses, in
 * their order, the closing ones (rejected, superseded) folded. The task's stage is its status
 * (addons/project/models/project_task.py and project_task_type.py, 17.0 and 19.0: a task's
 * {@code stage_id} is one of its project's {@code type_ids}; moving it stamps
 * {@code date_last_stage_update}). The documents it covers are URL attachments
 * ({@code ir.attachment}, {@code res_model} {@code project.task}) of the task, one per document
 * revision and submittal revision ({@code Rev 1: S-201@C}, url
 * {@code urn:construction-sdk:document_revision:<ref>}, as drawing links are), so a
 * resubmission adds the new revision's documents and keeps the earlier ones; one more URL
 * attachment ({@code urn:construction-sdk:submittal:<ref>}) names the canonical submittal, so a
 * change made in Odoo finds its way back. {@link #layout()} tells whether Odoo's Documents app
 * is installed (its {@code documents.document} model is in {@code ir.model}); the layout is the
 * same either way: the Documents app is Enterprise code, outside the public source the SDK and
 * its emulator are built from, so the SDK does not file documents there itself (Odoo can show a
 * project's attachments in a Documents workspace on its own).
 *
 * <p><b>Ours to Odoo.</b> As a {@link Sink}, each batch is loaded by external id through the one
 * {@link Upserter}: the stages and each register once per instance, then one {@code load} of the
 * tasks (external id: the submittal's) and one of their attachments, so a replay changes nothing.
 * An invalid submittal, or one Odoo refused, comes back failed.
 * The stages and registers are the SDK's: loading them (once per instance) sets their names,
 * order and a register's stage list back to the review statuses, so rename or reorder them in
 * the SDK's status mapping, not in Odoo.
 *
 * <p><b>Odoo to ours.</b> {@link #changes()} captures the tasks in the submittal stages
 * ({@link OdooChangeSource}, which suppresses the echoes of the SDK's own writes by their
 * {@code write_uid}); {@link #statusChanges(OdooChangeSource)} turns a stage a reviewer set in
 * Odoo into a {@link StatusChange} of the canonical submittal. Both directions tell the listener
 * ({@link Builder#listener}), e.g. {@link SubmittalReleases}: an approval releases the purchase
 * orders whose release gate waits on the submittal.
 * <pre>{@code
 * OdooSubmittals submittals = OdooSubmittals.builder(odoo).listener(releases::release).build();
 * engine.register(Flow.builder("submittals", Submittal.class).source(documentControl).sink(submittals).build());
 * OdooChangeSource reviews = submittals.changes().snapshots(JdbcSnapshotStore.in(store)).build();
 * engine.register(Flow.builder("submittal-reviews", OdooChange.codec()).source(reviews)
 *     .sink(submittals.statusChanges(reviews)).build());
 * }</pre>
 * Thread-safe when its client and listener are.
 */
public final class OdooSubmittals implements Sink<Submittal>, AccessNeeds {
  /** The model of a submittal. */
  public static final String TASK = "project.task";
  /** The model of a status. */
  public static final String STAGE = "project.task.type";
  /** The model of a register. */
  public static final String PROJECT = "project.project";
  /** The URL prefix of the attachment naming the canonical submittal. */
  public static final String URN = "urn:construction-sdk:submittal:";
  /** Who changed a status in Odoo, in {@link StatusChange#origin()}. */
  public static final String ODOO = "odoo";
  private static final String ATTACHMENT = LineHolds.ATTACHMENT;

  /** Where submittals live in this Odoo. */
  public enum Layout {
    /** Tasks of submittal registers (project app). */
    TASKS,
    /** Tasks of submittal registers; the Documents app is installed too. */
    TASKS_WITH_DOCUMENTS_APP
  }

  /**
   * A submittal's status changed: written by the SDK from the source system, or set in Odoo by
   * moving the task to another stage.
   *
   * @param submittal the canonical submittal's reference
   * @param number the submittal number
   * @param status the status now
   * @param previous the status before, when known
   * @param task the {@code project.task} id
   * @param origin {@value #ODOO} for a change made in Odoo, else the source system
   * @param at when
   */
  public record StatusChange(SourceRef submittal, String number, SubmittalStatus status, Optional<SubmittalStatus> previous,
      long task, String origin, Instant at) {

    /** Validates. */
    public StatusChange {
      Objects.requireNonNull(submittal, "submittal");
      Objects.requireNonNull(number, "number");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(at, "at");
    }

    /** Whether this change released procurement (it became approved or approved as noted). */
    public boolean releasesProcurement() {
      return status.releasesProcurement() && previous.map(p -> !p.releasesProcurement()).orElse(true);
    }

    /**
     * The canonical submittal with this status; a submitted or reviewed date it now needs and
     * lacks is the day of the change.
     */
    public Submittal applyTo(Submittal s) {
      LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
      ImmutableSubmittal.Builder b = ImmutableSubmittal.builder().from(s).status(status);
      if (status.isSubmitted() && s.submittedDate().isEmpty()) {
        b.submittedDate(day);
      }
      if (status.isReviewed() && s.reviewedDate().isEmpty()) {
        b.reviewedDate(s.submittedDate().filter(d -> d.isAfter(day)).orElse(day));
      }
      return b.build();
    }
  }

  private final OdooClient odoo;
  private final Upserter upserter;
  private final Consumer<StatusChange> listener;
  private final Clock clock;
  private final Set<String> registers = ConcurrentHashMap.newKeySet();
  private volatile Map<Long, SubmittalStatus> stages;

  private OdooSubmittals(Builder b) {
    this.odoo = b.odoo;
    this.upserter = b.upserter.orElseGet(() -> Upserter.forClient(b.odoo, Integer.MAX_VALUE));
    this.listener = b.listener;
    this.clock = b.clock;
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  /** The external id of a status's stage. */
  public static String stageXmlId(SubmittalStatus s) {
    return ExternalIds.MODULE + ".submittal_stage_" + s.name().toLowerCase(Locale.ROOT);
  }

  /** The stage name of a status ({@code APPROVED_AS_NOTED} → {@code Approved As Noted}). */
  public static String stageName(SubmittalStatus s) {
    StringBuilder b = new StringBuilder();
    for (String w : s.name().split("_")) {
      b.append(b.length() == 0 ? "" : " ").append(w.charAt(0)).append(w.substring(1).toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  /** The external id of a project's submittal register. */
  public static String registerXmlId(SourceRef project) {
    return ExternalIds.of("submittal_register", project);
  }

  /** Read, create and write on tasks, stages, registers and attachments. */
  @Override
  public List<AccessNeed> accessNeeds() {
    return List.of(AccessNeed.upsert(TASK), AccessNeed.upsert(STAGE), AccessNeed.upsert(PROJECT), AccessNeed.upsert(ATTACHMENT));
  }

  /** Whether Odoo's Documents app is installed besides the project app (the layout is the same: see above). */
  public Layout layout() {
    return InstalledModels.find(odoo, "documents.document").isPresent() ? Layout.TASKS_WITH_DOCUMENTS_APP : Layout.TASKS;
  }

  /**
   * The submittal stages, loaded by external id the first time: stage id → status.
   *
   * @throws AdapterException when Odoo refuses a stage
   */
  public Map<Long, SubmittalStatus> stages() {
    Map<Long, SubmittalStatus> s = stages;
    if (s != null) {
      return s;
    }
    List<LoadRecord> rows = new ArrayList<>();
    for (SubmittalStatus st : SubmittalStatus.values()) {
      Map<String, Object> cols = new LinkedHashMap<>();
      cols.put("name", stageName(st));
      cols.put("sequence", st.ordinal() + 1);
      cols.put("fold", st == SubmittalStatus.REJECTED || st == SubmittalStatus.SUPERSEDED);
      cols.put("description", "Submittal status " + st.name() + " (construction SDK)");
      rows.add(LoadRecord.of(STAGE, stageXmlId(st), cols));
    }
    List<UpsertOutcome> out = upserter.load(rows);
    Map<Long, SubmittalStatus> byId = new LinkedHashMap<>();
    for (int i = 0; i < out.size(); i++) {
      UpsertOutcome o = out.get(i);
      if (!o.isSuccess() || o.odooId().isEmpty()) {
        throw new AdapterException(STAGE + " " + o.externalId() + " refused: " + describe(o.problems()));
      }
      byId.put(o.odooId().get(), SubmittalStatus.values()[i]);
    }
    stages = Map.copyOf(byId);
    return stages;
  }

  /** True: projects, stages, tasks and attachments are all loaded by external id. */
  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public List<SinkResult> apply(List<SourceRecord<Submittal>> batch) {
    SinkResult[] results = new SinkResult[batch.size()];
    List<Integer> ready = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      List<Violation> invalid = batch.get(i).payload().validate().violations();
      if (invalid.isEmpty()) {
        ready.add(i);
      } else {
        results[i] = SinkResult.failed(describe(invalid));
      }
    }
    if (!ready.isEmpty()) {
      stages();
      Map<String, String> refusedRegisters = ensureRegisters(ready.stream().map(i -> batch.get(i).payload().projectRef()).toList());
      List<Integer> tasks = new ArrayList<>();
      List<LoadRecord> rows = new ArrayList<>();
      boolean dateOnly = dateOnlyDeadline();
      for (int i : ready) {
        Submittal s = batch.get(i).payload();
        String refused = refusedRegisters.get(registerXmlId(s.projectRef()));
        if (refused != null) {
          results[i] = SinkResult.failed(refused);
        } else {
          tasks.add(i);
          rows.add(taskRow(s, dateOnly));
        }
      }
      List<UpsertOutcome> loaded = rows.isEmpty() ? List.of() : upserter.load(rows);
      Map<Integer, Long> taskIds = new LinkedHashMap<>();
      List<LoadRecord> attachments = new ArrayList<>();
      List<Integer> attachmentOf = new ArrayList<>();
      for (int k = 0; k < loaded.size(); k++) {
        int i = tasks.get(k);
        UpsertOutcome o = loaded.get(k);
        if (!o.isSuccess() || o.odooId().isEmpty()) {
          results[i] = SinkResult.failed(TASK + ": " + describe(o.problems()));
          continue;
        }
        taskIds.put(i, o.odooId().get());
        for (LoadRecord a : attachmentRows(batch.get(i).payload(), o.odooId().get())) {
          attachments.add(a);
          attachmentOf.add(i);
        }
      }
      List<UpsertOutcome> attached = attachments.isEmpty() ? List.of() : upserter.load(attachments);
      for (int k = 0; k < attached.size(); k++) {
        if (!attached.get(k).isSuccess()) {
          results[attachmentOf.get(k)] = SinkResult.failed(ATTACHMENT + ": " + describe(attached.get(k).problems()));
        }
      }
      for (Map.Entry<Integer, Long> e : taskIds.entrySet()) {
        int i = e.getKey();
        if (results[i] == null) {
          Submittal s = batch.get(i).payload();
          listener.accept(new StatusChange(s.primaryRef(), s.number(), s.status(), Optional.empty(), e.getValue(),
              s.primaryRef().system(), clock.instant()));
          results[i] = SinkResult.applied(TASK + "," + e.getValue() + " " + stageName(s.status()));
        }
      }
    }
    return List.of(results);
  }

  /**
   * A change source over the submittal tasks (those in a submittal stage), ignoring the writes
   * of this client's user (the SDK's own); set its snapshot store before building it.
   */
  public OdooChangeSource.Builder changes() {
    return OdooChangeSource.builder(odoo, TASK).fields("name", "stage_id", "project_id")
        .scope(Domain.where("stage_id", "in", List.copyOf(stages().keySet()))).ignoreOwnWrites();
  }

  /**
   * The sink of {@code source}'s captured changes: a task whose stage moved to another submittal
   * status becomes a {@link StatusChange} (origin {@value #ODOO}) for the listener; the snapshot
   * moves after the listener accepted it. A change of anything else is skipped; a task without
   * the attachment naming its submittal (not written by the SDK) is skipped; a listener's
   * {@link WorkflowException} fails the change with it as the error, so the engine's classifier
   * dead-letters a refusal (e.g. a release gate's guard) and delivers again a change whose gate
   * action failed because Odoo was unavailable. The sink is idempotent: a status change fires
   * its gates with fixed event ids, so one seen twice releases once.
   */
  public Sink<OdooChange> statusChanges(OdooChangeSource source) {
    Objects.requireNonNull(source, "source");
    // idempotent: a status change fires its gates with fixed event ids, so one seen twice releases once
    return IdempotentSinks.of(batch -> {
      Map<Long, SubmittalStatus> byStage = stages();
      List<Long> ids = batch.stream().map(SourceRecord::payload).filter(c -> c.kind() != OdooChange.Kind.DELETED)
          .map(OdooChange::id).distinct().toList();
      Map<Long, Record> links = links(ids);
      List<SinkResult> out = new ArrayList<>(batch.size());
      for (SourceRecord<OdooChange> r : batch) {
        OdooChange c = r.payload();
        Optional<SubmittalStatus> now = status(c.values().get("stage_id"), byStage);
        Optional<SubmittalStatus> before = status(c.previous().get("stage_id"), byStage);
        Record link = links.get(c.id());
        SinkResult result;
        if (c.kind() == OdooChange.Kind.DELETED || now.isEmpty() || now.equals(before)) {
          result = SinkResult.skipped("no status change of " + TASK + "," + c.id());
        } else if (link == null) {
          result = SinkResult.skipped(TASK + "," + c.id() + " names no submittal");
        } else {
          StatusChange change = new StatusChange(ref(link), link.getString("name").orElse(""), now.get(), before, c.id(), ODOO,
              c.writeDate());
          try {
            listener.accept(change);
          } catch (WorkflowException e) {
            // with its cause, so the engine's classifier tells a refusal (dead letter) from Odoo
            // being unavailable while the gate confirmed the order (delivered again later)
            out.add(SinkResult.failed(e));
            continue;
          }
          result = SinkResult.applied(change.number() + " " + change.status());
        }
        if (c.kind() == OdooChange.Kind.DELETED) {
          source.snapshots().remove(c.model(), c.id());
        } else {
          source.snapshots().put(c.model(), c.id(), c.values());
        }
        out.add(result);
      }
      return out;
    });
  }

  private Map<String, String> ensureRegisters(List<SourceRef> projects) {
    Map<String, LoadRecord> missing = new LinkedHashMap<>();
    String types = List.of(SubmittalStatus.values()).stream().map(OdooSubmittals::stageXmlId).collect(Collectors.joining(","));
    for (SourceRef p : projects) {
      String xmlId = registerXmlId(p);
      if (!registers.contains(xmlId)) {
        missing.computeIfAbsent(xmlId, x -> LoadRecord.of(PROJECT, x, Map.of("name", "Submittals " + p.id(), "type_ids/id", types)));
      }
    }
    Map<String, String> refused = new LinkedHashMap<>();
    List<UpsertOutcome> out = missing.isEmpty() ? List.of() : upserter.load(List.copyOf(missing.values()));
    for (UpsertOutcome o : out) {
      if (o.isSuccess()) {
        registers.add(o.externalId());
      } else {
        refused.put(o.externalId(), PROJECT + " " + o.externalId() + ": " + describe(o.problems()));
      }
    }
    return refused;
  }

  /** 19 and 17 keep the deadline as a datetime; a server whose field is a date gets the date alone. */
  private boolean dateOnlyDeadline() {
    FieldInfo f = odoo.model(TASK).fields().get("date_deadline");
    return f != null && f.type().equals("date");
  }

  private static LoadRecord taskRow(Submittal s, boolean dateOnly) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", s.number() + " " + s.title());
    cols.put("project_id/id", registerXmlId(s.projectRef()));
    cols.put("stage_id/id", stageXmlId(s.status()));
    cols.put("date_deadline", s.dueDate().map(d -> dateOnly ? d.toString() : d + " 12:00:00").orElse(""));
    StringBuilder d = new StringBuilder("<p>Spec section ").append(html(s.specSection())).append(", revision ").append(s.revision());
    s.submittedDate().ifPresent(x -> d.append(", submitted ").append(x));
    s.reviewedDate().ifPresent(x -> d.append(", reviewed ").append(x));
    cols.put("description", d.append("</p>").toString());
    return LoadRecord.of(TASK, s.externalId(), cols);
  }

  /** The attachment naming the submittal, and one per document revision of this submittal revision. */
  private static List<LoadRecord> attachmentRows(Submittal s, long task) {
    List<LoadRecord> rows = new ArrayList<>();
    rows.add(LoadRecord.of(ATTACHMENT, ExternalIds.of("submittal_link", s.primaryRef()), attachment(s.number(),
        URN + s.primaryRef().key(), task, "submittal " + s.number())));
    for (SourceRef doc : s.documentRevisions()) {
      SourceRef key = SourceRef.of(s.primaryRef().system(), s.primaryRef().id() + "@" + s.revision() + "@" + doc.key());
      rows.add(LoadRecord.of(ATTACHMENT, ExternalIds.of("submittal_document", key), attachment("Rev " + s.revision() + ": " + doc.id(),
          LineHolds.url(doc.key()), task, "submittal " + s.number() + " revision " + s.revision())));
    }
    return rows;
  }

  private static Map<String, Object> attachment(String name, String url, long task, String description) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", name);
    cols.put("type", "url");
    cols.put("url", url);
    cols.put("res_model", TASK);
    cols.put("res_id", task);
    cols.put("description", description);
    return cols;
  }

  /** The attachments naming the submittals of these tasks, by task. */
  private Map<Long, Record> links(List<Long> tasks) {
    Map<Long, Record> out = new LinkedHashMap<>();
    if (tasks.isEmpty()) {
      return out;
    }
    for (Record r : odoo.model(ATTACHMENT).searchRead(Query.where(Domain.where("res_model", "=", TASK)
        .and(Domain.where("res_id", "in", tasks)).and(Domain.where("url", "=like", URN + "%"))).fields("res_id", "url", "name")
        .order("id"))) {
      out.putIfAbsent(r.getLong("res_id"), r);
    }
    return out;
  }

  private static SourceRef ref(Record link) {
    String key = link.getString("url").orElse("").substring(URN.length());
    int colon = key.indexOf(':');
    if (colon <= 0 || colon == key.length() - 1) {
      throw new AdapterException("attachment " + link.id() + " does not name a submittal");
    }
    return SourceRef.of(key.substring(0, colon), key.substring(colon + 1));
  }

  private static Optional<SubmittalStatus> status(Object stage, Map<Long, SubmittalStatus> byStage) {
    Object id = stage instanceof List<?> l && !l.isEmpty() ? l.get(0) : stage;
    return id instanceof Number n ? Optional.ofNullable(byStage.get(n.longValue())) : Optional.empty();
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String describe(List<Violation> problems) {
    return problems.stream().map(v -> v.path().isEmpty() ? v.message() : v.path() + ": " + v.message())
        .reduce((a, b) -> a + "; " + b).orElse("refused");
  }

  /** Configures {@link OdooSubmittals}. */
  public static final class Builder {
    private final OdooClient odoo;
    private Optional<Upserter> upserter = Optional.empty();
    private Consumer<StatusChange> listener = c -> { };
    private Clock clock = Clock.systemUTC();

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** Writes through this upserter (default: one over the client, a whole batch per load). */
    public Builder upserter(Upserter upserter) {
      this.upserter = Optional.of(upserter);
      return this;
    }

    /** Receives every status written or captured (default: none). */
    public Builder listener(Consumer<StatusChange> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock of the changes written (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds. */
    public OdooSubmittals build() {
      return new OdooSubmittals(this);
    }
  }
}
