package io.ddc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The byte writer against a plain reference (escape as RFC 8785 says, then String.getBytes). */
class CanonicalWriterTest {
  /** RFC 8785 §3.2.2.2 string escaping, written the obvious way. */
  private static byte[] reference(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\b': sb.append("\\b"); break;
        case '\t': sb.append("\\t"); break;
        case '\n': sb.append("\\n"); break;
        case '\f': sb.append("\\f"); break;
        case '\r': sb.append("\\r"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 3000)
  void stringsMatchTheReference(@ForAll String s) {
    assertThat(new CanonicalWriter().string(s).toByteArray()).isEqualTo(reference(s));
  }

  @Test
  void everyKindOfCharacter() {
    for (String s : List.of("", "plain", "quote\" back\\slash", "\u0000\u0001\u001f\b\t\n\f\r", "é ü",
        "\u4e2d\u6587", "\ud83d\ude00 emoji", "lone \ud800 high", "lone \udc00 low", "end \ud83d", "\u007f\u0080\u07ff\u0800\uffff")) {
      assertThat(new CanonicalWriter(1).string(s).toByteArray()).as(s).isEqualTo(reference(s));
    }
  }

  @Property(tries = 2000)
  void integersAsJavaWritesThem(@ForAll long v) {
    assertThat(new String(new CanonicalWriter(1).integer(v).toByteArray(), StandardCharsets.US_ASCII))
        .isEqualTo(Long.toString(v));
  }

  @Test
  void objectsAreSortedWhateverTheMapType() throws Exception {
    Map<String, Object> linked = new LinkedHashMap<>();
    linked.put("b", 1L);
    linked.put("a", List.of(true, false, CanonicalJson.NULL, 2.5, "x"));
    linked.put("\u00e9", Map.of("z", 1, "y", 2));
    linked.put("A", CanonicalJson.raw("{\"k\":0}"));
    String expected = "{\"A\":{\"k\":0},\"a\":[true,false,null,2.5,\"x\"],\"b\":1,\"\u00e9\":{\"y\":2,\"z\":1}}";
    assertThat(new String(CanonicalJson.write(linked), StandardCharsets.UTF_8)).isEqualTo(expected);
    TreeMap<String, Object> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
    reversed.putAll(linked);
    assertThat(new String(CanonicalJson.write(reversed), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(CanonicalJson.write(CanonicalJson.parse(expected.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rejectsWhatIsNotJson() {
    assertThatThrownBy(() -> CanonicalJson.write(new Object())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a canonical JSON value: java.lang.Object");
    assertThatThrownBy(() -> CanonicalJson.write(java.util.Arrays.asList("a", null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Java null");
    assertThatThrownBy(() -> CanonicalJson.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetReusesTheBuffer() {
    CanonicalWriter w = new CanonicalWriter(4);
    w.ascii("{\"a\":").value(12345678901L).ascii('}');
    assertThat(w.toString()).isEqualTo("{\"a\":12345678901}");
    assertThat(w.reset().size()).isZero();
    assertThat(w.string("x").toString()).isEqualTo("\"x\"");
  }
}
