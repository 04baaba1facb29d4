package org.odoobuild.connectors.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;

/**
 * What an operator does with a running integration: look at dead letters, replay them after
 * a fix, discard them with a reason, pause and resume a flow. Replayed records go through the
 * outbox and are applied on the flow's next run or drain.
 */
public final class Operations {
  private final SyncStore store;
  private final Set<String> flows;

  Operations(SyncStore store, Set<String> flows) {
    this.store = store;
    this.flows = flows;
  }

  /** Dead letters of a flow, oldest first. */
  public List<DeadLetter> deadLetters(String flow, int limit) {
    return store.deadLetters(requireFlow(flow), limit);
  }

  /** One dead letter with its payload, error and attempts. */
  public Optional<DeadLetter> deadLetter(long id) {
    return store.deadLetter(id);
  }

  /** Puts one dead letter back into the outbox. */
  public void replay(long id) {
    store.replay(id);
  }

  /** Puts every dead letter of a flow back into the outbox; returns how many. */
  public int replayAll(String flow) {
    return store.replayAll(requireFlow(flow));
  }

  /** Drops a dead letter for good, keeping the reason in the audit log. */
  public void discard(long id, String reason) {
    store.discard(id, reason);
  }

  /** Stops a flow after its current batch; nothing is lost while paused. */
  public void pause(String flow) {
    store.pause(requireFlow(flow));
  }

  /** Lets a paused flow run again. */
  public void resume(String flow) {
    store.resume(requireFlow(flow));
  }

  /** Whether a flow is paused. */
  public boolean isPaused(String flow) {
    return store.paused(requireFlow(flow));
  }

  private String requireFlow(String flow) {
    if (!flows.contains(flow)) {
      throw new IllegalArgumentException("no flow named '" + flow + "'; registered: " + flows);
    }
    return flow;
  }
}
