package org.odoobuild.client.internal;

import java.util.List;
import java.util.Optional;
import org.odoobuild.client.Call;
import org.odoobuild.client.Context;
import org.odoobuild.client.Protocol;

/** One wire protocol. Implementations are thread-safe. */
public interface RpcTransport {

  /** The protocol spoken. */
  Protocol protocol();

  /**
   * Runs a model method. Returns empty when the method returned {@code None}.
   *
   * @param session database/uid/secret (JSON-2 uses only the database; the key is its own)
   */
  Optional<Object> execute(Session session, String model, Call call, Context context);

  /** Calls a service method such as {@code common.authenticate}; not available on JSON-2. */
  Optional<Object> service(String service, String method, List<Object> args);
}
