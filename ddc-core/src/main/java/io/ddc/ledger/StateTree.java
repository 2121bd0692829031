package io.ddc.ledger;

import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import io.ddc.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A state commitment: an RFC 9162 Merkle tree whose leaf {@code i} is the state leaf of DDC
 * {@code i + 1}, over {@code latestDdcId} leaves (or, for the account tree, the account leaf of
 * the account with index {@code i}, over {@code accountCount} leaves). Every complete subtree's hash is stored in
 * 256-wide tiles like the log's (tree {@link StoreReads#STATE_TREE}); changing a leaf rewrites the
 * O(log n) nodes above it. The root and proofs for size n fold the right edge's complete subtrees.
 */
final class StateTree {
  private static final int W = 256;

  private final TreeHasher hasher;
  private final StoreReads reads;
  private final int tree;
  private final int digestLength;
  private final Map<Long, byte[]> tiles = new HashMap<>();
  private final Map<Long, byte[]> dirty = new HashMap<>();
  private final Map<Long, Integer> lengths = new HashMap<>();

  /** The DDC state tree. */
  StateTree(TreeHasher hasher, StoreReads reads) {
    this(hasher, reads, StoreReads.STATE_TREE);
  }

  /** The tree {@code tree} ({@link StoreReads#STATE_TREE} or {@link StoreReads#ACCOUNT_TREE}). */
  StateTree(TreeHasher hasher, StoreReads reads, int tree) {
    this.hasher = hasher;
    this.reads = reads;
    this.tree = tree;
    this.digestLength = hasher.digestLength();
  }

  private static long key(int level, long tileIndex) {
    return ((long) level << 56) | tileIndex;
  }

  private byte[] tile(int level, long tileIndex) {
    long k = key(level, tileIndex);
    byte[] t = dirty.get(k);
    if (t != null) {
      return java.util.Arrays.copyOf(t, lengths.get(k));
    }
    return tiles.computeIfAbsent(k, x -> reads.readTile(tree, level, tileIndex));
  }

  /** The stored hash of complete subtree (level, index). */
  byte[] node(int level, long index) {
    long k = key(level, index / W);
    int off = (int) (index % W) * digestLength;
    byte[] t = dirty.get(k);
    int len;
    if (t != null) {
      len = lengths.get(k);
    } else {
      t = tiles.computeIfAbsent(k, x -> reads.readTile(tree, level, index / W));
      len = t.length;
    }
    if (len < off + digestLength) {
      throw new IllegalStateException("state tree node (" + level + ", " + index + ") is not stored");
    }
    byte[] out = new byte[digestLength];
    System.arraycopy(t, off, out, 0, digestLength);
    return out;
  }

  private void setNode(int level, long index, byte[] hash) {
    long ti = index / W;
    long k = key(level, ti);
    int off = (int) (index % W) * digestLength;
    byte[] buf = dirty.get(k);
    int len;
    if (buf == null) {
      byte[] t = tiles.computeIfAbsent(k, x -> reads.readTile(tree, level, ti));
      buf = java.util.Arrays.copyOf(t, W * digestLength);
      len = t.length;
      dirty.put(k, buf);
    } else {
      len = lengths.get(k);
    }
    if (len < off) {
      throw new IllegalStateException("state tree tile (" + level + ", " + ti + ") has a gap before node " + index);
    }
    System.arraycopy(hash, 0, buf, off, digestLength);
    lengths.put(k, Math.max(len, off + digestLength));
  }

  /**
   * Sets the leaves {@code leafHashes} (index → leaf hash) in a tree of {@code size} leaves and
   * recomputes every complete node above them, level by level. Leaves are written in index order,
   * so a tile grows without gaps.
   */
  void update(Map<Long, byte[]> leafHashes, long size) {
    TreeSet<Long> changed = new TreeSet<>(leafHashes.keySet());
    for (long i : changed) {
      setNode(0, i, leafHashes.get(i));
    }
    for (int level = 1; level < 64 && !changed.isEmpty(); level++) {
      TreeSet<Long> up = new TreeSet<>();
      for (long i : changed) {
        long j = i >> 1;
        if ((j + 1) << level <= size) {
          up.add(j);
        }
      }
      for (long j : up) {
        setNode(level, j, hasher.nodeHash(node(level - 1, 2 * j), node(level - 1, 2 * j + 1)));
      }
      changed = up;
    }
  }

  /** Writes the changed tiles into {@code tx}. */
  void flush(StoreTransaction tx) {
    List<StoreTransaction.Tile> out = new ArrayList<>();
    for (Map.Entry<Long, byte[]> e : dirty.entrySet()) {
      byte[] t = java.util.Arrays.copyOf(e.getValue(), lengths.get(e.getKey()));
      out.add(new StoreTransaction.Tile((int) (e.getKey() >>> 56), e.getKey() & ((1L << 56) - 1), t));
      tiles.put(e.getKey(), t);
    }
    if (!out.isEmpty()) {
      tx.writeTiles(tree, out);
    }
    dirty.clear();
    lengths.clear();
  }

  /** The hash of leaves [from, to), which must be a range the stored nodes cover. */
  byte[] subtree(long from, long to) {
    long n = to - from;
    if (Long.bitCount(n) == 1 && from % n == 0) {
      return node(Long.numberOfTrailingZeros(n), from / n);
    }
    long k = Long.highestOneBit(n - 1);
    return hasher.nodeHash(subtree(from, from + k), subtree(from + k, to));
  }

  /** The root of the tree of {@code size} leaves. */
  byte[] root(long size) {
    return size == 0 ? hasher.emptyRoot() : subtree(0, size);
  }

  /** RFC 9162 inclusion path of leaf {@code index} in the tree of {@code size} leaves. */
  List<byte[]> inclusionProof(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("leaf " + index + " of a state tree of " + size);
    }
    List<byte[]> path = new ArrayList<>();
    path(index, 0, size, path);
    return path;
  }

  private void path(long m, long from, long to, List<byte[]> out) {
    long n = to - from;
    if (n == 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m < k) {
      path(m, from, from + k, out);
      out.add(subtree(from + k, to));
    } else {
      path(m - k, from + k, to, out);
      out.add(subtree(from, from + k));
    }
  }
}
