package io.ddc.crypto.sm.internal;

/** The portable multi-buffer path: one message after another on the scalar engine. */
public final class ScalarSm3MultiBuffer implements Sm3MultiBuffer {
  /** The single instance. */
  public static final ScalarSm3MultiBuffer INSTANCE = new ScalarSm3MultiBuffer();

  private ScalarSm3MultiBuffer() {}

  @Override
  public void hashEach(int prefix, byte[] in, int off, int len, int count, byte[] out, int outOff) {
    int[] state = new int[8];
    int[] w = new int[Sm3Engine.SCHEDULE_WORDS];
    byte[] block = new byte[Sm3Engine.BLOCK_LENGTH];
    for (int i = 0; i < count; i++) {
      Sm3Engine.hashPrefixed(
          prefix, in, off + i * len, len, out, outOff + Sm3Engine.DIGEST_LENGTH * i,
          state, w, block);
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
