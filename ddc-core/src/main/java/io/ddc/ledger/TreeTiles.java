package io.ddc.ledger;

import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import io.ddc.merkle.TileStore;
import java.util.ArrayList;
import java.util.List;

/** A {@link TileStore} view of one tree (log, state or account tree) of a store. */
final class TreeTiles implements TileStore {
  private final StoreReads reads;
  private final int tree;

  TreeTiles(StoreReads reads, int tree) {
    this.reads = reads;
    this.tree = tree;
  }

  @Override
  public byte[] readTile(int level, long index) {
    return reads.readTile(tree, level, index);
  }

  @Override
  public void writeTiles(List<Tile> tiles) {
    List<StoreTransaction.Tile> out = new ArrayList<>(tiles.size());
    for (Tile t : tiles) {
      out.add(new StoreTransaction.Tile(t.level(), t.index(), t.hashes()));
    }
    ((StoreTransaction) reads).writeTiles(tree, out);
  }
}
