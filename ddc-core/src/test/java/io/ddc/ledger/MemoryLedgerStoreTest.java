package io.ddc.ledger;

import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.ledger.spi.LedgerStore;

/** The conformance kit on the in-memory reference store. */
class MemoryLedgerStoreTest extends LedgerStoreContract {
  @Override
  protected LedgerStore newStore() {
    return new MemoryLedgerStore();
  }
}
