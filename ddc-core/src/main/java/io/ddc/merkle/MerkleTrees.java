package io.ddc.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Small RFC 9162 trees held whole in memory (the items of a request): the root and every
 * leaf's inclusion path in one pass. Level by
 * level, an odd node at the right edge is carried up unchanged, which gives the same root and
 * paths as RFC 9162's split at the largest power of two.
 */
public final class MerkleTrees {
  private final TreeHasher hasher;
  private final List<byte[][]> levels;

  private MerkleTrees(TreeHasher hasher, List<byte[][]> levels) {
    this.hasher = hasher;
    this.levels = levels;
  }

  /** The tree over {@code leafHashes} (already leaf-hashed, {@code H(0x00 ‖ entry)}). */
  public static MerkleTrees build(TreeHasher hasher, List<byte[]> leafHashes) {
    List<byte[][]> levels = new ArrayList<>();
    byte[][] level = leafHashes.toArray(new byte[0][]);
    levels.add(level);
    while (level.length > 1) {
      byte[][] up = new byte[(level.length + 1) / 2][];
      for (int i = 0; i + 1 < level.length; i += 2) {
        up[i / 2] = hasher.nodeHash(level[i], level[i + 1]);
      }
      if (level.length % 2 == 1) {
        up[up.length - 1] = level[level.length - 1];
      }
      levels.add(up);
      level = up;
    }
    return new MerkleTrees(hasher, levels);
  }

  /** The number of leaves. */
  public int size() {
    return levels.get(0).length;
  }

  /** The root; {@code H("")} for no leaves. */
  public byte[] root() {
    byte[][] top = levels.get(levels.size() - 1);
    return top.length == 0 ? hasher.emptyRoot() : top[0].clone();
  }

  /** The inclusion path of leaf {@code index}, bottom up, as {@link MerkleProofs} checks it. */
  public List<byte[]> path(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("leaf " + index + " of " + size());
    }
    List<byte[]> path = new ArrayList<>();
    int i = index;
    for (int l = 0; l < levels.size() - 1; l++) {
      byte[][] level = levels.get(l);
      int sibling = i ^ 1;
      if (sibling < level.length) {
        path.add(level[sibling].clone());
      }
      i >>= 1;
    }
    return path;
  }

  /**
   * The nodes at {@code level} (0 is the leaves), left to right, each the root of an aligned
   * subtree of up to 2^level leaves (the last one may cover fewer). A level at or above the root's
   * is the root alone.
   */
  public List<byte[]> level(int level) {
    if (level < 0) {
      throw new IllegalArgumentException("level " + level);
    }
    byte[][] nodes = levels.get(Math.min(level, levels.size() - 1));
    List<byte[]> out = new ArrayList<>(nodes.length);
    for (byte[] n : nodes) {
      out.add(n.clone());
    }
    return out;
  }
}
