package io.ddc.bench;

import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TileStore;
import io.ddc.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the root of 2^20 leaves of 256 bytes: ddc's {@link MerkleLog} in one batch (level by
 * level, multi-buffer, on all cores) and leaf by leaf, against a straightforward recursive
 * RFC 9162 build on Bouncy Castle's {@code SM3Digest}. Scores are leaves per second.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Xmx8g -jar
 * ddc-bench/target/benchmarks.jar MerkleTreeBenchmark -rf json -rff tree.json}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
public class MerkleTreeBenchmark {
  static final int LEAVES = 1 << 20;

  private List<byte[]> leaves;

  /** 2^20 random 256-byte leaves. */
  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    leaves = new ArrayList<>(LEAVES);
    for (int i = 0; i < LEAVES; i++) {
      byte[] b = new byte[256];
      r.nextBytes(b);
      leaves.add(b);
    }
  }

  /** A store that keeps nothing: the benchmark measures hashing, not storage. */
  static final class DiscardingStore implements TileStore {
    @Override
    public byte[] readTile(int level, long index) {
      return new byte[0];
    }

    @Override
    public void writeTiles(List<Tile> tiles) {}
  }

  /** ddc: one batch of 2^20 leaves; hashing spread over all cores. */
  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public byte[] ddcBatchAllCores() {
    MerkleLog log = MerkleLog.open(TreeHasher.sm3(), new InMemoryTileStore(), 0);
    log.appendAll(leaves);
    return log.root();
  }

  /** ddc: one batch at a time of 8,192 leaves, which stays on the calling thread. */
  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public byte[] ddcBatchesSingleThread() {
    MerkleLog log = MerkleLog.open(TreeHasher.sm3(), new InMemoryTileStore(), 0);
    for (int i = 0; i < LEAVES; i += 8192) {
      log.appendAll(leaves.subList(i, i + 8192));
    }
    return log.root();
  }

  /** A straightforward RFC 9162 build: recursive MTH with Bouncy Castle's SM3Digest. */
  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public byte[] bouncyCastleRecursive() {
    return mth(new SM3Digest(), leaves, 0, LEAVES);
  }

  private static byte[] mth(SM3Digest d, List<byte[]> leaves, int from, int to) {
    byte[] out = new byte[32];
    if (to - from == 1) {
      d.update((byte) 0);
      byte[] e = leaves.get(from);
      d.update(e, 0, e.length);
      d.doFinal(out, 0);
      return out;
    }
    int k = Integer.highestOneBit(to - from - 1);
    byte[] left = mth(d, leaves, from, from + k);
    byte[] right = mth(d, leaves, from + k, to);
    d.update((byte) 1);
    d.update(left, 0, 32);
    d.update(right, 0, 32);
    d.doFinal(out, 0);
    return out;
  }
}
