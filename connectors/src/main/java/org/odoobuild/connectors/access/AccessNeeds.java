package org.odoobuild.connectors.access;

import java.util.List;

/**
 * Implemented by sinks, sources and ports that declare what they need on the target, so the
 * rights of the integration user can be checked against exactly that at start.
 */
@FunctionalInterface
public interface AccessNeeds {

  /** The models and operations this component uses. */
  List<AccessNeed> accessNeeds();
}
