package io.ddc.ledger;

import io.ddc.DdcException;

/**
 * The ledger was opened with a checkpoint signer that is not its own: another origin than the
 * one its {@code ledger.init} names, or a key that did not sign its latest checkpoint. Nothing
 * is wrong with the stored data (that is {@link io.ddc.ledger.spi.LedgerCorruptException}); the
 * ledger was not opened, and nothing changed. {@link #code()} is {@code WRONG_ORIGIN} or
 * {@code WRONG_CHECKPOINT_KEY}.
 */
public final class LedgerMismatchException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** What does not match. */
  public enum Reason {
    /** The checkpoint signer's origin is not the ledger's. */
    WRONG_ORIGIN,
    /** The checkpoint signer's key did not sign the ledger's latest checkpoint. */
    WRONG_CHECKPOINT_KEY
  }

  private final Reason reason;

  /** A mismatch; {@code message} names what the ledger has and what was given. */
  public LedgerMismatchException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  /** What does not match. */
  public Reason reason() {
    return reason;
  }
}
