package io.ddc.merkle;

import io.ddc.crypto.sm.Hex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** An RFC 9162 inclusion proof (audit path) of one leaf in a tree of a given size. Immutable. */
public final class InclusionProof {
  private final HashAlgorithm algorithm;
  private final long leafIndex;
  private final long treeSize;
  private final List<byte[]> hashes;

  /** A proof; the hashes are copied. */
  public InclusionProof(HashAlgorithm algorithm, long leafIndex, long treeSize, List<byte[]> hashes) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    if (leafIndex < 0 || treeSize < 0) {
      throw new IllegalArgumentException("leafIndex and treeSize must be >= 0, but are "
          + leafIndex + " and " + treeSize);
    }
    this.leafIndex = leafIndex;
    this.treeSize = treeSize;
    this.hashes = copy(hashes);
  }

  static List<byte[]> copy(List<byte[]> hashes) {
    List<byte[]> c = new ArrayList<>(hashes.size());
    for (byte[] h : hashes) {
      c.add(Objects.requireNonNull(h, "proof hash").clone());
    }
    return Collections.unmodifiableList(c);
  }

  public HashAlgorithm algorithm() {
    return algorithm;
  }

  public long leafIndex() {
    return leafIndex;
  }

  public long treeSize() {
    return treeSize;
  }

  /** Copies of the proof hashes, leaf to root. */
  public List<byte[]> hashes() {
    return copy(hashes);
  }

  /** Checks this proof for {@code leafHash} against {@code root} with {@code hasher}. */
  public void verify(TreeHasher hasher, byte[] leafHash, byte[] root) throws ProofException {
    MerkleProofs.checkAlgorithm(algorithm, hasher);
    MerkleProofs.verifyInclusion(hasher, leafIndex, treeSize, leafHash, hashes, root);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("InclusionProof[").append(algorithm.id())
        .append(", leaf ").append(leafIndex).append(" of ").append(treeSize);
    for (byte[] h : hashes) {
      sb.append(", ").append(Hex.encode(h));
    }
    return sb.append(']').toString();
  }
}
