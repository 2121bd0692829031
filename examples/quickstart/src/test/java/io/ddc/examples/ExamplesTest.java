package io.ddc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example's {@code main} and checks what it prints; keeps README.md's code block in step with Quickstart. */
class ExamplesTest {
  interface Main {
    void run() throws Exception;
  }

  static synchronized String output(Main main) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickstart_verifiesTwice(@TempDir Path dir) throws Exception {
    String out = output(() -> Quickstart.main(new String[] {dir.resolve("ddc.db").toString()}));
    assertThat(out).startsWith("VALID\n").contains("METADATA               PASSED  2 field(s) revealed, 1 hidden");
    assertThat(out.split("VALID\n", -1)).hasSize(3);
    assertThat(dir.resolve("ddc.db")).exists();
  }

  @Test
  void amounts() throws Exception {
    String out = output(() -> AmountsExample.main(new String[0]));
    assertThat(out).contains("after the transfer: {did:example:alice=70, did:example:bob=30}")
        .contains("after Alice burns hers: {did:example:bob=30}");
  }

  @Test
  void fees() throws Exception {
    String out = output(() -> FeesExample.main(new String[0]));
    assertThat(out).contains("mint 1 paid; the university has 3 points").contains("mint 2 paid; the university has 1 points")
        .contains("mint 3 rejected: INSUFFICIENT_FEE").contains("collected for DDC-721: 4");
  }

  @Test
  void relayedRequest() throws Exception {
    String out = output(() -> RelayedRequestExample.main(new String[0]));
    assertThat(out).contains("now belongs to did:example:bob").contains("replayed: BAD_NONCE");
  }

  @Test
  void postgresLedger_fromADataSource() throws Exception {
    String url = System.getenv("DDC_PG_URL");
    if (url == null || url.isBlank()) {
      assertThat(System.getenv("CI")).as("CI=true needs DDC_PG_URL (.ci/postgres.sh)").isNotEqualTo("true");
      Assumptions.abort("no PostgreSQL: set DDC_PG_URL");
    }
    String out = output(() -> PostgresLedgerExample.main(new String[] {url}));
    assertThat(out).contains("node 1 sees 2 events written by two nodes; points 10")
        .contains("pg.ddc.example/ledger checkpoint at size 2");
  }

  @Test
  void externalSigner_withOpenSsl() throws Exception {
    String out = output(() -> ExternalSignerExample.main(new String[0]));
    if (out.startsWith("no openssl")) {
      assertThat(System.getenv("CI")).as("CI=true needs openssl with SM2").isNotEqualTo("true");
      Assumptions.abort(out);
    }
    assertThat(out).contains("two requests signed by openssl, accepted by the engine; points 7");
  }

  /** README.md's Java block is Quickstart's code between its README markers, so it always compiles and runs. */
  @Test
  void readmeCodeBlock_isTheQuickstart() throws Exception {
    String source = Files.readString(Path.of("src/main/java/io/ddc/examples/Quickstart.java"));
    String region = source.substring(source.indexOf("// README:begin\n") + "// README:begin\n".length(),
        source.indexOf("    // README:end"));
    String readme = Files.readString(Path.of("../../README.md"));
    int start = readme.indexOf("```java\n") + "```java\n".length();
    String block = readme.substring(start, readme.indexOf("```\n", start));
    assertThat(unindent(block)).isEqualTo(unindent(region));
  }

  private static String unindent(String s) {
    StringBuilder out = new StringBuilder();
    String[] lines = s.split("\n");
    int min = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        min = Math.min(min, l.length() - l.stripLeading().length());
      }
    }
    for (String l : lines) {
      out.append(l.isBlank() ? "" : l.substring(min)).append('\n');
    }
    return out.toString().strip();
  }
}
