package io.ddc.ledger.spi;

import io.ddc.DdcException;

/**
 * The stored data do not match their own hashes or signed checkpoints (a torn write, a tampered
 * row, an incompatible schema): the message says what was expected and what was found.
 */
public final class LedgerCorruptException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** A new exception with code {@code LEDGER_CORRUPT}. */
  public LedgerCorruptException(String message) {
    super("LEDGER_CORRUPT", message);
  }
}
