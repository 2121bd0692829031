package io.ddc.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/bundle.schema.json names exactly the members the parser requires. */
class BundleSchemaTest {
  @Test
  void schema_requiresWhatTheParserRequires() throws Exception {
    Map<?, ?> schema = (Map<?, ?>) CanonicalJson.parse(Files.readAllBytes(Path.of("..", "docs", "bundle.schema.json")));
    assertThat(strings(schema.get("required"))).containsExactlyInAnyOrder("v", "type", "ddc", "checkpoint", "mint",
        "issuer", "state", "metadata");
    Map<?, ?> props = (Map<?, ?>) schema.get("properties");
    assertThat(required(props, "mint")).containsExactlyInAnyOrder("seq", "event", "inclusion", "itemPath");
    assertThat(required(props, "issuer")).containsExactlyInAnyOrder("seq", "event", "inclusion");
    assertThat(required(props, "state")).containsExactlyInAnyOrder("leaf", "path");
    assertThat(required(props, "metadata")).containsExactlyInAnyOrder("revealed", "hidden");
    assertThat(schema.get("additionalProperties")).isEqualTo(false);
  }

  private static List<String> required(Map<?, ?> props, String name) {
    return strings(((Map<?, ?>) props.get(name)).get("required"));
  }

  private static List<String> strings(Object o) {
    List<String> out = new java.util.ArrayList<>();
    for (Object x : (List<?>) o) {
      out.add((String) x);
    }
    return out;
  }
}
