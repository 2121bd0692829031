package io.ddc.ledger;

import io.ddc.engine.KeyValues;
import io.ddc.engine.KvState;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import java.util.SortedMap;

/**
 * A store's state map as {@link KeyValues}: writable inside a {@link StoreTransaction}, read-only
 * over plain {@link StoreReads}.
 */
final class StoreValues implements KeyValues {
  private final StoreReads reads;
  private final StoreTransaction tx;

  private StoreValues(StoreReads reads) {
    this.reads = reads;
    this.tx = reads instanceof StoreTransaction ? (StoreTransaction) reads : null;
  }

  /**
   * The typed state of {@code reads}, for one transaction or snapshot; writable when {@code reads}
   * is a transaction.
   */
  static KvState state(StoreReads reads) {
    return KvState.over(new StoreValues(reads));
  }

  /** A long-lived, read-only view of {@code reads} that keeps no decoded values. */
  static KvState view(StoreReads reads) {
    return KvState.view(new StoreValues(reads));
  }

  @Override
  public String get(String key) {
    return reads.get(key).orElse(null);
  }

  @Override
  public SortedMap<String, String> scan(String prefix) {
    return reads.scan(prefix);
  }

  @Override
  public void put(String key, String value) {
    if (tx == null) {
      throw new IllegalStateException("a read-only view of the ledger state");
    }
    tx.put(key, value);
  }
}
