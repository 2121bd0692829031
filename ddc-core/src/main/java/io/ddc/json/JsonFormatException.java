package io.ddc.json;

import io.ddc.DdcException;

/** JSON that ddc's canonical form does not accept, with the exact reason. */
public final class JsonFormatException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** Why the JSON was rejected. */
  public enum Reason {
    /** Not JSON: a syntax error, an unexpected token or an empty input. */
    MALFORMED_JSON,
    /** Bytes that are not valid UTF-8, or a unicode escape that leaves a lone surrogate. */
    INVALID_UNICODE,
    /** An object with the same member name twice. */
    DUPLICATE_KEY,
    /** A number with a fraction or exponent, or NaN/Infinity: only integers are allowed. */
    NOT_AN_INTEGER,
    /** An integer outside [-(2^53 - 1), 2^53 - 1], which JSON consumers cannot all hold exactly. */
    INTEGER_OUT_OF_RANGE,
    /** Nesting deeper than {@value CanonicalJson#MAX_DEPTH}. */
    TOO_DEEP,
    /** Input, a string or a number over its documented size limit. */
    TOO_LARGE,
    /** Anything but white space after the top-level value. */
    TRAILING_CONTENT
  }

  private final Reason reason;

  JsonFormatException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  /** The exact reason. */
  public Reason reason() {
    return reason;
  }
}
