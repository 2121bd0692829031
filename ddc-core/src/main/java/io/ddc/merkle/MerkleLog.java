package io.ddc.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An append-only RFC 9162 Merkle tree over a {@link TileStore}.
 *
 * <p>Appending n leaves costs O(n) hashes; the log keeps in memory only the right edge of the
 * tree: the compact range (the last complete node of each level, at most 64 hashes, from which
 * the root follows) and, as a write cache, the partial tile of each level (at most 64 levels of
 * at most 255 hashes), so an append reads nothing from the store. A batch is hashed level by level, so each level's new
 * nodes go through {@link TreeHasher#nodeHashes} at once (SM3's multi-buffer path), and a large
 * batch is spread over all cores. The batch's tiles reach the store in one
 * {@link TileStore#writeTiles} call.
 *
 * <p>Proofs for any size up to the current one come from stored complete subtrees: an
 * inclusion or consistency proof reads O(log n) tiles.
 *
 * <p>Appends are serialised on this object; proofs and roots may be read concurrently.
 */
public final class MerkleLog {
  private static final int W = TileStore.WIDTH;
  /** Below this many nodes a level is hashed on the calling thread. */
  private static final int PARALLEL_THRESHOLD = 1 << 14;

  private final TreeHasher hasher;
  private final TileStore store;
  private final int digestLength;
  private volatile long size;
  /** Per level, the hashes of the partial right-edge tile (size >> level) / W. */
  private final byte[][] edge = new byte[64][];
  /**
   * Per level l with size >> l >= 1, the last complete node (l, (size >> l) - 1). The nodes at
   * the levels of size's one bits are the compact range, from which the root follows.
   */
  private final byte[][] last = new byte[64][];

  private MerkleLog(TreeHasher hasher, TileStore store, long size) {
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.store = Objects.requireNonNull(store, "store");
    this.digestLength = hasher.digestLength();
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, but is " + size);
    }
    this.size = size;
    for (int level = 0; level < 64; level++) {
      long nodes = size >>> level;
      int inTile = (int) (nodes % W);
      byte[] tile = inTile == 0 ? new byte[0] : store.readTile(level, nodes / W);
      if (tile.length < inTile * digestLength) {
        throw new IllegalStateException("the store lacks nodes of level " + level + " for size "
            + size + ": tile " + nodes / W + " holds " + tile.length / digestLength + " hashes, want " + inTile);
      }
      edge[level] = Arrays.copyOf(tile, inTile * digestLength);
    }
    Reader reader = new Reader();
    for (int level = 0; level < 64 && (size >>> level) > 0; level++) {
      last[level] = reader.node(level, (size >>> level) - 1);
    }
  }

  /** A log over {@code store} holding {@code size} leaves already (0 for a new log). */
  public static MerkleLog open(TreeHasher hasher, TileStore store, long size) {
    return new MerkleLog(hasher, store, size);
  }

  /** The hasher. */
  public TreeHasher hasher() {
    return hasher;
  }

  /** Number of leaves. */
  public long size() {
    return size;
  }

  /** Appends one entry and returns its leaf index. */
  public long append(byte[] entry) {
    return appendAll(List.of(entry));
  }

  /** Appends entries in order and returns the leaf index of the first. */
  public synchronized long appendAll(List<byte[]> entries) {
    int b = entries.size();
    long start = size;
    if (b == 0) {
      return start;
    }
    // buf holds one level's new nodes, with a slot in front for a left sibling.
    byte[] buf = new byte[(b + 1) * digestLength];
    int chunks = b >= PARALLEL_THRESHOLD ? Runtime.getRuntime().availableProcessors() * 4 : 1;
    int per = (b + chunks - 1) / chunks;
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(
        c -> hashLeaves(entries, c * per, Math.min(b, (c + 1) * per), buf, digestLength));
    Map<Long, byte[]> pending = new HashMap<>();
    byte[][] newEdge = new byte[64][];
    byte[][] newLast = new byte[64][];
    long lo = start;
    long hi = start + b;
    int off = digestLength; // buf offset of node lo
    for (int level = 0; level < 64 && lo < hi; level++) {
      recordNodes(level, lo, hi, buf, off, pending, newEdge);
      int lastOff = off + (int) (hi - 1 - lo) * digestLength;
      newLast[level] = Arrays.copyOfRange(buf, lastOff, lastOff + digestLength);
      long plo = lo >>> 1;
      long phi = hi >>> 1;
      if (plo == phi) {
        break;
      }
      if ((lo & 1) == 1) {
        // The left sibling is the last complete node of this level before the batch.
        System.arraycopy(last[level], 0, buf, off - digestLength, digestLength);
        off -= digestLength;
      }
      int pairs = (int) (phi - plo);
      hashLevel(buf, off, pairs);
      if (off != digestLength) {
        System.arraycopy(buf, off, buf, digestLength, pairs * digestLength);
        off = digestLength;
      }
      lo = plo;
      hi = phi;
    }
    List<TileStore.Tile> tiles = new ArrayList<>(pending.size());
    for (Map.Entry<Long, byte[]> t : pending.entrySet()) {
      tiles.add(new TileStore.Tile((int) (t.getKey() >>> 56), t.getKey() & ((1L << 56) - 1), t.getValue()));
    }
    store.writeTiles(tiles);
    for (int level = 0; level < 64; level++) {
      if (newEdge[level] != null) {
        edge[level] = newEdge[level];
        last[level] = newLast[level];
      }
    }
    size = start + b;
    return start;
  }

  /** Runs of equal-length entries shorter than this are hashed one by one. */
  private static final int MIN_RUN = 8;
  /** Bytes copied at a time to hash a run of equal-length entries together. */
  private static final int RUN_BUFFER = 256 * 1024;

  /**
   * Writes the leaf hashes of entries [from, to) to {@code out}, entry i at
   * {@code outOff + i * d}. Runs of equal-length entries are copied into one buffer and hashed
   * together ({@link TreeHasher#leafHashes}, SM3's multi-buffer path).
   */
  private void hashLeaves(List<byte[]> entries, int from, int to, byte[] out, int outOff) {
    byte[] run = null;
    int i = from;
    while (i < to) {
      int len = entries.get(i).length;
      int j = i + 1;
      while (j < to && entries.get(j).length == len) {
        j++;
      }
      if (j - i < MIN_RUN || len == 0 || len > RUN_BUFFER / MIN_RUN) {
        for (int k = i; k < j; k++) {
          byte[] e = entries.get(k);
          hasher.leafHash(e, 0, e.length, out, outOff + k * digestLength);
        }
      } else {
        int perCopy = RUN_BUFFER / len;
        if (run == null) {
          run = new byte[RUN_BUFFER];
        }
        for (int k = i; k < j; k += perCopy) {
          int n = Math.min(perCopy, j - k);
          for (int m = 0; m < n; m++) {
            System.arraycopy(entries.get(k + m), 0, run, m * len, len);
          }
          hasher.leafHashes(run, 0, len, n, out, outOff + k * digestLength);
        }
      }
      i = j;
    }
  }

  private void hashLevel(byte[] buf, int off, int pairs) {
    if (pairs < PARALLEL_THRESHOLD) {
      hasher.nodeHashes(buf, off, pairs, buf, off);
      return;
    }
    // In place is safe only front to back in one call; across chunks, hash into a copy.
    byte[] out = new byte[pairs * digestLength];
    int chunks = Runtime.getRuntime().availableProcessors() * 4;
    int per = (pairs + chunks - 1) / chunks;
    IntStream.range(0, chunks).parallel().forEach(c -> {
      int first = c * per;
      int n = Math.min(pairs, first + per) - first;
      if (n > 0) {
        hasher.nodeHashes(buf, off + 2 * digestLength * first, n, out, digestLength * first);
      }
    });
    System.arraycopy(out, 0, buf, off, out.length);
  }

  /**
   * Adds nodes [lo, hi) of {@code level}, whose hashes start at {@code buf[off]}, to the tiles
   * to write, and computes the level's new right-edge tile.
   */
  private void recordNodes(int level, long lo, long hi, byte[] buf, int off,
      Map<Long, byte[]> pending, byte[][] newEdge) {
    long first = lo;
    byte[] partial = edge[level];
    while (first < hi) {
      long tileIndex = first / W;
      long tileEnd = Math.min(hi, (tileIndex + 1) * W);
      int startInTile = (int) (first % W);
      int count = (int) (tileEnd - first);
      byte[] tile = new byte[(startInTile + count) * digestLength];
      if (startInTile > 0) {
        System.arraycopy(partial, 0, tile, 0, startInTile * digestLength);
      }
      System.arraycopy(buf, off + (int) (first - lo) * digestLength, tile, startInTile * digestLength, count * digestLength);
      pending.put(((long) level << 56) | tileIndex, tile);
      partial = tile.length == W * digestLength ? new byte[0] : tile;
      first = tileEnd;
    }
    newEdge[level] = partial;
  }

  /** The root of the current tree, from the compact range in memory (no store reads). */
  public synchronized byte[] root() {
    long n = size;
    if (n == 0) {
      return hasher.emptyRoot();
    }
    byte[] acc = null;
    for (int level = 0; level < 64; level++) {
      if (((n >>> level) & 1) != 0) {
        acc = acc == null ? last[level].clone() : hasher.nodeHash(last[level], acc);
      }
    }
    return acc;
  }

  /** The root of the tree of the first {@code treeSize} leaves, for any size up to {@link #size()}. */
  public byte[] root(long treeSize) {
    checkSize(treeSize, "treeSize");
    return new Reader().range(0, treeSize);
  }

  /** The hash of leaf {@code index}. */
  public byte[] leafHash(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf index " + index + " is not below size " + size);
    }
    return new Reader().node(0, index);
  }

  /** The inclusion proof of leaf {@code index} in the tree of the first {@code treeSize} leaves. */
  public InclusionProof inclusionProof(long index, long treeSize) {
    checkSize(treeSize, "treeSize");
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("leaf index " + index + " is not below tree size " + treeSize);
    }
    List<byte[]> out = new ArrayList<>();
    new Reader().path(index, 0, treeSize, out);
    return new InclusionProof(hasher.algorithm(), index, treeSize, out);
  }

  /** The consistency proof from the tree of {@code size1} leaves to that of {@code size2}. */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    checkSize(size2, "size2");
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException("need 0 < size1 <= size2, but size1 is " + size1
          + " and size2 is " + size2);
    }
    List<byte[]> out = new ArrayList<>();
    if (size1 < size2) {
      new Reader().subproof(size1, 0, size2, true, out);
    }
    return new ConsistencyProof(hasher.algorithm(), size1, size2, out);
  }

  private void checkSize(long treeSize, String name) {
    long current = size;
    if (treeSize < 0 || treeSize > current) {
      throw new IllegalArgumentException(name + " " + treeSize + " is outside [0, " + current + "]");
    }
  }

  /** Reads nodes for one proof, caching the tiles it touches. */
  private final class Reader {
    private final Map<Long, byte[]> tiles = new HashMap<>();

    byte[] node(int level, long index) {
      long key = ((long) level << 56) | (index / W);
      byte[] tile = tiles.computeIfAbsent(key, k -> store.readTile(level, index / W));
      int at = (int) (index % W) * digestLength;
      if (tile.length < at + digestLength) {
        throw new IllegalStateException("the tile store lacks node " + index + " of level " + level);
      }
      return Arrays.copyOfRange(tile, at, at + digestLength);
    }

    /** MTH of leaves [a, b), where [a, b) is a subrange the RFC 9162 recursion produces. */
    byte[] range(long a, long b) {
      if (a == b) {
        return hasher.emptyRoot();
      }
      List<byte[]> parts = new ArrayList<>();
      long pos = a;
      for (int level = 63; level >= 0; level--) {
        if ((((b - a) >>> level) & 1) != 0) {
          parts.add(node(level, pos >>> level));
          pos += 1L << level;
        }
      }
      byte[] acc = parts.get(parts.size() - 1);
      for (int i = parts.size() - 2; i >= 0; i--) {
        acc = hasher.nodeHash(parts.get(i), acc);
      }
      return acc;
    }

    /** RFC 9162 §2.1.3.1 PATH(m, D[a:b]) with absolute leaf index m. */
    void path(long m, long a, long b, List<byte[]> out) {
      if (b - a <= 1) {
        return;
      }
      long k = Long.highestOneBit(b - a - 1);
      if (m < a + k) {
        path(m, a, a + k, out);
        out.add(range(a + k, b));
      } else {
        path(m, a + k, b, out);
        out.add(node(Long.numberOfTrailingZeros(k), a / k));
      }
    }

    /** RFC 9162 §2.1.4.1 SUBPROOF(m, D[a:b], flag), m relative to a. */
    void subproof(long m, long a, long b, boolean flag, List<byte[]> out) {
      long n = b - a;
      if (m == n) {
        if (!flag) {
          out.add(range(a, b));
        }
        return;
      }
      long k = Long.highestOneBit(n - 1);
      if (m <= k) {
        subproof(m, a, a + k, flag, out);
        out.add(range(a + k, b));
      } else {
        subproof(m - k, a + k, b, false, out);
        out.add(node(Long.numberOfTrailingZeros(k), a / k));
      }
    }
  }

  @Override
  public String toString() {
    return "MerkleLog[" + hasher.algorithm().id() + ", size " + size + "]";
  }
}
