package io.ddc.ledger.spi;

import java.util.List;

/**
 * One atomic write to a store, holding the ledger's append lock. Reads see what is committed plus
 * this transaction's own writes (read-your-writes). Writes become visible to others all at once at
 * commit, or never.
 */
public interface StoreTransaction extends StoreReads {
  /** Sets {@code key} to {@code value}, or removes it when {@code value} is null. */
  void put(String key, String value);

  /**
   * Appends events; {@code firstSeq} must equal {@link #eventCount()} (which then grows), so
   * sequence numbers never collide or leave gaps.
   */
  void appendEvents(long firstSeq, List<byte[]> events);

  /** Stores tiles of a tree, replacing earlier (partial) contents. */
  void writeTiles(int tree, List<Tile> tiles);

  /**
   * One tile's content.
   *
   * @param level the tree level (0 = leaves)
   * @param index the tile's index in its level
   * @param hashes the concatenated hashes, at most 256
   */
  record Tile(int level, long index, byte[] hashes) {
    /** Checks the coordinates. */
    public Tile {
      if (level < 0 || level > 63 || index < 0) {
        throw new IllegalArgumentException("no tile at level " + level + ", index " + index);
      }
    }
  }
}
