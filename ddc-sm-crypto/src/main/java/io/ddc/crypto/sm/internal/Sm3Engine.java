package io.ddc.crypto.sm.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The scalar SM3 compression function of GB/T 32905-2016 and its fixed-size fast paths.
 *
 * <p>Internal: may change without notice. All methods are static and allocation-free; the
 * caller supplies a 68-word scratch array for the message schedule.
 */
public final class Sm3Engine {
  /** Digest size in bytes. */
  public static final int DIGEST_LENGTH = 32;
  /** Block size in bytes. */
  public static final int BLOCK_LENGTH = 64;
  /** Words in the expanded message schedule W[0..67]. */
  public static final int SCHEDULE_WORDS = 68;

  static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** The initial value IV (GB/T 32905-2016 §4.1). */
  private static final int[] IV = {
    0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600,
    0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e
  };

  /** T_j rotated left by (j mod 32), the per-round constant of §5.3.3. */
  static final int[] TJ = new int[64];

  static {
    for (int j = 0; j < 64; j++) {
      int t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
      TJ[j] = Integer.rotateLeft(t, j);
    }
  }

  private Sm3Engine() {}

  /** Writes the IV into {@code state[0..7]}. */
  public static void reset(int[] state) {
    System.arraycopy(IV, 0, state, 0, 8);
  }

  /** A copy of the 64 rotated round constants {@code T_j <<< (j mod 32)}. */
  public static int[] roundConstants() {
    return TJ.clone();
  }

  /** Reads word {@code i} of the IV. */
  public static int iv(int i) {
    return IV[i];
  }

  /** Reads a big-endian int at {@code in[off..off+3]}. */
  public static int readInt(byte[] in, int off) {
    return (int) INT_BE.get(in, off);
  }

  /** Writes a big-endian int at {@code out[off..off+3]}. */
  public static void writeInt(byte[] out, int off, int v) {
    INT_BE.set(out, off, v);
  }

  /** Writes a big-endian long at {@code out[off..off+7]}. */
  public static void writeLong(byte[] out, int off, long v) {
    LONG_BE.set(out, off, v);
  }

  /**
   * Writes the eight state words big-endian at {@code out[off..off+31]}.
   *
   * <p>Written out word by word on purpose, not as a loop. On OpenJDK 17.0.15 the loop
   * {@code for (i < 8) INT_BE.set(out, off + 4 * i, state[i])}, once the whole ddc-core test suite
   * had made it hot from many callers, stored only the first four words: the last 16 bytes of a
   * digest stayed as they were (zero). It showed as SM2 signatures that did not verify and metadata
   * roots ending in zeros. Excluding this one method from JIT compilation made it vanish,
   * {@code -XX:-UseSuperWord} did not, and Temurin 25 does not show it. See docs/CRYPTO.md, "A JIT
   * miscompilation of the digest output".
   */
  public static void output(int[] state, byte[] out, int off) {
    INT_BE.set(out, off, state[0]);
    INT_BE.set(out, off + 4, state[1]);
    INT_BE.set(out, off + 8, state[2]);
    INT_BE.set(out, off + 12, state[3]);
    INT_BE.set(out, off + 16, state[4]);
    INT_BE.set(out, off + 20, state[5]);
    INT_BE.set(out, off + 24, state[6]);
    INT_BE.set(out, off + 28, state[7]);
  }

  /** Compresses the 64-byte block {@code in[off..off+63]} into {@code state}. */
  public static void compress(int[] state, byte[] in, int off, int[] w) {
    for (int j = 0; j < 16; j++) {
      w[j] = (int) INT_BE.get(in, off + 4 * j);
    }
    compressWords(state, w);
  }

  /**
   * Compresses a block whose first 16 words are already in {@code w[0..15]}; the schedule
   * {@code w[16..67]} is computed here.
   */
  public static void compressWords(int[] state, int[] w) {
    expand(w);
    rounds(state, w, 0);
  }

  /** Computes {@code w[16..67]} from {@code w[0..15]} (§5.3.2). */
  public static void expand(int[] w) {
    for (int j = 16; j < SCHEDULE_WORDS; j++) {
      int x = w[j - 16] ^ w[j - 9] ^ Integer.rotateLeft(w[j - 3], 15);
      w[j] = x ^ Integer.rotateLeft(x, 15) ^ Integer.rotateLeft(x, 23)
          ^ Integer.rotateLeft(w[j - 13], 7) ^ w[j - 6];
    }
  }

