package io.ddc.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One named, typed field of an item or event schema. */
record Field(String name, FieldType type, boolean required) {
  static Field req(String name, FieldType type) {
    return new Field(name, type, true);
  }

  static Field opt(String name, FieldType type) {
    return new Field(name, type, false);
  }

  /**
   * Checks {@code raw} against {@code schema}: every required field present, no unknown field,
   * every value of its type. Returns the canonical values, sorted by name.
   */
  static Map<String, Object> validate(List<Field> schema, Map<?, ?> raw, String where)
      throws MalformedDataException {
    Map<String, Object> out = new TreeMap<>();
    for (Object k : raw.keySet()) {
      if (!(k instanceof String) || !known(schema, (String) k)) {
        throw new MalformedDataException(where + " has the unknown field \"" + Did.printable(String.valueOf(k))
            + "\"; expected " + names(schema));
      }
    }
    for (Field f : schema) {
      Object v = raw.get(f.name);
      if (v == null) {
        if (f.required) {
          throw new MalformedDataException(where + " lacks the required field \"" + f.name + "\"");
        }
        continue;
      }
      out.put(f.name, f.type.check(where + "." + f.name, v));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * As {@link #validate}, for values given as name-value pairs (already canonical JSON values; a
   * null value means the field is absent), without building an intermediate map.
   */
  static Map<String, Object> validatePairs(List<Field> schema, Object[] namesAndValues, String where)
      throws MalformedDataException {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs, but " + namesAndValues.length
          + " were given");
    }
    TreeMap<String, Object> out = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      Object v = namesAndValues[i + 1];
      if (v == null) {
        continue;
      }
      Field f = field(schema, name);
      if (f == null) {
        throw new MalformedDataException(where + " has the unknown field \"" + Did.printable(name) + "\"; expected "
            + names(schema));
      }
      if (out.put(name, f.type.check(where + "." + name, v)) != null) {
        throw new IllegalArgumentException(where + " names the field \"" + name + "\" twice");
      }
    }
    for (Field f : schema) {
      if (f.required && !out.containsKey(f.name)) {
        throw new MalformedDataException(where + " lacks the required field \"" + f.name + "\"");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Field field(List<Field> schema, String name) {
    for (Field f : schema) {
      if (f.name.equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static boolean known(List<Field> schema, String name) {
    for (Field f : schema) {
      if (f.name.equals(name)) {
        return true;
      }
    }
    return false;
  }

  static String names(List<Field> schema) {
    StringBuilder sb = new StringBuilder();
    for (Field f : schema) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.name).append(f.required ? "" : "?");
    }
    return "{" + sb + "}";
  }
}
