package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Work per batch gives what work per item gives: for random batches (including empty ones, ones
 * crossing tile boundaries, and updates of earlier leaves), the state tree updated a batch at a
 * time and the log appended a batch at a time end with the same roots and byte-identical stored
 * tiles as the same changes made one leaf at a time.
 */
class BatchedTreeUpdatesTest {
  private static final TreeHasher H = TreeHasher.sm3();

  private static byte[] leaf(String s) {
    return H.leafHash(s.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 25)
  void stateTree_batchedEqualsOneAtATime(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    MemoryLedgerStore batched = new MemoryLedgerStore();
    MemoryLedgerStore single = new MemoryLedgerStore();
    long size = 0;
    for (int round = 0; round < 12; round++) {
      Map<Long, byte[]> changes = new HashMap<>();
      int grow = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 8 : 600);
      for (int i = 0; i < grow; i++) {
        changes.put(size + i, leaf(seed + " new " + round + " " + i));
      }
      long newSize = size + grow;
      for (int i = 0, n = rnd.nextInt(6); i < n && newSize > 0; i++) {
        changes.put((long) rnd.nextInt((int) newSize), leaf(seed + " upd " + round + " " + i));
      }
      long target = newSize;
      batched.write(tx -> {
        StateTree t = new StateTree(H, tx);
        t.update(changes, target);
        t.flush(tx);
        return null;
      });
      // one at a time, in index order, each its own transaction: the tree grows leaf by leaf
      List<Long> order = new ArrayList<>(new java.util.TreeSet<>(changes.keySet()));
      for (long i : order) {
        long grownTo = Math.max(size, i + 1);
        single.write(tx -> {
          StateTree t = new StateTree(H, tx);
          t.update(Map.of(i, changes.get(i)), grownTo);
          t.flush(tx);
          return null;
        });
        size = grownTo;
      }
      size = target;
      assertThat(new StateTree(H, batched).root(size)).as("root after round %s", round)
          .isEqualTo(new StateTree(H, single).root(size));
    }
    assertThat(batched.readTile(StoreReads.STATE_TREE, 0, 0).length).as("stored leaf bytes")
        .isEqualTo((int) Math.min(size, 256) * 32);
    assertSameTiles(batched, single, StoreReads.STATE_TREE, size);
  }

  @Property(tries = 25)
  void log_appendAllEqualsAppendOneByOne(@ForAll long seed) {
    Random rnd = new Random(seed);
    InMemoryTileStore batchedTiles = new InMemoryTileStore();
    InMemoryTileStore singleTiles = new InMemoryTileStore();
    MerkleLog batched = MerkleLog.open(H, batchedTiles, 0);
    MerkleLog single = MerkleLog.open(H, singleTiles, 0);
    List<Long> sizes = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      int n = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(700);
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // lengths vary, so both the multi-buffer runs and the one-by-one path are taken
        byte[] e = new byte[rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(900) : 831];
        rnd.nextBytes(e);
        entries.add(e);
      }
      batched.appendAll(entries);
      for (byte[] e : entries) {
        single.append(e);
      }
      assertThat(batched.size()).isEqualTo(single.size());
      assertThat(batched.root()).as("root after round %s", round).isEqualTo(single.root());
      sizes.add(batched.size());
    }
    long size = batched.size();
    assertThat(batchedTiles.tileCount()).isEqualTo(singleTiles.tileCount());
    assertThat(batchedTiles.readTile(0, 0).length).as("stored leaf hashes").isEqualTo((int) Math.min(size, 256) * 32);
    for (int level = 0; level < 4; level++) {
      for (long t = 0; t <= size >> (8 * (level + 1)); t++) {
        assertThat(batchedTiles.readTile(level, t)).as("tile %s/%s", level, t).isEqualTo(singleTiles.readTile(level, t));
      }
    }
    for (long s : sizes) {
      if (s > 0) {
        assertThat(hex(batched.consistencyProof(s, size).hashes())).isEqualTo(hex(single.consistencyProof(s, size).hashes()));
      }
    }
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(io.ddc.crypto.sm.Hex::encode).collect(java.util.stream.Collectors.toList());
  }

  private static void assertSameTiles(StoreReads a, StoreReads b, int tree, long size) {
    for (int level = 0; level < 4; level++) {
      for (long t = 0; t <= size >> (8 * (level + 1)); t++) {
        assertThat(a.readTile(tree, level, t)).as("tile %s/%s", level, t).isEqualTo(b.readTile(tree, level, t));
      }
    }
  }
}