  /**
   * The 64 rounds over an expanded schedule {@code w[wOff..wOff+67]}, feeding forward into
   * state.
   *
   * <p>Each body runs four rounds with the register roles rotated instead of moving values:
   * after a round the new A is the old D slot, and so on, so four rounds bring every role back
   * to its starting variable.
   */
  public static void rounds(int[] state, int[] w, int wOff) {
    int a = state[0];
    int b = state[1];
    int c = state[2];
    int d = state[3];
    int e = state[4];
    int f = state[5];
    int g = state[6];
    int h = state[7];
    int[] t = TJ;
    int o = wOff;
    int x;
    int ss1;
    int tt2;
    for (int j = 0; j < 16; j += 4) {
      x = Integer.rotateLeft(a, 12);
      ss1 = Integer.rotateLeft(x + e + t[j], 7);
      d += (a ^ b ^ c) + (ss1 ^ x) + (w[o + j] ^ w[o + j + 4]);
      tt2 = (e ^ f ^ g) + h + ss1 + w[o + j];
      h = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
      b = Integer.rotateLeft(b, 9);
      f = Integer.rotateLeft(f, 19);

      x = Integer.rotateLeft(d, 12);
      ss1 = Integer.rotateLeft(x + h + t[j + 1], 7);
      c += (d ^ a ^ b) + (ss1 ^ x) + (w[o + j + 1] ^ w[o + j + 5]);
      tt2 = (h ^ e ^ f) + g + ss1 + w[o + j + 1];
      g = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
      a = Integer.rotateLeft(a, 9);
      e = Integer.rotateLeft(e, 19);

      x = Integer.rotateLeft(c, 12);
      ss1 = Integer.rotateLeft(x + g + t[j + 2], 7);
      b += (c ^ d ^ a) + (ss1 ^ x) + (w[o + j + 2] ^ w[o + j + 6]);
      tt2 = (g ^ h ^ e) + f + ss1 + w[o + j + 2];
      f = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
      d = Integer.rotateLeft(d, 9);
      h = Integer.rotateLeft(h, 19);

      x = Integer.rotateLeft(b, 12);
      ss1 = Integer.rotateLeft(x + f + t[j + 3], 7);
      a += (b ^ c ^ d) + (ss1 ^ x) + (w[o + j + 3] ^ w[o + j + 7]);
      tt2 = (f ^ g ^ h) + e + ss1 + w[o + j + 3];
      e = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
      c = Integer.rotateLeft(c, 9);
      g = Integer.rotateLeft(g, 19);
    }
    for (int j = 16; j < 64; j += 4) {
      x = Integer.rotateLeft(a, 12);
      ss1 = Integer.rotateLeft(x + e + t[j], 7);
      d += ((a & b) | ((a | b) & c)) + (ss1 ^ x) + (w[o + j] ^ w[o + j + 4]);
      tt2 = (((f ^ g) & e) ^ g) + h + ss1 + w[o + j];
      h = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
      b = Integer.rotateLeft(b, 9);
      f = Integer.rotateLeft(f, 19);

      x = Integer.rotateLeft(d, 12);
      ss1 = Integer.rotateLeft(x + h + t[j + 1], 7);
      c += ((d & a) | ((d | a) & b)) + (ss1 ^ x) + (w[o + j + 1] ^ w[o + j + 5]);
      tt2 = (((e ^ f) & h) ^ f) + g + ss1 + w[o + j + 1];
      g = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
      a = Integer.rotateLeft(a, 9);
      e = Integer.rotateLeft(e, 19);

      x = Integer.rotateLeft(c, 12);
      ss1 = Integer.rotateLeft(x + g + t[j + 2], 7);
      b += ((c & d) | ((c | d) & a)) + (ss1 ^ x) + (w[o + j + 2] ^ w[o + j + 6]);
      tt2 = (((h ^ e) & g) ^ e) + f + ss1 + w[o + j + 2];
      f = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
      d = Integer.rotateLeft(d, 9);
      h = Integer.rotateLeft(h, 19);

      x = Integer.rotateLeft(b, 12);
      ss1 = Integer.rotateLeft(x + f + t[j + 3], 7);
      a += ((b & c) | ((b | c) & d)) + (ss1 ^ x) + (w[o + j + 3] ^ w[o + j + 7]);
      tt2 = (((g ^ h) & f) ^ h) + e + ss1 + w[o + j + 3];
      e = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
      c = Integer.rotateLeft(c, 9);
      g = Integer.rotateLeft(g, 19);
    }
    state[0] ^= a;
    state[1] ^= b;
    state[2] ^= c;
    state[3] ^= d;
    state[4] ^= e;
    state[5] ^= f;
    state[6] ^= g;
    state[7] ^= h;
  }

