/**
 * An embedded Odoo emulator for tests and examples: {@link org.odoobuild.testkit.OdooEmulator} (built with
 * {@link org.odoobuild.testkit.OdooEmulator.Builder}) serves XML-RPC, JSON-RPC and JSON-2 exactly as recorded
 * from real Odoo 19 (or with the Odoo 17 differences) over an in-memory ORM, and
 * {@link org.odoobuild.testkit.Faults} injects latency, proxy errors, rate limits, resets, truncated bodies and
 * downtime. {@link org.odoobuild.testkit.WireRecordings} holds the HTTP exchanges recorded from a real Odoo 19
 * that the emulator is checked against, for replaying in your own tests. Everything else in this package is an
 * implementation detail.
 */
package org.odoobuild.testkit;
