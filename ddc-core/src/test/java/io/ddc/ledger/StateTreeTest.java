package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.ledger.internal.WriteBuffer;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.MerkleTrees;
import io.ddc.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The state tree against a tree rebuilt from scratch, through random growth and updates. */
class StateTreeTest {
  @Test
  void randomGrowthAndUpdates_giveTheRootAndProofsOfAFreshTree() throws Exception {
    TreeHasher h = TreeHasher.sm3();
    MemoryLedgerStore store = new MemoryLedgerStore();
    Random rnd = new Random(7);
    List<byte[]> leaves = new ArrayList<>();
    for (int round = 0; round < 120; round++) {
      Map<Long, byte[]> changes = new HashMap<>();
      int grow = rnd.nextInt(round < 60 ? 40 : 3);
      for (int i = 0; i < grow; i++) {
        byte[] leaf = h.leafHash(("new " + round + " " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        changes.put((long) leaves.size(), leaf);
        leaves.add(leaf);
      }
      for (int i = 0; i < 5 && !leaves.isEmpty(); i++) {
        int at = rnd.nextInt(leaves.size());
        byte[] leaf = h.leafHash(("upd " + round + " " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        leaves.set(at, leaf);
        changes.put((long) at, leaf);
      }
      long size = leaves.size();
      store.write(tx -> {
        StateTree t = new StateTree(h, tx);
        t.update(changes, size);
        t.flush(tx);
        return null;
      });
      StateTree t = new StateTree(h, store);
      MerkleTrees fresh = MerkleTrees.build(h, leaves);
      assertThat(t.root(size)).as("root after round %s", round).isEqualTo(fresh.root());
      if (size > 0) {
        long i = rnd.nextInt((int) size);
        MerkleProofs.verifyInclusion(h, i, size, leaves.get((int) i), t.inclusionProof(i, size), fresh.root());
      }
    }
    assertThat(leaves.size()).isGreaterThan(1000);
    assertThat(new WriteBuffer(store).eventCount()).isZero();
  }
}
