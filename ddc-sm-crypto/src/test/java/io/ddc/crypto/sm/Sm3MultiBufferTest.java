package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.internal.ScalarSm3MultiBuffer;
import io.ddc.crypto.sm.internal.Sm3Engine;
import io.ddc.crypto.sm.internal.Sm3MultiBuffer;
import io.ddc.crypto.sm.internal.Sm3MultiBuffers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Both multi-buffer paths, scalar and vector, give the one-shot digest of every input. */
class Sm3MultiBufferTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(7);

  static Stream<Sm3MultiBuffer> implementations() {
    Sm3MultiBuffer vector = Sm3MultiBuffers.vectorOrNull();
    assertThat(vector)
        .as("this test JVM runs with --add-modules jdk.incubator.vector on an AVX2 CPU")
        .isNotNull();
    return Stream.of(ScalarSm3MultiBuffer.INSTANCE, vector);
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void hashEach_everyPrefixLengthAndCount_matchesOneShot(Sm3MultiBuffer impl) {
    int[] lengths = {0, 1, 3, 31, 32, 54, 55, 56, 62, 63, 64, 65, 100, 119, 120, 127, 128, 129, 500};
    int[] prefixes = {Sm3Engine.NO_PREFIX, 0x00, 0x01, 0xff};
    List<String> failures = new ArrayList<>();
    for (int prefix : prefixes) {
      for (int len : lengths) {
        for (int count : new int[] {0, 1, 7, 8, 9, 16, 23}) {
          int off = RANDOM.nextInt(5);
          byte[] in = new byte[off + len * count + 3];
          RANDOM.nextBytes(in);
          byte[] out = new byte[5 + 32 * count];
          impl.hashEach(prefix, in, off, len, count, out, 5);
          for (int i = 0; i < count; i++) {
            byte[] msg = prefix == Sm3Engine.NO_PREFIX
                ? Arrays.copyOfRange(in, off + i * len, off + i * len + len)
                : concat((byte) prefix, Arrays.copyOfRange(in, off + i * len, off + i * len + len));
            if (!Arrays.equals(Sm3.hash(msg), Arrays.copyOfRange(out, 5 + 32 * i, 5 + 32 * i + 32))) {
              failures.add("prefix " + prefix + " len " + len + " count " + count + " item " + i);
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void merkleLevel_inPlace_matchesNodeByNode(Sm3MultiBuffer impl) {
    int count = 4096 + 5;
    byte[] level = new byte[64 * count];
    RANDOM.nextBytes(level);
    byte[] want = new byte[32 * count];
    for (int i = 0; i < count; i++) {
      Sm3.merkleNode(level, 64 * i, level, 64 * i + 32, want, 32 * i);
    }
    impl.hashEach(0x01, level, 0, 64, count, level, 0);
    assertThat(Arrays.copyOf(level, 32 * count)).isEqualTo(want);
  }

  @Test
  void publicApi_levelAndLeaves_matchSingleHashes() {
    byte[] level = new byte[64 * 33];
    RANDOM.nextBytes(level);
    byte[] parents = new byte[32 * 33];
    Sm3.merkleNodes(level, 0, 33, parents, 0);
    byte[] leaves = new byte[32 * 33];
    Sm3.merkleLeaves(level, 0, 64, 33, leaves, 0);
    byte[] plain = new byte[32 * 33];
    Sm3.hashEach(level, 0, 64, 33, plain, 0);
    byte[] one = new byte[32];
    for (int i = 0; i < 33; i++) {
      Sm3.merkleNode(level, 64 * i, level, 64 * i + 32, one, 0);
      assertThat(Arrays.copyOfRange(parents, 32 * i, 32 * i + 32)).isEqualTo(one);
      Sm3.merkleLeaf(level, 64 * i, 64, one, 0);
      assertThat(Arrays.copyOfRange(leaves, 32 * i, 32 * i + 32)).isEqualTo(one);
      Sm3.hash(level, 64 * i, 64, one, 0);
      assertThat(Arrays.copyOfRange(plain, 32 * i, 32 * i + 32)).isEqualTo(one);
    }
  }

  @Test
  void publicApi_rejectsBadBoundsAndPartialOverlap() {
    byte[] buf = new byte[64 * 4];
    assertThatThrownBy(() -> Sm3.merkleNodes(buf, 0, 5, new byte[32 * 5], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Sm3.merkleNodes(buf, 0, 4, new byte[32 * 3], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Sm3.merkleNodes(buf, 0, 2, buf, 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlaps");
    assertThatThrownBy(() -> Sm3.hashEach(buf, 0, -1, 2, new byte[64], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(byte b, byte[] rest) {
    byte[] out = new byte[rest.length + 1];
    out[0] = b;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
