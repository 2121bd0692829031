package io.ddc.publish;

import io.ddc.DdcException;
import io.ddc.merkle.TreeHasher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a C2SP tlog-tiles log's tree: the root hash of any size from its hash tiles, with
 * O(log n) tile reads. Every node hash of tree level {@code k = 8·L + r} is the hash of the subtree
 * over {@code 2^r} consecutive hashes of a level-{@code L} tile.
 */
public final class TiledLog {
  private TiledLog() {}

  /** Reads a tile (the exact width asked for); a reader of untrusted data checks the length. */
  @FunctionalInterface
  public interface Tiles {
    /** The bytes of the tile at {@code path}. */
    byte[] read(TilePath path) throws IOException, DdcException;
  }

  /** The tile holding node {@code index} of tile level {@code level} in a tree of {@code size} entries. */
  public static TilePath tileFor(int level, long index, long size) {
    long nodes = size >>> (8 * level);
    long t = index / TilePath.WIDTH;
    return new TilePath(level, t, (int) Math.min(TilePath.WIDTH, nodes - t * TilePath.WIDTH));
  }

  /**
   * The RFC 6962 root of the first {@code size} entries, from the tiles {@code tiles} gives.
   *
   * @throws PublishException ({@code CORRUPT}) if a tile has the wrong length
   */
  public static byte[] root(TreeHasher hasher, long size, Tiles tiles) throws IOException, DdcException {
    int d = hasher.digestLength();
    if (size == 0) {
      return hasher.emptyRoot();
    }
    List<byte[]> peaks = new ArrayList<>();
    long p = 0;
    for (int k = 63; k >= 0; k--) {
      if ((size >>> k & 1) == 1) {
        peaks.add(node(hasher, k, p >>> k, size, tiles));
        p += 1L << k;
      }
    }
    byte[] acc = peaks.get(peaks.size() - 1);
    for (int i = peaks.size() - 2; i >= 0; i--) {
      byte[] out = new byte[d];
      hasher.nodeHash(peaks.get(i), 0, acc, 0, out, 0);
      acc = out;
    }
    return acc;
  }

  /** The hash of node {@code index} at tree level {@code k}, a complete subtree of a tree of {@code size}. */
  private static byte[] node(TreeHasher hasher, int k, long index, long size, Tiles tiles)
      throws IOException, DdcException {
    int d = hasher.digestLength();
    int level = k / 8;
    int r = k % 8;
    long first = index << r;
    TilePath t = tileFor(level, first, size);
    byte[] tile = tiles.read(t);
    if (tile.length != t.width() * d) {
      throw new PublishException(PublishException.Reason.CORRUPT, t.format() + " holds " + tile.length
          + " bytes, not " + t.width() * d);
    }
    int off = (int) (first % TilePath.WIDTH) * d;
    byte[] level0 = java.util.Arrays.copyOfRange(tile, off, off + (d << r));
    for (int n = 1 << r; n > 1; n /= 2) {
      hasher.nodeHashes(level0, 0, n / 2, level0, 0);
    }
    return java.util.Arrays.copyOf(level0, d);
  }
}
