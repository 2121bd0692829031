package io.ddc.bench;

import io.ddc.bundle.Bundles;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Bundles.prove} of a DDC minted alone and of one in the middle of a request of
 * {@code items} items, in an in-memory ledger: {@code proveFromItemGroup} uses the request's kept
 * item-group roots (docs/LEDGER.md, {@code ix/items/}), {@code proveFromWholeRequest} is the same
 * DDC in a second, identical ledger whose index was removed, so the prover reads every event of
 * the request (the baseline, as before the index). {@code proveSingle} is a one-item mint.
 *
 * <p>Run: {@code java -jar ddc-bench/target/benchmarks.jar ProveBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProveBenchmark {
  @Param({"1000"})
  public int items;

  private Ledger indexed;
  private Ledger unindexed;
  private long inBatch;
  private long single;

  /** Two ledgers holding the same request of {@code items} mints and one single mint. */
  @Setup
  public void setUp() throws Exception {
    String origin = "bench.ddc.io/prove";
    Sm2PrivateKey opKey = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey pKey = Sm2PrivateKey.generate(new SecureRandom());
    Signer op = Signers.sm2(opKey);
    Signer platform = Signers.sm2(pKey);
    Did opDid = Did.of("did:bench:operator");
    Did pDid = Did.of("did:bench:platform");
    List<SignedRequest> requests = new ArrayList<>();
    requests.add(Request.builder(origin, Operation.LEDGER_INIT, opDid).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op));
    requests.add(Request.builder(origin, Operation.ACCOUNT_ADD, opDid).nonce(2)
        .item(Items.addAccount(pDid, "University", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))
        .build().sign(op));
    List<Item> batch = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      batch.add(Items.mint721(pDid, "https://example.org/d/" + i, null, "r-" + i));
    }
    SignedRequest big = Request.builder(origin, Operation.DDC721_MINT, pDid).nonce(1).items(batch).build()
        .sign(platform);
    requests.add(big);
    requests.add(Request.builder(origin, Operation.DDC721_MINT, pDid).nonce(2)
        .item(Items.mint721(pDid, null, null, "single")).build().sign(platform));
    indexed = ledger(origin, op, requests);
    unindexed = ledger(origin, op, requests);
    String key = "ix/items/" + big.header().itemsRoot().hex();
    unindexed.store().write(tx -> {
      tx.put(key, null);
      return null;
    });
    inBatch = items / 2 + 1;
    single = items + 1;
  }

  private static Ledger ledger(String origin, Signer op, List<SignedRequest> requests) throws Exception {
    Ledger l = Ledger.builder(new MemoryLedgerStore()).checkpointSigner(origin, op).open();
    for (SignedRequest r : requests) {
      l.submit(r);
    }
    l.checkpoint();
    return l;
  }

  /** A DDC in the middle of the large request, from its item group and the kept group roots. */
  @Benchmark
  public byte[] proveFromItemGroup() throws Exception {
    return Bundles.prove(indexed, inBatch);
  }

  /** The same DDC without the index: every event of the request is read (the baseline). */
  @Benchmark
  public byte[] proveFromWholeRequest() throws Exception {
    return Bundles.prove(unindexed, inBatch);
  }

  /** A DDC minted alone. */
  @Benchmark
  public byte[] proveSingle() throws Exception {
    return Bundles.prove(indexed, single);
  }
}
