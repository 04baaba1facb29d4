package org.odoobuild.adapters.cases;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.odoobuild.adapters.AdapterException;
import org.odoobuild.adapters.internal.Activities;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.connectors.cases.CaseNotice;
import org.odoobuild.connectors.cases.CaseNotifier;
import org.odoobuild.connectors.cases.NewCase;
import org.odoobuild.model.common.ExternalIds;

/**
 * Case notices as Odoo activities ({@code mail.activity}) for the case's owner, on the record the
 * case is about, so the owner sees it in Odoo's activity menu and on the record's chatter.
 *
 * <ul>
 *   <li><b>Where</b>: on the record concerned when the case names an Odoo record (entity type a
 *       model such as {@code account.move}, entity key {@code account.move,7}, an id, or an
 *       external id {@code module.name}); otherwise on the {@link Builder#fallbackRecord
 *       configured record} (e.g. an "Integration exceptions" project).</li>
 *   <li><b>Whom</b>: the Odoo user of the notice's recipient: {@link Builder#user configured},
 *       else the user whose login is the owner's name, else the {@link Builder#fallbackUser
 *       fallback user}, else the integration user (Odoo's default).</li>
 *   <li><b>At least once, never twice</b>: each notice is written with Odoo's {@code load()}
 *       under its own external id ({@code construction_sdk.case_<desk>_<case>_notice_<notice>}),
 *       so the desk sending it again after a lost answer updates the same activity. An
 *       escalation removes the case's earlier activities (the new owner gets the new one); a
 *       resolution or dismissal removes them all and creates none.</li>
 * </ul>
 * Needs {@code mail.activity} create/write/unlink, {@code ir.model} and {@code ir.model.data}
 * read, {@code res.users} read. Thread-safe when its client is.
 * <pre>{@code
 * CaseDesk desk = CaseDesk.builder(store).notifier(OdooActivityNotifier.builder(odoo)
 *     .fallbackRecord("project.project", exceptionsProjectId).build()).build();
 * }</pre>
 */
public final class OdooActivityNotifier implements CaseNotifier {
  private static final String ACTIVITY = Activities.MODEL;
  private final OdooClient odoo;
  private final Upserter upserter;
  private final String desk;
  private final Map<String, Long> users;
  private final Optional<Long> fallbackUser;
  private final Optional<String> fallbackModel;
  private final long fallbackId;
  private final Map<String, Long> modelIds = new ConcurrentHashMap<>();
  private final Map<String, Long> logins = new ConcurrentHashMap<>();

