package io.ddc.checkpoint;

import io.ddc.DdcException;

/** A signed note or checkpoint that is malformed or not signed as required. */
public final class CheckpointException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** Why a note or checkpoint was rejected. */
  public enum Reason {
    /** Larger than the limit of {@value SignedNote#MAX_NOTE_BYTES} bytes. */
    TOO_LARGE,
    /** Not valid UTF-8, or holds a control character other than newline. */
    INVALID_TEXT,
    /** No blank line separates the text from the signatures, or there are no signatures. */
    NO_SIGNATURES,
    /** A signature line not of the form {@code — <name> <base64>}. */
    MALFORMED_SIGNATURE_LINE,
    /** More signature lines than the limit of {@value SignedNote#MAX_SIGNATURES}. */
    TOO_MANY_SIGNATURES,
    /** The checkpoint body lacks its origin, size or root line. */
    MISSING_LINE,
    /** The origin line is empty. */
    EMPTY_ORIGIN,
    /** The tree size is not a canonical decimal number below 2^63. */
    BAD_TREE_SIZE,
    /** The root hash is not canonical standard base64. */
    BAD_ROOT_ENCODING,
    /** The root hash has the wrong length for the log's hash. */
    WRONG_HASH_LENGTH,
    /** An empty extension line. */
    EMPTY_EXTENSION_LINE,
    /** A verifier key string that cannot be parsed. */
    MALFORMED_KEY,
    /** A signature by a trusted key whose bytes have the wrong length for its scheme. */
    MALFORMED_SIGNATURE,
    /** A signature by a trusted key that does not verify. */
    SIGNATURE_MISMATCH,
    /** A required key did not sign the note. */
    MISSING_REQUIRED_SIGNATURE,
    /** The checkpoint is for another log (origin) than expected. */
    WRONG_ORIGIN,
    /** A time extension line that is not {@code time <ms since the epoch>}, or more than one. */
    BAD_TIME_LINE,
    /** A signature line by a key the caller did not name, where only named keys are accepted. */
    UNKNOWN_SIGNER
  }

  private final Reason reason;

  /** A rejection for {@code reason}. */
  public CheckpointException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  /** The exact reason. */
  public Reason reason() {
    return reason;
  }
}
