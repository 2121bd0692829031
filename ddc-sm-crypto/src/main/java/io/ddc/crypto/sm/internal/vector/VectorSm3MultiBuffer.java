package io.ddc.crypto.sm.internal.vector;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import io.ddc.crypto.sm.internal.ScalarSm3MultiBuffer;
import io.ddc.crypto.sm.internal.Sm3Engine;
import io.ddc.crypto.sm.internal.Sm3MultiBuffer;
import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Eight SM3 computations at once, one per 32-bit lane of a 256-bit vector (AVX2).
 *
 * <p>Internal: loaded reflectively by {@code Sm3MultiBuffers} only when the
 * {@code jdk.incubator.vector} module is present. Words are stored lane-interleaved:
 * word {@code k} of lane {@code i} is at index {@code k*8 + i}.
 *
 * <p>Shape matters for speed here. C2 boxes a vector carried across a loop back-edge, and it
 * stops inlining (so stops intrinsifying vector operations, which then allocate) once a
 * compiled body grows past its node budget: a body of four unrolled rounds ran at about a
 * tenth of the speed of a one-round body. So each loop body runs two rounds (measured about
 * 25 % faster than one) on the eight state vectors loaded from an {@code int[]}, and stores
 * them back.
 */
public final class VectorSm3MultiBuffer implements Sm3MultiBuffer {
  private static final VectorSpecies<Integer> S = IntVector.SPECIES_256;
  private static final int L = 8;
  private static final int SCHEDULE = Sm3Engine.SCHEDULE_WORDS;
  private static final int[] TJ = Sm3Engine.roundConstants();

  /** Public for reflective construction. */
  public VectorSm3MultiBuffer() {}

  /** Whether this CPU has 256-bit integer vectors, so the lanes are not emulated. */
  public static boolean isSupported() {
    return IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
  }

  @Override
  public String name() {
    return "vector-8x32";
  }

  @Override
  public void hashEach(int prefix, byte[] in, int off, int len, int count, byte[] out, int outOff) {
    int groups = count / L;
    if (groups > 0) {
      int[] w = new int[SCHEDULE * L];
      int[] state = new int[8 * L];
      int[] work = new int[9 * L];
      boolean nodes = prefix == 0x01 && len == 64;
      for (int g = 0; g < groups; g++) {
        if (nodes) {
          nodeGroup(in, off + g * L * len, out, outOff + g * L * 32, w, state, work);
        } else {
          hashGroup(prefix, in, off + g * L * len, len, out, outOff + g * L * 32, w, state, work);
        }
      }
    }
    int done = groups * L;
    if (done < count) {
      ScalarSm3MultiBuffer.INSTANCE.hashEach(
          prefix, in, off + done * len, len, count - done, out, outOff + done * 32);
    }
  }

  private static void hashGroup(
      int prefix, byte[] in, int base, int len, byte[] out, int outOff,
      int[] w, int[] state, int[] work) {
    int pre = prefix == Sm3Engine.NO_PREFIX ? 0 : 1;
    long total = (long) pre + len;
    long padded = (total + 8) / 64 * 64 + 64;
    long bits = total << 3;
    initState(state);
    for (long p0 = 0; p0 < padded; p0 += 64) {
      for (int lane = 0; lane < L; lane++) {
        int msg = base + lane * len;
        for (int k = 0; k < 16; k++) {
          w[k * L + lane] = word(prefix, pre, in, msg, total, padded, bits, p0 + 4 * k);
        }
      }
      compress8(state, w, work);
    }
    output(state, out, outOff);
  }

  /**
   * Eight Merkle nodes {@code SM3(0x01 ‖ left ‖ right)}: the 64 child bytes of lane i start at
   * {@code base + 64*i}. Block 1 is the prefix and 63 child bytes, so its words are the child
   * words shifted by one byte; block 2 is the last child byte, padding and length 520.
   * {@code work[8L..9L)} keeps block 2's first words while block 1 is compressed.
   */
  private static void nodeGroup(
      byte[] in, int base, byte[] out, int outOff, int[] w, int[] state, int[] work) {
    initState(state);
    for (int lane = 0; lane < L; lane++) {
      int msg = base + 64 * lane;
      int prev = 0x01;
      for (int k = 0; k < 16; k++) {
        int x = Sm3Engine.readInt(in, msg + 4 * k);
        w[k * L + lane] = (prev << 24) | (x >>> 8);
        prev = x;
      }
      work[8 * L + lane] = (prev << 24) | 0x00800000;
    }
    compress8(state, w, work);
    System.arraycopy(work, 8 * L, w, 0, L);
    Arrays.fill(w, L, 15 * L, 0);
    Arrays.fill(w, 15 * L, 16 * L, 65 * 8);
    compress8(state, w, work);
    output(state, out, outOff);
  }

  private static void initState(int[] state) {
    for (int k = 0; k < 8; k++) {
      IntVector.broadcast(S, Sm3Engine.iv(k)).intoArray(state, k * L);
    }
  }

  private static void output(int[] state, byte[] out, int outOff) {
    for (int lane = 0; lane < L; lane++) {
      for (int k = 0; k < 8; k++) {
        Sm3Engine.writeInt(out, outOff + 32 * lane + 4 * k, state[k * L + lane]);
      }
    }
  }

