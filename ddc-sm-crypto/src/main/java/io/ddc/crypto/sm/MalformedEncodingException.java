package io.ddc.crypto.sm;

/**
 * Input that is not a valid encoding of what was expected: bad PEM, DER, hex, a point off the
 * curve, a scalar or signature component out of range. Never thrown for a well-formed
 * signature that merely fails to verify.
 */
public final class MalformedEncodingException extends SmCryptoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason the exact cause; never {@link Reason#SIGNATURE_MISMATCH}
   * @param message what was expected and what was found
   */
  public MalformedEncodingException(Reason reason, String message) {
    super(reason, message);
    if (reason == Reason.SIGNATURE_MISMATCH) {
      throw new IllegalArgumentException("a signature mismatch is not an encoding problem");
    }
  }
}
