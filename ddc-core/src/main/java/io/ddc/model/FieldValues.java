package io.ddc.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed reads of schema-checked canonical values, shared by {@link Item} and {@link Event}. The
 * values were validated when the object was built, so a wrong type here is a bug, not bad input.
 */
abstract class FieldValues {
  /** The validated values, sorted by name. */
  abstract Map<String, Object> values();

  /** What the values belong to, for messages. */
  abstract String what();

  /** A required DID field. */
  public Did did(String name) {
    return Did.of((String) require(name));
  }

  /** An optional DID field. */
  public Optional<Did> optDid(String name) {
    Object v = values().get(name);
    return v == null ? Optional.empty() : Optional.of(Did.of((String) v));
  }

  /** A required string field (text, URI, reference, or an enum's wire name). */
  public String string(String name) {
    return (String) require(name);
  }

  /** An optional string field. */
  public Optional<String> optString(String name) {
    return Optional.ofNullable((String) values().get(name));
  }

  /** A required integer field. */
  public long number(String name) {
    return (Long) require(name);
  }

  /** An optional integer field. */
  public OptionalLong optNumber(String name) {
    Object v = values().get(name);
    return v == null ? OptionalLong.empty() : OptionalLong.of((Long) v);
  }

  /** A boolean field, {@code false} when absent. */
  public boolean flag(String name) {
    return Boolean.TRUE.equals(values().get(name));
  }

  /** An optional hash field. */
  public Optional<Hash> optHash(String name) {
    Object v = values().get(name);
    return v == null ? Optional.empty() : Optional.of(Item.hash((String) v));
  }

  /** The raw canonical value of {@code name}, or null. */
  public Object raw(String name) {
    return values().get(name);
  }

  private Object require(String name) {
    Object v = values().get(name);
    if (v == null) {
      throw new IllegalStateException(what() + " has no field " + name);
    }
    return v;
  }
}
