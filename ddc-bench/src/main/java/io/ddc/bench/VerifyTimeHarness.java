package io.ddc.bench;

import io.ddc.bundle.BundleVerifier;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.Sm2PublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Times {@code BundleVerifier} on the corpus bundle the browser verifier is timed on
 * ({@code examples/web-verifier: npm run bench}), for the comparison in ddc-bench/README.md. A plain
 * harness, not JMH: {@code java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.VerifyTimeHarness docs/conformance}.
 */
public final class VerifyTimeHarness {
  private VerifyTimeHarness() {}

  public static void main(String[] a) throws Exception {
    byte[] bundle = Files.readAllBytes(Path.of(a[0], "cases/valid-721-metadata.json"));
    String manifest = Files.readString(Path.of(a[0], "manifest.json"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"operator\"\\s*:\\s*\"([0-9a-f]{130})\"").matcher(manifest);
    if (!m.find()) throw new AssertionError("no operator key");
    String hex = m.group(1);
    Sm2PublicKey key = Sm2PublicKey.fromPoint(Hex.decode(hex));
    Clock now = Clock.fixed(Instant.ofEpochMilli(1_790_003_600_000L), ZoneOffset.UTC);
    BundleVerifier.Builder b = BundleVerifier.builder().trust("conformance.ddc.example/ledger", key)
        .maxAge(Duration.ofDays(30)).clock(now);
    BundleVerifier shared = b.build();
    for (int w = 0; w < 3000; w++) {
      if (!b.build().verify(bundle).valid() || !shared.verify(bundle).valid()) throw new AssertionError();
    }
    for (int round = 0; round < 3; round++) {
      int n = 2000;
      long t0 = System.nanoTime();
      for (int k = 0; k < n; k++) b.build().verify(bundle);
      long t1 = System.nanoTime();
      for (int k = 0; k < n; k++) shared.verify(bundle);
      long t2 = System.nanoTime();
      System.out.printf("round %d: fresh verifier %.3f ms/bundle, verifier that has seen the checkpoint %.3f ms/bundle%n",
          round, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n);
    }
  }
}