  /** Word at byte position {@code p} of the padded message {@code prefix ‖ data ‖ padding}. */
  private static int word(
      int prefix, int pre, byte[] in, int msg, long total, long padded, long bits, long p) {
    if (p >= pre && p + 4 <= total) {
      return Sm3Engine.readInt(in, (int) (msg + p - pre));
    }
    if (p >= padded - 8) {
      return p == padded - 8 ? (int) (bits >>> 32) : (int) bits;
    }
    if (p > total) {
      return 0;
    }
    int v = 0;
    for (long q = p; q < p + 4; q++) {
      int b;
      if (q < pre) {
        b = prefix;
      } else if (q < total) {
        b = in[(int) (msg + q - pre)] & 0xff;
      } else {
        b = q == total ? 0x80 : 0;
      }
      v = (v << 8) | b;
    }
    return v;
  }

  private static void compress8(int[] state, int[] w, int[] work) {
    for (int j = 16; j < SCHEDULE; j++) {
      IntVector x = IntVector.fromArray(S, w, (j - 16) * L)
          .lanewise(XOR, IntVector.fromArray(S, w, (j - 9) * L))
          .lanewise(XOR, IntVector.fromArray(S, w, (j - 3) * L).lanewise(ROL, 15));
      x.lanewise(XOR, x.lanewise(ROL, 15))
          .lanewise(XOR, x.lanewise(ROL, 23))
          .lanewise(XOR, IntVector.fromArray(S, w, (j - 13) * L).lanewise(ROL, 7))
          .lanewise(XOR, IntVector.fromArray(S, w, (j - 6) * L))
          .intoArray(w, j * L);
    }
    System.arraycopy(state, 0, work, 0, 8 * L);
    for (int j = 0; j < 16; j += 2) {
      twoRounds(work, w, j, false);
    }
    for (int j = 16; j < 64; j += 2) {
      twoRounds(work, w, j, true);
    }
    for (int k = 0; k < 8; k++) {
      IntVector.fromArray(S, state, k * L)
          .lanewise(XOR, IntVector.fromArray(S, work, k * L))
          .intoArray(state, k * L);
    }
  }


  /** Rounds j and j+1; the state vectors A..H are read from and written back to {@code work}. */
  private static void twoRounds(int[] work, int[] w, int j, boolean late) {
    IntVector a = IntVector.fromArray(S, work, 0);
    IntVector b = IntVector.fromArray(S, work, L);
    IntVector c = IntVector.fromArray(S, work, 2 * L);
    IntVector d = IntVector.fromArray(S, work, 3 * L);
    IntVector e = IntVector.fromArray(S, work, 4 * L);
    IntVector f = IntVector.fromArray(S, work, 5 * L);
    IntVector g = IntVector.fromArray(S, work, 6 * L);
    IntVector h = IntVector.fromArray(S, work, 7 * L);
    IntVector wj;
    IntVector a12;
    IntVector ss1;
    IntVector ff;
    IntVector gg;
    IntVector tt2;
    wj = IntVector.fromArray(S, w, j * L);
    a12 = a.lanewise(ROL, 12);
    ss1 = a12.add(e).add(TJ[j]).lanewise(ROL, 7);
    if (late) {
      ff = a.and(b).or(a.or(b).and(c));
      gg = f.lanewise(XOR, g).and(e).lanewise(XOR, g);
    } else {
      ff = a.lanewise(XOR, b).lanewise(XOR, c);
      gg = e.lanewise(XOR, f).lanewise(XOR, g);
    }
    d = ff.add(d).add(ss1.lanewise(XOR, a12))
        .add(wj.lanewise(XOR, IntVector.fromArray(S, w, (j + 4) * L)));
    tt2 = gg.add(h).add(ss1).add(wj);
    h = tt2.lanewise(XOR, tt2.lanewise(ROL, 9)).lanewise(XOR, tt2.lanewise(ROL, 17));
    b = b.lanewise(ROL, 9);
    f = f.lanewise(ROL, 19);

    wj = IntVector.fromArray(S, w, (j + 1) * L);
    a12 = d.lanewise(ROL, 12);
    ss1 = a12.add(h).add(TJ[(j + 1)]).lanewise(ROL, 7);
    if (late) {
      ff = d.and(a).or(d.or(a).and(b));
      gg = e.lanewise(XOR, f).and(h).lanewise(XOR, f);
    } else {
      ff = d.lanewise(XOR, a).lanewise(XOR, b);
      gg = h.lanewise(XOR, e).lanewise(XOR, f);
    }
    c = ff.add(c).add(ss1.lanewise(XOR, a12))
        .add(wj.lanewise(XOR, IntVector.fromArray(S, w, ((j + 1) + 4) * L)));
    tt2 = gg.add(g).add(ss1).add(wj);
    g = tt2.lanewise(XOR, tt2.lanewise(ROL, 9)).lanewise(XOR, tt2.lanewise(ROL, 17));
    a = a.lanewise(ROL, 9);
    e = e.lanewise(ROL, 19);

    c.intoArray(work, 0);
    d.intoArray(work, L);
    a.intoArray(work, 2 * L);
    b.intoArray(work, 3 * L);
    g.intoArray(work, 4 * L);
    h.intoArray(work, 5 * L);
    e.intoArray(work, 6 * L);
    f.intoArray(work, 7 * L);
  }
}
