package io.ddc.crypto.sm;

import io.ddc.crypto.sm.internal.Sm3Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental SM3 hash (GB/T 32905-2016).
 *
 * <p>Feed bytes with {@code update}, then {@link #digest()} returns the 32-byte hash and
 * resets the object for the next message. Memory use is constant whatever the message
 * length, and no method allocates except {@link #digest()} (which returns a new array) and
 * {@link #copy()}. Instances are mutable and not thread-safe; use one per thread or
 * {@link Sm3} for one-shot hashing.
 */
public final class Sm3Digest {
  /** The largest message SM3 defines is 2^64 - 1 bits. */
  private static final long MAX_BYTES = (1L << 61) - 1;

  private final int[] state = new int[8];
  private final int[] w = new int[Sm3Engine.SCHEDULE_WORDS];
  private final byte[] block = new byte[Sm3Engine.BLOCK_LENGTH];
  private int buffered;
  private long length;

  /** A digest ready for a new message. */
  public Sm3Digest() {
    reset();
  }

  /** Discards any bytes fed so far. */
  public Sm3Digest reset() {
    Sm3Engine.reset(state);
    buffered = 0;
    length = 0;
    return this;
  }

  /** Feeds one byte. */
  public Sm3Digest update(byte b) {
    count(1);
    block[buffered++] = b;
    if (buffered == Sm3Engine.BLOCK_LENGTH) {
      Sm3Engine.compress(state, block, 0, w);
      buffered = 0;
    }
    return this;
  }

  /** Feeds all of {@code in}. */
  public Sm3Digest update(byte[] in) {
    return update(in, 0, in.length);
  }

  /** Feeds {@code in[off..off+len-1]}. */
  public Sm3Digest update(byte[] in, int off, int len) {
    Objects.checkFromIndexSize(off, len, in.length);
    count(len);
    if (buffered > 0) {
      int take = Math.min(len, Sm3Engine.BLOCK_LENGTH - buffered);
      System.arraycopy(in, off, block, buffered, take);
      buffered += take;
      off += take;
      len -= take;
      if (buffered < Sm3Engine.BLOCK_LENGTH) {
        return this;
      }
      Sm3Engine.compress(state, block, 0, w);
      buffered = 0;
    }
    while (len >= Sm3Engine.BLOCK_LENGTH) {
      Sm3Engine.compress(state, in, off, w);
      off += Sm3Engine.BLOCK_LENGTH;
      len -= Sm3Engine.BLOCK_LENGTH;
    }
    System.arraycopy(in, off, block, 0, len);
    buffered = len;
    return this;
  }

  /** Feeds the remaining bytes of {@code in}, advancing its position to its limit. */
  public Sm3Digest update(ByteBuffer in) {
    if (in.hasArray()) {
      int n = in.remaining();
      update(in.array(), in.arrayOffset() + in.position(), n);
      in.position(in.position() + n);
      return this;
    }
    while (in.hasRemaining()) {
      if (buffered == 0 && in.remaining() >= Sm3Engine.BLOCK_LENGTH) {
        count(Sm3Engine.BLOCK_LENGTH);
        in.get(block, 0, Sm3Engine.BLOCK_LENGTH);
        Sm3Engine.compress(state, block, 0, w);
      } else {
        update(in.get());
      }
    }
    return this;
  }

  /** Feeds everything {@code in} yields until its end, in constant memory; does not close it. */
  public Sm3Digest update(InputStream in) throws IOException {
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) != -1; ) {
      update(buf, 0, n);
    }
    return this;
  }

  /** Completes the hash, returns it and resets this digest. */
  public byte[] digest() {
    byte[] out = new byte[Sm3.DIGEST_LENGTH];
    digest(out, 0);
    return out;
  }

  /** Completes the hash, writes it at {@code out[off..off+31]} and resets this digest. */
  public void digest(byte[] out, int off) {
    Objects.checkFromIndexSize(off, Sm3.DIGEST_LENGTH, out.length);
    Sm3Engine.finish(state, block, buffered, length << 3, w);
    Sm3Engine.output(state, out, off);
    reset();
  }

  /** An independent copy holding the same partial message. */
  public Sm3Digest copy() {
    Sm3Digest c = new Sm3Digest();
    System.arraycopy(state, 0, c.state, 0, state.length);
    System.arraycopy(block, 0, c.block, 0, buffered);
    c.buffered = buffered;
    c.length = length;
    return c;
  }

  /** Number of message bytes fed since the last reset. */
  public long length() {
    return length;
  }

  private void count(int n) {
    if (length > MAX_BYTES - n) {
      throw new IllegalStateException(
          "SM3 message limit is 2^64 - 1 bits; already fed " + length + " bytes, adding " + n);
    }
    length += n;
  }

  @Override
  public String toString() {
    return "Sm3Digest[length=" + length + "]";
  }
}
