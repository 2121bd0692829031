package io.ddc.merkle;

import io.ddc.crypto.sm.Hex;
import io.ddc.merkle.ProofException.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Verification of RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs, strict in
 * the manner of transparency-dev/merkle: an index not below the size, a hash of the wrong
 * length, a proof with too many or too few hashes, size1 &gt; size2 and size1 = 0 are each
 * rejected with their own reason before any hashing; a root mismatch reports both roots.
 *
 * <p>Indices and sizes are unsigned 64-bit numbers, as in RFC 9162: a negative {@code long}
 * stands for a value of 2^63 or more (and so is out of range for any real tree).
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /**
   * Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose
   * root is {@code root}.
   */
  public static void verifyInclusion(
      TreeHasher hasher, long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofException {
    byte[] computed = rootFromInclusion(hasher, index, size, leafHash, proof);
    if (!Arrays.equals(computed, root)) {
      throw mismatch(computed, root);
    }
  }

  /**
   * The root that an inclusion proof implies, after every check but the root comparison.
   */
  public static byte[] rootFromInclusion(
      TreeHasher hasher, long index, long size, byte[] leafHash, List<byte[]> proof)
      throws ProofException {
    Objects.requireNonNull(hasher, "hasher");
    if (Long.compareUnsigned(index, size) >= 0) {
      throw new ProofException(Reason.INDEX_OUT_OF_RANGE, "leaf index "
          + Long.toUnsignedString(index) + " is not below tree size " + Long.toUnsignedString(size));
    }
    int d = hasher.digestLength();
    checkLength(leafHash, d, "leaf hash");
    int inner = innerProofSize(index, size);
    int border = Long.bitCount(index >>> inner);
    if (proof.size() != inner + border) {
      throw new ProofException(Reason.WRONG_PROOF_LENGTH, "proof has " + proof.size()
          + " hashes, want " + (inner + border) + " for index " + index + " in size " + size);
    }
    checkLengths(proof, d);
    byte[] h = leafHash.clone();
    for (int i = 0; i < inner; i++) {
      if (((index >>> i) & 1) == 0) {
        hasher.nodeHash(h, 0, proof.get(i), 0, h, 0);
      } else {
        hasher.nodeHash(proof.get(i), 0, h, 0, h, 0);
      }
    }
    for (int i = inner; i < proof.size(); i++) {
      hasher.nodeHash(proof.get(i), 0, h, 0, h, 0);
    }
    return h;
  }

  /**
   * Checks that the tree of {@code size1} leaves with root {@code root1} is a prefix of the
   * tree of {@code size2} leaves with root {@code root2}.
   */
  public static void verifyConsistency(
      TreeHasher hasher, long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
      throws ProofException {
    Objects.requireNonNull(hasher, "hasher");
    if (Long.compareUnsigned(size1, size2) > 0) {
      throw new ProofException(Reason.SIZE1_GREATER_THAN_SIZE2, "size1 "
          + Long.toUnsignedString(size1) + " is greater than size2 " + Long.toUnsignedString(size2));
    }
    if (size1 == 0) {
      throw new ProofException(Reason.SIZE1_ZERO,
          "a consistency proof from the empty tree (size1 = 0) proves nothing");
    }
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        throw new ProofException(Reason.WRONG_PROOF_LENGTH,
            "proof has " + proof.size() + " hashes, want 0 for equal sizes " + size1);
      }
      if (!Arrays.equals(root1, root2)) {
        throw mismatch(root1, root2);
      }
      return;
    }
    int inner = innerProofSize(size1 - 1, size2);
    int border = Long.bitCount((size1 - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    inner -= shift;
    boolean seedIsRoot1 = size1 == 1L << shift;
    int start = seedIsRoot1 ? 0 : 1;
    int want = start + inner + border;
    if (proof.size() != want) {
      throw new ProofException(Reason.WRONG_PROOF_LENGTH, "proof has " + proof.size()
          + " hashes, want " + want + " from size " + size1 + " to size " + size2);
    }
    int d = hasher.digestLength();
    checkLengths(proof, d);
    byte[] seed = seedIsRoot1 ? root1 : proof.get(0);
    checkLength(seed, d, "root1");
    long mask = (size1 - 1) >>> shift;

    byte[] h1 = seed.clone();
    for (int i = 0; i < inner; i++) {
      if (((mask >>> i) & 1) == 1) {
        hasher.nodeHash(proof.get(start + i), 0, h1, 0, h1, 0);
      }
    }
    for (int i = start + inner; i < proof.size(); i++) {
      hasher.nodeHash(proof.get(i), 0, h1, 0, h1, 0);
    }
    if (!Arrays.equals(h1, root1)) {
      throw new ProofException(Reason.ROOT_MISMATCH, "proof gives root1 " + Hex.encode(h1)
          + ", want " + hex(root1));
    }
    byte[] h2 = seed.clone();
    for (int i = 0; i < inner; i++) {
      if (((mask >>> i) & 1) == 0) {
        hasher.nodeHash(h2, 0, proof.get(start + i), 0, h2, 0);
      } else {
        hasher.nodeHash(proof.get(start + i), 0, h2, 0, h2, 0);
      }
    }
    for (int i = start + inner; i < proof.size(); i++) {
      hasher.nodeHash(proof.get(i), 0, h2, 0, h2, 0);
    }
    if (!Arrays.equals(h2, root2)) {
      throw new ProofException(Reason.ROOT_MISMATCH, "proof gives root2 " + Hex.encode(h2)
          + ", want " + hex(root2));
    }
  }

  /** Fails unless a proof made for {@code proofAlgorithm} is checked with a hasher of it. */
  static void checkAlgorithm(HashAlgorithm proofAlgorithm, TreeHasher hasher) throws ProofException {
    if (hasher.algorithm() != proofAlgorithm) {
      throw new ProofException(Reason.WRONG_HASH_ALGORITHM, "the proof is for a "
          + proofAlgorithm.id() + " tree, but the verifier hashes with " + hasher.algorithm().id());
    }
  }

  /** Number of proof hashes below the point where the paths to index and size-1 join. */
  static int innerProofSize(long index, long size) {
    return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
  }

  private static void checkLengths(List<byte[]> proof, int d) throws ProofException {
    for (int i = 0; i < proof.size(); i++) {
      checkLength(proof.get(i), d, "proof hash " + i);
    }
  }

  private static void checkLength(byte[] h, int d, String what) throws ProofException {
    if (h == null || h.length != d) {
      throw new ProofException(Reason.WRONG_HASH_LENGTH,
          what + " is " + (h == null ? "missing" : h.length + " bytes") + ", want " + d);
    }
  }

  private static ProofException mismatch(byte[] computed, byte[] want) {
    return new ProofException(Reason.ROOT_MISMATCH,
        "calculated root " + hex(computed) + " does not match expected root " + hex(want));
  }

  private static String hex(byte[] b) {
    return b == null ? "(none)" : Hex.encode(b);
  }
}
