package io.ddc.merkle;

import io.ddc.crypto.sm.Hex;
import java.util.List;
import java.util.Objects;

/** An RFC 9162 consistency proof between two sizes of one tree. Immutable. */
public final class ConsistencyProof {
  private final HashAlgorithm algorithm;
  private final long size1;
  private final long size2;
  private final List<byte[]> hashes;

  /** A proof; the hashes are copied. */
  public ConsistencyProof(HashAlgorithm algorithm, long size1, long size2, List<byte[]> hashes) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    if (size1 < 0 || size2 < 0) {
      throw new IllegalArgumentException("sizes must be >= 0, but are " + size1 + " and " + size2);
    }
    this.size1 = size1;
    this.size2 = size2;
    this.hashes = InclusionProof.copy(hashes);
  }

  public HashAlgorithm algorithm() {
    return algorithm;
  }

  public long size1() {
    return size1;
  }

  public long size2() {
    return size2;
  }

  /** Copies of the proof hashes. */
  public List<byte[]> hashes() {
    return InclusionProof.copy(hashes);
  }

  /** Checks that {@code root1} (size1) and {@code root2} (size2) are one tree's. */
  public void verify(TreeHasher hasher, byte[] root1, byte[] root2) throws ProofException {
    MerkleProofs.checkAlgorithm(algorithm, hasher);
    MerkleProofs.verifyConsistency(hasher, size1, size2, hashes, root1, root2);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ConsistencyProof[").append(algorithm.id())
        .append(", ").append(size1).append(" -> ").append(size2);
    for (byte[] h : hashes) {
      sb.append(", ").append(Hex.encode(h));
    }
    return sb.append(']').toString();
  }
}
