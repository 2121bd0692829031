package io.ddc.ledger;

import io.ddc.ledger.spi.StoreReads;
import java.util.List;
import java.util.Optional;

/** Reads of an empty store. */
final class EmptyReads implements StoreReads {
/** The one instance. */
static final StoreReads INSTANCE = new EmptyReads();

private EmptyReads() {}

  @Override
  public Optional<String> get(String key) {
    return Optional.empty();
  }

  @Override
  public java.util.SortedMap<String, String> scan(String prefix) {
    return java.util.Collections.emptySortedMap();
  }

  @Override
  public long eventCount() {
    return 0;
  }

  @Override
  public List<byte[]> events(long from, long to) {
    return List.of();
  }

  @Override
  public byte[] readTile(int tree, int level, long index) {
    return new byte[0];
  }
}
