package io.ddc.ledger.spi;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Reads of a ledger store: the state as a sorted map of string keys to string values, the
 * events (the log's entries) by sequence number, and the hash tiles of the ledger's two trees.
 *
 * <p>Keys are ASCII; {@link #scan} orders them by their bytes (a PostgreSQL column needs
 * {@code COLLATE "C"}). Values are opaque to the store.
 */
public interface StoreReads {
  /** Tree number of the event log's tiles. */
  int LOG_TREE = 0;
  /** Tree number of the state commitment's tiles. */
  int STATE_TREE = 1;
  /** Tree number of the account tree's tiles. */
  int ACCOUNT_TREE = 2;

  /** The value of {@code key}, if any. */
  Optional<String> get(String key);

  /** Every key starting with {@code prefix} and its value, in key order. */
  SortedMap<String, String> scan(String prefix);

  /** The number of events: sequence numbers are 0 to {@code eventCount() - 1}, without gaps. */
  long eventCount();

  /** The events with sequence numbers in [from, to), in order; {@code to} at most {@link #eventCount()}. */
  List<byte[]> events(long from, long to);

  /**
   * A hint that {@link #get} will be asked for these keys soon: a store may fetch them in one
   * round trip and cache the answers (present or absent). The default does nothing.
   */
  default void prefetch(java.util.Collection<String> keys) {}

  /** The hashes of tile (level, index) of a tree, or an empty array if none are stored. */
  byte[] readTile(int tree, int level, long index);
}
