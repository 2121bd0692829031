package io.ddc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * {@link Metadata#toDisclosureJson} writes its JSON directly; it must be exactly what the generic
 * canonical writer gives for the same array of {path, salt, value} objects, for any field names
 * and values (escapes, non-ASCII, supplementary characters).
 */
class DisclosureJsonPropertyTest {
  @Property(tries = 300)
  void directWriter_equalsCanonicalJsonOfTheMaps(
      @ForAll @Size(min = 1, max = 8) List<@StringLength(max = 12) String> names,
      @ForAll @Size(min = 1, max = 8) List<@StringLength(max = 20) String> values, @ForAll long seed)
      throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      doc.put(names.get(i), values.get(i % values.size()));
    }
    Metadata m = Metadata.fromMap(doc, new java.security.SecureRandom(longBytes(seed)));
    List<Object> expected = new ArrayList<>();
    for (Metadata.Disclosed f : m.fields()) {
      Map<String, Object> o = new TreeMap<>();
      o.put("path", f.path());
      o.put("salt", f.salt().hex());
      o.put("value", f.value());
      expected.add(o);
    }
    assertThat(m.toDisclosureJson()).isEqualTo(new String(CanonicalJson.write(expected), StandardCharsets.UTF_8));
    assertThat(Metadata.fromDisclosureJson(m.toDisclosureJson()).root()).isEqualTo(m.root());
  }

  private static byte[] longBytes(long seed) {
    byte[] b = new byte[8];
    new Random(seed).nextBytes(b);
    return b;
  }
}
