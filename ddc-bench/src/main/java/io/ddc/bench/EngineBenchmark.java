package io.ddc.bench;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.engine.DdcRegistry;
import io.ddc.engine.Engine;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.KvState;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.Hash;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.sign.SigningUnavailableException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine throughput with signature verification on, in memory. Scores are DDCs minted per
 * second: {@code singleMint} checks one signed one-item mint request ({@code Engine.process}, which
 * is pure, against a fixed state); {@code batchMint10k} one signed request of 10,000 items;
 * {@code batchMint10kSubmit} the same through {@code DdcRegistry.submit}, which also appends the
 * 10,000 events to the SM3 Merkle log and applies them to the in-memory state. The baselines
 * {@code sm2VerifyOnly} (one signature check) and {@code encodeEventsOnly} (the events' canonical
 * JSON) show where the time goes.
 *
 * <p>Run: {@code java -jar ddc-bench/target/benchmarks.jar EngineBenchmark -rf json -rff engine.json}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
  static final String LEDGER = "bench.ddc.io/ledger";
  static final int BATCH = 10_000;

  private final Engine engine = Engine.create();
  private Signer operator;
  private Signer platform;
  private Did operatorDid;
  private Did platformDid;
  private Did aliceDid;
  private List<SignedRequest> setup;
  private KvState state;
  private SignedRequest single;
  private SignedRequest batch;
  private DdcRegistry fresh;
  private List<Event> batchEvents;
  private io.ddc.sign.Verifier verifier;

  /** A ledger with an Operator, a platform and a consumer; the mint requests, signed once. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Sm2PrivateKey opKey = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey pKey = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey aKey = Sm2PrivateKey.generate(new SecureRandom());
    operator = Signers.sm2(opKey);
    platform = Signers.sm2(pKey);
    operatorDid = Did.of("did:bench:operator");
    platformDid = Did.of("did:bench:platform");
    aliceDid = Did.of("did:bench:alice");
    setup = List.of(
        sign(operatorDid, 1, operator, Operation.LEDGER_INIT,
            List.of(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed())))),
        sign(operatorDid, 2, operator, Operation.ACCOUNT_ADD,
            List.of(Items.addAccount(platformDid, "University", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))),
        sign(operatorDid, 3, operator, Operation.ACCOUNT_ADD,
            List.of(Items.addAccount(aliceDid, "Alice", Role.CONSUMER, platformDid, aKey.publicKey().toUncompressed()))));
    DdcRegistry reg = newRegistry();
    state = DdcRegistry.replay(reg.events(0, reg.log().size()));
    Hash root = Hash.of(new byte[32]);
    single = sign(platformDid, 1, platform, Operation.DDC721_MINT,
        List.of(Items.mint721(aliceDid, "https://example.org/d/1", root, "ref-1")));
    List<Item> items = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      items.add(Items.mint721(aliceDid, "https://example.org/d/" + i, root, "ref-" + i));
    }
    batch = sign(platformDid, 1, platform, Operation.DDC721_MINT, items);
    batchEvents = engine.process(state, batch, 1L);
    verifier = Signers.sm2(pKey.publicKey());
  }

  /** A fresh registry for each submission of the batch (excluded from the measurement). */
  @Setup(Level.Invocation)
  public void freshRegistry() throws RequestRejectedException {
    fresh = newRegistry();
  }

  private DdcRegistry newRegistry() throws RequestRejectedException {
    DdcRegistry reg = DdcRegistry.inMemory();
    for (SignedRequest r : setup) {
      reg.submit(r);
    }
    return reg;
  }

  private static SignedRequest sign(Did actor, long nonce, Signer s, Operation op, List<Item> items)
      throws SigningUnavailableException {
    return Request.builder(LEDGER, op, actor).nonce(nonce).items(items).build().sign(s);
  }

  /** One signed single-item mint, checked by the engine: DDCs/s. */
  @Benchmark
  public List<Event> singleMint() throws RequestRejectedException {
    return engine.process(state, single, 1L);
  }

  /** One signed request of 10,000 mints, checked by the engine: DDCs/s. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<Event> batchMint10k() throws RequestRejectedException {
    return engine.process(state, batch, 1L);
  }

  /** The same batch submitted: engine, Merkle log append and state update: DDCs/s. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object batchMint10kSubmit() throws RequestRejectedException {
    return fresh.submit(batch);
  }

  /** Baseline: one SM2 signature check of the single request's header. */
  @Benchmark
  public boolean sm2VerifyOnly() {
    return verifier.isValid(single.header().signingBytes(), single.signature());
  }

  /** Baseline: the canonical JSON of the batch's 10,000 events: events/s. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int encodeEventsOnly() {
    int n = 0;
    for (Event e : batchEvents) {
      n += io.ddc.json.CanonicalJson.write(e.toJson()).length;
    }
    return n;
  }
}
