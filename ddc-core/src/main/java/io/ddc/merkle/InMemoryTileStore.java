package io.ddc.merkle;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link TileStore} in the heap, for tests and short-lived logs. */
public final class InMemoryTileStore implements TileStore {
  private static final byte[] NONE = new byte[0];
  private final ConcurrentHashMap<Long, byte[]> tiles = new ConcurrentHashMap<>();

  private static long key(int level, long index) {
    if (index >= 1L << 56) {
      throw new IllegalArgumentException("tile index " + index + " is beyond 2^56");
    }
    return ((long) level << 56) | index;
  }

  @Override
  public byte[] readTile(int level, long index) {
    return tiles.getOrDefault(key(level, index), NONE);
  }

  @Override
  public synchronized void writeTiles(List<Tile> batch) {
    for (Tile t : batch) {
      key(t.level(), t.index());
    }
    for (Tile t : batch) {
      tiles.put(key(t.level(), t.index()), t.hashes());
    }
  }

  /** Number of tiles held. */
  public int tileCount() {
    return tiles.size();
  }
}
