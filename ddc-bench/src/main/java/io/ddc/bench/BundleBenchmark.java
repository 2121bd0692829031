package io.ddc.bench;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.Bundles;
import io.ddc.bundle.VerificationReport;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline bundle verification of a 20-field certificate against the bare SM2 verification rate, in
 * one run: {@code verifyFresh} checks the checkpoint signature every time (a new verifier),
 * {@code verifySharedCheckpoint} reuses a verifier that has seen the checkpoint (two bundles of one
 * checkpoint cost one checkpoint signature check), {@code parseOnly} is the JSON parse alone and
 * {@code sm2VerifyOnly} one SM2 verification.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar ddc-bench/target/benchmarks.jar BundleBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BundleBenchmark {
  private byte[] bundle;
  private List<io.ddc.crypto.sm.Sm2PublicKey> trusted;
  private String trustedOrigin;
  private BundleVerifier shared;
  private Verifier sm2;
  private byte[] message;
  private byte[] signature;

  /** A ledger with one 20-field certificate, its bundle, and a signature to verify. */
  @Setup
  public void setUp() throws Exception {
    String origin = "bench.ddc.io/ledger";
    Sm2PrivateKey opKey = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey pKey = Sm2PrivateKey.generate(new SecureRandom());
    Signer op = Signers.sm2(opKey);
    Signer platform = Signers.sm2(pKey);
    Did opDid = Did.of("did:bench:operator");
    Did pDid = Did.of("did:bench:platform");
    Ledger ledger = Ledger.builder(new MemoryLedgerStore()).checkpointSigner(origin, op).open();
    ledger.submit(Request.builder(origin, Operation.LEDGER_INIT, opDid).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op));
    ledger.submit(Request.builder(origin, Operation.ACCOUNT_ADD, opDid).nonce(2)
        .item(Items.addAccount(pDid, "University", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))
        .build().sign(op));
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 20; i++) {
      json.append(i == 0 ? "" : ",").append("\"field").append(i).append("\":\"value of field ").append(i).append('"');
    }
    Metadata m = Metadata.create(json.append('}').toString().getBytes(StandardCharsets.UTF_8), new SecureRandom());
    long id = ledger.submit(Request.builder(origin, Operation.DDC721_MINT, pDid).nonce(1)
        .item(Items.mint721(pDid, "https://example.org/d/1", m.root(), "r-1")).build().sign(platform))
        .mintedIds().get(0);
    ledger.putMetadata(id, m);
    bundle = Bundles.prove(ledger, id);
    trusted = List.of(opKey.publicKey());
    trustedOrigin = origin;
    shared = fresh();
    sm2 = Signers.sm2(pKey.publicKey());
    message = new byte[300];
    signature = platform.sign(message);
    if (!shared.verify(bundle).valid()) {
      throw new IllegalStateException("the benchmark bundle does not verify");
    }
  }

  /** A bundle checked by a verifier that has not seen its checkpoint: two SM2 checks. */
  @Benchmark
  public VerificationReport verifyFresh() {
    return fresh().verify(bundle);
  }

  /** A bundle checked by a verifier that has verified its checkpoint before: one SM2 check. */
  @Benchmark
  public VerificationReport verifySharedCheckpoint() {
    return shared.verify(bundle);
  }

  private BundleVerifier fresh() {
    return BundleVerifier.builder().trust(trustedOrigin, trusted.get(0)).maxAge(Duration.ofDays(30)).build();
  }

  /** Baseline: the JSON parse alone. */
  @Benchmark
  public Object parseOnly() throws Exception {
    return CanonicalJson.parse(bundle);
  }

  /** Baseline: one SM2 signature verification. */
  @Benchmark
  public boolean sm2VerifyOnly() {
    return sm2.isValid(message, signature);
  }

  /** Prints the bundle size (run with {@code java -cp benchmarks.jar io.ddc.bench.BundleBenchmark}). */
  public static void main(String[] args) throws Exception {
    BundleBenchmark b = new BundleBenchmark();
    b.setUp();
    System.out.println("bundle of a 20-field certificate: " + b.bundle.length + " bytes");
  }
}
