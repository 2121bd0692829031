package io.ddc.engine;

import java.util.SortedMap;

/**
 * A sorted map of string keys to string values: what a {@link KvState} keeps the state in. The
 * keys are {@link StateLayout}'s; the values are {@link KvState}'s encodings. A ledger store, an
 * in-memory map and a request's pending changes are all key-values, so the state's encoding is
 * written once.
 */
public interface KeyValues {
  /** The value of {@code key}, or null if there is none. */
  String get(String key);

  /** Every key starting with {@code prefix} and its value, in key order. */
  SortedMap<String, String> scan(String prefix);

  /**
   * Sets {@code key} to {@code value}, or removes it when {@code value} is null.
   *
   * @throws IllegalStateException on a read-only view
   */
  void put(String key, String value);

  /** A new, empty, writable map held in memory (a {@link java.util.TreeMap}). */
  static KeyValues inMemory() {
    return new InMemory();
  }

  /** The in-memory key-values: a tree map, so that scans are ordered. */
  final class InMemory implements KeyValues {
    private final java.util.TreeMap<String, String> map = new java.util.TreeMap<>();

    private InMemory() {}

    @Override
    public String get(String key) {
      return map.get(key);
    }

    @Override
    public SortedMap<String, String> scan(String prefix) {
      return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(
          map.subMap(prefix, prefix + Character.MAX_VALUE)));
    }

    @Override
    public void put(String key, String value) {
      if (value == null) {
        map.remove(key);
      } else {
        map.put(key, value);
      }
    }
  }
}
