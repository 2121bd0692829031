package io.ddc.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What PIT found untested in {@link MerkleProofs}: the expected proof length in the refusal (with
 * border hashes, where it is not the inner count), and a missing leaf hash or root, which are
 * refusals that say "missing" or "(none)" rather than a NullPointerException.
 */
class MerkleProofsMessagesTest {
  final TreeHasher h = TreeHasher.sm3();
  final MerkleLog log = MerkleLog.open(h, new InMemoryTileStore(), 0);

  MerkleProofsMessagesTest() {
    for (int i = 0; i < 6; i++) {
      log.append(new byte[] {(byte) i});
    }
  }

  static ProofException refusal(ThrowingRunnable r) {
    try {
      r.run();
    } catch (ProofException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  interface ThrowingRunnable {
    void run() throws ProofException;
  }

  @Test
  void aProofOfTheWrongLength_saysHowManyHashesAreWanted_innerAndBorder() {
    // index 4 of 6: one inner hash (leaf 5) and one border hash (the root of leaves 0-3)
    List<byte[]> proof = log.inclusionProof(4, 6).hashes();
    assertThat(proof).hasSize(2);
    ProofException e = refusal(() -> MerkleProofs.verifyInclusion(h, 4, 6, log.leafHash(4), List.of(), log.root(6)));
    assertThat(e.reason()).isEqualTo(ProofException.Reason.WRONG_PROOF_LENGTH);
    assertThat(e.getMessage()).isEqualTo("proof has 0 hashes, want 2 for index 4 in size 6");
  }

  @Test
  void aMissingLeafHashOrRoot_isARefusal_thatSaysSo() {
    List<byte[]> proof = log.inclusionProof(4, 6).hashes();
    ProofException leaf = refusal(() -> MerkleProofs.verifyInclusion(h, 4, 6, null, proof, log.root(6)));
    assertThat(leaf.reason()).isEqualTo(ProofException.Reason.WRONG_HASH_LENGTH);
    assertThat(leaf.getMessage()).isEqualTo("leaf hash is missing, want 32");
    ProofException root = refusal(() -> MerkleProofs.verifyInclusion(h, 4, 6, log.leafHash(4), proof, null));
    assertThat(root.reason()).isEqualTo(ProofException.Reason.ROOT_MISMATCH);
    assertThat(root.getMessage()).isEqualTo("calculated root " + io.ddc.crypto.sm.Hex.encode(log.root(6))
        + " does not match expected root (none)");
  }
}
