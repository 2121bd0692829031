package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.Test;

/** Our SM3 gives Bouncy Castle's SM3Digest bytes on every path. */
class Sm3BouncyCastleCrossCheckTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(20261128);

  static byte[] bc(byte[] prefix, byte[] data, int off, int len) {
    SM3Digest d = new SM3Digest();
    d.update(prefix, 0, prefix.length);
    d.update(data, off, len);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @Test
  void everyLength0To4096_oneShotIncrementalLeafAndBuffer_matchBouncyCastle() {
    byte[] data = random(4096 + 7);
    List<Integer> failures = new ArrayList<>();
    byte[] out = new byte[40];
    for (int len = 0; len <= 4096; len++) {
      int off = len % 7;
      byte[] want = bc(new byte[0], data, off, len);
      Sm3.hash(data, off, len, out, 3);
      boolean ok = Arrays.equals(want, Arrays.copyOfRange(out, 3, 35));
      Sm3Digest d = new Sm3Digest();
      int pos = off;
      int end = off + len;
      while (pos < end) {
        int step = Math.min(end - pos, RANDOM.nextInt(1, 130));
        d.update(data, pos, step);
        pos += step;
      }
      ok &= Arrays.equals(want, d.digest());
      ok &= Arrays.equals(want,
          new Sm3Digest().update(ByteBuffer.allocateDirect(len).put(data, off, len).flip()).digest());
      Sm3.merkleLeaf(data, off, len, out, 0);
      ok &= Arrays.equals(bc(new byte[] {0}, data, off, len), Arrays.copyOf(out, 32));
      if (!ok) {
        failures.add(len);
      }
    }
    assertThat(failures).as("lengths that differ from Bouncy Castle").isEmpty();
  }

  @Test
  void randomLengthsUpToSeveralMib_matchBouncyCastle() {
    for (int i = 0; i < 12; i++) {
      int len = RANDOM.nextInt(5 << 20);
      byte[] data = random(len);
      assertThat(Sm3.hash(data)).as("length %d", len).isEqualTo(bc(new byte[0], data, 0, len));
    }
  }

  @Test
  void merkleNode_matchesBouncyCastle_andMayOverwriteItsInput() {
    for (int i = 0; i < 2000; i++) {
      byte[] buf = random(64);
      byte[] want = bc(new byte[] {1}, buf, 0, 64);
      byte[] out = new byte[32];
      Sm3.merkleNode(buf, 0, buf, 32, out, 0);
      assertThat(out).isEqualTo(want);
      Sm3.merkleNode(buf, 0, buf, 32, buf, 16);
      assertThat(Arrays.copyOfRange(buf, 16, 48)).isEqualTo(want);
    }
  }

  @Test
  void copy_isIndependentOfTheOriginal() {
    byte[] a = random(300);
    Sm3Digest d = new Sm3Digest().update(a, 0, 100);
    Sm3Digest c = d.copy();
    d.update(a, 100, 200);
    c.update(a, 100, 50);
    assertThat(d.digest()).isEqualTo(bc(new byte[0], a, 0, 300));
    assertThat(c.digest()).isEqualTo(bc(new byte[0], a, 0, 150));
    assertThat(c.length()).isZero();
  }
}
