package org.odoobuild.workflow.kit;

import java.time.Instant;

/**
 * One line of an instance's history.
 *
 * @param workflow the definition name
 * @param instanceId the instance
 * @param from the state before ({@code ""} for the start)
 * @param to the state after
 * @param event the event ({@code start} for the start)
 * @param actor who
 * @param reason why
 * @param correlationId the correlation id
 * @param eventId the event id
 * @param at when
 * @param version the instance version after the transition
 */
public record TransitionRecord(String workflow, String instanceId, String from, String to, String event, String actor,
    String reason, String correlationId, String eventId, Instant at, long version) {}
