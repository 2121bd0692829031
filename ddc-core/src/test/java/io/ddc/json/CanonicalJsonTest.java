package io.ddc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.json.JsonFormatException.Reason;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8785 canonical form against cyberphone/json-canonicalization's test data (test resources
 * {@code jcs/}, Apache-2.0, source in {@code jcs/README.md}), and ddc's number policy (doubles
 * within ±(2^53 - 1); integral values as Long).
 */
class CanonicalJsonTest {
  static byte[] resource(String name) throws Exception {
    try (InputStream in = CanonicalJsonTest.class.getClassLoader().getResourceAsStream("jcs/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"arrays", "french", "structures", "unicode", "weird"})
  void vectors_matchTheExpectedBytes(String name) throws Exception {
    byte[] want = resource("output/" + name + ".json");
    assertThat(new String(CanonicalJson.canonicalize(resource("input/" + name + ".json")), StandardCharsets.UTF_8))
        .isEqualTo(new String(want, StandardCharsets.UTF_8));
    String hex = new String(resource("outhex/" + name + ".txt"), StandardCharsets.US_ASCII).replaceAll("\\s", "");
    assertThat(io.ddc.crypto.sm.Hex.encode(CanonicalJson.canonicalize(resource("input/" + name + ".json"))))
        .isEqualTo(hex);
  }

  /** values.json holds 1E30, an integer beyond ±(2^53 - 1): rejected, and without it the rest matches. */
  @Test
  void valuesVector_rejectsItsHugeInteger_andMatchesWithoutIt() throws Exception {
    byte[] input = resource("input/values.json");
    assertThatThrownBy(() -> CanonicalJson.canonicalize(input))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("expected a number within ±(2^53 - 1)").hasMessageContaining("1E30")
        .extracting(e -> ((JsonFormatException) e).reason())
        .isEqualTo(Reason.INTEGER_OUT_OF_RANGE);
    String in = new String(input, StandardCharsets.UTF_8);
    String out = new String(resource("output/values.json"), StandardCharsets.UTF_8);
    assertThat(in).contains(" 1E30,");
    assertThat(out).contains("1e+30,");
    assertThat(new String(CanonicalJson.canonicalize(in.replace(" 1E30,", "").getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8)).isEqualTo(out.replace("1e+30,", ""));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1,\"a\":2}|DUPLICATE_KEY",
      "[NaN]|NOT_FINITE",
      "[Infinity]|NOT_FINITE",
      "[-Infinity]|NOT_FINITE",
      "[1e400]|NOT_FINITE",
      "[-1.7976931348623159e308]|NOT_FINITE",
      "[9007199254740992]|INTEGER_OUT_OF_RANGE",
      "[-9007199254740992]|INTEGER_OUT_OF_RANGE",
      "[18446744073709551616]|INTEGER_OUT_OF_RANGE",
      "[9007199254740992.0]|INTEGER_OUT_OF_RANGE",
      "[9007199254740991.5]|INTEGER_OUT_OF_RANGE",
      "[1e16]|INTEGER_OUT_OF_RANGE",
      "[-1.5e300]|INTEGER_OUT_OF_RANGE",
      "[1.7976931348623157e308]|INTEGER_OUT_OF_RANGE",
      "[1.]|MALFORMED_JSON",
      "[.5]|MALFORMED_JSON",
      "[+1]|MALFORMED_JSON",
      "[01]|MALFORMED_JSON",
      "[0x10]|MALFORMED_JSON",
      "[1] [2]|TRAILING_CONTENT",
      "[1,]|MALFORMED_JSON",
      "{a:1}|MALFORMED_JSON",
      "''|MALFORMED_JSON",
      "[\"\\ud800\"]|INVALID_UNICODE",
      "{\"\\udc00x\":1}|INVALID_UNICODE"})
  void rejections_carryTheirReason(String json, Reason reason) {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonFormatException.class)
        .extracting(e -> ((JsonFormatException) e).reason())
        .isEqualTo(reason);
  }

  @Test
  void emptyInput_invalidUtf8_tooDeep_tooLarge_areRejected() {
    assertThat(reason(new byte[0])).isEqualTo(Reason.MALFORMED_JSON);
    assertThat(reason(new byte[] {'[', '"', (byte) 0xc3, '"', ']'})).isEqualTo(Reason.INVALID_UNICODE);
    assertThat(reason("[".repeat(65).concat("]".repeat(65)).getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Reason.TOO_DEEP);
    assertThat(CanonicalJson.write(parse("[".repeat(64) + "]".repeat(64)))).hasSize(128);
    byte[] big = new byte[CanonicalJson.MAX_INPUT_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThat(reason(big)).isEqualTo(Reason.TOO_LARGE);
    assertThat(reason(("[\"" + "x".repeat(CanonicalJson.MAX_STRING_LENGTH + 1) + "\"]").getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void canonicalForm_sortsByUtf16_escapesMinimally_keepsIntegers() {
    Object v = parse("{ \"b\" : [ 9007199254740991, -3, 0 ], \"a\\u0000\" : \"\\u001f\\u007f\\\"é😂\", \"\\ud83d\\ude02\": null, \"\\uffff\": true }");
    assertThat(new String(CanonicalJson.write(v), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\\u0000\":\"\\u001f\u007f\\\"é😂\",\"b\":[9007199254740991,-3,0],\"😂\":null,\"\uffff\":true}");
    assertThat(CanonicalJson.write(Map.of("x", List.of(1L, CanonicalJson.NULL, false))))
        .isEqualTo("{\"x\":[1,null,false]}".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} -> {1}L")
  @CsvSource({
      "1.0, 1", "1e2, 100", "1E+2, 100", "2.50e1, 25", "-0, 0", "-0.0, 0", "0e5, 0", "-0e-5, 0",
      "1e-400, 0", "-1e-400, 0", "9007199254740991, 9007199254740991", "-9007199254740991, -9007199254740991",
      "9007199254740991.4, 9007199254740991", "90071992547409.91e2, 9007199254740991", "1e15, 1000000000000000"})
  void integralNumbers_areLongs(String literal, long expected) {
    Object v = ((List<?>) parse("[" + literal + "]")).get(0);
    assertThat(v).isInstanceOf(Long.class).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "3.85, 3.85", "3.850, 3.85", "385e-2, 3.85", "-0.1, -0.1", "5e-324, 5e-324", "2.5e-7, 2.5e-7",
      "4503599627370495.5, 4503599627370495.5", "0.30000000000000004, 0.30000000000000004",
      "123456789.123456789, 123456789.12345679"})
  void otherNumbers_areDoubles_writtenShortest(String literal, String written) {
    Object v = ((List<?>) parse("[" + literal + "]")).get(0);
    assertThat(v).isInstanceOf(Double.class).isEqualTo(Double.parseDouble(literal));
    assertThat(new String(CanonicalJson.write(v), StandardCharsets.UTF_8)).isEqualTo(written);
  }

  @Test
  void numberRejections_sayWhatWasExpectedAndFound() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":[1e400]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("expected a number within ±(2^53 - 1), but 1e400")
        .hasMessageContaining("beyond the range of a double (it reads as Infinity)");
    assertThatThrownBy(() -> CanonicalJson.parse("[-1e400]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("it reads as -Infinity");
    assertThatThrownBy(() -> CanonicalJson.parse("[NaN]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("expected a finite JSON number").hasMessageContaining("NaN");
    assertThatThrownBy(() -> CanonicalJson.parse("[1e300]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("expected a number within ±(2^53 - 1) = ±9007199254740991, but found 1e300");
    assertThatThrownBy(() -> CanonicalJson.parse("[-9007199254740992]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("but found -9007199254740992");
  }

  @Test
  void numberLiterals_overTheLengthLimit_areTooLarge() {
    String longest = "1." + "0".repeat(CanonicalJson.MAX_NUMBER_LENGTH - 2);
    assertThat(parse("[" + longest + "]")).isEqualTo(List.of(1L));
    assertThat(reason(("[" + longest + "0]").getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.TOO_LARGE);
    String longInteger = "1".repeat(CanonicalJson.MAX_NUMBER_LENGTH + 1);
    assertThat(reason(("[" + longInteger + "]").getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.TOO_LARGE);
  }

  /** parse(write(d)) == d for doubles in range, from random bit patterns and from short decimals. */
  @Test
  void parseWriteParse_isIdentity_forDoublesInRange() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(20261129);
    int checked = 0;
    while (checked < 50_000) {
      double d = checked % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong())
          : rnd.nextLong(-1_000_000_000, 1_000_000_000) / Math.pow(10, rnd.nextInt(12));
      if (!Double.isFinite(d) || Math.abs(d) > CanonicalJson.MAX_SAFE_INTEGER) {
        continue;
      }
      byte[] written = CanonicalJson.write(List.of(d));
      Object back = ((List<?>) parse(new String(written, StandardCharsets.UTF_8))).get(0);
      if (d == Math.rint(d)) {
        assertThat(back).as("%s", d).isEqualTo((long) d);
      } else {
        assertThat(back).as("%s", d).isEqualTo(d);
      }
      assertThat(CanonicalJson.write(List.of(back))).isEqualTo(written);
      checked++;
    }
  }

  private static Object parse(String json) {
    try {
      return CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (JsonFormatException e) {
      throw new AssertionError(e);
    }
  }

  private static Reason reason(byte[] json) {
    try {
      CanonicalJson.canonicalize(json);
      return null;
    } catch (JsonFormatException e) {
      return e.reason();
    }
  }
}
