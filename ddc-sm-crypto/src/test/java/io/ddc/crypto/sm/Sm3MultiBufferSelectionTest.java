package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The multi-buffer path is the scalar one unless {@code ddc.sm3.multibuffer=vector} asks for the
 * vector path and the JVM has the incubator module. The build runs this test twice: with
 * {@code --add-modules jdk.incubator.vector} and {@code -Dddc.sm3.multibuffer=vector} (expecting
 * the vector path) and with neither (expecting the scalar path), as set by the system property
 * {@code ddc.expectVectorPath}.
 */
class Sm3MultiBufferSelectionTest {

  @Test
  void chosenImplementation_followsTheIncubatorModule() {
    String expect = System.getProperty("ddc.expectVectorPath");
    assertThat(expect).as("set by the surefire configuration").isIn("true", "false");
    boolean modulePresent = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    boolean asked = "vector".equals(System.getProperty("ddc.sm3.multibuffer"));
    assertThat(modulePresent && asked).isEqualTo(Boolean.parseBoolean(expect));
    assertThat(Sm3.multiBufferImplementation())
        .isEqualTo(modulePresent && asked ? "vector-8x32" : "scalar");
  }

  @Test
  void chosenImplementation_hashesALevelCorrectly() {
    byte[] level = new byte[64 * 20];
    for (int i = 0; i < level.length; i++) {
      level[i] = (byte) (i * 31);
    }
    byte[] parents = new byte[32 * 20];
    Sm3.merkleNodes(level, 0, 20, parents, 0);
    byte[] one = new byte[32];
    Sm3.merkleNode(level, 64 * 19, level, 64 * 19 + 32, one, 0);
    assertThat(java.util.Arrays.copyOfRange(parents, 32 * 19, 32 * 20)).isEqualTo(one);
  }
}
