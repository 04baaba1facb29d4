package org.odoobuild.workflow.kit;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A named condition a transition needs, e.g. "vendor compliant". Returns the reason it refuses,
 * or empty to allow.
 *
 * @param <C> the event payload type
 */
@FunctionalInterface
public interface Guard<C> {

  /** Empty to allow; otherwise why not. */
  Optional<String> check(Step<C> step);

  /** A guard from a predicate on the payload and a fixed refusal reason. */
  static <C> Guard<C> of(Predicate<C> allowed, String refusal) {
    return s -> allowed.test(s.payload()) ? Optional.empty() : Optional.of(refusal);
  }
}
