package io.ddc.model;

import io.ddc.json.CanonicalJson;
import io.ddc.json.CanonicalWriter;
import io.ddc.json.JsonFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One immutable, typed change to the ledger's state. Its canonical encoding
 * ({@link #toBytes()}, RFC 8785 JSON of {@code {"v":1,"type":..,"at":..,"cause":..,"data":..}})
 * is a leaf of the Merkle log, and it carries the signed request that caused it, so anyone
 * holding the log can check that every change was authorised. Replaying a ledger's events from
 * empty reproduces its state.
 */
public final class Event extends FieldValues {
  /** The encoding version. */
  public static final int VERSION = 1;

  private final EventType type;
  private final long at;
  private final Cause cause;
  private final Map<String, Object> data;
  private byte[] bytes;

  private Event(EventType type, long at, Cause cause, Map<String, Object> data) {
    this.type = type;
    this.at = at;
    this.cause = cause;
    this.data = data;
  }

  /** A new event; {@code data} (Java values as {@link Item.Builder#set} takes) must fit {@code type}'s schema. */
  public static Event of(EventType type, long at, Cause cause, Map<String, ?> data) {
    Objects.requireNonNull(cause, "cause");
    Map<String, Object> m = new LinkedHashMap<>();
    data.forEach((k, v) -> {
      if (v != null) {
        m.put(k, Item.Builder.toJson(v));
      }
    });
    try {
      return new Event(type, at, cause, Field.validate(type.schema(), m, type.id() + " data"));
    } catch (MalformedDataException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * A new event from name-value pairs (Java values as {@link Item.Builder#set} takes; a null value
   * leaves the field out), which must fit {@code type}'s schema: as {@link #of(EventType, long,
   * Cause, Map)} without the caller's map.
   */
  public static Event of(EventType type, long at, Cause cause, Object... namesAndValues) {
    Objects.requireNonNull(cause, "cause");
    Object[] json = namesAndValues.clone();
    for (int i = 1; i < json.length; i += 2) {
      if (json[i] != null) {
        json[i] = Item.Builder.toJson(json[i]);
      }
    }
    try {
      return new Event(type, at, cause, Field.validatePairs(type.schema(), json, type.id() + " data"));
    } catch (MalformedDataException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The type. */
  public EventType type() {
    return type;
  }

  /** When the ledger accepted the request, in milliseconds since the epoch. */
  public long at() {
    return at;
  }

  /** The signed request item that caused it. */
  public Cause cause() {
    return cause;
  }

  /** The data as canonical JSON values. */
  public Map<String, Object> data() {
    return data;
  }

  @Override
  Map<String, Object> values() {
    return data;
  }

  @Override
  String what() {
    return type.id() + " event";
  }

  /** The canonical JSON object. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new TreeMap<>();
    m.put("v", (long) VERSION);
    m.put("type", type.id());
    m.put("at", at);
    m.put("cause", cause.toJson());
    m.put("data", data);
    return m;
  }

  /** The canonical bytes: the Merkle log leaf. */
  public byte[] toBytes() {
    return bytesShared().clone();
  }

  /** The canonical bytes without a defensive copy; callers must not modify them. */
  byte[] bytesShared() {
    byte[] b = bytes;
    if (b == null) {
      // the members in canonical order, the cause from its pre-encoded parts: the same bytes as
      // CanonicalJson.write(toJson()), without building the maps
      CanonicalWriter w = new CanonicalWriter(1024);
      w.ascii("{\"at\":").integer(at).ascii(",\"cause\":");
      cause.writeTo(w);
      w.ascii(",\"data\":").value(data).ascii(",\"type\":").string(type.id()).ascii(",\"v\":").integer(VERSION)
          .ascii('}');
      b = w.toByteArray();
      bytes = b;
    }
    return b;
  }

  /** Parses an event's canonical bytes; anything else (even the same JSON formatted differently) is rejected. */
  public static Event fromBytes(byte[] leaf) throws MalformedDataException {
    Object v;
    try {
      v = CanonicalJson.parse(leaf);
    } catch (JsonFormatException e) {
      throw new MalformedDataException("an event is not valid JSON: " + e.getMessage());
    }
    return fromJson(v, leaf);
  }

  /**
   * An event from its parsed JSON (as {@link CanonicalJson#parse} gives it), e.g. inside a proof
   * bundle; its {@link #toBytes()} are the canonical encoding of {@code json}.
   */
  public static Event fromJson(Object json) throws MalformedDataException {
    return fromJson(json, null);
  }

  private static Event fromJson(Object v, byte[] leaf) throws MalformedDataException {
    if (!(v instanceof Map)) {
      throw FieldType.wrong("event", "an object", v);
    }
    Map<?, ?> m = (Map<?, ?>) v;
    for (Object k : m.keySet()) {
      if (!Arrays.asList("v", "type", "at", "cause", "data").contains(k)) {
        throw new MalformedDataException("event has the unknown member \"" + Did.printable(String.valueOf(k)) + "\"");
      }
    }
    if (!Long.valueOf(VERSION).equals(m.get("v"))) {
      throw new MalformedDataException("event.v must be " + VERSION + ", but is " + m.get("v"));
    }
    Object t = m.get("type");
    if (!(t instanceof String)) {
      throw FieldType.wrong("event.type", "a string", t);
    }
    EventType type = EventType.parse((String) t);
    long at = (Long) FieldType.NON_NEGATIVE.check("event.at", m.get("at"));
    Cause cause = Cause.fromJson(m.get("cause"), "event.cause");
    Object d = m.get("data");
    if (!(d instanceof Map)) {
      throw FieldType.wrong("event.data", "an object", d);
    }
    Event e = new Event(type, at, cause, Field.validate(type.schema(), (Map<?, ?>) d, "event.data"));
    if (!Arrays.equals(e.bytesShared(), leaf == null ? CanonicalJson.write(v) : leaf)) {
      throw new MalformedDataException("event is not in canonical form (RFC 8785)");
    }
    return e;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event && Arrays.equals(((Event) o).bytesShared(), bytesShared());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytesShared());
  }

  @Override
  public String toString() {
    return type.id() + " " + new String(CanonicalJson.write(data), StandardCharsets.UTF_8);
  }
}
