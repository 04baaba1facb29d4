package org.odoobuild.examples.support;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.odoobuild.connectors.cases.CaseKind;
import org.odoobuild.connectors.cases.CaseRouting;
import org.odoobuild.connectors.ownership.OwnershipPolicy;
import org.odoobuild.connectors.protect.KeyProvider;
import org.odoobuild.connectors.protect.KeyRing;
import org.odoobuild.connectors.protect.MaskingRules;
import org.odoobuild.connectors.protect.ProtectedSyncStore;
import org.odoobuild.connectors.store.SyncStore;

/**
 * The governance the reference integrations run with: the sync store encrypted at rest (payloads,
 * dead letters, audit values; AES-GCM with keys from a key provider) with a sealed audit chain, the
 * systems of record of the vendor and project fields, and the routing of exception cases.
 */
public final class Governance {
  /** The environment variable holding the store's AES key (base64 of 16, 24 or 32 bytes). */
  public static final String KEY_VARIABLE = "SYNC_STORE_KEY";
  /** Who the estimating connector writes as (the system of record of projects and cost codes). */
  public static final String ESTIMATING = "estimating";

  private Governance() {}

  /**
   * The store's keys: {@value #KEY_VARIABLE} when set, else a key made for this run only (enough
   * for the examples' temporary stores; a store kept across runs needs a key that is kept too).
   *
   * @return the key provider
   */
  public static KeyProvider keys() {
    byte[] key = Optional.ofNullable(System.getenv(KEY_VARIABLE)).filter(s -> !s.isBlank()).map(s -> Base64.getDecoder().decode(s.trim()))
        .orElseGet(() -> {
          byte[] k = new byte[32];
          new SecureRandom().nextBytes(k);
          return k;
        });
    return KeyRing.builder().key("example-1", key).build();
  }

  /**
   * The store encrypted at rest, masked in audit views, its audit log hash-chained.
   *
   * @param store the store to wrap (the caller keeps owning and closing it)
   * @param keys the keys
   * @return the protected store
   */
  public static ProtectedSyncStore protect(SyncStore store, KeyProvider keys) {
    return ProtectedSyncStore.builder(store).encryption(keys).masking(MaskingRules.defaults()).sealAudit(true).build();
  }

  /**
   * Who owns what: accounts payable keeps a vendor's remittance email, tax id and bank details in
   * Odoo; estimating owns projects and cost codes.
   *
   * @return the policy
   */
  public static OwnershipPolicy owners() {
    return OwnershipPolicy.builder()
        .field("res.partner", "email", "odoo")
        .field("res.partner", "vat", "odoo")
        .field("res.partner", "bank_ids", "odoo")
        .entity("project.project", ESTIMATING)
        .entity("account.analytic.account", ESTIMATING)
        .build();
  }

  /**
   * Exception cases: holds on the reference project go to its project manager within a day,
   * ownership conflicts to the vendor master team, the rest to the integration team.
   *
   * @return the routing
   */
  public static CaseRouting routing() {
    return CaseRouting.builder()
        .rule(CaseRouting.when().kind(CaseKind.VARIANCE_HOLD).project("RMC-24"), "pm.lee", Duration.ofDays(1), "controller")
        .rule(CaseRouting.when().kind(CaseKind.DRAWING_HOLD), "pm.lee", Duration.ofDays(1), "design-manager")
        .rule(CaseRouting.when().kind(CaseKind.OWNERSHIP_CONFLICT), "vendor-master", Duration.ofDays(2), "ap-lead")
        .otherwise("integration-team", Duration.ofDays(2), "integration-lead")
        .build();
  }
}
