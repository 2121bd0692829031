package io.ddc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ECMAScript number formatting (RFC 8785 §3.2.2.3) on Java 17, where Double.toString is not shortest. */
class EcmaScriptNumberTest {
  /**
   * RFC 8785 Appendix B ("Number Serialization Samples"), every finite row: the IEEE-754 bit
   * pattern and the string ECMAScript writes. The formatter is general, so the rows beyond the
   * parser's ±(2^53 - 1) are checked too.
   */
  @ParameterizedTest(name = "0x{0} -> {1}")
  @CsvSource({
      "0000000000000000, 0",
      "8000000000000000, 0",
      "0000000000000001, 5e-324",
      "8000000000000001, -5e-324",
      "7fefffffffffffff, 1.7976931348623157e+308",
      "ffefffffffffffff, -1.7976931348623157e+308",
      "4340000000000000, 9007199254740992",
      "c340000000000000, -9007199254740992",
      "4430000000000000, 295147905179352830000",
      "44b52d02c7e14af5, 9.999999999999997e+22",
      "44b52d02c7e14af6, 1e+23",
      "44b52d02c7e14af7, 1.0000000000000001e+23",
      "444b1ae4d6e2ef4e, 999999999999999700000",
      "444b1ae4d6e2ef4f, 999999999999999900000",
      "444b1ae4d6e2ef50, 1e+21",
      "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
      "3eb0c6f7a0b5ed8d, 0.000001",
      "41b3de4355555553, 333333333.3333332",
      "41b3de4355555554, 333333333.33333325",
      "41b3de4355555555, 333333333.3333333",
      "41b3de4355555556, 333333333.3333334",
      "41b3de4355555557, 333333333.33333343",
      "becbf647612f3696, -0.0000033333333333333333",
      "43143ff3c1cb0959, 1424953923781206.2"})
  void rfc8785AppendixB_vectors(String bits, String expected) {
    assertThat(EcmaScriptNumber.format(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16))))
        .isEqualTo(expected);
  }

  /** Appendix B's two non-finite rows (NaN, Infinity) are errors: JSON cannot hold them. */
  @ParameterizedTest
  @ValueSource(strings = {"7fffffffffffffff", "7ff0000000000000", "fff0000000000000", "7ff8000000000000"})
  void nonFinite_isAnError(String bits) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertThatThrownBy(() -> EcmaScriptNumber.format(d)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON has no representation");
    assertThatThrownBy(() -> CanonicalJson.write(List.of(d))).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "3.85, 3.85",
      "0.1, 0.1",
      "-2.5, -2.5",
      "2.0, 2",
      "100, 100",
      "1e20, 100000000000000000000",
      "1e21, 1e+21",
      "1.5e21, 1.5e+21",
      "1e-6, 0.000001",
      "1.5e-6, 0.0000015",
      "1e-7, 1e-7",
      "1.5e-7, 1.5e-7",
      "123456789012345680000, 123456789012345680000",
      "2e-3, 0.002",
      "5e-324, 5e-324",
      "2.2250738585072014e-308, 2.2250738585072014e-308",
      "9007199254740991, 9007199254740991",
      "0.30000000000000004, 0.30000000000000004"})
  void layout_followsEcmaScriptThresholds(double value, String expected) {
    assertThat(EcmaScriptNumber.format(value)).isEqualTo(expected);
  }

  /**
   * Values where Java 17's Double.toString is not shortest: it writes 1.9999999999999998E23,
   * 8.409999999999999E21, 9.999999999999999E22 and 4.9E-324 for these.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2E23, 2e+23",
      "8.41E21, 8.41e+21",
      "1E23, 1e+23",
      "5E-324, 5e-324"})
  void digits_areShortestWhereJava17IsNot(double value, String expected) {
    assertThat(EcmaScriptNumber.format(value)).isEqualTo(expected);
  }

  /** Rounding the short sticky approximation gives what rounding the exact (long) BigDecimal gives. */
  @Test
  void stickyApproximation_roundsLikeTheExactValue() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(8785);
    RoundingMode[] modes = {RoundingMode.FLOOR, RoundingMode.CEILING, RoundingMode.HALF_EVEN};
    for (int i = 0; i < 20_000; i++) {
      double a = Math.abs(i % 2 == 0 ? Double.longBitsToDouble(rnd.nextLong())
          : rnd.nextLong(1, 1_000_000_000_000L) / Math.pow(10, rnd.nextInt(-10, 20)));
      if (!Double.isFinite(a) || a == 0) {
        continue;
      }
      BigDecimal exact = new BigDecimal(a);
      BigDecimal approx = EcmaScriptNumber.stickyApproximation(a);
      assertThat(approx.precision()).as("%s", a).isBetween(19, 25);
      for (int p = 1; p <= 17; p++) {
        for (RoundingMode mode : modes) {
          MathContext mc = new MathContext(p, mode);
          assertThat(approx.round(mc)).as("%s to %d digits %s", a, p, mode).isEqualByComparingTo(exact.round(mc));
        }
      }
    }
  }

  @Test
  void canonicalWrite_usesTheFormatterForDoubles_andKeepsLongs() {
    assertThat(new String(CanonicalJson.write(java.util.Map.of("gpa", 3.85, "n", 7L, "z", -0.0)),
        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"gpa\":3.85,\"n\":7,\"z\":0}");
  }
}
