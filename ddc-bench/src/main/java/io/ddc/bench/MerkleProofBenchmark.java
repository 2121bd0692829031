package io.ddc.bench;

import io.ddc.merkle.ConsistencyProof;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.InclusionProof;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.ProofException;
import io.ddc.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Proofs in a tree of 10^7 leaves held in tiles: generation (microseconds per proof, random
 * index and sizes) and verification (proofs per second).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Xmx8g -jar
 * ddc-bench/target/benchmarks.jar MerkleProofBenchmark -rf json -rff proofs.json}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
public class MerkleProofBenchmark {
  static final long SIZE = 10_000_000L;

  private MerkleLog log;
  private final List<InclusionProof> inclusion = new ArrayList<>();
  private final List<byte[]> inclusionLeaves = new ArrayList<>();
  private final List<ConsistencyProof> consistency = new ArrayList<>();
  private final List<byte[][]> consistencyRoots = new ArrayList<>();
  private SplittableRandom random;
  private int next;

  /** Builds the tree (about a minute) and a pool of proofs to verify. */
  @Setup
  public void setUp() {
    log = MerkleLog.open(TreeHasher.sm3(), new InMemoryTileStore(), 0);
    SplittableRandom r = new SplittableRandom(5);
    List<byte[]> batch = new ArrayList<>(100_000);
    for (long i = 0; i < SIZE; i++) {
      byte[] e = new byte[64];
      r.nextBytes(e);
      batch.add(e);
      if (batch.size() == 100_000) {
        log.appendAll(batch);
        batch.clear();
      }
    }
    random = new SplittableRandom(6);
    for (int i = 0; i < 1024; i++) {
      long index = random.nextLong(SIZE);
      inclusion.add(log.inclusionProof(index, SIZE));
      inclusionLeaves.add(log.leafHash(index));
      long m = random.nextLong(1, SIZE);
      consistency.add(log.consistencyProof(m, SIZE));
      consistencyRoots.add(new byte[][] {log.root(m), log.root()});
    }
  }

  /** Generates the inclusion proof of a random leaf in the full tree. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public InclusionProof generateInclusion() {
    return log.inclusionProof(random.nextLong(SIZE), SIZE);
  }

  /** Generates a consistency proof from a random earlier size to the full tree. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ConsistencyProof generateConsistency() {
    return log.consistencyProof(random.nextLong(1, SIZE), SIZE);
  }

  /** Verifies an inclusion proof (24 hashes). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int verifyInclusion() throws ProofException {
    int i = next++ & 1023;
    inclusion.get(i).verify(TreeHasher.sm3(), inclusionLeaves.get(i), consistencyRoots.get(i)[1]);
    return i;
  }

  /** Verifies a consistency proof. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int verifyConsistency() throws ProofException {
    int i = next++ & 1023;
    consistency.get(i).verify(TreeHasher.sm3(), consistencyRoots.get(i)[0], consistencyRoots.get(i)[1]);
    return i;
  }
}