  private OdooActivityNotifier(Builder b) {
    this.odoo = b.odoo;
    this.upserter = Upserter.forClient(b.odoo);
    this.desk = b.desk;
    this.users = Map.copyOf(b.users);
    this.fallbackUser = b.fallbackUser;
    this.fallbackModel = b.fallbackModel;
    this.fallbackId = b.fallbackId;
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  @Override
  public void send(CaseNotice notice) {
    String prefix = "case_" + desk + "_" + notice.caseId() + "_notice_";
    boolean closing = notice.event().equals("resolved") || notice.event().equals("dismissed");
    Optional<Long> written = Optional.empty();
    if (!closing) {
      String[] target = target(notice.facts());
      Map<String, Object> vals = new LinkedHashMap<>();
      vals.put("res_model_id/.id", modelId(target[0]));
      vals.put("res_id", target[1]);
      vals.put("summary", cut("Case " + notice.caseId() + " " + notice.event() + ": " + notice.facts().summary(), 120));
      vals.put("note", note(notice));
      vals.put("date_deadline", LocalDate.ofInstant(notice.dueAt(), ZoneOffset.UTC).toString());
      userOf(notice.recipient()).ifPresent(u -> vals.put("user_id/.id", u));
      UpsertOutcome o = upserter.load(List.of(LoadRecord.of(ACTIVITY, ExternalIds.MODULE + "." + prefix + notice.id(), vals)))
          .get(0);
      if (!o.isSuccess()) {
        throw new AdapterException("case notice " + notice.id() + ": Odoo refused the activity: "
            + o.problems().stream().map(org.odoobuild.model.common.Violation::message).toList());
      }
      written = o.odooId();
    }
    if (closing || notice.event().equals("escalated")) {
      List<Long> earlier = new ArrayList<>();
      for (org.odoobuild.client.Record d : odoo.model("ir.model.data").searchRead(Query.where(Domain.where("model", "=", ACTIVITY)
          .and(Domain.where("module", "=", ExternalIds.MODULE)).and(Domain.where("name", "=like", prefix + "%"))).fields("res_id"))) {
        long id = d.getLong("res_id");
        if (written.map(w -> w != id).orElse(true)) {
          earlier.add(id);
        }
      }
      List<Long> present = earlier.isEmpty() ? List.of() : odoo.model(ACTIVITY).search(Query.where(Domain.where("id", "in", earlier)));
      if (!present.isEmpty()) {
        odoo.model(ACTIVITY).unlink(present);
      }
    }
  }

  /** {model, id} of the record the activity goes on. */
  private String[] target(NewCase f) {
    String type = f.entityType();
    String key = f.entityKey();
    if (type.contains(".") && !key.isEmpty()) {
      String idPart = key.startsWith(type + ",") ? key.substring(type.length() + 1) : key;
      if (idPart.matches("\\d{1,18}")) {
        return new String[] {type, idPart};
      }
      if (idPart.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_.-]+")) {
        List<org.odoobuild.client.Record> d = odoo.model("ir.model.data").searchRead(Query.where(Domain.where("model", "=", type)
            .and(Domain.where("module", "=", idPart.substring(0, idPart.indexOf('.'))))
            .and(Domain.where("name", "=", idPart.substring(idPart.indexOf('.') + 1)))).fields("res_id").limit(1));
        if (!d.isEmpty()) {
          return new String[] {type, String.valueOf(d.get(0).getLong("res_id"))};
        }
      }
    }
    return new String[] {fallbackModel.orElseThrow(() -> new AdapterException("case about " + (type + " " + key).trim()
        + " names no Odoo record and no fallback record is configured")), String.valueOf(fallbackId)};
  }

  private long modelId(String model) {
    return modelIds.computeIfAbsent(model, m -> Activities.modelId(odoo, m));
  }

  private Optional<Long> userOf(String owner) {
    Long configured = users.get(owner);
    if (configured != null) {
      return Optional.of(configured);
    }
    Long known = logins.get(owner);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Long> found = odoo.model("res.users").search(Query.where(Domain.where("login", "=", owner)).limit(1)).stream().findFirst();
    found.ifPresent(u -> logins.put(owner, u));
    return found.or(() -> fallbackUser);
  }

  private static String note(CaseNotice n) {
    StringBuilder b = new StringBuilder("<p>").append(escape(n.text())).append("</p><ul><li>Case: ").append(n.caseId())
        .append("</li>");
    n.details().forEach((label, value) -> b.append("<li>").append(label).append(": ").append(escape(value)).append("</li>"));
    return b.append("</ul>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  @Override
  public String toString() {
    return "OdooActivityNotifier{desk=" + desk + "}";
  }

  /** Configures an {@link OdooActivityNotifier}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final OdooClient odoo;
    private String desk = "desk";
    private final Map<String, Long> users = new HashMap<>();
    private Optional<Long> fallbackUser = Optional.empty();
    private Optional<String> fallbackModel = Optional.empty();
    private long fallbackId;

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** A name for the case desk, unique per Odoo database when several desks notify one Odoo (default {@code desk}). */
    public Builder desk(String name) {
      if (!name.matches("[A-Za-z0-9_]{1,40}")) {
        throw new IllegalArgumentException("a desk name is letters, digits and _ (at most 40)");
      }
      this.desk = name;
      return this;
    }

    /** The Odoo user ({@code res.users} id) of a case owner. */
    public Builder user(String owner, long uid) {
      users.put(Objects.requireNonNull(owner, "owner"), uid);
      return this;
    }

    /** The Odoo user of owners that are neither configured nor a login. */
    public Builder fallbackUser(long uid) {
      this.fallbackUser = Optional.of(uid);
      return this;
    }

    /** The record activities go on when a case names no Odoo record (e.g. a project for integration exceptions). */
    public Builder fallbackRecord(String model, long id) {
      this.fallbackModel = Optional.of(Objects.requireNonNull(model, "model"));
      this.fallbackId = id;
      return this;
    }

    /** The notifier. */
    public OdooActivityNotifier build() {
      return new OdooActivityNotifier(this);
    }
  }
}
