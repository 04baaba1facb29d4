package org.odoobuild.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.ops.ReconciliationReport;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.console.ConsoleAuthenticator;
import org.odoobuild.console.ConsolePage;

/**
 * What a console was built with (copied at build time).
 *
 * @param engine the sync engine, if any
 * @param store the store
 * @param workflows the workflows shown
 * @param reconciliation where drift reports come from
 * @param credentials users and tokens
 * @param authenticator the host's sign-in hook
 * @param masker what is hidden
 * @param pages extension pages
 * @param host the address to bind when standalone
 * @param port the port when standalone
 * @param basePath the path the console lives under ({@code ""} or {@code /ops})
 * @param sessionTimeout idle time after which a session ends
 * @param secureCookies whether cookies are marked Secure (HTTPS in front)
 * @param clock the clock for ages and sessions
 * @param title the page title
 */
public record Settings(Optional<SyncEngine> engine, SyncStore store, List<WorkflowView> workflows,
    Optional<Supplier<? extends Collection<ReconciliationReport>>> reconciliation, Credentials credentials,
    Optional<ConsoleAuthenticator> authenticator, Masker masker, List<ConsolePage> pages, String host, int port,
    String basePath, Duration sessionTimeout, boolean secureCookies, Clock clock, String title) {

  /** Copies the lists. */
  public Settings {
    workflows = List.copyOf(workflows);
    pages = List.copyOf(pages);
  }
}
