package io.ddc.ledger.spi;

import io.ddc.DdcException;

/** The store cannot be reached or the append lock was not obtained in time: nothing changed, retry later. */
public final class LedgerUnavailableException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** A new exception with code {@code LEDGER_UNAVAILABLE}. */
  public LedgerUnavailableException(String message, Throwable cause) {
    super("LEDGER_UNAVAILABLE", message, cause);
  }
}
