package io.ddc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ddc.json.JsonFormatException.Reason;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) under ddc's number policy.
 *
 * <p>The canonical form: no white space; object members sorted by their names' UTF-16 code
 * units; strings with only {@code "}, {@code \}, and control characters escaped (as
 * {@code \b \t \n \f \r} or <code>&#92;u00xx</code>); literals as is; numbers as ECMAScript
 * writes them (RFC 8785 §3.2.2.3).
 *
 * <p>Numbers. A number literal of at most {@value #MAX_NUMBER_LENGTH} characters is read as an
 * IEEE-754 double, rounding to nearest as ECMAScript's {@code JSON.parse} does, and accepted if
 * that double's magnitude is at most {@value #MAX_SAFE_INTEGER} (2^53 - 1), so every accepted value
 * means the same in every JSON implementation. An integral value ({@code 7}, {@code 1.0},
 * {@code 1e2}, {@code -0}) is returned as a {@code Long} ({@code -0} as {@code 0}); any other as a
 * {@code Double} ({@code 3.85}). A literal that underflows reads as 0, as in ECMAScript:
 * {@code 1e-400} is {@code 0L}. Rejected: an integral value beyond ±(2^53 - 1) in any notation
 * ({@code 9007199254740992}, {@code 1e300}) with {@link JsonFormatException.Reason#INTEGER_OUT_OF_RANGE};
 * a literal beyond the double range ({@code 1e400}) with
 * {@link JsonFormatException.Reason#NOT_FINITE}, as are the non-JSON tokens {@code NaN} and
 * {@code Infinity}; a longer literal with {@link JsonFormatException.Reason#TOO_LARGE}.
 * {@code Long}s are written in decimal, {@code Double}s with the shortest digits that read back as
 * the same double, as ECMAScript's {@code Number.prototype.toString} ({@code 3.85}, {@code 1e-7},
 * {@code 5e-324}); a written number parses back to the same value (within the range above).
 *
 * <p>Also rejected, each with its {@link JsonFormatException.Reason}: invalid UTF-8 and lone
 * surrogates, duplicate member names, nesting deeper than {@value #MAX_DEPTH}, input over
 * {@value #MAX_INPUT_BYTES} bytes, strings over {@value #MAX_STRING_LENGTH} characters, and
 * anything after the top-level value.
 */
public final class CanonicalJson {
  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 64;
  /** Largest input accepted, in bytes. */
  public static final int MAX_INPUT_BYTES = 1 << 20;
  /** Longest string accepted, in characters. */
  public static final int MAX_STRING_LENGTH = 1 << 16;
  /** Largest number magnitude accepted: 2^53 - 1, the largest integer every double-based reader holds exactly. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
  /** Longest number literal accepted, in characters (a double never needs more than 25). */
  public static final int MAX_NUMBER_LENGTH = 64;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .build())
      .build();

  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of the JSON text {@code utf8}. */
  public static byte[] canonicalize(byte[] utf8) throws JsonFormatException {
    return write(parse(utf8));
  }

  /**
   * Parses JSON under ddc's policy into plain Java values: {@code Map<String, Object>} (sorted,
   * unmodifiable), {@code List<Object>}, {@code String}, {@code Long} (integral numbers),
   * {@code Double} (all other numbers), {@code Boolean}, and {@link #NULL} for null.
   */
  public static Object parse(byte[] utf8) throws JsonFormatException {
    if (utf8.length > MAX_INPUT_BYTES) {
      throw new JsonFormatException(Reason.TOO_LARGE,
          "JSON is " + utf8.length + " bytes, at most " + MAX_INPUT_BYTES + " accepted");
    }
    try (JsonParser p = FACTORY.createParser(utf8)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new JsonFormatException(Reason.MALFORMED_JSON, "the input holds no JSON value");
      }
      Object value = read(p, first);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw new JsonFormatException(Reason.TRAILING_CONTENT, "content follows the JSON value at "
            + location(p) + ": " + extra);
      }
      return value;
    } catch (StreamConstraintsException e) {
      String m = e.getOriginalMessage();
      Reason r = m.contains("depth") ? Reason.TOO_DEEP : Reason.TOO_LARGE;
      throw new JsonFormatException(r, m);
    } catch (CharConversionException e) {
      throw new JsonFormatException(Reason.INVALID_UNICODE, "invalid UTF-8: " + e.getMessage());
    } catch (JsonParseException e) {
      String m = e.getOriginalMessage();
      if (m.startsWith("Duplicate field")) {
        throw new JsonFormatException(Reason.DUPLICATE_KEY, m + " at " + e.getLocation().offsetDescription());
      }
      if (m.contains("Invalid UTF-8") || m.contains("surrogate")) {
        throw new JsonFormatException(Reason.INVALID_UNICODE, m);
      }
      if (m.contains("Non-standard token") || m.contains("NaN") || m.contains("Infinity")) {
        throw new JsonFormatException(Reason.NOT_FINITE, "expected a finite JSON number, but found a"
            + " non-standard token (JSON has no NaN or Infinity): " + m);
      }
      throw new JsonFormatException(Reason.MALFORMED_JSON, m + " at " + e.getLocation().offsetDescription());
    } catch (IOException e) {
      throw new JsonFormatException(Reason.MALFORMED_JSON, e.getMessage());
    }
  }

  /** The JSON null, as a value that can sit in maps and lists. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static Object read(JsonParser p, JsonToken t) throws IOException, JsonFormatException {
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new TreeMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          checkString(name, p);
          if (map.put(name, read(p, p.nextToken())) != null) {
            throw new JsonFormatException(Reason.DUPLICATE_KEY, "Duplicate field '" + name + "' at "
                + p.currentLocation().offsetDescription());
          }
        }
        return java.util.Collections.unmodifiableSortedMap((TreeMap<String, Object>) map);
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
          list.add(read(p, v));
        }
        return java.util.Collections.unmodifiableList(list);
      }
      case VALUE_STRING: {
        String s = p.getText();
        checkString(s, p);
        return s;
      }
      case VALUE_NUMBER_INT:
        return integer(p);
      case VALUE_NUMBER_FLOAT:
        return number(p);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new JsonFormatException(Reason.MALFORMED_JSON, "unexpected " + t + " at " + location(p));
    }
  }

  /** An integer literal (no fraction, no exponent): the hot path, kept free of BigInteger and doubles. */
  private static Long integer(JsonParser p) throws IOException, JsonFormatException {
    JsonParser.NumberType type = p.getNumberType();
    if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
      long v = p.getLongValue();
      if (v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER) {
        return v;
      }
    }
    throw outOfRange(p);
  }

  /**
   * A literal with a fraction or an exponent, read as the nearest double (as ECMAScript does): a
   * {@code Long} if that double is integral, else a {@code Double}.
   */
  private static Object number(JsonParser p) throws IOException, JsonFormatException {
    if (p.getTextLength() > MAX_NUMBER_LENGTH) {
      throw new JsonFormatException(Reason.TOO_LARGE, "expected a number literal of at most "
          + MAX_NUMBER_LENGTH + " characters, but found one of " + p.getTextLength() + " at " + location(p));
    }
    double d = Double.parseDouble(p.getText());
    if (Double.isInfinite(d)) {
      throw new JsonFormatException(Reason.NOT_FINITE, "expected a number within ±(2^53 - 1), but "
          + p.getText() + " at " + location(p) + " is beyond the range of a double (it reads as "
          + (d > 0 ? "" : "-") + "Infinity)");
    }
    if (Math.abs(d) > MAX_SAFE_INTEGER) {
      throw outOfRange(p);
    }
    long integral = (long) d;
    return integral == d ? (Object) integral : (Object) d;
  }

  private static JsonFormatException outOfRange(JsonParser p) throws IOException {
    return new JsonFormatException(Reason.INTEGER_OUT_OF_RANGE, "expected a number within ±(2^53 - 1)"
        + " = ±9007199254740991, but found " + p.getText() + " at " + location(p));
  }

  private static void checkString(String s, JsonParser p) throws JsonFormatException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new JsonFormatException(Reason.INVALID_UNICODE, String.format(
            "a string holds the lone surrogate U+%04X at %s", (int) c, location(p)));
      }
    }
  }

  private static String location(JsonParser p) {
    return p.currentLocation().offsetDescription();
  }

  /**
   * The canonical UTF-8 bytes of a value made of the types {@link #parse} returns. A {@code Double}
   * is written as ECMAScript writes it, even outside the range {@link #parse} accepts.
   *
   * @throws IllegalArgumentException for a value of another type, or a NaN or infinite double
   */
  public static byte[] write(Object value) {
    return new CanonicalWriter().value(value).toByteArray();
  }

  /**
   * A value already in canonical form, written verbatim: lets a large shared part (a request
   * header repeated in thousands of events) be encoded once. The caller vouches that
   * {@code canonicalJson} is the output of {@link #write}.
   */
  public static Object raw(String canonicalJson) {
    return new Raw(canonicalJson);
  }

  static final class Raw {
    private final String json;
    private final byte[] bytes;

    Raw(String json) {
      this.json = java.util.Objects.requireNonNull(json, "json");
      this.bytes = json.getBytes(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      return bytes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Raw && ((Raw) o).json.equals(json);
    }

    @Override
    public int hashCode() {
      return json.hashCode();
    }

    @Override
    public String toString() {
      return json;
    }
  }
}
