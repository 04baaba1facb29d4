package org.odoobuild.adapters.equipment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.odoobuild.adapters.internal.AnalyticColumns;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.mapping.MaintenanceEventMapping;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.MaintenanceEvent;
import org.odoobuild.workflow.equipment.EquipmentLedger;
import org.odoobuild.workflow.equipment.UsageOutcome;

/**
 * Equipment usage into Odoo: each report runs through the {@link EquipmentLedger} (rate of the
 * asset's class, service intervals, downtime), its meter reading is recorded in the ledger's
 * store, and what it leads to is written by external id through the one {@link Upserter}:
 * <ul>
 *   <li>the chargeback: one {@code account.analytic.line} on the cost code's analytic account
 *       (amount negative: a cost to the job; {@code unit_amount} the hours; {@code ref} the
 *       report's id), whose external id is the report's, so a crash or a re-run never charges
 *       twice. The cost code's account goes in its plan's column and the job's project account
 *       in {@code account_id}, as Odoo's own analytic lines of a bill do, so the job cost
 *       ({@code OdooJobCost}) counts the charge: Odoo 17 and 19 give every root plan but the
 *       project plan a column {@code x_plan<id>_id} (addons/analytic/models/analytic_plan.py
 *       {@code _column_name}); where the cost-code plan has none, the cost code's account is in
 *       {@code account_id} alone;</li>
 *   <li>maintenance requests ({@code maintenance.request}) at service intervals, one per asset
 *       and interval step, and for long downtime, one per report.</li>
 * </ul>
 * The reading is recorded before Odoo is written: a report re-run after a crash is assessed from
 * the meter recorded for it, so it reaches the same charge and the same request ids. One
 * {@code load} call per batch for the charges, one for the requests. A report with an unknown
 * asset, a meter going backwards, a cost code without analytic account, or a write Odoo refused
 * comes back failed (the engine dead-letters it); a transport failure propagates.
 * <pre>{@code
 * EquipmentLedger ledger = new EquipmentLedger(policy, JdbcMeterStore.in(store));
 * fleet.forEach(ledger::register);
 * engine.register(Flow.builder("equipment-usage", EquipmentUsage.class).source(telematics)
 *     .sink(OdooEquipmentUsage.of(odoo, ledger, MappingContext.live(odoo, known))).build());
 * }</pre>
 * Thread-safe when its ledger's store and mapping context are.
 */
public final class OdooEquipmentUsage implements Sink<EquipmentUsage> {
  /** The Odoo model of the chargebacks. */
  public static final String CHARGE_MODEL = "account.analytic.line";
  private static final MaintenanceEventMapping MAINTENANCE = new MaintenanceEventMapping();
  private final Upserter upserter;
  private final EquipmentLedger ledger;
  private final MappingContext ctx;
  private final BiConsumer<EquipmentUsage, UsageOutcome> listener;
  private volatile String costCodeColumn;

