package org.odoobuild.workflow.kit;

import java.time.Instant;
import java.util.Map;

/**
 * One transition in progress, as guards and actions see it.
 *
 * @param workflow the definition name
 * @param instanceId the instance
 * @param from the state before
 * @param to the state after
 * @param event the event
 * @param payload the event payload
 * @param actor who caused it
 * @param reason why (free text)
 * @param correlationId the correlation id through every hop
 * @param at the clock time
 * @param variables the instance variables (read-only view)
 * @param <C> the payload type
 */
public record Step<C>(String workflow, String instanceId, String from, String to, String event, C payload, String actor,
    String reason, String correlationId, Instant at, Map<String, String> variables) {}
