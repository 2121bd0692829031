package io.ddc.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory trees give MerkleLog's roots and proofs for every size and index up to 70. */
class MerkleTreesTest {
  @Test
  void rootsAndPaths_matchMerkleLog() throws Exception {
    TreeHasher h = TreeHasher.sm3();
    MerkleLog log = MerkleLog.open(h, new InMemoryTileStore(), 0);
    List<byte[]> leaves = new ArrayList<>();
    assertThat(MerkleTrees.build(h, leaves).root()).isEqualTo(h.emptyRoot());
    for (int n = 1; n <= 70; n++) {
      byte[] entry = ("entry " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      log.append(entry);
      leaves.add(h.leafHash(entry));
      MerkleTrees t = MerkleTrees.build(h, leaves);
      assertThat(t.root()).as("root of %s", n).isEqualTo(log.root());
      for (int i = 0; i < n; i++) {
        assertThat(t.path(i)).as("path %s of %s", i, n)
            .containsExactlyElementsOf(log.inclusionProof(i, n).hashes());
        MerkleProofs.verifyInclusion(h, i, n, leaves.get(i), t.path(i), t.root());
      }
    }
  }
}
