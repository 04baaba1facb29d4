package org.odoobuild.adapters.sink;

import java.util.List;
import java.util.stream.Collectors;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.connectors.spi.SinkResult;

/** Upsert outcomes as the engine's sink results. */
final class SinkResults {
  private SinkResults() {}

  static List<SinkResult> of(String model, List<UpsertOutcome> outcomes) {
    return outcomes.stream().map(o -> of(model, o)).toList();
  }

  static SinkResult of(String model, UpsertOutcome o) {
    if (o.isSuccess()) {
      return SinkResult.applied((model.isEmpty() ? "" : model + ",") + o.odooId().orElseThrow());
    }
    String why = o.problems().stream().map(v -> v.path().isEmpty() ? v.message() : v.path() + ": " + v.message())
        .collect(Collectors.joining("; "));
    return SinkResult.failed(o.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + why);
  }
}
