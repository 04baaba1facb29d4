package org.odoobuild.workflow.kit;

/**
 * What a transition does (call Odoo, notify an owner, emit an event). Runs after the guard
 * passed and before the new state is saved; if it throws, the transition does not happen.
 * Actions must be idempotent: after a crash or a lost race the same step may run again.
 *
 * @param <C> the event payload type
 */
@FunctionalInterface
public interface Action<C> {

  /** Performs the action. */
  void run(Step<C> step) throws Exception;
}
