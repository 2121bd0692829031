package io.ddc.crypto.sm.internal;

/**
 * Chooses the multi-buffer SM3 implementation once per JVM.
 *
 * <p>The 8-lane Vector API path is used when the {@code jdk.incubator.vector} module is in
 * the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and
 * the CPU has 256-bit integer vectors; otherwise the scalar path. The system property
 * {@code ddc.sm3.multibuffer=scalar} forces the scalar path.
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
    if ("scalar".equals(System.getProperty("ddc.sm3.multibuffer"))) {
      return ScalarSm3MultiBuffer.INSTANCE;
    }
    Sm3MultiBuffer v = vectorOrNull();
    return v != null ? v : ScalarSm3MultiBuffer.INSTANCE;
  }
}
