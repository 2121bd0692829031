package io.ddc.bench;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.Bundles;
import io.ddc.bundle.VerificationReport;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A SQLite ledger grown to N events (DDC-721 mints in batches of 1,000), printing the heap after
 * a GC every 10^6 events (the state lives in the file, not in memory), then p50 and p99 latencies
 * of an inclusion proof, a state proof, a DDC lookup and a whole {@code Bundles.prove} at random
 * positions, and the size of a 20-field certificate's proof bundle at that scale.
 *
 * <p>Run: {@code java -Xmx1g -cp ddc-bench/target/benchmarks.jar io.ddc.bench.LedgerScaleHarness FILE N}
 * (an existing FILE of at least N events is reused: only the latencies are measured).
 */
public final class LedgerScaleHarness {
  private LedgerScaleHarness() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    String origin = "scale.ddc.io/ledger";
    Sm2PrivateKey opKey = Sm2PrivateKey.fromScalar(io.ddc.crypto.sm.Sm3.hash(new byte[] {1}));
    Sm2PrivateKey pKey = Sm2PrivateKey.fromScalar(io.ddc.crypto.sm.Sm3.hash(new byte[] {2}));
    Signer op = Signers.sm2(opKey);
    Signer platform = Signers.sm2(pKey);
    Did opDid = Did.of("did:scale:operator");
    Did pDid = Did.of("did:scale:platform");
    boolean fresh = !Files.exists(file);
    try (LedgerStore store = JdbcLedgerStore.sqlite(file)) {
      Ledger ledger = Ledger.builder(store).checkpointSigner(origin, op).checkpointEvery(1_000_000).open();
      if (fresh) {
        ledger.submit(Request.builder(origin, Operation.LEDGER_INIT, opDid).nonce(1)
            .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op));
        ledger.submit(Request.builder(origin, Operation.ACCOUNT_ADD, opDid).nonce(2)
            .item(Items.addAccount(pDid, "Platform", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))
            .build().sign(op));
      }
      long t0 = System.nanoTime();
      long start = ledger.size();
      long nextReport = (start / 1_000_000 + 1) * 1_000_000;
      while (ledger.size() < n) {
        long nonce = ledger.state().nextNonce(pDid);
        List<Item> items = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
          items.add(Items.mint721(pDid, null, null, null));
        }
        ledger.submit(Request.builder(origin, Operation.DDC721_MINT, pDid).nonce(nonce).items(items).build()
            .sign(platform));
        if (ledger.size() >= nextReport) {
          System.gc();
          Runtime rt = Runtime.getRuntime();
          System.out.printf("%,d events, %.0f events/s, heap after GC %.1f MB, file %.2f GB%n", ledger.size(),
              (ledger.size() - start) / ((System.nanoTime() - t0) / 1e9),
              (rt.totalMemory() - rt.freeMemory()) / 1e6, Files.size(file) / 1e9);
          nextReport += 1_000_000;
        }
      }
      long size = ledger.size();
      long ddcs = ledger.state().latestDdcId();
      Random rnd = new Random(1);
      int samples = 10_000;
      long[] incl = new long[samples];
      long[] stat = new long[samples];
      long[] look = new long[samples];
      for (int pass = 0; pass < 2; pass++) { // the first pass warms up; the second's times are reported
        for (int i = 0; i < samples; i++) {
          long seq = (long) (rnd.nextDouble() * size);
          long id = 1 + (long) (rnd.nextDouble() * ddcs);
          long a = System.nanoTime();
          ledger.snapshot(x -> x.inclusionProof(seq, size));
          long b = System.nanoTime();
          ledger.snapshot(x -> x.stateProof(id));
          long c = System.nanoTime();
          ledger.state().ddc(id).orElseThrow();
          long d = System.nanoTime();
          incl[i] = b - a;
          stat[i] = c - b;
          look[i] = d - c;
        }
      }
      System.out.printf("%,d events, %,d DDCs; %d random samples (second pass):%n", size, ddcs, samples);
      report("inclusion proof", incl);
      report("state proof", stat);
      report("DDC lookup", look);
      // Bundles.prove of random DDCs (each minted in a 1,000-item request; no metadata kept)
      int proofs = 2_000;
      long[] prove = new long[proofs];
      for (int pass = 0; pass < 2; pass++) { // the first pass warms up; the second's times are reported
        for (int i = 0; i < proofs; i++) {
          long id = 1 + (long) (rnd.nextDouble() * ddcs);
          long a = System.nanoTime();
          Bundles.prove(ledger, id);
          prove[i] = System.nanoTime() - a;
        }
      }
      report("Bundles.prove", prove);
      bundleAtScale(ledger, origin, pDid, platform, opKey);
    }
  }

  /** Mints a 20-field certificate into the grown ledger and reports its bundle's size and verification. */
  static void bundleAtScale(Ledger ledger, String origin, Did pDid, Signer platform, Sm2PrivateKey opKey)
      throws Exception {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 20; i++) {
      json.append(i == 0 ? "" : ",").append("\"field").append(i).append("\":\"value of field ").append(i).append('"');
    }
    Metadata m = Metadata.create(json.append('}').toString().getBytes(StandardCharsets.UTF_8), new SecureRandom());
    long id = ledger.submit(Request.builder(origin, Operation.DDC721_MINT, pDid)
        .nonce(ledger.state().nextNonce(pDid)).item(Items.mint721(pDid, "https://example.org/d/1", m.root(), null))
        .build().sign(platform)).mintedIds().get(0);
    ledger.putMetadata(id, m);
    byte[] bundle = Bundles.prove(ledger, id);
    VerificationReport r = BundleVerifier.builder().trust(origin, opKey.publicKey())
        .maxAge(java.time.Duration.ofDays(30)).build().verify(bundle);
    System.out.printf("bundle of a 20-field certificate (DDC %,d) in a log of %,d events: %,d bytes; %s%n", id,
        ledger.size(), bundle.length, r.toString().lines().findFirst().orElse(""));
  }

  static void report(String what, long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    System.out.printf("  %-16s p50 %,8.1f µs   p99 %,8.1f µs%n", what, s[s.length / 2] / 1e3,
        s[(int) (s.length * 0.99)] / 1e3);
  }
}