  /** Marker for {@link #hashPrefixed}: no prefix byte. */
  public static final int NO_PREFIX = -1;

  /**
   * The message schedule of a Merkle node's second block. A node hashes
   * {@code 0x01 ‖ left ‖ right}, 65 bytes, so its second block is the last byte of right,
   * 0x80, zeros and the bit length 520: only one input byte varies. Row {@code b} (68 words)
   * is the expanded schedule for last byte {@code b}.
   */
  private static final int[] NODE_TAIL_SCHEDULE = new int[256 * SCHEDULE_WORDS];

  static {
    int[] w = new int[SCHEDULE_WORDS];
    for (int b = 0; b < 256; b++) {
      Arrays.fill(w, 0);
      w[0] = (b << 24) | 0x00800000;
      w[15] = 65 * 8;
      expand(w);
      System.arraycopy(w, 0, NODE_TAIL_SCHEDULE, b * SCHEDULE_WORDS, SCHEDULE_WORDS);
    }
  }

  /**
   * Writes {@code SM3(0x01 ‖ left ‖ right)} for two 32-byte hashes at {@code out[outOff..]}.
   *
   * @param state scratch of 8 words
   * @param w scratch of 68 words
   */
  public static void node(
      byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff,
      int[] state, int[] w) {
    int prev = 0x01;
    for (int i = 0; i < 8; i++) {
      int x = (int) INT_BE.get(left, leftOff + 4 * i);
      w[i] = (prev << 24) | (x >>> 8);
      prev = x;
    }
    for (int i = 0; i < 8; i++) {
      int x = (int) INT_BE.get(right, rightOff + 4 * i);
      w[8 + i] = (prev << 24) | (x >>> 8);
      prev = x;
    }
    System.arraycopy(IV, 0, state, 0, 8);
    expand(w);
    rounds(state, w, 0);
    rounds(state, NODE_TAIL_SCHEDULE, (prev & 0xff) * SCHEDULE_WORDS);
    output(state, out, outOff);
  }

  /**
   * Writes {@code SM3(prefix ‖ in[off..off+len-1])} at {@code out[outOff..]}; with
   * {@code prefix == NO_PREFIX} the plain digest of the bytes.
   *
   * @param state scratch of 8 words
   * @param w scratch of 68 words
   * @param block scratch of 64 bytes
   */
  public static void hashPrefixed(
      int prefix, byte[] in, int off, int len, byte[] out, int outOff,
      int[] state, int[] w, byte[] block) {
    if (prefix == 0x01 && len == 64) {
      node(in, off, in, off + 32, out, outOff, state, w);
      return;
    }
    System.arraycopy(IV, 0, state, 0, 8);
    int pos = 0;
    int buffered = 0;
    if (prefix != NO_PREFIX) {
      block[0] = (byte) prefix;
      int take = Math.min(len, BLOCK_LENGTH - 1);
      System.arraycopy(in, off, block, 1, take);
      pos = take;
      buffered = 1 + take;
      if (buffered == BLOCK_LENGTH) {
        compress(state, block, 0, w);
        buffered = 0;
      }
    }
    if (buffered == 0) {
      while (len - pos >= BLOCK_LENGTH) {
        compress(state, in, off + pos, w);
        pos += BLOCK_LENGTH;
      }
      System.arraycopy(in, off + pos, block, 0, len - pos);
      buffered = len - pos;
    }
    long bits = ((long) len + (prefix == NO_PREFIX ? 0 : 1)) << 3;
    finish(state, block, buffered, bits, w);
    output(state, out, outOff);
  }

  /**
   * Pads and compresses the final partial block: {@code block[0..buffered-1]} holds the last
   * message bytes, {@code bits} is the whole message length in bits.
   */
  public static void finish(int[] state, byte[] block, int buffered, long bits, int[] w) {
    block[buffered++] = (byte) 0x80;
    if (buffered > BLOCK_LENGTH - 8) {
      Arrays.fill(block, buffered, BLOCK_LENGTH, (byte) 0);
      compress(state, block, 0, w);
      buffered = 0;
    }
    Arrays.fill(block, buffered, BLOCK_LENGTH - 8, (byte) 0);
    LONG_BE.set(block, BLOCK_LENGTH - 8, bits);
    compress(state, block, 0, w);
  }
}
