package org.odoobuild.adapters.procurement;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.adapters.internal.IdempotentSinks;
import org.odoobuild.adapters.internal.InstalledModels;
import org.odoobuild.adapters.internal.Json;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.OdooField;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.adapters.p2p.P2pException;
import org.odoobuild.adapters.p2p.P2pPublisher;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.Domain;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.procurement.PurchaseRequisition;
import org.odoobuild.model.procurement.PurchaseRequisitionLine;
import org.odoobuild.model.procurement.RequisitionStatus;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * Field material requests ({@link PurchaseRequisition}) into Odoo, one record per vendor the
 * lines name (lines naming none together):
 *
 * <ul>
 *   <li>where the database has the purchase_requisition module ({@link #requisitionModel()}, asked
 *       from {@code ir.model}), a draft purchase agreement ({@code purchase.requisition}) with its
 *       lines ({@code purchase.requisition.line}: product, quantity, unit, estimated price,
 *       analytic distribution), from which the buyer calls for tenders. The agreement's kind
 *       differs (addons/purchase_requisition/models/purchase_requisition.py): 17.0 has agreement
 *       types ({@code type_id}; Odoo's default, the first type, is kept) and the request's number
 *       goes in {@code origin}; 19.0 has {@code requisition_type}, and a request is a
 *       {@code purchase_template} (the products and quantities to buy; a blanket order would be a
 *       price agreement with the vendor), its number in {@code reference};</li>
 *   <li>otherwise a request for quotation: a draft {@code purchase.order} per vendor with the same
 *       lines ({@code partner_id} is required there, so every line must name its vendor).</li>
 * </ul>
 * The analytic distribution of a line is the project's account and the cost code's
 * ({@code "<project>,<cost code>": 100}), as the SDK's purchase orders carry it.
 *
 * <p>Idempotent by the request: each record has the external id of the request and its vendor
 * ({@code construction_sdk.purchase_requisition_<system>_<id>_vendor_<partner id>}), looked up
 * before anything is written; a request already in Odoo is not written again (the buyer may be
 * working on it) and its {@code material_requested} events are published again under the same
 * keys (the Odoo records). Everything is checked before the first write ({@link P2pException}):
 * the request is valid and not a draft, rejected or cancelled, and its products, units, cost
 * codes and vendors are in Odoo. Thread-safe when its client is.
 * <pre>{@code
 * OdooRequisitions requisitions = OdooRequisitions.builder(odoo).references(known)
 *     .publisher(P2pPublisher.toEngine(engine, "p2p-events")).build();
 * engine.register(Flow.builder("material-requests", PurchaseRequisition.class).source(fieldApp)
 *     .sink(requisitions.sink()).build());
 * }</pre>
 */
public final class OdooRequisitions {
  /** The purchase agreement model of the purchase_requisition module. */
  public static final String REQUISITION = "purchase.requisition";
  private static final String ORDER = "purchase.order";
  private final OdooClient odoo;
  private final MappingContext ctx;
  private final Upserter upserter;
  private final P2pPublisher publisher;
  private final Clock clock;

  /**
   * What a request became in Odoo.
   *
   * @param model {@value #REQUISITION} or {@code purchase.order}
   * @param records the record per vendor group, in the order of the request's lines
   * @param alreadyApplied whether the request was in Odoo before (nothing was written now)
   * @param events the events published, one per record
   */
  public record Outcome(String model, List<Long> records, boolean alreadyApplied, List<P2pEvent.MaterialRequested> events) {
    /** Copies. */
    public Outcome {
      records = List.copyOf(records);
      events = List.copyOf(events);
    }
  }

  private OdooRequisitions(Builder b) {
    this.odoo = b.odoo;
    this.ctx = MappingContext.live(b.odoo, b.known);
    this.upserter = Upserter.forClient(b.odoo);
    this.publisher = b.publisher;
    this.clock = b.clock;
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  /** {@value #REQUISITION} when the database has the purchase_requisition module, else empty: requests become RFQs. */
  public Optional<String> requisitionModel() {
    return InstalledModels.find(odoo, REQUISITION);
  }

  /** The engine sink: applied with the records ({@code model,id …}), skipped when in Odoo before, failed with the {@link P2pException}. */
  public Sink<PurchaseRequisition> sink() {
    return IdempotentSinks.oneByOne(r -> {
      Outcome o = request(r);
      String where = String.join(" ", o.events().stream().map(P2pEvent.MaterialRequested::erpRecord).toList());
      return o.alreadyApplied() ? SinkResult.skipped("request " + r.number() + " already in " + where)
          : SinkResult.applied(where);
    });
  }

  /** One line, resolved to Odoo ids. */
  private record Resolved(PurchaseRequisitionLine line, long product, long uom, Map<String, Object> distribution) {}

  /**
   * Puts one request into Odoo (once) and announces it.
   *
   * @throws P2pException when the request is refused (nothing was written)
   */
  public Outcome request(PurchaseRequisition r) {
    List<Violation> invalid = r.validate().violations();
    if (!invalid.isEmpty()) {
      throw new P2pException(P2pException.Problem.INVALID, "request " + r.number() + ": " + invalid.stream()
          .map(v -> v.path() + ": " + v.message()).toList());
    }
    if (r.status() == RequisitionStatus.DRAFT || r.status() == RequisitionStatus.REJECTED || r.status() == RequisitionStatus.CANCELLED) {
      throw new P2pException(P2pException.Problem.INVALID, "request " + r.number() + " is " + r.status() + ": nothing to source");
    }
    Optional<String> agreements = requisitionModel();
    String model = agreements.orElse(ORDER);
    Optional<Long> project = ctx.refs().idOf(ExternalIds.of(ProjectMapping.ACCOUNT_TYPE, r.projectRef()));
    Map<Optional<Long>, List<Resolved>> groups = new LinkedHashMap<>();
    for (PurchaseRequisitionLine l : r.lines()) {
      String at = "request " + r.number() + " line " + l.lineNumber() + ": ";
      Optional<Long> vendor = l.vendorRef().map(v -> ctx.refs().idOf(ExternalIds.of(Vendor.TYPE, v)).orElseThrow(() ->
          new P2pException(P2pException.Problem.VENDOR_MISMATCH, at + "vendor " + v.key() + " is not in Odoo")));
      if (vendor.isEmpty() && agreements.isEmpty()) {
        throw new P2pException(P2pException.Problem.INVALID, at + "names no vendor, and without purchase agreements "
            + "(purchase_requisition) a request becomes a request for quotation, which needs one");
      }
      String code = l.productCode().orElseThrow(() -> new P2pException(P2pException.Problem.INVALID, at + "names no product"));
      long product = ctx.refs().productId(code).orElseThrow(() ->
          new P2pException(P2pException.Problem.INVALID, at + "product " + code + " is not in Odoo"));
      long uom = ctx.refs().uomId(l.quantity().unit()).orElseThrow(() ->
          new P2pException(P2pException.Problem.UNIT_MISMATCH, at + "no Odoo unit for " + l.quantity().unit().symbol()));
      String costCode = l.costCode().orElseThrow();
      long account = ctx.refs().costCodeAccount(costCode).orElseThrow(() ->
          new P2pException(P2pException.Problem.INVALID, at + "cost code " + costCode + " has no analytic account in Odoo"));
      Map<String, Object> distribution = Map.of(project.map(p -> p + "," + account).orElse(String.valueOf(account)), 100);
      groups.computeIfAbsent(vendor, k -> new ArrayList<>()).add(new Resolved(l, product, uom, distribution));
    }
    List<Long> records = new ArrayList<>();
    List<P2pEvent.MaterialRequested> events = new ArrayList<>();
    boolean again = true;
    for (Map.Entry<Optional<Long>, List<Resolved>> g : groups.entrySet()) {
      String xid = ExternalIds.of(PurchaseRequisition.TYPE, SourceRef.of(r.primaryRef().system(),
          r.primaryRef().id() + "_vendor_" + g.getKey().map(String::valueOf).orElse("none")));
      Optional<Long> existing = ctx.refs().idOf(xid);
      again &= existing.isPresent();
      long id = existing.orElseGet(() -> load(model, xid, r, g.getKey(), g.getValue()));
      records.add(id);
      events.add(announce(r, model, id, project));
    }
    return new Outcome(model, records, again, events);
  }

  private long load(String model, String xid, PurchaseRequisition r, Optional<Long> vendor, List<Resolved> lines) {
    boolean agreement = model.equals(REQUISITION);
    Map<String, String> head = new LinkedHashMap<>();
    var fields = odoo.model(model).fields();
    head.put(agreement ? "vendor_id/.id" : "partner_id/.id", vendor.map(String::valueOf).orElse(""));
    ctx.refs().currencyId(r.currency()).ifPresent(c -> head.put("currency_id/.id", String.valueOf(c)));
    if (agreement && fields.containsKey("requisition_type")) {
      head.put("requisition_type", "purchase_template");
      head.put("reference", r.number());
    } else {
      head.put("origin", r.number());
    }
    String uomField = agreement ? "product_uom_id" : ctx.schema().field(OdooField.PURCHASE_LINE_UOM);
    String needed = r.neededBy().map(Object::toString).orElse("");
    if (!agreement) {
      head.put("date_planned", needed);
    } else if (fields.containsKey("schedule_date")) {
      head.put("schedule_date", needed);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (Resolved l : lines) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("id", xid + "_line_" + l.line().lineNumber());
      row.put("product_id/.id", String.valueOf(l.product()));
      if (agreement) {
        row.put("product_description_variants", l.line().description());
      } else {
        row.put("name", l.line().description());
        row.put("sequence", String.valueOf(l.line().lineNumber()));
      }
      row.put("product_qty", l.line().quantity().value().toPlainString());
      row.put(uomField + "/.id", String.valueOf(l.uom()));
      row.put("price_unit", l.line().estimatedUnitPrice().map(m -> m.amount().toPlainString()).orElse("0"));
      row.put("analytic_distribution", Json.write(l.distribution()));
      rows.add(row);
    }
    UpsertOutcome o = upserter.load(List.of(new LoadRecord(model, xid, head, Optional.of(agreement ? "line_ids" : "order_line"), rows)))
        .get(0);
    if (!o.isSuccess()) {
      throw new P2pException(P2pException.Problem.REFUSED, "request " + r.number() + ": " + o.problems().stream()
          .map(Violation::message).toList());
    }
    return o.odooId().orElseThrow();
  }

  /** {@code material_requested} from the record as Odoo holds it (the cost code: the distribution's account that is not the project's); published. */
  private P2pEvent.MaterialRequested announce(PurchaseRequisition r, String model, long id, Optional<Long> project) {
    boolean agreement = model.equals(REQUISITION);
    String partner = agreement ? "vendor_id" : "partner_id";
    Record head = odoo.model(model).read(List.of(id), List.of("name", partner)).stream().findFirst()
        .orElseThrow(() -> new P2pException(P2pException.Problem.REFUSED, model + " " + id + " is not in Odoo after the load"));
    String lineModel = agreement ? "purchase.requisition.line" : "purchase.order.line";
    String uomField = agreement ? "product_uom_id" : ctx.schema().field(OdooField.PURCHASE_LINE_UOM);
    List<Record> rows = odoo.model(lineModel).searchRead(Query.where(Domain.where(agreement ? "requisition_id" : "order_id", "=", id))
        .fields("product_id", "product_qty", uomField, "analytic_distribution").order("id"));
    Map<Long, String> codes = new LinkedHashMap<>();
    List<Long> products = rows.stream().flatMap(x -> x.getMany2one("product_id").stream()).map(Many2one::id).distinct().toList();
    if (!products.isEmpty()) {
      odoo.model("product.product").read(products, List.of("default_code"))
          .forEach(p -> codes.put(p.id(), p.getString("default_code").orElse("")));
    }
    List<P2pEvent.RequestedLine> lines = new ArrayList<>();
    for (Record x : rows) {
      String costCode = "";
      if (x.get("analytic_distribution").orElse(null) instanceof Map<?, ?> d) {
        costCode = d.keySet().stream().flatMap(k -> List.of(String.valueOf(k).split(",")).stream())
            .map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong).filter(a -> !project.equals(Optional.of(a)))
            .map(a -> ctx.refs().costCodeOf(a))
            .flatMap(Optional::stream).findFirst().orElse("");
      }
      lines.add(new P2pEvent.RequestedLine(x.getMany2one("product_id").map(p -> codes.getOrDefault(p.id(), "")).orElse(""),
          plain(x.getDecimal("product_qty")), x.getMany2one(uomField).map(Many2one::displayName).orElse(""), costCode));
    }
    P2pEvent.MaterialRequested event = new P2pEvent.MaterialRequested(r.number(), r.projectRef().key(),
        head.getMany2one(partner).map(Many2one::displayName).orElse(""), model + "," + id, head.getString("name").orElse(""), lines);
    publisher.publish(P2pPublisher.record(event, clock.instant()));
    return event;
  }

  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** Configures {@link OdooRequisitions}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final OdooClient odoo;
    private InMemoryReferences known = new InMemoryReferences();
    private P2pPublisher publisher = P2pPublisher.none();
    private Clock clock = Clock.systemUTC();

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** References shared with the sinks that wrote the project, cost codes and vendors. */
    public Builder references(InMemoryReferences known) {
      this.known = Objects.requireNonNull(known, "known");
      return this;
    }

    /** Where {@code material_requested} goes (default: nowhere). */
    public Builder publisher(P2pPublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
      return this;
    }

    /** The clock (event times). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The request writer. */
    public OdooRequisitions build() {
      return new OdooRequisitions(this);
    }
  }
}
