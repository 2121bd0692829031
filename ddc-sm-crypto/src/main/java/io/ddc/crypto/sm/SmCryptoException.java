package io.ddc.crypto.sm;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The checked root of every expected failure on untrusted input in this module: either the
 * input is malformed ({@link MalformedEncodingException}) or it is well formed but a signature
 * does not verify ({@link SignatureVerificationException}). {@link #reason()} names the exact
 * cause for programs; the message says what was expected and what was found, for people.
 * Messages never contain secret key material.
 */
public abstract class SmCryptoException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Why an input was rejected. */
  public enum Reason {
    /** Text is not a single well-formed PEM block. */
    MALFORMED_PEM,
    /** The PEM block's label is not one this reader takes. */
    UNEXPECTED_PEM_LABEL,
    /** The key is password-encrypted; decrypt it first (e.g. {@code openssl pkey}). */
    ENCRYPTED_KEY,
    /** Hex text has an odd length or a character outside {@code [0-9a-fA-F]}. */
    MALFORMED_HEX,
    /** The input is larger than this reader accepts. */
    TOO_LARGE,
    /** DER that is truncated, has the wrong tag or an invalid length or value. */
    MALFORMED_DER,
    /** DER that is valid BER but not the unique minimal DER form. */
    NON_MINIMAL_DER,
    /** Bytes follow a complete structure. */
    TRAILING_BYTES,
    /** An algorithm or structure version this module does not implement. */
    UNSUPPORTED_ALGORITHM,
    /** An EC key on a curve other than sm2p256v1. */
    WRONG_CURVE,
    /** A fixed-size value of the wrong length. */
    WRONG_LENGTH,
    /** A private scalar outside [1, n-2]. */
    SCALAR_OUT_OF_RANGE,
    /** A point encoding with an unknown prefix byte or of the wrong size. */
    INVALID_POINT_ENCODING,
    /** Coordinates that are not a point of the curve (including x with no square root). */
    POINT_NOT_ON_CURVE,
    /** The point at infinity, which is no public key. */
    POINT_AT_INFINITY,
    /** A public key that does not belong to the private key it came with. */
    KEY_MISMATCH,
    /** A signature component r or s outside [1, n-1]. */
    SIGNATURE_VALUE_OUT_OF_RANGE,
    /** A well-formed signature that does not verify for this key, ID and message. */
    SIGNATURE_MISMATCH
  }

  private final Reason reason;

  SmCryptoException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The exact cause. */
  public Reason reason() {
    return reason;
  }
}
