package io.ddc.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes kept apart from a base that reads fall through to: the key-values of a
 * {@link KvState#overlay()}. The base is never written; {@link #writeTo} copies the final value of
 * each changed key.
 */
final class PendingValues implements KeyValues {
  /** Marks a removed key; compared by identity, so no stored value can be taken for it. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String REMOVED = new String("");

  private final KeyValues base;
  private final Map<String, String> changes = new HashMap<>();
  /**
   * The changes in key order, built at the first {@link #scan} and kept up to date after it, so
   * that requests which never scan (mints) pay nothing for it and a request that scans many times
   * (the Operator's burn of many frozen DDC-1155s) does not walk every change each time.
   */
  private TreeMap<String, String> sorted;

  PendingValues(KeyValues base) {
    this.base = base;
  }

  @Override
  public String get(String key) {
    String v = changes.get(key);
    if (v == null) {
      return base.get(key);
    }
    return v == REMOVED ? null : v;
  }

  @Override
  public SortedMap<String, String> scan(String prefix) {
    if (sorted == null) {
      sorted = new TreeMap<>(changes);
    }
    TreeMap<String, String> out = new TreeMap<>(base.scan(prefix));
    sorted.subMap(prefix, prefix + Character.MAX_VALUE).forEach((k, v) -> {
      if (v == REMOVED) {
        out.remove(k);
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  @Override
  public void put(String key, String value) {
    String v = value == null ? REMOVED : value;
    changes.put(key, v);
    if (sorted != null) {
      sorted.put(key, v);
    }
  }

  /** Writes every changed key's final value (or its removal) into {@code target}. */
  void writeTo(KeyValues target) {
    changes.forEach((k, v) -> target.put(k, v == REMOVED ? null : v));
  }
}
