package io.ddc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.json.JsonFormatException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What PIT found untested in {@link CanonicalJson}: the input limit at its edge, a non-standard
 * token that names neither NaN nor Infinity, a lone surrogate in a member name, where the messages
 * point, escaping after an unescaped prefix, maps that are not naturally sorted, Integers, the
 * values {@code write} refuses, and {@link CanonicalJson#raw}.
 */
class CanonicalJsonMutationTest {
  static String write(Object v) {
    return new String(CanonicalJson.write(v), StandardCharsets.UTF_8);
  }

  static JsonFormatException rejected(String json) {
    try {
      CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (JsonFormatException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void anInputOfExactlyMaxBytes_isParsed() throws Exception {
    byte[] json = ("7" + " ".repeat(CanonicalJson.MAX_INPUT_BYTES - 1)).getBytes(StandardCharsets.US_ASCII);
    assertThat(json.length).isEqualTo(CanonicalJson.MAX_INPUT_BYTES);
    assertThat(CanonicalJson.parse(json)).isEqualTo(7L);
    JsonFormatException e = rejected("7" + " ".repeat(CanonicalJson.MAX_INPUT_BYTES));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.getMessage()).isEqualTo("JSON is 1048577 bytes, at most 1048576 accepted");
  }

  @Test
  void jacksonsOtherNonStandardNumberTokens_andTokensStartingLikeNaNOrInfinity_areNotFinite() {
    for (String t : new String[] {"[-INF]", "[+INF]", "[+Infinity]", "[NaN]", "[NaNa]", "[Infinityx]"}) {
      JsonFormatException e = rejected(t);
      assertThat(e.reason()).as("%s: %s", t, e.getMessage()).isEqualTo(Reason.NOT_FINITE);
      assertThat(e.getMessage()).startsWith("expected a finite JSON number, but found a non-standard token");
    }
  }

  @Test
  void aLoneSurrogate_inAMemberName_orAtTheEndOfAString_isRefused_andThePositionIsGiven() {
    JsonFormatException end = rejected("[\"a\\ud83d\"]");
    assertThat(end.reason()).isEqualTo(Reason.INVALID_UNICODE);
    assertThat(end.getMessage()).isEqualTo("a string holds the lone surrogate U+D83D at line: 1, column: 11");
    // in a member name Jackson (2.23) refuses it first ("Unexpected low surrogate in field name")
    for (String name : new String[] {"{\"a\\udc00\":1}", "{\"\\ud800x\":1}", "{\"\\ud800\":1}"}) {
      assertThat(rejected(name).reason()).as(name).isEqualTo(Reason.INVALID_UNICODE);
    }
    JsonFormatException trailing = rejected("[1] [2]");
    assertThat(trailing.reason()).isEqualTo(Reason.TRAILING_CONTENT);
    assertThat(trailing.getMessage()).isEqualTo("content follows the JSON value at line: 1, column: 6: START_ARRAY");
  }

  @Test
  void escapes_followAnUnescapedPrefix_andOnlyControlCharactersAreEscapedAsU00xx() {
    assertThat(write("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(write("a\\b")).isEqualTo("\"a\\\\b\"");
    assertThat(write("a\nb\tc\u0001")).isEqualTo("\"a\\nb\\tc\\u0001\"");
    assertThat(write("\" a\u001f\u0020\u007f")).isEqualTo("\"\\\" a\\u001f \u007f\"");
    assertThat(write("\b\f\r")).isEqualTo("\"\\b\\f\\r\"");
    assertThat(write("plain é")).isEqualTo("\"plain é\"");
  }

  @Test
  void mapsAreWrittenInNaturalKeyOrder_whateverTheirOwnOrder() {
    Map<String, Object> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.put("a", 1L);
    reversed.put("b", 2L);
    assertThat(write(reversed)).isEqualTo("{\"a\":1,\"b\":2}");
    Map<String, Object> inserted = new LinkedHashMap<>();
    inserted.put("z", true);
    inserted.put("m", CanonicalJson.NULL);
    inserted.put("a", List.of());
    assertThat(write(inserted)).isEqualTo("{\"a\":[],\"m\":null,\"z\":true}");
    assertThat(write(Map.of("n", 7, "d", 2.5))).as("an Integer is written as a number").isEqualTo("{\"d\":2.5,\"n\":7}");
  }

  @Test
  void write_refusesJavaNullAndOtherTypes() {
    assertThatThrownBy(() -> CanonicalJson.write(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a canonical JSON value: Java null (use CanonicalJson.NULL)");
    assertThatThrownBy(() -> CanonicalJson.write(List.of(new java.math.BigDecimal("1.5"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a canonical JSON value: java.math.BigDecimal");
    assertThat(CanonicalJson.NULL).hasToString("null");
  }

  @Test
  void raw_isWrittenVerbatim_andEqualByItsText() {
    Object raw = CanonicalJson.raw("{\"h\":[1,2]}");
    assertThat(write(List.of(raw, 3L))).isEqualTo("[{\"h\":[1,2]},3]");
    assertThat(raw).isEqualTo(CanonicalJson.raw("{\"h\":[1,2]}")).hasSameHashCodeAs(CanonicalJson.raw("{\"h\":[1,2]}"))
        .isNotEqualTo(CanonicalJson.raw("{\"h\":[1]}")).isNotEqualTo("{\"h\":[1,2]}").hasToString("{\"h\":[1,2]}");
    assertThat(raw.hashCode()).isEqualTo("{\"h\":[1,2]}".hashCode());
  }
}
