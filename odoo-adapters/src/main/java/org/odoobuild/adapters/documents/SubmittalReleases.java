package org.odoobuild.adapters.documents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.odoobuild.model.documents.Submittal;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.GuardRejectedException;
import org.odoobuild.workflow.kit.Instance;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.procurement.ReleaseGate;

/**
 * Submittal approval drives the release gate: the {@link ReleaseGate} of each purchase order
 * that waits on a submittal carries the submittal's reference in its variable
 * {@value #SUBMITTAL} ({@link #gateVariables}); a {@link OdooSubmittals.StatusChange} that makes
 * the submittal approved (or approved as noted), whether it came from the source system or from
 * Odoo, fires {@code SUBMITTAL_APPROVED} on every such gate still awaiting approval, which
 * confirms the order in Odoo through the gate's port ({@code OdooProcurement}). Each firing has
 * the event id {@code submittal:<ref>:<status>:<gate>}, so a repeated change fires nothing
 * again; a gate whose guard refuses (vendor not compliant, over budget) stays waiting and is
 * reported. At most {@value #SCAN} waiting gates are looked at per change. Thread-safe when the
 * gate engine is.
 */
public final class SubmittalReleases {
  /** The gate variable naming the submittal ({@code SourceRef.key()}). */
  public static final String SUBMITTAL = "submittal";
  /** How many waiting gates one change looks at. */
  public static final int SCAN = 10_000;
  private final WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gates;
  private final Predicate<String> vendorCompliant;

  /**
   * What one change released.
   *
   * @param released the purchase orders ({@code po} variables) released
   * @param refused gate id → why its guard refused
   */
  public record Result(List<String> released, Map<String, String> refused) {
    /** Copies. */
    public Result {
      released = List.copyOf(released);
      refused = Map.copyOf(refused);
    }
  }

  private SubmittalReleases(WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gates,
      Predicate<String> vendorCompliant) {
    this.gates = Objects.requireNonNull(gates, "gates");
    this.vendorCompliant = Objects.requireNonNull(vendorCompliant, "vendorCompliant");
  }

  /**
   * Releases through {@code gates}; {@code vendorCompliant} says whether the vendor of a
   * purchase order (its {@code po} variable) has valid insurance and licence today.
   */
  public static SubmittalReleases of(WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gates,
      Predicate<String> vendorCompliant) {
    return new SubmittalReleases(gates, vendorCompliant);
  }

  /** The variables of a gate over Odoo purchase order {@code purchaseOrder} waiting on {@code submittal}. */
  public static Map<String, String> gateVariables(Submittal submittal, long purchaseOrder, String owner) {
    return Map.of("po", Long.toString(purchaseOrder), "owner", owner, SUBMITTAL, submittal.primaryRef().key());
  }

  /** Releases the gates waiting on the changed submittal when the change approved it; nothing otherwise. */
  public Result release(OdooSubmittals.StatusChange change) {
    List<String> released = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    if (!change.status().releasesProcurement()) {
      return new Result(released, refused);
    }
    String key = change.submittal().key();
    for (Instance gate : gates.instancesIn(Set.of(ReleaseGate.State.AWAITING_APPROVAL), SCAN)) {
      if (!gate.variable(SUBMITTAL).filter(key::equals).isPresent()) {
        continue;
      }
      String po = gate.variable("po").orElse("");
      try {
        gates.fire(gate.id(), ReleaseGate.Event.SUBMITTAL_APPROVED, new ReleaseGate.Signal(change.number(), vendorCompliant.test(po),
            change.status() + " (" + change.origin() + ")"), EventMeta.of(change.origin(), "submittal " + change.number() + " "
            + change.status(), "submittal:" + key + ":" + change.status() + ":" + gate.id()));
        released.add(po);
      } catch (GuardRejectedException e) {
        refused.put(gate.id(), e.getMessage());
      }
    }
    return new Result(released, refused);
  }
}
