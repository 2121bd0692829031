package io.ddc.crypto.sm.internal;

/**
 * Chooses the multi-buffer SM3 implementation once per JVM.
 *
 * <p>The scalar path is the default. The 8-lane Vector API path is used only when asked for
 * with the system property {@code ddc.sm3.multibuffer=vector}, and then only when the
 * {@code jdk.incubator.vector} module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and the CPU has 256-bit integer vectors.
 *
 * <p>Why not the vector path by default: alone it hashes a level of nodes 2.5 times as fast as the
 * scalar path, but in the ledger's append path, where SM3 is one step among many, choosing it
 * made every step slower on the 2-core machine of our figures (the submitting thread's CPU per
 * minted DDC 69-75 µs against 37-41 µs with the scalar path, four runs each, docs/CRYPTO.md,
 * "Multi-buffer"). An application that mostly hashes (building large trees) may still gain from it.
 */
public final class Sm3MultiBuffers {
  static final String VECTOR_CLASS = "io.ddc.crypto.sm.internal.vector.VectorSm3MultiBuffer";
  private static final Sm3MultiBuffer BEST = choose();

  private Sm3MultiBuffers() {}

  /** The implementation this JVM uses. */
  public static Sm3MultiBuffer best() {
    return BEST;
  }

  /** The vector implementation if this JVM and CPU can run it, else {@code null}. */
  public static Sm3MultiBuffer vectorOrNull() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Class<?> c = Class.forName(VECTOR_CLASS);
      Object supported = c.getMethod("isSupported").invoke(null);
      if (!Boolean.TRUE.equals(supported)) {
        return null;
      }
      return (Sm3MultiBuffer) c.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      // The module is present but the class cannot run here (e.g. a JDK whose incubating
      // API changed shape): the scalar path is always correct.
      return null;
    }
  }

  private static Sm3MultiBuffer choose() {
    if (!"vector".equals(System.getProperty("ddc.sm3.multibuffer"))) {
      return ScalarSm3MultiBuffer.INSTANCE;
    }
    Sm3MultiBuffer v = vectorOrNull();
    return v != null ? v : ScalarSm3MultiBuffer.INSTANCE;
  }
}
