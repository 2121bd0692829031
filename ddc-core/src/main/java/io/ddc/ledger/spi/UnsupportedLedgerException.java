package io.ddc.ledger.spi;

import io.ddc.DdcException;

/** A store this library cannot open: a newer schema version, or an unknown database. */
public final class UnsupportedLedgerException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** A new exception with code {@code UNSUPPORTED_LEDGER}. */
  public UnsupportedLedgerException(String message) {
    super("UNSUPPORTED_LEDGER", message);
  }
}
