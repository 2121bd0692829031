package io.ddc.ledger;

import io.ddc.DdcException;

/**
 * What was asked for is not in the ledger: no DDC of that id, no checkpoint (of that size). Not a
 * rejection (nothing was submitted) and not an outage (the store answered); {@link #code()} is
 * {@code UNKNOWN_DDC} or {@code NO_CHECKPOINT}.
 */
public final class NotFoundException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** What was not found. */
  public enum What {
    /** No DDC has the id asked for. */
    UNKNOWN_DDC,
    /** The ledger has no checkpoint yet, or none of the size asked for. */
    NO_CHECKPOINT
  }

  private final What what;

  /** A not-found error; {@code message} names what was asked for. */
  public NotFoundException(What what, String message) {
    super(what.name(), message);
    this.what = what;
  }

  /** What was not found. */
  public What what() {
    return what;
  }
}
