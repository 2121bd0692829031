package io.ddc.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.merkle.ProofException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * For every size up to 300 and every index or old size, generated proofs verify, and every
 * single-bit flip, extra or missing hash, wrong index or size is rejected with its reason.
 */
class MerkleProofPropertiesTest {
  private static final int MAX = 300;
  private static final TreeHasher H = TreeHasher.sm3();
  private static MerkleLog log;
  private static byte[][] roots;

  @BeforeAll
  static void build() {
    log = MerkleLog.open(H, new InMemoryTileStore(), 0);
    log.appendAll(MerkleLogTest.randomLeaves(new SplittableRandom(42), MAX));
    roots = new byte[MAX + 1][];
    for (int n = 0; n <= MAX; n++) {
      roots[n] = log.root(n);
    }
  }

  @Test
  void everyInclusionProof_upTo300_verifies() throws ProofException {
    for (int n = 1; n <= MAX; n++) {
      for (int i = 0; i < n; i++) {
        log.inclusionProof(i, n).verify(H, log.leafHash(i), roots[n]);
      }
    }
  }

  @Test
  void everyConsistencyProof_upTo300_verifies() throws ProofException {
    for (int n = 1; n <= MAX; n++) {
      for (int m = 1; m <= n; m++) {
        log.consistencyProof(m, n).verify(H, roots[m], roots[n]);
      }
    }
  }

  private static Reason inclusionFailure(long index, long size, byte[] leaf, List<byte[]> proof, byte[] root) {
    try {
      MerkleProofs.verifyInclusion(H, index, size, leaf, proof, root);
      return null;
    } catch (ProofException e) {
      assertThat(e.getMessage()).isNotBlank();
      return e.reason();
    }
  }

  private static Reason consistencyFailure(long s1, long s2, List<byte[]> proof, byte[] r1, byte[] r2) {
    try {
      MerkleProofs.verifyConsistency(H, s1, s2, proof, r1, r2);
      return null;
    } catch (ProofException e) {
      return e.reason();
    }
  }

  @Property(tries = 400)
  void inclusion_anyBitFlip_isARootMismatch(
      @ForAll @IntRange(min = 2, max = MAX) int n, @ForAll @IntRange(min = 0, max = MAX - 1) int i0,
      @ForAll @IntRange(min = 0, max = 10_000) int bitSeed) {
    int i = i0 % n;
    List<byte[]> proof = log.inclusionProof(i, n).hashes();
    byte[] leaf = log.leafHash(i);
    int bits = (proof.size() + 2) * 256;
    int bit = bitSeed % bits;
    int which = bit / 256;
    byte[] root = roots[n].clone();
    if (which < proof.size()) {
      proof.get(which)[(bit % 256) / 8] ^= (byte) (1 << (bit % 8));
    } else if (which == proof.size()) {
      leaf[(bit % 256) / 8] ^= (byte) (1 << (bit % 8));
    } else {
      root[(bit % 256) / 8] ^= (byte) (1 << (bit % 8));
    }
    assertThat(inclusionFailure(i, n, leaf, proof, root)).isEqualTo(Reason.ROOT_MISMATCH);
  }

  @Property(tries = 400)
  void inclusion_extraMissingOrWrongLengthHash_wrongIndexOrSize_areRejectedWithTheirReason(
      @ForAll @IntRange(min = 2, max = MAX) int n, @ForAll @IntRange(min = 0, max = MAX - 1) int i0) {
    int i = i0 % n;
    List<byte[]> proof = log.inclusionProof(i, n).hashes();
    byte[] leaf = log.leafHash(i);
    List<byte[]> extra = new ArrayList<>(proof);
    extra.add(new byte[32]);
    assertThat(inclusionFailure(i, n, leaf, extra, roots[n])).isEqualTo(Reason.WRONG_PROOF_LENGTH);
    if (!proof.isEmpty()) {
      assertThat(inclusionFailure(i, n, leaf, proof.subList(1, proof.size()), roots[n]))
          .isEqualTo(Reason.WRONG_PROOF_LENGTH);
      List<byte[]> shortHash = new ArrayList<>(proof);
      shortHash.set(0, new byte[31]);
      assertThat(inclusionFailure(i, n, leaf, shortHash, roots[n])).isEqualTo(Reason.WRONG_HASH_LENGTH);
    }
    assertThat(inclusionFailure(i, n, new byte[33], proof, roots[n])).isEqualTo(Reason.WRONG_HASH_LENGTH);
    assertThat(inclusionFailure(n, n, leaf, proof, roots[n])).isEqualTo(Reason.INDEX_OUT_OF_RANGE);
    assertThat(inclusionFailure(i + n, n, leaf, proof, roots[n])).isEqualTo(Reason.INDEX_OUT_OF_RANGE);
    Reason otherIndex = inclusionFailure(i ^ 1, n, leaf, proof, roots[n]);
    if ((i ^ 1) < n) {
      assertThat(otherIndex).isIn(Reason.ROOT_MISMATCH, Reason.WRONG_PROOF_LENGTH);
    }
    // A proof binds the size only through its shape: where (index, n) and (index, n + 1) give
    // the same computation, the same hashes verify for both (RFC 9162; the checkpoint binds
    // size and root together). Otherwise the wrong size is rejected.
    Reason otherSize = inclusionFailure(i, n + 1, leaf, proof, roots[n]);
    if (sameShape(i, n, n + 1)) {
      assertThat(otherSize).isNull();
    } else {
      assertThat(otherSize).isIn(Reason.ROOT_MISMATCH, Reason.WRONG_PROOF_LENGTH);
    }
  }

