package io.ddc.ledger.spi;

import io.ddc.DdcException;

/**
 * Where a ledger lives: an in-memory map, one SQLite file, a PostgreSQL database shared by many
 * application nodes.
 *
 * <p><b>Contract.</b> {@link #write} runs its work in one transaction that holds the ledger's
 * append lock: at most one write runs at a time across every process sharing the store, so
 * sequence numbers and DDC ids never collide and the log stays one tree. If the work returns, the
 * transaction commits, and {@code write} returns only once the commit is durable (on disk, or
 * acknowledged by the database); if the work throws, nothing it wrote is kept. Reads through
 * {@link StoreReads} outside a transaction see committed data; a process sees its own commits at
 * once (read-your-writes), other processes' commits after at most the staleness bound its
 * implementation documents. Sequence numbers have no gaps.
 *
 * <p><b>What implementations may do differently:</b> cache freely within those guarantees; lay
 * out keys, events and tiles as they like; retry a transaction that fails on a serialization
 * conflict (the work must then be safe to run again — the ledger's is); hold the lock as a row
 * lock, an advisory lock or a mutex.
 *
 * <p><b>Errors.</b> A store that cannot be reached, a lost connection or a lock timeout is
 * {@link LedgerUnavailableException}: nothing was committed, retry later. A store whose data do
 * not match their own hashes is {@link LedgerCorruptException}: stop and investigate. Any
 * {@link DdcException} the work throws is rethrown unchanged after rollback.
 *
 * <p>Implementations must be thread-safe.
 */
public interface LedgerStore extends StoreReads, AutoCloseable {
  /** Work to run in one append transaction. */
  @FunctionalInterface
  interface Work<T> {
    /** Does the work; throwing rolls everything back. */
    T run(StoreTransaction tx) throws DdcException;
  }

  /** Runs {@code work} atomically under the append lock; see the class contract. */
  <T> T write(Work<T> work) throws DdcException;

  /** Work that reads one consistent snapshot. */
  @FunctionalInterface
  interface Read<T> {
    /** Reads; {@code snapshot} is valid only during the call. */
    T run(StoreReads snapshot) throws DdcException;
  }

  /**
   * Runs {@code read} against one consistent snapshot of committed data: every read inside it sees
   * the same commit, however many other writers (threads or processes) append meanwhile. Separate
   * reads outside it may each see a different commit, so anything that combines several reads (a
   * proof at the current size, the state against the event count) must run here. The default takes
   * the append lock and writes nothing; implementations may offer a snapshot that does not block
   * writers.
   */
  default <T> T read(Read<T> read) throws DdcException {
    return write(read::run);
  }

  /** A short name of the implementation and where it keeps its data, without credentials. */
  String describe();

  /** Releases connections and files. */
  @Override
  void close();
}
