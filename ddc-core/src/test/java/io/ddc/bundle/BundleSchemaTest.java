package io.ddc.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.json.CanonicalJson;
import io.ddc.model.MalformedDataException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docs/bundle.schema.json and the parser agree: every member the schema requires, at the top and
 * in each nested object, is one whose absence the parser rejects, every member of a valid bundle is
 * in the schema, and an unknown member is rejected where the schema forbids additional ones.
 */
class BundleSchemaTest {
  @Test
  void schema_andParser_agree() throws Exception {
    Map<?, ?> schema = (Map<?, ?>) CanonicalJson.parse(Files.readAllBytes(Path.of("..", "docs", "bundle.schema.json")));
    Map<String, Object> valid;
    try (InputStream in = BundleSchemaTest.class.getResourceAsStream("/bundle/valid.json")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> v = (Map<String, Object>) CanonicalJson.parse(in.readAllBytes());
      valid = v;
    }
    Bundle.parse(CanonicalJson.write(valid));
    assertThat(schema.get("additionalProperties")).isEqualTo(false);
    checkObject(valid, null, schema, "bundle");
    Map<?, ?> props = (Map<?, ?>) schema.get("properties");
    int nested = 0;
    for (Object name : props.keySet()) {
      Map<?, ?> sub = (Map<?, ?>) props.get(name);
      if ("object".equals(sub.get("type")) && sub.containsKey("required") && valid.containsKey(name)) {
        assertThat(sub.get("additionalProperties")).as(String.valueOf(name)).isEqualTo(false);
        checkObject(valid, (String) name, sub, (String) name);
        nested++;
      }
    }
    assertThat(nested).as("nested objects checked").isEqualTo(4);
  }

  private static void checkObject(Map<String, Object> valid, String member, Map<?, ?> schema, String where) {
    Map<?, ?> obj = member == null ? valid : (Map<?, ?>) valid.get(member);
    List<?> required = (List<?>) schema.get("required");
    Map<?, ?> props = (Map<?, ?>) schema.get("properties");
    for (Object k : obj.keySet()) {
      assertThat(props.containsKey(k)).as(where + " member " + k + " is in the schema").isTrue();
    }
    for (Object k : props.keySet()) {
      Map<String, Object> copy = withMember(valid, member, m -> m.remove(k));
      boolean rejected = rejects(copy);
      assertThat(rejected).as(where + "." + k + " is required by the schema exactly when the parser needs it")
          .isEqualTo(required.contains(k));
    }
    assertThat(rejects(withMember(valid, member, m -> m.put("unknown", 1L)))).as(where + " rejects unknown members")
        .isTrue();
  }

  private static Map<String, Object> withMember(Map<String, Object> valid, String member,
      java.util.function.Consumer<Map<Object, Object>> change) {
    Map<String, Object> copy = new TreeMap<>(valid);
    Map<Object, Object> target = new TreeMap<>();
    if (member == null) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> top = (Map<Object, Object>) (Map<?, ?>) copy;
      change.accept(top);
      return copy;
    }
    ((Map<?, ?>) valid.get(member)).forEach(target::put);
    change.accept(target);
    copy.put(member, target);
    return copy;
  }

  private static boolean rejects(Map<String, Object> bundle) {
    try {
      Bundle.parse(CanonicalJson.write(bundle));
      return false;
    } catch (MalformedDataException | Bundle.UnsupportedVersionException e) {
      return true;
    }
  }
}
