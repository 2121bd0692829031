package io.ddc.merkle;

import io.ddc.DdcException;

/** A Merkle inclusion or consistency proof that does not verify, with the exact reason. */
public final class ProofException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** Why a proof was rejected. All but {@link #ROOT_MISMATCH} are found before any hashing. */
  public enum Reason {
    /** The proof was made with another hash algorithm than the verifier's. */
    WRONG_HASH_ALGORITHM,
    /** Leaf index not below the tree size. */
    INDEX_OUT_OF_RANGE,
    /** A leaf or proof hash of the wrong length for the algorithm. */
    WRONG_HASH_LENGTH,
    /** More or fewer proof hashes than the (index, size) or (size1, size2) pair needs. */
    WRONG_PROOF_LENGTH,
    /** A consistency proof from a larger tree to a smaller one. */
    SIZE1_GREATER_THAN_SIZE2,
    /** A consistency proof from the empty tree, which proves nothing. */
    SIZE1_ZERO,
    /** The hashes recomputed from the proof do not give the expected root. */
    ROOT_MISMATCH
  }

  private final Reason reason;

  ProofException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  /** The exact reason. */
  public Reason reason() {
    return reason;
  }
}
