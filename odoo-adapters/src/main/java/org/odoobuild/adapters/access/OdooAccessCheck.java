package org.odoobuild.adapters.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.adapters.AdapterException;
import org.odoobuild.client.Call;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.access.AccessNeed;
import org.odoobuild.connectors.access.AccessNeed.Operation;
import org.odoobuild.connectors.access.AccessNeeds;

/**
 * Checks, at start, the Odoo user's model access rights against exactly what the registered
 * flows need, with Odoo's own check over RPC: {@code check_access_rights(operation,
 * raise_exception=False)} on Odoo 17 (odoo/models.py, answered by
 * {@code ir.model.access.check}) and {@code has_access(operation)} on the empty recordset from
 * Odoo 18 on (odoo/orm/models.py, where {@code check_access_rights} is deprecated). One call per
 * model and operation, read-only.
 * <pre>{@code
 * AccessReport report = OdooAccessCheck.builder(odoo)
 *     .needs(vendorSink, poSink, procurement)           // anything implementing AccessNeeds
 *     .need(AccessNeed.read("res.partner"))
 *     .minimalGroups("Internal User", "Purchase / User")
 *     .build().run();
 * if (!report.sufficient()) throw new IllegalStateException(report.toString());
 * }</pre>
 * Record rules (ir.rule) are not part of the check: a right reported here may still be limited
 * to some records. Thread-safe; each {@link #run()} asks the server again.
 */
public final class OdooAccessCheck {
  /** Groups that no integration needs: they administer users, rights and settings. */
  private static final Set<String> ADMIN_GROUPS = Set.of("Settings", "Access Rights", "Administration / Settings",
      "Administration / Access Rights");

  private final OdooClient odoo;
  private final List<AccessNeed> needs;
  private final Optional<Set<String>> minimalGroups;

  private OdooAccessCheck(Builder b) {
    this.odoo = b.odoo;
    this.needs = AccessNeed.merge(b.needs);
    this.minimalGroups = b.minimalGroups.map(Set::copyOf);
  }

  /** A check of {@code odoo}'s user. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  /** The merged needs (one per model). */
  public List<AccessNeed> needs() {
    return needs;
  }

  /**
   * Asks the server and compares.
   *
   * @throws AdapterException when the server's answers cannot be read as booleans
   */
  public AccessReport run() {
    boolean hasAccess = odoo.version().major() >= 18;
    List<AccessReport.Right> missing = new ArrayList<>();
    List<AccessReport.Right> excess = new ArrayList<>();
    for (AccessNeed need : needs) {
      for (Operation op : Operation.values()) {
        boolean allowed = allowed(need.model(), op, hasAccess);
        if (need.needs(op) && !allowed) {
          missing.add(new AccessReport.Right(need.model(), op));
        } else if (!need.needs(op) && allowed) {
          excess.add(new AccessReport.Right(need.model(), op));
        }
      }
    }
    long uid = odoo.uid();
    String groupField = odoo.version().major() >= 19 ? "group_ids" : "groups_id";
    Record user = odoo.model("res.users").read(List.of(uid), List.of("login", groupField)).stream().findFirst()
        .orElseThrow(() -> new AdapterException("res.users " + uid + " is not readable"));
    List<Long> groupIds = user.getIds(groupField);
    List<String> groups = groupIds.isEmpty() ? List.of()
        : odoo.model("res.groups").read(groupIds, List.of("name")).stream()
            .map(r -> r.getString("name").orElse("#" + r.id())).toList();
    List<String> excessGroups = groups.stream()
        .filter(g -> minimalGroups.map(min -> !min.contains(g)).orElse(ADMIN_GROUPS.contains(g))).toList();
    return new AccessReport(user.getString("login").orElse("#" + uid), missing, excess, groups, excessGroups);
  }

  private boolean allowed(String model, Operation op, boolean hasAccess) {
    Call call = hasAccess
        ? Call.method("has_access").ids(List.of()).arg("operation", op.odooName())
        : Call.method("check_access_rights").arg("operation", op.odooName()).kwarg("raise_exception", false);
    Object answer = odoo.call(model, call).orElse(Boolean.FALSE);
    if (!(answer instanceof Boolean b)) {
      throw new AdapterException(model + "." + call.method() + " answered a " + answer.getClass().getSimpleName()
          + ", not a boolean");
    }
    return b;
  }

  /** Configures an {@link OdooAccessCheck}; the needs are copied at {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final OdooClient odoo;
    private final List<AccessNeed> needs = new ArrayList<>();
    private Optional<Set<String>> minimalGroups = Optional.empty();

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** Adds needs. */
    public Builder need(AccessNeed... more) {
      needs.addAll(List.of(more));
      return this;
    }

    /** Adds the needs of components (sinks, sources, ports) that declare them. */
    public Builder needs(AccessNeeds... components) {
      for (AccessNeeds c : components) {
        needs.addAll(c.accessNeeds());
      }
      return this;
    }

    /** Adds needs. */
    public Builder needs(Collection<AccessNeed> more) {
      needs.addAll(more);
      return this;
    }

    /**
     * The group names the user should hold at most (as Odoo shows them, e.g.
     * {@code Purchase / User}); any other group is reported as excess. Without it only
     * administration groups (Settings, Access Rights) are reported.
     */
    public Builder minimalGroups(String... names) {
      minimalGroups = Optional.of(new LinkedHashSet<>(List.of(names)));
      return this;
    }

    /** Builds the check. */
    public OdooAccessCheck build() {
      if (needs.isEmpty()) {
        throw new IllegalStateException("no access needs declared");
      }
      return new OdooAccessCheck(this);
    }
  }
}
