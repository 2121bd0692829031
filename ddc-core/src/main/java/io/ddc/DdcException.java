package io.ddc;

import java.util.Objects;

/**
 * The checked root of every expected failure in ddc-core on untrusted input or an unavailable
 * service: a proof that does not verify, a malformed checkpoint or JSON, a signer that cannot
 * be reached. Each carries a stable {@link #code()}; subclasses add a typed reason. Messages
 * say what was expected and what was found and never contain secret material. Caller mistakes
 * are unchecked exceptions instead.
 */
public abstract class DdcException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  protected DdcException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  protected DdcException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A stable, machine-readable name of the cause, e.g. {@code ROOT_MISMATCH}. */
  public final String code() {
    return code;
  }
}
