package io.ddc.bench;

import io.ddc.crypto.sm.Sm3;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SM3Digest;
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
 * Hashing throughput of ddc's SM3 against Bouncy Castle's {@code SM3Digest} and the JDK's
 * SHA-256 on the same inputs, in one run.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar ddc-bench/target/benchmarks.jar
 * Sm3Benchmark -rf json -rff sm3.json}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Sm3Benchmark {
  /** Message length in bytes: 64 B, 65 B (a Merkle node), 1 KiB, 1 MiB. */
  @Param({"64", "65", "1024", "1048576"})
  public int size;

  private byte[] message;
  private final byte[] out = new byte[32];
  private final SM3Digest bc = new SM3Digest();
  private MessageDigest sha256;

  /** Random message of the chosen size. */
  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    message = new byte[size];
    new Random(42).nextBytes(message);
    sha256 = MessageDigest.getInstance("SHA-256");
  }

  /** ddc's SM3, one-shot into a caller's array. */
  @Benchmark
  public byte[] ddcSm3() {
    Sm3.hash(message, 0, message.length, out, 0);
    return out;
  }

  /** Bouncy Castle's SM3Digest, reused. */
  @Benchmark
  public byte[] bouncyCastleSm3() {
    bc.update(message, 0, message.length);
    bc.doFinal(out, 0);
    return out;
  }

  /** The JDK's SHA-256 (intrinsified where the CPU has SHA extensions), reused. */
  @Benchmark
  public byte[] jdkSha256() {
    sha256.update(message, 0, message.length);
    return sha256.digest();
  }
}
