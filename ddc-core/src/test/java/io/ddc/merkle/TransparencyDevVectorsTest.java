package io.ddc.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every inclusion and consistency probe of transparency-dev/merkle's golden test data (SHA-256)
 * behaves as its {@code wantErr} says. Source and licence: test resources {@code merkle/SOURCE.md}.
 */
class TransparencyDevVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TreeHasher SHA256 = TreeHasher.sha256();

  static List<Path> probes(String kind) throws IOException, URISyntaxException {
    Path root = Paths.get(TransparencyDevVectorsTest.class.getClassLoader()
        .getResource("merkle/transparency-dev-merkle/testdata/" + kind).toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
  }

  static byte[] b64(JsonNode n) {
    return n == null || n.isNull() ? null : Base64.getDecoder().decode(n.asText());
  }

  static List<byte[]> proof(JsonNode n) {
    List<byte[]> out = new ArrayList<>();
    if (n != null && !n.isNull()) {
      n.forEach(h -> out.add(b64(h)));
    }
    return out;
  }

  interface Check {
    void run(JsonNode probe) throws ProofException;
  }

  /** Runs every probe of one kind and returns those whose outcome differs from wantErr. */
  static List<String> mismatches(String kind, int expectedCount, Check check) throws Exception {
    List<Path> files = probes(kind);
    assertThat(files).hasSize(expectedCount);
    List<String> wrong = new ArrayList<>();
    for (Path f : files) {
      JsonNode v = JSON.readTree(f.toFile());
      boolean failed = false;
      try {
        check.run(v);
      } catch (ProofException e) {
        failed = true;
      }
      if (failed != v.get("wantErr").asBoolean()) {
        wrong.add(f.getParent().getFileName() + "/" + f.getFileName());
      }
    }
    return wrong;
  }

  @Test
  void inclusionProbes_behaveAsWantErrSays() throws Exception {
    assertThat(mismatches("inclusion", 98, v -> MerkleProofs.verifyInclusion(SHA256,
        v.get("leafIdx").asLong(), v.get("treeSize").asLong(), b64(v.get("leafHash")),
        proof(v.get("proof")), b64(v.get("root"))))).isEmpty();
  }

  @Test
  void consistencyProbes_behaveAsWantErrSays() throws Exception {
    assertThat(mismatches("consistency", 98, v -> MerkleProofs.verifyConsistency(SHA256,
        v.get("size1").asLong(), v.get("size2").asLong(), proof(v.get("proof")),
        b64(v.get("root1")), b64(v.get("root2"))))).isEmpty();
  }
}
