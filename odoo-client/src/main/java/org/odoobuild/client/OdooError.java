package org.odoobuild.client;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Odoo (or the way to it) said when a call failed: the exception name and message as the
 * server gave them, the HTTP status or XML-RPC fault code, and the server traceback when sent.
 * Never contains credentials.
 *
 * @param name the server's exception name, e.g. {@code odoo.exceptions.UserError}, or a transport
 *     condition such as {@code http.502}; empty when unknown
 * @param message the server's message
 * @param protocol the protocol of the failed call
 * @param httpStatus the HTTP status when the protocol carries it
 * @param faultCode the XML-RPC fault code or JSON-RPC error code
 * @param debug the server traceback, when the server sent one
 * @param model the model called, empty for service calls
 * @param method the method called
 */
public record OdooError(
    String name,
    String message,
    Protocol protocol,
    OptionalInt httpStatus,
    OptionalInt faultCode,
    Optional<String> debug,
    String model,
    String method) {

  /** Validates that no component is null. */
  public OdooError {
    name = name == null ? "" : name;
    message = message == null ? "" : message;
    httpStatus = httpStatus == null ? OptionalInt.empty() : httpStatus;
    faultCode = faultCode == null ? OptionalInt.empty() : faultCode;
    debug = debug == null ? Optional.empty() : debug;
    model = model == null ? "" : model;
    method = method == null ? "" : method;
  }

  /** A one-line description used as exception message. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    if (!model.isEmpty() || !method.isEmpty()) {
      sb.append(model.isEmpty() ? "" : model + ".").append(method).append(": ");
    }
    sb.append(message.isEmpty() ? "(no message)" : message);
    if (!name.isEmpty()) {
      sb.append(" [").append(name);
      httpStatus.ifPresent(s -> sb.append(", HTTP ").append(s));
      faultCode.ifPresent(c -> sb.append(", code ").append(c));
      sb.append(']');
    }
    return sb.toString();
  }
}
