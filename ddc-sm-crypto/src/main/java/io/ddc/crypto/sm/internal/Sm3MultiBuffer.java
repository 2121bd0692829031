package io.ddc.crypto.sm.internal;

/**
 * Hashes many equal-length messages at once: message {@code i} is
 * {@code prefix ‖ in[off + i*len .. off + i*len + len - 1]}, its digest goes to
 * {@code out[outOff + 32*i ..]}.
 *
 * <p>Internal: may change without notice. Implementations are stateless and thread-safe.
 */
public interface Sm3MultiBuffer {
  /**
   * Hashes {@code count} messages.
   *
   * @param prefix a byte value prepended to every message, or {@link Sm3Engine#NO_PREFIX}
   */
  void hashEach(int prefix, byte[] in, int off, int len, int count, byte[] out, int outOff);

  /** A short name for diagnostics and benchmarks, e.g. {@code "scalar"}. */
  String name();
}
