package io.ddc.model;

import io.ddc.DdcException;

/**
 * Bytes or values that are not a well-formed ddc request, item, event or metadata: a missing or
 * unknown field, a value of the wrong type or out of range, a signature or root that does not
 * match. The message names the field and says what was expected and what was found.
 */
public final class MalformedDataException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** A new exception with code {@code MALFORMED}. */
  public MalformedDataException(String message) {
    super("MALFORMED", message);
  }
}
