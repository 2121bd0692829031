package io.ddc.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * About a minute of fuzzing on every build (5 s per target, a fixed seed per day so a failure
 * reproduces the same day; {@code -Dddc.fuzz.seconds} changes the time per target), then every saved
 * finding replayed as a regression case.
 */
class FuzzTest {
  @Test
  void everyReader_givesOnlyDocumentedOutcomes_quicklyAndInBoundedMemory() throws Exception {
    long seconds = Long.getLong("ddc.fuzz.seconds", 5);
    long seed = Long.getLong("ddc.fuzz.seed", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay());
    List<Fuzz.Finding> findings = new ArrayList<>();
    long inputs = 0;
    for (Fuzz.Spec s : Fuzz.specs()) {
      Fuzz.Report r = Fuzz.run(s, Duration.ofSeconds(seconds), seed ^ s.name().hashCode());
      System.out.println("fuzz " + r);
      assertThat(r.outcomes.size()).as("%s: mutations reach more than one outcome", s.name()).isGreaterThan(1);
      inputs += r.inputs;
      findings.addAll(r.findings);
    }
    Fuzz.save(findings, Path.of("target/fuzz-findings"));
    assertThat(findings).as("findings (seed %s; inputs saved in target/fuzz-findings)", seed)
        .extracting(f -> f.target() + " " + f.kind() + ": " + f.detail()).isEmpty();
    assertThat(inputs).isGreaterThan(1000);
  }

  /**
   * Each file under src/test/resources/fuzz/TARGET/ once was a finding; it must now give a documented
   * outcome within the time and allocation budget of a fuzzed input ({@link Fuzz#measure}).
   */
  @Test
  void savedFindings_areRegressionCases() throws Exception {
    URL dir = FuzzTest.class.getResource("/fuzz");
    assertThat(dir).as("src/test/resources/fuzz exists (with its README)").isNotNull();
    int replayed = 0;
    for (Fuzz.Spec s : Fuzz.specs()) {
      Path d = Path.of(dir.toURI()).resolve(s.name());
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".bin")).toList()) {
          byte[] input = Files.readAllBytes(p);
          Fuzz.Measured m = Fuzz.measure(s, input);
          if (!m.findings().isEmpty()) {
            m = Fuzz.measure(s, input); // once more, warm: a first run may pay for class loading and compilation
          }
          assertThat(m.findings()).as("%s/%s (%s)", s.name(), p.getFileName(), m.outcome())
              .extracting(f -> f.kind() + ": " + f.detail()).isEmpty();
          replayed++;
        }
      }
    }
    System.out.println("fuzz regression cases replayed: " + replayed);
  }

  static byte[] read(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
