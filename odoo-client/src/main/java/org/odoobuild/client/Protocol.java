package org.odoobuild.client;

/** The wire protocol a client speaks to Odoo. */
public enum Protocol {
  /** Chosen from the server version: {@link #JSON2} on Odoo 19+ with an API key, {@link #JSONRPC} otherwise. */
  AUTO,
  /** {@code POST /json/2/<model>/<method>} with a bearer API key (Odoo 19+). */
  JSON2,
  /** {@code POST /jsonrpc} with {@code execute_kw} (every supported version). */
  JSONRPC,
  /** {@code POST /xmlrpc/2/common|object} (every supported version). */
  XMLRPC
}
