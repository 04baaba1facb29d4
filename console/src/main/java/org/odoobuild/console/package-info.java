/**
 * The operations console: {@link org.odoobuild.console.ConsoleServer} serves flows, dead letters,
 * workflow holds, reconciliation and the audit trail in a browser, standalone or mounted in a
 * host application. Everything in {@code org.odoobuild.console.internal} may change without
 * notice.
 */
package org.odoobuild.console;
