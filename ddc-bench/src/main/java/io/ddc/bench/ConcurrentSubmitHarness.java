package io.ddc.bench;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Single signed requests (one DDC-721 mint each, signed by the client beforehand) submitted by one
 * thread, then by two threads of two platforms, to a fresh ledger each round: requests per second
 * and the ratio two/one in the same run. The append lock serialises the rules and the writes; the
 * signature checks run before it (Engine.preverify), so two submitters overlap them.
 *
 * <p>Run: {@code java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.ConcurrentSubmitHarness
 * STORE REQUESTS ROUNDS} where STORE is {@code memory} or {@code sqlite}.
 */
public final class ConcurrentSubmitHarness {
  static final String ORIGIN = "concurrent.ddc.io/ledger";

  private ConcurrentSubmitHarness() {}

  public static void main(String[] args) throws Exception {
    String store = args[0];
    int requests = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    SecureRandom random = new SecureRandom();
    Sm2PrivateKey opKey = Sm2PrivateKey.generate(random);
    List<Sm2PrivateKey> keys = List.of(Sm2PrivateKey.generate(random), Sm2PrivateKey.generate(random));
    for (int round = 0; round <= rounds; round++) {
      double one = run(store, opKey, keys, 1, requests);
      double two = run(store, opKey, keys, 2, requests);
      System.out.printf("%s round %d: one submitter %.0f/s, two submitters %.0f/s, ratio %.2f%s%n", store, round,
          one, two, two / one, round == 0 ? " (warm-up)" : "");
    }
  }

  /** Requests per second of {@code threads} submitters, {@code requests} in all. */
  static double run(String kind, Sm2PrivateKey opKey, List<Sm2PrivateKey> keys, int threads, int requests)
      throws Exception {
    Path dir = Files.createTempDirectory("ddc-concurrent");
    try (LedgerStore store = kind.equals("memory") ? new MemoryLedgerStore()
        : JdbcLedgerStore.sqlite(dir.resolve("ddc.db"));
        Ledger ledger = Ledger.builder(store).open()) {
      Signer op = Signers.sm2(opKey);
      Did opDid = Did.of("did:c:operator");
      ledger.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, opDid).nonce(1)
          .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op));
      List<Did> platforms = List.of(Did.of("did:c:p0"), Did.of("did:c:p1"));
      for (int p = 0; p < 2; p++) {
        ledger.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(2 + p)
            .item(Items.addAccount(platforms.get(p), "P" + p, Role.PLATFORM, null,
                keys.get(p).publicKey().toUncompressed())).build().sign(op));
      }
      List<Did> holders = List.of(Did.of("did:c:alice"), Did.of("did:c:bob"));
      for (int p = 0; p < 2; p++) {
        ledger.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(4 + p)
            .item(Items.addAccount(holders.get(p), "Holder " + p, Role.CONSUMER, platforms.get(p),
                keys.get(p).publicKey().toUncompressed())).build().sign(op));
      }
      List<List<SignedRequest>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Signer s = Signers.sm2(keys.get(t));
        List<SignedRequest> mine = new ArrayList<>();
        for (int i = 0; i < requests / threads; i++) {
          mine.add(Request.builder(ORIGIN, Operation.DDC721_MINT, platforms.get(t)).nonce(i + 1)
              .item(Items.mint721(holders.get(t), null, null, "r" + t + "-" + i)).build().sign(s));
        }
        work.add(mine);
      }
      CountDownLatch start = new CountDownLatch(1);
      AtomicReference<Throwable> failed = new AtomicReference<>();
      List<Thread> ts = new ArrayList<>();
      for (List<SignedRequest> mine : work) {
        Thread th = new Thread(() -> {
          try {
            start.await();
            for (SignedRequest r : mine) {
              ledger.submit(r);
            }
          } catch (Throwable e) {
            failed.compareAndSet(null, e);
          }
        });
        th.start();
        ts.add(th);
      }
      long t0 = System.nanoTime();
      start.countDown();
      for (Thread th : ts) {
        th.join();
      }
      long nanos = System.nanoTime() - t0;
      if (failed.get() != null) {
        throw new IllegalStateException("a submitter failed", failed.get());
      }
      return (requests / threads) * threads / (nanos / 1e9);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
