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
 * {@code jcs/}, Apache-2.0, source in {@code jcs/README.md}), and ddc's integer-only policy.
 */
class CanonicalJsonTest {
  static byte[] resource(String name) throws Exception {
    try (InputStream in = CanonicalJsonTest.class.getClassLoader().getResourceAsStream("jcs/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"arrays", "french", "unicode", "weird"})
  void integerOnlyVectors_matchTheExpectedBytes(String name) throws Exception {
    byte[] want = resource("output/" + name + ".json");
    assertThat(new String(CanonicalJson.canonicalize(resource("input/" + name + ".json")), StandardCharsets.UTF_8))
        .isEqualTo(new String(want, StandardCharsets.UTF_8));
    String hex = new String(resource("outhex/" + name + ".txt"), StandardCharsets.US_ASCII).replaceAll("\\s", "");
    assertThat(io.ddc.crypto.sm.Hex.encode(CanonicalJson.canonicalize(resource("input/" + name + ".json"))))
        .isEqualTo(hex);
  }

  @ParameterizedTest
  @ValueSource(strings = {"values", "structures"})
  void vectorsWithFloats_areRejectedClearly(String name) {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(resource("input/" + name + ".json")))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("only integers are allowed")
        .extracting(e -> ((JsonFormatException) e).reason())
        .isEqualTo(Reason.NOT_AN_INTEGER);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1,\"a\":2}|DUPLICATE_KEY",
      "[1.5]|NOT_AN_INTEGER",
      "[1e3]|NOT_AN_INTEGER",
      "[-0.0]|NOT_AN_INTEGER",
      "[NaN]|NOT_AN_INTEGER",
      "[9007199254740992]|INTEGER_OUT_OF_RANGE",
      "[-9007199254740992]|INTEGER_OUT_OF_RANGE",
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
