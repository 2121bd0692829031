package io.ddc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON Lines reader of {@code ddc batch-mint} under the fuzzing harness: every mutated line
 * either parses or is a usage error (exit 2) naming the line, quickly and in bounded memory.
 */
class BatchLineFuzzTest {
  @Test
  void batchMintLines_giveOnlyDocumentedOutcomes() throws Exception {
    BatchMintCommand cmd = new BatchMintCommand();
    cmd.in = Path.of("lines.jsonl");
    List<byte[]> seeds = List.of(
        "{\"ref\":\"d-1\",\"to\":\"did:ddc:alice\",\"uri\":\"https://x/1\",\"metadata\":{\"name\":\"A\",\"gpa\":385}}"
            .getBytes(StandardCharsets.UTF_8),
        "{\"ref\":\"d-2\",\"to\":\"did:ddc:bob\",\"amount\":10,\"locked\":true}".getBytes(StandardCharsets.UTF_8));
    Fuzz.Spec spec = new Fuzz.Spec("batch-line", seeds, List.of(CliException.class), in -> {
      try {
        cmd.parse(1, new String(in, StandardCharsets.UTF_8));
        return "ok";
      } catch (CliException e) {
        assertThat(e.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(e.getMessage()).startsWith("lines.jsonl line 1");
        throw e;
      }
    });
    Fuzz.Report r = Fuzz.run(spec, Duration.ofSeconds(Long.getLong("ddc.fuzz.seconds", 5)), 20261129L);
    System.out.println("fuzz " + r);
    assertThat(r.findings).extracting(f -> f.kind() + ": " + f.detail()).isEmpty();
    assertThat(r.outcomes.size()).isGreaterThan(3);
  }
}
