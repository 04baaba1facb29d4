package org.odoobuild.workflow.authority;

import java.util.Set;

/**
 * Who holds which approval roles: from configuration ({@link ApprovalAuthority.Builder#member}),
 * or from the ERP (in odoo-adapters: the user's Odoo groups mapped to roles). Implementations
 * must be thread-safe.
 */
@FunctionalInterface
public interface ApproverDirectory {

  /**
   * The roles of a user.
   *
   * @param user the approver (login)
   * @return the roles, possibly none
   */
  Set<String> roles(String user);
}