  @Property(tries = 400)
  void consistency_anyBitFlipOrLengthChange_isRejectedWithItsReason(
      @ForAll @IntRange(min = 2, max = MAX) int n, @ForAll @IntRange(min = 1, max = MAX - 1) int m0,
      @ForAll @IntRange(min = 0, max = 10_000) int bitSeed) {
    int m = 1 + (m0 % (n - 1));
    List<byte[]> proof = log.consistencyProof(m, n).hashes();
    assertThat(proof).isNotEmpty();
    int bit = bitSeed % (proof.size() * 256);
    List<byte[]> flipped = new ArrayList<>(proof);
    byte[] h = flipped.get(bit / 256).clone();
    h[(bit % 256) / 8] ^= (byte) (1 << (bit % 8));
    flipped.set(bit / 256, h);
    assertThat(consistencyFailure(m, n, flipped, roots[m], roots[n])).isEqualTo(Reason.ROOT_MISMATCH);
    byte[] r2 = roots[n].clone();
    r2[bit % 32] ^= 1;
    assertThat(consistencyFailure(m, n, proof, roots[m], r2)).isEqualTo(Reason.ROOT_MISMATCH);
    List<byte[]> extra = new ArrayList<>(proof);
    extra.add(new byte[32]);
    assertThat(consistencyFailure(m, n, extra, roots[m], roots[n])).isEqualTo(Reason.WRONG_PROOF_LENGTH);
    assertThat(consistencyFailure(m, n, proof.subList(0, proof.size() - 1), roots[m], roots[n]))
        .isEqualTo(Reason.WRONG_PROOF_LENGTH);
    List<byte[]> longHash = new ArrayList<>(proof);
    longHash.set(0, new byte[33]);
    assertThat(consistencyFailure(m, n, longHash, roots[m], roots[n])).isEqualTo(Reason.WRONG_HASH_LENGTH);
    assertThat(consistencyFailure(n, m, proof, roots[n], roots[m])).isEqualTo(Reason.SIZE1_GREATER_THAN_SIZE2);
    assertThat(consistencyFailure(0, n, proof, roots[0], roots[n])).isEqualTo(Reason.SIZE1_ZERO);
    Reason otherSize = consistencyFailure(m, n + 1, proof, roots[m], roots[n]);
    if (sameShape(m - 1, n, n + 1)) {
      assertThat(otherSize).isNull();
    } else {
      assertThat(otherSize).isIn(Reason.ROOT_MISMATCH, Reason.WRONG_PROOF_LENGTH);
    }
  }

  /** Whether the verification computation for (index, size1) is the one for (index, size2). */
  private static boolean sameShape(long index, long size1, long size2) {
    int inner1 = MerkleProofs.innerProofSize(index, size1);
    int inner2 = MerkleProofs.innerProofSize(index, size2);
    return inner1 == inner2 && Long.bitCount(index >>> inner1) == Long.bitCount(index >>> inner2);
  }

  @Test
  void equalSizes_needAnEmptyProofAndEqualRoots() {
    assertThat(consistencyFailure(5, 5, List.of(), roots[5], roots[5])).isNull();
    assertThat(consistencyFailure(5, 5, List.of(roots[5]), roots[5], roots[5])).isEqualTo(Reason.WRONG_PROOF_LENGTH);
    assertThat(consistencyFailure(5, 5, List.of(), roots[5], roots[6])).isEqualTo(Reason.ROOT_MISMATCH);
  }

  @Test
  void rootMismatch_reportsBothRootsInHex() {
    List<byte[]> proof = log.inclusionProof(3, 10).hashes();
    assertThatThrownBy(() -> MerkleProofs.verifyInclusion(H, 3, 10, log.leafHash(3), proof, roots[9]))
        .hasMessageContaining(io.ddc.crypto.sm.Hex.encode(roots[10]))
        .hasMessageContaining(io.ddc.crypto.sm.Hex.encode(roots[9]));
  }
}
