package io.ddc.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes RFC 8785 canonical JSON straight into UTF-8 bytes: what {@link CanonicalJson#write}
 * uses, and what encoders of fixed shapes (an event, a state row) use to write their known parts
 * as pre-encoded bytes and only the varying values through {@link #value}.
 *
 * <p>Not thread-safe; reusable after {@link #reset}. The caller of {@link #raw} and {@link #ascii}
 * vouches that what it adds is canonical; everything else is encoded here.
 */
public final class CanonicalWriter {
  private byte[] buf;
  private int len;

  /** A writer with room for {@code capacity} bytes before it grows. */
  public CanonicalWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** A writer with a small initial buffer. */
  public CanonicalWriter() {
    this(256);
  }

  /** Empties the writer, keeping its buffer. */
  public CanonicalWriter reset() {
    len = 0;
    return this;
  }

  /** The number of bytes written. */
  public int size() {
    return len;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void room(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  /** Appends bytes already in canonical form (e.g. a pre-encoded member or value), verbatim. */
  public CanonicalWriter raw(byte[] canonical) {
    room(canonical.length);
    System.arraycopy(canonical, 0, buf, len, canonical.length);
    len += canonical.length;
    return this;
  }

  /**
   * Appends an ASCII token verbatim, such as {@code ,"data":}; the caller vouches that it is ASCII
   * and canonical.
   */
  public CanonicalWriter ascii(String token) {
    int n = token.length();
    room(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) token.charAt(i);
    }
    return this;
  }

  /** Appends one ASCII character, such as a comma or a brace. */
  public CanonicalWriter ascii(char c) {
    room(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** Appends an integer in decimal, as ECMAScript writes it. */
  public CanonicalWriter integer(long v) {
    if (v == Long.MIN_VALUE) {
      return ascii(Long.toString(v));
    }
    room(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    // digits least significant first, then reversed: int arithmetic once the value fits
    int start = len;
    while (v > Integer.MAX_VALUE) {
      long q = v / 10;
      buf[len++] = (byte) ('0' + (int) (v - q * 10));
      v = q;
    }
    int i = (int) v;
    while (i >= 10) {
      int q = i / 10;
      buf[len++] = (byte) ('0' + (i - q * 10));
      i = q;
    }
    buf[len++] = (byte) ('0' + i);
    for (int a = start, b = len - 1; a < b; a++, b--) {
      byte t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
    return this;
  }

  /** Appends {@code s} as a JSON string: quoted, with only {@code "}, {@code \} and control characters escaped. */
  public CanonicalWriter string(String s) {
    int n = s.length();
    room(n + 2);
    buf[len++] = '"';
    int i = 0;
    // the common case: printable ASCII, one byte per character
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        break;
      }
      buf[len++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        room(1);
        buf[len++] = (byte) c;
      } else if (c < 0x80) {
        escape(c);
      } else if (c < 0x800) {
        room(2);
        buf[len++] = (byte) (0xc0 | c >> 6);
        buf[len++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        room(4);
        buf[len++] = (byte) (0xf0 | cp >> 18);
        buf[len++] = (byte) (0x80 | cp >> 12 & 0x3f);
        buf[len++] = (byte) (0x80 | cp >> 6 & 0x3f);
        buf[len++] = (byte) (0x80 | cp & 0x3f);
      } else if (Character.isSurrogate(c)) {
        // a lone surrogate has no UTF-8 form; written as '?', as String.getBytes(UTF_8) does
        // (parse never returns one)
        room(1);
        buf[len++] = '?';
      } else {
        room(3);
        buf[len++] = (byte) (0xe0 | c >> 12);
        buf[len++] = (byte) (0x80 | c >> 6 & 0x3f);
        buf[len++] = (byte) (0x80 | c & 0x3f);
      }
    }
    room(1);
    buf[len++] = '"';
    return this;
  }

  private void escape(char c) {
    switch (c) {
      case '"':
        ascii("\\\"");
        break;
      case '\\':
        ascii("\\\\");
        break;
      case '\b':
        ascii("\\b");
        break;
      case '\t':
        ascii("\\t");
        break;
      case '\n':
        ascii("\\n");
        break;
      case '\f':
        ascii("\\f");
        break;
      case '\r':
        ascii("\\r");
        break;
      default:
        ascii(String.format("\\u%04x", (int) c));
    }
  }

  /**
   * Appends any value of the types {@link CanonicalJson#parse} returns (also {@code Integer}s and
   * {@link CanonicalJson#raw} values), objects with their members sorted.
   *
   * @throws IllegalArgumentException for a value of another type, or a NaN or infinite double
   */
  public CanonicalWriter value(Object v) {
    if (v instanceof String) {
      string((String) v);
    } else if (v instanceof Long || v instanceof Integer) {
      integer(((Number) v).longValue());
    } else if (v instanceof Map) {
      object((Map<?, ?>) v);
    } else if (v instanceof List) {
      ascii('[');
      boolean first = true;
      for (Object o : (List<?>) v) {
        if (!first) {
          ascii(',');
        }
        first = false;
        value(o);
      }
      ascii(']');
    } else if (v instanceof Boolean) {
      ascii((Boolean) v ? "true" : "false");
    } else if (v == CanonicalJson.NULL) {
      ascii("null");
    } else if (v instanceof CanonicalJson.Raw) {
      raw(((CanonicalJson.Raw) v).bytes());
    } else if (v instanceof Double) {
      ascii(EcmaScriptNumber.format((Double) v));
    } else {
      throw new IllegalArgumentException("not a canonical JSON value: "
          + (v == null ? "Java null (use CanonicalJson.NULL)" : v.getClass().getName()));
    }
    return this;
  }

  private void object(Map<?, ?> m) {
    ascii('{');
    if (m instanceof SortedMap && ((SortedMap<?, ?>) m).comparator() == null) {
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          ascii(',');
        }
        first = false;
        member((String) e.getKey(), e.getValue());
      }
    } else {
      // sorted by UTF-16 code units (String.compareTo), as RFC 8785 §3.2.3 orders names
      String[] names = new String[m.size()];
      int i = 0;
      for (Object k : m.keySet()) {
        names[i++] = (String) k;
      }
      Arrays.sort(names);
      for (i = 0; i < names.length; i++) {
        if (i > 0) {
          ascii(',');
        }
        member(names[i], m.get(names[i]));
      }
    }
    ascii('}');
  }

  private void member(String name, Object value) {
    string(name);
    ascii(':');
    value(value);
  }

  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }
}
