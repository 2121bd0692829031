package io.ddc.crypto.sm;

/**
 * A well-formed signature that does not verify for the given public key, distinguishing ID and
 * message. Its reason is always {@link Reason#SIGNATURE_MISMATCH}.
 */
public final class SignatureVerificationException extends SmCryptoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what did not match. */
  public SignatureVerificationException(String message) {
    super(Reason.SIGNATURE_MISMATCH, message);
  }
}
