package io.ddc.model;

import io.ddc.crypto.sm.Hex;
import io.ddc.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One item of a request: the arguments of one operation on one thing (one mint, one transfer),
 * checked against the operation's schema when built. Immutable; its canonical JSON (RFC 8785)
 * is what the request's item tree commits to.
 */
public final class Item extends FieldValues {
  private final Operation operation;
  private final Map<String, Object> values;
  private byte[] canonical;

  private Item(Operation operation, Map<String, Object> values) {
    this.operation = operation;
    this.values = values;
  }

  /** Checks untrusted parsed JSON (as {@link CanonicalJson#parse} returns) against {@code op}'s schema. */
  public static Item fromJson(Operation op, Object json, String where) throws MalformedDataException {
    if (!(json instanceof Map)) {
      throw FieldType.wrong(where, "an object with " + op.describeItem(), json);
    }
    return new Item(op, Field.validate(op.schema(), (Map<?, ?>) json, where));
  }

  /** A builder of an item for {@code op}. */
  public static Builder builder(Operation op) {
    return new Builder(op);
  }

  /** The operation whose schema this item follows. */
  public Operation operation() {
    return operation;
  }

  /** The canonical field values: strings, longs, booleans, lists and maps, sorted by name. */
  public Map<String, Object> toJson() {
    return values;
  }

  /** The RFC 8785 canonical JSON bytes. */
  public byte[] canonicalBytes() {
    byte[] c = canonical;
    if (c == null) {
      c = CanonicalJson.write(values);
      canonical = c;
    }
    return c.clone();
  }

  byte[] canonicalBytesShared() {
    canonicalBytes();
    return canonical;
  }

  /** Whether {@code name} is set. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  @Override
  Map<String, Object> values() {
    return values;
  }

  @Override
  String what() {
    return operation.id() + " item";
  }

  /** An optional bytes field (data, signatures). */
  public Optional<byte[]> optBytes(String name) {
    Object v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(hex((String) v));
  }

  /** The public keys of a keys field, as 65-byte points. */
  public List<byte[]> keys(String name) {
    List<byte[]> out = new ArrayList<>();
    for (Object o : (List<?>) values.get(name)) {
      out.add(hex((String) o));
    }
    return out;
  }

  /** This item without {@code name} (the bytes a consent signature covers leave the consent out). */
  public Item without(String name) {
    Map<String, Object> m = new TreeMap<>(values);
    m.remove(name);
    return new Item(operation, java.util.Collections.unmodifiableMap(m));
  }

  static Hash hash(String hex) {
    return Hash.of(hex(hex));
  }

  static byte[] hex(String hex) {
    try {
      return Hex.decode(hex);
    } catch (io.ddc.crypto.sm.MalformedEncodingException e) {
      throw new IllegalStateException("validated hex does not decode", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Item && ((Item) o).operation == operation && ((Item) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operation, values);
  }

  @Override
  public String toString() {
    return operation.id() + new String(canonicalBytesShared(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Builds an item from Java values: {@link Did}, {@link Hash}, {@code byte[]} (as hex), enums, numbers. */
  public static final class Builder {
    private final Operation op;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder(Operation op) {
      this.op = Objects.requireNonNull(op, "op");
    }

    /** Sets {@code name}; a null value leaves it unset. */
    public Builder set(String name, Object value) {
      if (value != null) {
        values.put(name, toJson(value));
      }
      return this;
    }

    /** The item; an {@link IllegalArgumentException} says what does not fit the schema. */
    public Item build() {
      try {
        return fromJson(op, values, op.id() + " item");
      } catch (MalformedDataException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    static Object toJson(Object v) {
      if (v instanceof Did || v instanceof Hash) {
        return v.toString();
      }
      if (v instanceof byte[]) {
        return Hex.encode((byte[]) v);
      }
      if (v instanceof Integer) {
        return ((Integer) v).longValue();
      }
      if (v instanceof Role) {
        return ((Role) v).id();
      }
      if (v instanceof Operation) {
        return ((Operation) v).id();
      }
      if (v instanceof DdcKind) {
        return ((DdcKind) v).id();
      }
      if (v instanceof AccountState) {
        return ((AccountState) v).id();
      }
      if (v instanceof Switch) {
        return ((Switch) v).id();
      }
      if (v instanceof Collection) {
        List<Object> l = new ArrayList<>();
        for (Object o : (Collection<?>) v) {
          l.add(toJson(o));
        }
        return l;
      }
      if (v instanceof Map) {
        Map<String, Object> m = new TreeMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          m.put(String.valueOf(toJson(e.getKey())), toJson(e.getValue()));
        }
        return m;
      }
      return v;
    }
  }
}
