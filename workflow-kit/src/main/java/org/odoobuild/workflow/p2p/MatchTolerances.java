package org.odoobuild.workflow.p2p;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.model.common.SourceRef;

/**
 * Match tolerances per vendor and cost code. The most specific setting wins: vendor and cost
 * code together, then the cost code, then the vendor, then the default.
 * <pre>{@code
 * MatchTolerances t = MatchTolerances.builder(MatchTolerance.standard())
 *     .vendor(SourceRef.of("erp", "V-100"), MatchTolerance.exact())
 *     .costCode("03 30 00", new MatchTolerance(new BigDecimal("5"), BigDecimal.ZERO, BigDecimal.ZERO))
 *     .build();
 * }</pre>
 * Immutable and thread-safe; the builder's settings are copied at {@link Builder#build()}.
 */
public final class MatchTolerances {
  private final MatchTolerance fallback;
  private final Map<String, MatchTolerance> byVendor;
  private final Map<String, MatchTolerance> byCostCode;
  private final Map<String, MatchTolerance> byPair;

  private MatchTolerances(Builder b) {
    this.fallback = b.fallback;
    this.byVendor = Map.copyOf(b.byVendor);
    this.byCostCode = Map.copyOf(b.byCostCode);
    this.byPair = Map.copyOf(b.byPair);
  }

  /** The same tolerance for every vendor and cost code. */
  public static MatchTolerances of(MatchTolerance tolerance) {
    return builder(tolerance).build();
  }

  /** A builder with the default tolerance. */
  public static Builder builder(MatchTolerance fallback) {
    return new Builder(fallback);
  }

  /** The tolerance for a bill line of {@code vendor} charged to {@code costCode}. */
  public MatchTolerance tolerance(SourceRef vendor, Optional<String> costCode) {
    String v = vendor.key();
    if (costCode.isPresent()) {
      MatchTolerance t = byPair.get(pair(v, costCode.get()));
      if (t == null) {
        t = byCostCode.get(costCode.get());
      }
      if (t != null) {
        return t;
      }
    }
    return byVendor.getOrDefault(v, fallback);
  }

  private static String pair(String vendorKey, String costCode) {
    return vendorKey + "\u0000" + costCode;
  }

  /** Collects the settings of a {@link MatchTolerances}; not thread-safe. */
  public static final class Builder {
    private final MatchTolerance fallback;
    private final Map<String, MatchTolerance> byVendor = new HashMap<>();
    private final Map<String, MatchTolerance> byCostCode = new HashMap<>();
    private final Map<String, MatchTolerance> byPair = new HashMap<>();

    private Builder(MatchTolerance fallback) {
      this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** The tolerance for one vendor (by its canonical reference, revision ignored). */
    public Builder vendor(SourceRef vendor, MatchTolerance tolerance) {
      byVendor.put(vendor.key(), Objects.requireNonNull(tolerance, "tolerance"));
      return this;
    }

    /** The tolerance for one cost code. */
    public Builder costCode(String costCode, MatchTolerance tolerance) {
      byCostCode.put(Objects.requireNonNull(costCode, "costCode"), Objects.requireNonNull(tolerance, "tolerance"));
      return this;
    }

    /** The tolerance for one vendor on one cost code. */
    public Builder vendorAndCostCode(SourceRef vendor, String costCode, MatchTolerance tolerance) {
      byPair.put(pair(vendor.key(), Objects.requireNonNull(costCode, "costCode")), Objects.requireNonNull(tolerance, "tolerance"));
      return this;
    }

    /** The tolerances. */
    public MatchTolerances build() {
      return new MatchTolerances(this);
    }
  }
}
