package org.odoobuild.connectors.spi;

import java.util.Objects;

/**
 * A kind of business event, e.g. {@code submittal_approved}. Names are lower snake case and
 * stable: they appear in outbox rows, audit entries and webhook payloads.
 *
 * @param name the stable name
 * @param description what happened, in one sentence
 * @param financial whether the event moves money or commitments (financial flows get their own
 *     capacity and before/after audit)
 */
public record EventType(String name, String description, boolean financial) {

  /** Validates the name. */
  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("event type names are lower snake case (a-z, 0-9, _), got '" + name + "'");
    }
  }

  /** A non-financial event type. */
  public static EventType of(String name, String description) {
    return new EventType(name, description, false);
  }

  @Override
  public String toString() {
    return name;
  }
}
