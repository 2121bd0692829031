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
    /**
     * No longer given: numbers with a fraction or an exponent are accepted (see {@link CanonicalJson}),
     * and NaN or Infinity give {@link #NOT_FINITE}.
     *
     * @deprecated never produced since numbers that are not integers are accepted
     */
    @Deprecated
    NOT_AN_INTEGER,
    /**
     * A number whose value, read as a double, is an integer outside [-(2^53 - 1), 2^53 - 1], in any
     * notation ({@code 9007199254740992}, {@code 1e300}): JSON consumers cannot all hold it exactly.
     * Every finite double that large is an integer.
     */
    INTEGER_OUT_OF_RANGE,
    /**
     * A number literal beyond the range of a double ({@code 1e400}, which reads as Infinity), or the
     * non-JSON tokens {@code NaN} and {@code Infinity}.
     */
    NOT_FINITE,
    /** Nesting deeper than {@value CanonicalJson#MAX_DEPTH}. */
    TOO_DEEP,
    /**
     * Input, a string or a number literal over its documented size limit
     * ({@value CanonicalJson#MAX_INPUT_BYTES} bytes, {@value CanonicalJson#MAX_STRING_LENGTH} and
     * {@value CanonicalJson#MAX_NUMBER_LENGTH} characters).
     */
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
