package io.ddc;

/**
 * The checked root of every expected failure in ddc-core on untrusted input or an unavailable
 * store: a proof that does not verify, a malformed checkpoint, a rejected request. Each
 * subclass carries a reason code; messages say what was expected and what was found and never
 * contain secret material. Caller mistakes are unchecked exceptions instead.
 */
public abstract class DdcException extends Exception {
  private static final long serialVersionUID = 1L;

  protected DdcException(String message) {
    super(message);
  }

  protected DdcException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable, machine-readable name of the cause, e.g. {@code ROOT_MISMATCH}. */
  public abstract String code();
}
