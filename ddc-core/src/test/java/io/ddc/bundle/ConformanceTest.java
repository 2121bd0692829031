package io.ddc.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java verifier against the committed conformance corpus, docs/conformance/: every case must
 * give exactly its expected code. The corpus is the contract; when this fails, fix the verifier or
 * the spec, never the corpus to fit the code.
 */
class ConformanceTest {
  static final Path DIR = Path.of("..", "docs", "conformance");

  @SuppressWarnings("unchecked")
  static Map<String, Object> manifest() throws Exception {
    return (Map<String, Object>) CanonicalJson.parse(Files.readAllBytes(DIR.resolve("manifest.json")));
  }

  static Map<String, Sm2PublicKey> keys(Map<String, Object> manifest) throws Exception {
    Map<String, Sm2PublicKey> out = new TreeMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) manifest.get("keys")).entrySet()) {
      out.put((String) e.getKey(), Sm2PublicKey.fromPoint(Hex.decode((String) e.getValue())));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyCase_givesItsExpectedCode() throws Exception {
    Map<String, Object> m = manifest();
    Map<String, Sm2PublicKey> keys = keys(m);
    List<DynamicTest> tests = new ArrayList<>();
    for (Object o : (List<?>) m.get("cases")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> {
        byte[] bundle = Files.readAllBytes(DIR.resolve((String) c.get("file")));
        assertThat(ConformanceRunner.run(bundle, DIR, c, keys)).as("%s: %s", c.get("name"), c.get("description"))
            .isEqualTo(c.get("expect"));
      }));
    }
    return tests.stream();
  }

  /** Every reason code of docs/BUNDLE.md is some case's expected code, and the corpus is not trivially small. */
  @Test
  void theCorpus_coversEveryReasonCode() throws Exception {
    Set<Object> expected = new TreeSet<>();
    List<?> cases = (List<?>) manifest().get("cases");
    for (Object o : cases) {
      expected.add(((Map<?, ?>) o).get("expect"));
    }
    String spec = Files.readString(Path.of("..", "docs", "BUNDLE.md"));
    Set<String> codes = new TreeSet<>();
    java.util.regex.Matcher mt = java.util.regex.Pattern.compile("^\\| `([A-Z_]+)` \\|", java.util.regex.Pattern.MULTILINE)
        .matcher(spec);
    while (mt.find()) {
      codes.add(mt.group(1));
    }
    assertThat(codes).as("reason codes in BUNDLE.md's table").hasSizeGreaterThan(20);
    codes.remove("BAD_REQUEST_SIGNATURE_UNREACHABLE");
    assertThat(expected).containsAll(codes).contains("OK");
    assertThat(cases).hasSizeGreaterThan(300);
  }
}
