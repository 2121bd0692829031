package io.ddc.bench;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.publish.Publisher;
import io.ddc.sign.Signers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Publish rate: a SQLite ledger of EVENTS events, made here, published from scratch into an empty
 * directory (entries/s); then a rerun with nothing new, and 1,000 more events published
 * incrementally.
 *
 * <p>Run: {@code java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.PublishRateHarness EVENTS}
 * (default 1,000,000).
 */
public final class PublishRateHarness {
  private PublishRateHarness() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("ddc-publish-rate");
    SecureRandom random = new SecureRandom();
    Sm2PrivateKey opKey = Sm2PrivateKey.generate(random);
    Sm2PrivateKey pKey = Sm2PrivateKey.generate(random);
    try (Ledger ledger = Ledger.builder(JdbcLedgerStore.sqlite(dir.resolve("ddc.db")))
        .checkpointSigner(ServeLoadHarness.ORIGIN, Signers.sm2(opKey)).open()) {
      long t0 = System.nanoTime();
      ServeLoadHarness.fill(ledger, opKey, pKey, events);
      ledger.checkpoint();
      System.out.printf("ledger of %d events made in %.1f s%n", ledger.size(), (System.nanoTime() - t0) / 1e9);
      long t1 = System.nanoTime();
      Publisher.Result r = Publisher.publish(ledger, dir.resolve("log"));
      double s = (System.nanoTime() - t1) / 1e9;
      System.out.printf("published from scratch: %d events, %d tiles, %d entry bundles in %.2f s: %.0f entries/s%n",
          r.size(), r.tiles(), r.bundles(), s, r.size() / s);
      System.out.printf("published size on disk: %.1f MB%n", du(dir.resolve("log")) / 1e6);
      long t2 = System.nanoTime();
      Publisher.Result again = Publisher.publish(ledger, dir.resolve("log"));
      System.out.printf("rerun with nothing new: %d tiles written in %.3f s%n", again.tiles(),
          (System.nanoTime() - t2) / 1e9);
      long requests = (events - 3 + 999) / 1_000;
      ServeLoadHarness.mint(ledger, pKey, requests + 1, 1_000);
      ledger.checkpoint();
      long t3 = System.nanoTime();
      Publisher.Result more = Publisher.publish(ledger, dir.resolve("log"));
      System.out.printf("1,000 more events: %d tiles, %d entry bundles written in %.3f s%n", more.tiles(),
          more.bundles(), (System.nanoTime() - t3) / 1e9);
    }
  }

  private static long du(Path p) throws Exception {
    try (var s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
