package io.ddc.bench;

import io.ddc.crypto.sm.Sm3;
import io.ddc.crypto.sm.internal.ScalarSm3MultiBuffer;
import java.util.Random;
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
 * Merkle node hashing {@code SM3(0x01 ‖ left ‖ right)}: one node at a time, and a whole level
 * of 4,096 nodes (multi-buffer, scalar, Bouncy Castle). Scores are nodes per second.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar ddc-bench/target/benchmarks.jar
 * MerkleNodeBenchmark -rf json -rff merkle.json}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MerkleNodeBenchmark {
  private static final int LEVEL = 4096;

  private final byte[] children = new byte[LEVEL * 64];
  private final byte[] parents = new byte[LEVEL * 32];
  private final byte[] out = new byte[32];
  private final SM3Digest bc = new SM3Digest();

  /** Random child hashes. */
  @Setup
  public void setUp() {
    new Random(42).nextBytes(children);
  }

  /** One node with ddc's fixed-size fast path. */
  @Benchmark
  public byte[] nodeDdc() {
    Sm3.merkleNode(children, 0, children, 32, out, 0);
    return out;
  }

  /** One node with Bouncy Castle used the obvious way: update the prefix and both children. */
  @Benchmark
  public byte[] nodeBouncyCastle() {
    bc.update((byte) 0x01);
    bc.update(children, 0, 32);
    bc.update(children, 32, 32);
    bc.doFinal(out, 0);
    return out;
  }

  /**
   * A level of 4,096 nodes on the 8-lane vector path (the JVM needs {@code --add-modules
   * jdk.incubator.vector}; the library uses it only with {@code -Dddc.sm3.multibuffer=vector}).
   */
  @Benchmark
  @OperationsPerInvocation(LEVEL)
  public byte[] levelMultiBuffer() {
    VECTOR.hashEach(0x01, children, 0, 64, LEVEL, parents, 0);
    return parents;
  }

  private static final io.ddc.crypto.sm.internal.Sm3MultiBuffer VECTOR = java.util.Objects.requireNonNull(
      io.ddc.crypto.sm.internal.Sm3MultiBuffers.vectorOrNull(), "run with --add-modules jdk.incubator.vector");

  /** A level of 4,096 nodes on the scalar multi-buffer path. */
  @Benchmark
  @OperationsPerInvocation(LEVEL)
  public byte[] levelScalar() {
    ScalarSm3MultiBuffer.INSTANCE.hashEach(0x01, children, 0, 64, LEVEL, parents, 0);
    return parents;
  }

  /** A level of 4,096 nodes with Bouncy Castle, one node after another. */
  @Benchmark
  @OperationsPerInvocation(LEVEL)
  public byte[] levelBouncyCastle() {
    for (int i = 0; i < LEVEL; i++) {
      bc.update((byte) 0x01);
      bc.update(children, 64 * i, 64);
      bc.doFinal(parents, 32 * i);
    }
    return parents;
  }
}
