package io.ddc.model;

import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The types of fields in items and events, each with its JSON form and limits (documented in
 * docs/ENCODING.md). {@link #check} turns a parsed JSON value into the canonical value kept in
 * an {@link Item} or {@link Event}, or says exactly what is wrong with it.
 */
public enum FieldType {
  /** A {@link Did} as a string. */
  DID,
  /** Text of 1 to 256 characters (names, symbols). */
  TEXT,
  /** A URI or other long text of 1 to 4096 characters. */
  URI,
  /** A client reference: 1 to 128 printable ASCII characters. */
  REF,
  /** A positive integer up to 2^53 - 1 (amounts, ids). */
  POSITIVE,
  /** A non-negative integer up to 2^53 - 1 (fees). */
  NON_NEGATIVE,
  /** A JSON boolean. */
  BOOL,
  /** A 32-byte hash as 64 lowercase hex digits. */
  HASH,
  /** Opaque bytes as lowercase hex, at most 1024 bytes. */
  DATA,
  /** A 64-byte SM2 signature r ‖ s as 128 lowercase hex digits. */
  SIGNATURE,
  /** 1 to 8 distinct SM2 public keys, each the 65-byte uncompressed point in lowercase hex. */
  KEYS,
  /** One SM2 public key: the 65-byte uncompressed point in lowercase hex. */
  KEY,
  /** A {@link Role} name. */
  ROLE,
  /** An {@link Operation} name. */
  OPERATION,
  /** A {@link DdcKind} name. */
  KIND,
  /** An {@link AccountState} name. */
  STATE,
  /** A {@link Switch} name. */
  SWITCH,
  /** Up to 16 business fields: an object of strings (keys 1 to 64, values up to 256 characters). */
  FIELDS,
  /** The allow-list: an object from role name to an array of distinct operation names. */
  PERMISSIONS;

  static final int MAX_DATA_BYTES = 1024;
  static final int MAX_KEYS = 8;

  /** The canonical value of the JSON value {@code v} of this type; {@code where} names it in errors. */
  public Object check(String where, Object v) throws MalformedDataException {
    switch (this) {
      case DID:
        return Did.parse(string(where, v)).value();
      case TEXT:
        return text(where, v, 256);
      case URI:
        return text(where, v, 4096);
      case REF: {
        String s = text(where, v, 128);
        for (int i = 0; i < s.length(); i++) {
          if (s.charAt(i) < 0x21 || s.charAt(i) > 0x7e) {
            throw new MalformedDataException(where + " must be printable ASCII without spaces, but has "
                + String.format("U+%04X", (int) s.charAt(i)) + " at " + i);
          }
        }
        return s;
      }
      case POSITIVE:
        return integer(where, v, 1);
      case NON_NEGATIVE:
        return integer(where, v, 0);
      case BOOL:
        if (!(v instanceof Boolean)) {
          throw wrong(where, "a boolean", v);
        }
        return v;
      case HASH:
        return hex(where, v, 32, 32);
      case DATA:
        return hex(where, v, 0, MAX_DATA_BYTES);
      case SIGNATURE:
        return hex(where, v, 64, 64);
      case KEYS: {
        if (!(v instanceof List)) {
          throw wrong(where, "an array of public keys", v);
        }
        List<?> l = (List<?>) v;
        if (l.isEmpty() || l.size() > MAX_KEYS) {
          throw new MalformedDataException(where + " must hold 1 to " + MAX_KEYS + " keys, but holds " + l.size());
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
          String h = key(where + "[" + i + "]", l.get(i));
          if (out.contains(h)) {
            throw new MalformedDataException(where + "[" + i + "] repeats an earlier key");
          }
          out.add(h);
        }
        return Collections.unmodifiableList(out);
      }
      case KEY:
        return key(where, v);
      case ROLE:
        return Role.parse(string(where, v)).id();
      case OPERATION:
        return Operation.parse(string(where, v)).id();
      case KIND:
        return DdcKind.parse(string(where, v)).id();
      case STATE:
        return AccountState.parse(string(where, v)).id();
      case SWITCH:
        return Switch.parse(string(where, v)).id();
      case FIELDS: {
        Map<?, ?> m = object(where, v);
        if (m.size() > 16) {
          throw new MalformedDataException(where + " holds at most 16 entries, but holds " + m.size());
        }
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String k = text(where + " key", e.getKey(), 64);
          out.put(k, text(where + "/" + k, e.getValue(), 256));
        }
        return Collections.unmodifiableMap(out);
      }
      case PERMISSIONS: {
        Map<?, ?> m = object(where, v);
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String role = Role.parse(string(where + " key", e.getKey())).id();
          if (!(e.getValue() instanceof List)) {
            throw wrong(where + "/" + role, "an array of operation names", e.getValue());
          }
          List<Object> ops = new ArrayList<>();
          for (Object o : (List<?>) e.getValue()) {
            String op = Operation.parse(string(where + "/" + role, o)).id();
            if (ops.contains(op)) {
              throw new MalformedDataException(where + "/" + role + " names " + op + " twice");
            }
            ops.add(op);
          }
          Collections.sort(ops, (a, b) -> ((String) a).compareTo((String) b));
          out.put(role, Collections.unmodifiableList(ops));
        }
        return Collections.unmodifiableMap(out);
      }
      default:
        throw new AssertionError(this);
    }
  }

  private static String string(String where, Object v) throws MalformedDataException {
    if (!(v instanceof String)) {
      throw wrong(where, "a string", v);
    }
    return (String) v;
  }

  private static String text(String where, Object v, int max) throws MalformedDataException {
    String s = string(where, v);
    if (s.isEmpty() || s.length() > max) {
      throw new MalformedDataException(where + " must be 1 to " + max + " characters, but has " + s.length());
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
        throw new MalformedDataException(where + " must not hold control characters, but has "
            + String.format("U+%04X", (int) s.charAt(i)) + " at " + i);
      }
    }
    return s;
  }

  private static Long integer(String where, Object v, long min) throws MalformedDataException {
    if (!(v instanceof Long)) {
      throw wrong(where, "an integer", v);
    }
    long x = (Long) v;
    if (x < min || x > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new MalformedDataException(where + " must be in [" + min + ", 2^53 - 1], but is " + x);
    }
    return x;
  }

  private static Object hex(String where, Object v, int minBytes, int maxBytes) throws MalformedDataException {
    String s = string(where, v);
    if (s.length() % 2 != 0 || s.length() < 2 * minBytes || s.length() > 2 * maxBytes) {
      throw new MalformedDataException(where + " must be " + (minBytes == maxBytes ? "" + 2 * minBytes
          : 2 * minBytes + " to " + 2 * maxBytes) + " hex digits, but has " + s.length());
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        throw new MalformedDataException(where + " must be lowercase hex, but has '"
            + Did.printable(String.valueOf(c)) + "' at " + i);
      }
    }
    return s;
  }

  private static Map<?, ?> object(String where, Object v) throws MalformedDataException {
    if (!(v instanceof Map)) {
      throw wrong(where, "an object", v);
    }
    return (Map<?, ?>) v;
  }

  private static String key(String where, Object v) throws MalformedDataException {
    String h = (String) hex(where, v, 65, 65);
    try {
      Sm2PublicKey.fromPoint(Hex.decode(h));
    } catch (MalformedEncodingException e) {
      throw new MalformedDataException(where + " is not an SM2 public key: " + e.getMessage());
    }
    return h;
  }

  /** An error saying {@code where} must be {@code expected} and what it is instead. */
  public static MalformedDataException wrong(String where, String expected, Object found) {
    String what = found == null ? "nothing" : found == CanonicalJson.NULL ? "null"
        : found instanceof String ? "a string" : found instanceof Long ? "an integer"
        : found instanceof Double ? "the non-integer number " + new String(CanonicalJson.write(found),
            java.nio.charset.StandardCharsets.UTF_8)
        : found instanceof Boolean ? "a boolean" : found instanceof Map ? "an object"
        : found instanceof List ? "an array" : found.getClass().getSimpleName();
    return new MalformedDataException(where + " must be " + expected + ", but is " + what);
  }
}
