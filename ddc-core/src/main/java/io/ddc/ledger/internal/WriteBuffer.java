package io.ddc.ledger.internal;

import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A transaction's writes held in memory over the committed data it reads through: reads see
 * the writes (read-your-writes), and the store applies {@link #puts}, {@link #events} and
 * {@link #tiles} in one commit.
 */
public final class WriteBuffer implements StoreTransaction {
  private static final String DELETED = new String("deleted");

  private final StoreReads base;
  private final long baseEvents;
  private final TreeMap<String, String> puts = new TreeMap<>();
  private final List<byte[]> events = new ArrayList<>();
  private final Map<List<Long>, byte[]> tiles = new HashMap<>();

  /** A buffer over {@code base}, whose event count is read once now. */
  public WriteBuffer(StoreReads base) {
    this.base = base;
    this.baseEvents = base.eventCount();
  }

  @Override
  public Optional<String> get(String key) {
    String v = puts.get(key);
    if (v != null) {
      return v == DELETED ? Optional.empty() : Optional.of(v);
    }
    return base.get(key);
  }

  @Override
  public void prefetch(java.util.Collection<String> keys) {
    List<String> missing = new ArrayList<>();
    for (String k : keys) {
      if (!puts.containsKey(k)) {
        missing.add(k);
      }
    }
    base.prefetch(missing);
  }

  @Override
  public SortedMap<String, String> scan(String prefix) {
    TreeMap<String, String> out = new TreeMap<>(base.scan(prefix));
    for (Map.Entry<String, String> e : puts.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (e.getValue() == DELETED) {
        out.remove(e.getKey());
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  @Override
  public long eventCount() {
    return baseEvents + events.size();
  }

  @Override
  public List<byte[]> events(long from, long to) {
    if (from < 0 || to < from || to > eventCount()) {
      throw new IndexOutOfBoundsException("events [" + from + ", " + to + ") of " + eventCount());
    }
    List<byte[]> out = new ArrayList<>();
    if (from < baseEvents) {
      out.addAll(base.events(from, Math.min(to, baseEvents)));
    }
    for (long i = Math.max(from, baseEvents); i < to; i++) {
      out.add(events.get((int) (i - baseEvents)));
    }
    return out;
  }

  @Override
  public byte[] readTile(int tree, int level, long index) {
    byte[] t = tiles.get(List.of((long) tree, (long) level, index));
    return t != null ? t : base.readTile(tree, level, index);
  }

  @Override
  public void put(String key, String value) {
    puts.put(key, value == null ? DELETED : value);
  }

  @Override
  public void appendEvents(long firstSeq, List<byte[]> more) {
    if (firstSeq != eventCount()) {
      throw new IllegalArgumentException("events must start at " + eventCount() + ", not " + firstSeq);
    }
    events.addAll(more);
  }

  @Override
  public void writeTiles(int tree, List<Tile> ts) {
    for (Tile t : ts) {
      tiles.put(List.of((long) tree, (long) t.level(), t.index()), t.hashes());
    }
  }

  /** The committed event count this transaction started from. */
  public long baseEvents() {
    return baseEvents;
  }

  /** The number of keys put (removals included) and tiles written, without copying them. */
  public int size() {
    return puts.size() + tiles.size();
  }

  /** Every put, in key order; a null value is a removal. */
  public Map<String, String> puts() {
    Map<String, String> out = new TreeMap<>();
    puts.forEach((k, v) -> out.put(k, v == DELETED ? null : v));
    return out;
  }

  /** The appended events, in order, from sequence number {@link #baseEvents()}. */
  public List<byte[]> events() {
    return events;
  }

  /** The written tiles: key [tree, level, index]. */
  public Map<List<Long>, byte[]> tiles() {
    return tiles;
  }
}