  private OdooEquipmentUsage(Upserter upserter, EquipmentLedger ledger, MappingContext ctx,
      BiConsumer<EquipmentUsage, UsageOutcome> listener) {
    this.upserter = Objects.requireNonNull(upserter, "upserter");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Usage written through {@code odoo}. */
  public static OdooEquipmentUsage of(OdooClient odoo, EquipmentLedger ledger, MappingContext ctx) {
    return of(Upserter.forClient(odoo, Integer.MAX_VALUE), ledger, ctx);
  }

  /** Usage written through any upserter. */
  public static OdooEquipmentUsage of(Upserter upserter, EquipmentLedger ledger, MappingContext ctx) {
    return new OdooEquipmentUsage(upserter, ledger, ctx, (u, o) -> { });
  }

  /** The same sink, telling {@code listener} each report's outcome once it is written. */
  public OdooEquipmentUsage withListener(BiConsumer<EquipmentUsage, UsageOutcome> listener) {
    return new OdooEquipmentUsage(upserter, ledger, ctx, listener);
  }

  /**
   * The chargeback row of an assessed report: {@code accounts} names the analytic accounts by
   * their {@code account.analytic.line} column (the cost code's, and the job's in
   * {@code account_id}).
   *
   * @throws IllegalArgumentException when the outcome charges nothing
   */
  public static LoadRecord chargeRow(EquipmentUsage u, UsageOutcome o, Map<String, Long> accounts) {
    if (o.charge().isEmpty()) {
      throw new IllegalArgumentException("usage " + o.usageId() + " charges nothing");
    }
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", o.assetTag() + " " + u.hours().value().toPlainString() + " h on " + u.usageDate());
    cols.put("date", u.usageDate());
    cols.put("amount", o.charge().get().amount().negate());
    cols.put("unit_amount", u.hours().value());
    cols.put("ref", u.primaryRef().id());
    accounts.forEach((column, id) -> cols.put(column + "/.id", id));
    return LoadRecord.of(CHARGE_MODEL, o.usageId(), cols);
  }

  /** True: every write is a {@code load} by external id, so a batch sent again changes nothing. */
  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public List<SinkResult> apply(List<SourceRecord<EquipmentUsage>> batch) {
    SinkResult[] results = new SinkResult[batch.size()];
    UsageOutcome[] outcomes = new UsageOutcome[batch.size()];
    List<LoadRecord> charges = new ArrayList<>();
    List<Integer> chargeOf = new ArrayList<>();
    Map<String, MaintenanceEvent> requests = new LinkedHashMap<>();
    Map<String, List<Integer>> requestOf = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      EquipmentUsage u = batch.get(i).payload();
      List<Violation> invalid = u.validate().violations();
      if (!invalid.isEmpty()) {
        results[i] = SinkResult.failed(describe(invalid));
        continue;
      }
      UsageOutcome o;
      Map<String, Long> accounts = Map.of();
      try {
        if (u.costCode().isPresent() && u.projectRef().isPresent()) {
          Optional<Long> account = ctx.refs().costCodeAccount(u.costCode().get());
          if (account.isEmpty()) {
            results[i] = SinkResult.failed("no analytic account for cost code " + u.costCode().get());
            continue;
          }
          accounts = accounts(account.get(), u.projectRef().get());
        }
        o = ledger.apply(u); // assessed from the recorded meter when re-run, and recorded before Odoo is written
      } catch (IllegalArgumentException e) {
        results[i] = SinkResult.failed(e.getMessage());
        continue;
      }
      outcomes[i] = o;
      if (o.charge().isPresent() && !accounts.isEmpty()) {
        charges.add(chargeRow(u, o, accounts));
        chargeOf.add(i);
      }
      for (MaintenanceEvent m : o.maintenance()) {
        requests.putIfAbsent(m.externalId(), m);
        requestOf.computeIfAbsent(m.externalId(), k -> new ArrayList<>()).add(i);
      }
    }
    Map<Integer, List<String>> refused = new LinkedHashMap<>();
    List<UpsertOutcome> charged = charges.isEmpty() ? List.of() : upserter.load(charges);
    for (int k = 0; k < charged.size(); k++) {
      if (!charged.get(k).isSuccess()) {
        refused.computeIfAbsent(chargeOf.get(k), x -> new ArrayList<>())
            .add(CHARGE_MODEL + ": " + describe(charged.get(k).problems()));
      }
    }
    List<MaintenanceEvent> events = new ArrayList<>(requests.values());
    List<UpsertOutcome> raised = events.isEmpty() ? List.of() : upserter.upsert(MAINTENANCE, events, ctx);
    for (int k = 0; k < raised.size(); k++) {
      if (!raised.get(k).isSuccess()) {
        String why = MaintenanceEventMapping.MODEL + ": " + describe(raised.get(k).problems());
        requestOf.get(events.get(k).externalId()).forEach(i -> refused.computeIfAbsent(i, x -> new ArrayList<>()).add(why));
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      if (results[i] != null) {
        continue;
      }
      List<String> why = refused.get(i);
      if (why != null) {
        results[i] = SinkResult.failed(String.join("; ", why));
      } else {
        UsageOutcome o = outcomes[i];
        listener.accept(batch.get(i).payload(), o);
        results[i] = SinkResult.applied("meter " + o.meterAfter().toPlainString() + " h"
            + o.charge().map(c -> ", charged " + c).orElse("") + (o.maintenance().isEmpty() ? ""
            : ", " + o.maintenance().size() + " maintenance request(s)"));
      }
    }
    return List.of(results);
  }

  /** The cost code's account in its plan's column, the job's project account (when Odoo has it) in {@code account_id}. */
  private Map<String, Long> accounts(long costCodeAccount, SourceRef project) {
    String column = costCodeColumn();
    Map<String, Long> out = new LinkedHashMap<>();
    if (column.equals(AnalyticColumns.PROJECT_COLUMN)) {
      out.put(column, costCodeAccount);
      return out;
    }
    ctx.refs().idOf(ExternalIds.of(ProjectMapping.ACCOUNT_TYPE, project)).ifPresent(p -> out.put(AnalyticColumns.PROJECT_COLUMN, p));
    out.put(column, costCodeAccount);
    return out;
  }

  private String costCodeColumn() {
    String c = costCodeColumn;
    if (c == null) {
      c = AnalyticColumns.of(ctx, ctx.refs().costCodePlanId());
      costCodeColumn = c;
    }
    return c;
  }

  private static String describe(List<Violation> problems) {
    return problems.stream().map(v -> v.path().isEmpty() ? v.message() : v.path() + ": " + v.message())
        .reduce((a, b) -> a + "; " + b).orElse("refused");
  }
}
