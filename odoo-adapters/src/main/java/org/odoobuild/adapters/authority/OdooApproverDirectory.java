package org.odoobuild.adapters.authority;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.workflow.authority.ApprovalAuthority;
import org.odoobuild.workflow.authority.ApproverDirectory;

/**
 * Approval roles from the user's Odoo groups: each configured group (by external id, e.g.
 * {@code purchase.group_purchase_manager}) gives a role of the {@link ApprovalAuthority}. A user
 * is found by login (archived users have no roles); their groups include the implied ones: on
 * Odoo 17 {@code res.users.groups_id} holds them (odoo/addons/base/models/res_users.py 17.0,
 * {@code UsersImplied} completes the field on create and write), on 19 {@code group_ids} holds only
 * the assigned groups and {@code all_group_ids} adds the implied ones (res_users.py 19.0), which
 * is read when the server has it (asked with {@code fields_get}). So moving a user in or out of a
 * group in Odoo changes what they may approve at once.
 *
 * <p>One read of the user per call (the groups' ids are resolved once, from {@code ir.model.data}).
 * Needs read on {@code res.users} and {@code ir.model.data} (Internal User has both). Thread-safe
 * when its client is.
 * <pre>{@code
 * ApprovalAuthority authority = ApprovalAuthority.builder()
 *     .limit("project-manager", new BigDecimal("5000")).limit("controller", new BigDecimal("250000"))
 *     .directory(OdooApproverDirectory.builder(odoo)
 *         .role("purchase.group_purchase_manager", "project-manager")
 *         .role("account.group_account_manager", "controller").build())
 *     .build();
 * }</pre>
 */
public final class OdooApproverDirectory implements ApproverDirectory {
  private final OdooClient odoo;
  private final Map<String, Set<String>> rolesByGroup;
  private volatile Map<Long, Set<String>> rolesByGroupId;
  private volatile String groupsField;

  private OdooApproverDirectory(Builder b) {
    this.odoo = b.odoo;
    Map<String, Set<String>> copy = new HashMap<>();
    b.roles.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    this.rolesByGroup = Map.copyOf(copy);
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  @Override
  public Set<String> roles(String user) {
    Objects.requireNonNull(user, "user");
    String field = groupsField();
    List<Record> found = odoo.model("res.users").searchRead(Query.where(Domain.where("login", "=", user)).fields(field).limit(1));
    if (found.isEmpty()) {
      return Set.of();
    }
    Map<Long, Set<String>> byId = rolesByGroupId();
    Set<String> out = new LinkedHashSet<>();
    for (long gid : found.get(0).getIds(field)) {
      out.addAll(byId.getOrDefault(gid, Set.of()));
    }
    return Set.copyOf(out);
  }

  private String groupsField() {
    String f = groupsField;
    if (f == null) {
      Set<String> fields = odoo.model("res.users").fields().keySet();
      f = fields.contains("all_group_ids") ? "all_group_ids" : fields.contains("group_ids") ? "group_ids" : "groups_id";
      groupsField = f;
    }
    return f;
  }

  private Map<Long, Set<String>> rolesByGroupId() {
    Map<Long, Set<String>> m = rolesByGroupId;
    if (m == null) {
      Set<String> names = new HashSet<>();
      rolesByGroup.keySet().forEach(x -> names.add(x.substring(x.indexOf('.') + 1)));
      Map<Long, Set<String>> out = new HashMap<>();
      if (!names.isEmpty()) {
        for (Record d : odoo.model("ir.model.data").searchRead(Query.where(Domain.where("model", "=", "res.groups")
            .and(Domain.where("name", "in", List.copyOf(names)))).fields("module", "name", "res_id"))) {
          Set<String> roles = rolesByGroup.get(d.getString("module").orElse("") + "." + d.getString("name").orElse(""));
          if (roles != null) {
            out.computeIfAbsent(d.getLong("res_id"), k -> new HashSet<>()).addAll(roles);
          }
        }
      }
      m = Map.copyOf(out);
      rolesByGroupId = m;
    }
    return m;
  }

  @Override
  public String toString() {
    return "OdooApproverDirectory{" + rolesByGroup + "}";
  }

  /** Configures an {@link OdooApproverDirectory}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final OdooClient odoo;
    private final Map<String, Set<String>> roles = new HashMap<>();

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /**
     * Members of a group hold a role.
     *
     * @param groupXmlId the group's external id ({@code module.name})
     * @param role the approval role
     * @return this builder
     */
    public Builder role(String groupXmlId, String role) {
      if (!groupXmlId.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
        throw new IllegalArgumentException("a group is named by its external id module.name, got '" + groupXmlId + "'");
      }
      roles.computeIfAbsent(groupXmlId, k -> new HashSet<>()).add(Objects.requireNonNull(role, "role"));
      return this;
    }

    /** The directory. */
    public OdooApproverDirectory build() {
      return new OdooApproverDirectory(this);
    }
  }
}
