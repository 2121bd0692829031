package io.ddc.crypto.sm;

import io.ddc.crypto.sm.internal.Sm3Engine;
import io.ddc.crypto.sm.internal.Sm3MultiBuffers;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One-shot SM3 hashing (GB/T 32905-2016), including the fixed-size paths a Merkle tree needs.
 *
 * <p>All methods are thread-safe. The {@code (…, byte[] out, int outOff)} forms write into the
 * caller's array and allocate nothing. Merkle hashing follows RFC 9162 §2.1.1 with SM3 as the
 * hash: a leaf is {@code SM3(0x00 ‖ entry)}, an inner node {@code SM3(0x01 ‖ left ‖ right)}.
 *
 * <p>The {@code …Each} methods hash many equal-length inputs at once. When the JVM runs with
 * {@code --add-modules jdk.incubator.vector} on a CPU with 256-bit vectors they hash eight
 * inputs per vector instruction; otherwise they use the scalar engine. Both give the same
 * bytes; {@link #multiBufferImplementation()} says which one this JVM uses.
 */
public final class Sm3 {
  /** Digest size in bytes. */
  public static final int DIGEST_LENGTH = 32;
  /** Block size in bytes. */
  public static final int BLOCK_LENGTH = 64;

  private static final int LEAF_PREFIX = 0x00;
  private static final int NODE_PREFIX = 0x01;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    final int[] state = new int[8];
    final int[] w = new int[Sm3Engine.SCHEDULE_WORDS];
    final byte[] block = new byte[Sm3Engine.BLOCK_LENGTH];
  }

  private Sm3() {}

  /** Returns {@code SM3(data)}. */
  public static byte[] hash(byte[] data) {
    byte[] out = new byte[DIGEST_LENGTH];
    hash(data, 0, data.length, out, 0);
    return out;
  }

  /** Writes {@code SM3(in[off..off+len-1])} at {@code out[outOff..outOff+31]}. */
  public static void hash(byte[] in, int off, int len, byte[] out, int outOff) {
    hashPrefixed(Sm3Engine.NO_PREFIX, in, off, len, out, outOff);
  }

  /** Returns the SM3 hash of everything {@code in} yields, read in constant memory. */
  public static byte[] hash(InputStream in) throws IOException {
    return new Sm3Digest().update(in).digest();
  }

  /** Writes the RFC 9162 leaf hash {@code SM3(0x00 ‖ entry[off..off+len-1])} at {@code out[outOff..]}. */
  public static void merkleLeaf(byte[] entry, int off, int len, byte[] out, int outOff) {
    hashPrefixed(LEAF_PREFIX, entry, off, len, out, outOff);
  }

  /**
   * Writes the RFC 9162 node hash {@code SM3(0x01 ‖ left ‖ right)} of two 32-byte hashes at
   * {@code out[outOff..]}. {@code out} may overlap either input.
   */
  public static void merkleNode(
      byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff) {
    Objects.checkFromIndexSize(leftOff, DIGEST_LENGTH, left.length);
    Objects.checkFromIndexSize(rightOff, DIGEST_LENGTH, right.length);
    Objects.checkFromIndexSize(outOff, DIGEST_LENGTH, out.length);
    Scratch s = SCRATCH.get();
    Sm3Engine.node(left, leftOff, right, rightOff, out, outOff, s.state, s.w);
  }

  /**
   * Hashes one level of a Merkle tree: reads {@code 2 * count} consecutive 32-byte hashes at
   * {@code children[off..]} and writes {@code count} parents
   * {@code SM3(0x01 ‖ children[2i] ‖ children[2i+1])} at {@code out[outOff..]}.
   * {@code out} must not overlap the children unless {@code out == children} and
   * {@code outOff == off} (parents overwrite their children in place, front to back).
   */
  public static void merkleNodes(byte[] children, int off, int count, byte[] out, int outOff) {
    hashEach(NODE_PREFIX, children, off, 2 * DIGEST_LENGTH, count, out, outOff);
  }

  /**
   * Writes the leaf hashes {@code SM3(0x00 ‖ entry_i)} of {@code count} consecutive entries of
   * {@code entryLength} bytes each, starting at {@code entries[off]}, to {@code out[outOff..]}.
   */
  public static void merkleLeaves(
      byte[] entries, int off, int entryLength, int count, byte[] out, int outOff) {
    hashEach(LEAF_PREFIX, entries, off, entryLength, count, out, outOff);
  }

  /**
   * Writes the hashes of {@code count} consecutive messages of {@code length} bytes each,
   * starting at {@code in[off]}, to {@code out[outOff..]}.
   */
  public static void hashEach(byte[] in, int off, int length, int count, byte[] out, int outOff) {
    hashEach(Sm3Engine.NO_PREFIX, in, off, length, count, out, outOff);
  }

  /** Names the multi-buffer path this JVM uses: {@code "vector-8x32"} or {@code "scalar"}. */
  public static String multiBufferImplementation() {
    return Sm3MultiBuffers.best().name();
  }

  private static void hashPrefixed(int prefix, byte[] in, int off, int len, byte[] out, int outOff) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(outOff, DIGEST_LENGTH, out.length);
    Scratch s = SCRATCH.get();
    Sm3Engine.hashPrefixed(prefix, in, off, len, out, outOff, s.state, s.w, s.block);
  }

  private static void hashEach(
      int prefix, byte[] in, int off, int length, int count, byte[] out, int outOff) {
    if (length < 0 || count < 0) {
      throw new IllegalArgumentException(
          "length and count must be >= 0, but were " + length + " and " + count);
    }
    if (off < 0 || (long) length * count > in.length - (long) off) {
      throw new IndexOutOfBoundsException(count + " inputs of " + length + " bytes from offset "
          + off + " exceed the array of " + in.length);
    }
    long outBytes = (long) DIGEST_LENGTH * count;
    if (outBytes > out.length - (long) outOff || outOff < 0) {
      throw new IndexOutOfBoundsException(count + " digests from offset " + outOff
          + " exceed the output array of " + out.length);
    }
    boolean inPlace = in == out && off == outOff;
    if (in == out && !inPlace) {
      long inEnd = off + (long) length * count;
      long outEnd = outOff + outBytes;
      if (off < outEnd && outOff < inEnd) {
        throw new IllegalArgumentException("output overlaps input but does not start at it");
      }
    }
    if (inPlace && length < DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "in-place hashing needs inputs of at least 32 bytes, but they are " + length);
    }
    Sm3MultiBuffers.best().hashEach(prefix, in, off, length, count, out, outOff);
  }
}
