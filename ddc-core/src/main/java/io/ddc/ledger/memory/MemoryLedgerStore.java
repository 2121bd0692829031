package io.ddc.ledger.memory;

import io.ddc.DdcException;
import io.ddc.ledger.internal.WriteBuffer;
import io.ddc.ledger.spi.LedgerStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference {@link LedgerStore}: everything in memory, thread-safe, gone with the process.
 * Writes are serialised by a lock; a commit applies a transaction's writes under a write lock, so
 * readers never see half a commit.
 */
public final class MemoryLedgerStore implements LedgerStore {
  private final ReentrantLock appendLock = new ReentrantLock();
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  private final TreeMap<String, String> state = new TreeMap<>();
  private final List<byte[]> events = new ArrayList<>();
  private final Map<List<Long>, byte[]> tiles = new HashMap<>();

  @Override
  public <T> T write(Work<T> work) throws DdcException {
    appendLock.lock();
    try {
      WriteBuffer tx = new WriteBuffer(this);
      T result = work.run(tx);
      rw.writeLock().lock();
      try {
        if (tx.baseEvents() != events.size()) {
          throw new IllegalStateException("events appended outside the append lock");
        }
        tx.puts().forEach((k, v) -> {
          if (v == null) {
            state.remove(k);
          } else {
            state.put(k, v);
          }
        });
        for (byte[] e : tx.events()) {
          events.add(e.clone());
        }
        tx.tiles().forEach((k, v) -> tiles.put(k, v.clone()));
      } finally {
        rw.writeLock().unlock();
      }
      return result;
    } finally {
      appendLock.unlock();
    }
  }

  /** Holds the read lock for the whole read, so no commit lands in between. */
  @Override
  public <T> T read(Read<T> read) throws DdcException {
    rw.readLock().lock();
    try {
      return read.run(this);
    } finally {
      rw.readLock().unlock();
    }
  }

  @Override
  public Optional<String> get(String key) {
    rw.readLock().lock();
    try {
      return Optional.ofNullable(state.get(key));
    } finally {
      rw.readLock().unlock();
    }
  }

  @Override
  public SortedMap<String, String> scan(String prefix) {
    rw.readLock().lock();
    try {
      TreeMap<String, String> out = new TreeMap<>();
      for (Map.Entry<String, String> e : state.tailMap(prefix, true).entrySet()) {
        if (!e.getKey().startsWith(prefix)) {
          break;
        }
        out.put(e.getKey(), e.getValue());
      }
      return Collections.unmodifiableSortedMap(out);
    } finally {
      rw.readLock().unlock();
    }
  }

  @Override
  public long eventCount() {
    rw.readLock().lock();
    try {
      return events.size();
    } finally {
      rw.readLock().unlock();
    }
  }

  @Override
  public List<byte[]> events(long from, long to) {
    rw.readLock().lock();
    try {
      if (from < 0 || to < from || to > events.size()) {
        throw new IndexOutOfBoundsException("events [" + from + ", " + to + ") of " + events.size());
      }
      List<byte[]> out = new ArrayList<>();
      for (long i = from; i < to; i++) {
        out.add(events.get((int) i).clone());
      }
      return out;
    } finally {
      rw.readLock().unlock();
    }
  }

  @Override
  public byte[] readTile(int tree, int level, long index) {
    rw.readLock().lock();
    try {
      byte[] t = tiles.get(List.of((long) tree, (long) level, index));
      return t == null ? new byte[0] : t.clone();
    } finally {
      rw.readLock().unlock();
    }
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {}
}
