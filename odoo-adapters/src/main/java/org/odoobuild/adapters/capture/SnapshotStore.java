package org.odoobuild.adapters.capture;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last captured values of each record, so transitions are detected by comparison and
 * deletions by an id-set check. Updated only after the derived events were durably accepted.
 */
public interface SnapshotStore {

  /** The snapshot of one record. */
  Optional<Map<String, Object>> get(String model, long id);

  /** Stores (replaces) the snapshot of one record. */
  void put(String model, long id, Map<String, Object> values);

  /** Forgets a record (after its deletion was emitted). */
  void remove(String model, long id);

  /** Every id with a snapshot. */
  Set<Long> ids(String model);
}
