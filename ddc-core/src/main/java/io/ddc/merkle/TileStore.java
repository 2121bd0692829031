package io.ddc.merkle;

import java.util.List;

/**
 * Where a {@link MerkleLog} keeps the hashes of its complete subtrees.
 *
 * <p>Tile {@code (level, index)} holds the hashes of nodes {@code index * 256} to
 * {@code index * 256 + 255} of tree level {@code level} (level 0 are the leaf hashes; a node
 * at level l covers 2^l leaves), concatenated. A tile on the right edge of the tree is partial
 * and grows with later writes; complete tiles never change. This is the layout of C2SP
 * tlog-tiles, with every level stored rather than every eighth, so any node is one read.
 *
 * <p>Contract: {@link #writeTiles} stores every tile of the call or, if it throws, none (a
 * durable store writes them in one transaction), and a reader sees its own writes. Readers
 * running during a write may see a partial tile in its old or its new, longer form; both hold
 * the same hashes where they overlap, so a proof for a size already committed is never
 * affected. Arrays passed in and handed out are never modified by either side.
 * Implementations must be thread-safe.
 */
public interface TileStore {
  /** Hashes per tile. */
  int WIDTH = 256;

  /** One tile's content. */
  record Tile(int level, long index, byte[] hashes) {
    public Tile {
      if (level < 0 || level > 63 || index < 0) {
        throw new IllegalArgumentException("no tile at level " + level + ", index " + index);
      }
    }
  }

  /** The hashes of tile (level, index), or an empty array if none are stored. */
  byte[] readTile(int level, long index);

  /** Stores these tiles, replacing earlier (partial) contents, atomically. */
  void writeTiles(List<Tile> tiles);
}
