package io.ddc.engine;

import io.ddc.model.DdcKind;
import io.ddc.model.Did;

/**
 * The receiver check of safe mints and safe transfers, in the place of ERC-721/1155's
 * {@code onERCxxxReceived} callback: the application decides whether {@code to} accepts the DDC.
 * It must be deterministic and free of side effects (the engine may call it for a request that
 * is then rejected for another reason) and fast, since the ledger may hold its append lock.
 */
@FunctionalInterface
public interface ReceiverCheck {
  /** Accepts everything: the default. */
  ReceiverCheck ACCEPT_ALL = (operator, from, to, kind, ddcId, amount, data) -> true;

  /**
   * Whether {@code to} accepts {@code amount} of DDC {@code ddcId} from {@code from} (null for a
   * mint), sent by {@code operator} with the request's {@code data} (empty if none).
   */
  boolean accepts(Did operator, Did from, Did to, DdcKind kind, long ddcId, long amount, byte[] data);
}
