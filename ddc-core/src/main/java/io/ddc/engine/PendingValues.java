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
    TreeMap<String, String> out = new TreeMap<>(base.scan(prefix));
    changes.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        if (v == REMOVED) {
          out.remove(k);
        } else {
          out.put(k, v);
        }
      }
    });
    return out;
  }

  @Override
  public void put(String key, String value) {
    changes.put(key, value == null ? REMOVED : value);
  }

  /** Writes every changed key's final value (or its removal) into {@code target}. */
  void writeTo(KeyValues target) {
    changes.forEach((k, v) -> target.put(k, v == REMOVED ? null : v));
  }
}
