package io.ddc.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript's {@code Number.prototype.toString()} for finite doubles (ECMA-262 Number::toString,
 * radix 10), which RFC 8785 §3.2.2.3 prescribes for canonical JSON numbers and which
 * {@code JSON.stringify} uses.
 *
 * <p>The digits are the fewest significant decimal digits that read back (round to nearest) as the
 * same double; among several such digit strings of that length, the one closest to the double's
 * exact value (an exact tie goes to the even last digit). Java 17's {@link Double#toString} is not
 * used for the digits because it is not always shortest nor closest (fixed only in JDK 19); it
 * only gives an upper bound on the length, from which the shortest length is found by trying
 * shorter ones, rounding a {@link BigDecimal} that stands for the exact value (see
 * {@link #stickyApproximation}).
 */
final class EcmaScriptNumber {
  /** Largest significant-digit count a double ever needs to round-trip. */
  private static final int MAX_DIGITS = 17;
  /** Fewest digits kept of the exact value before the sticky digit: more than MAX_DIGITS + 1. */
  private static final int KEPT_DIGITS = 21;

  private static final MathContext[] NEAREST = contexts(RoundingMode.HALF_EVEN);
  private static final MathContext[] DOWN = contexts(RoundingMode.FLOOR);
  private static final MathContext[] UP = contexts(RoundingMode.CEILING);

  private EcmaScriptNumber() {}

  /** The contexts rounding to 1 … {@value #MAX_DIGITS} digits with {@code mode}, by digit count. */
  private static MathContext[] contexts(RoundingMode mode) {
    MathContext[] c = new MathContext[MAX_DIGITS + 1];
    for (int p = 1; p <= MAX_DIGITS; p++) {
      c[p] = new MathContext(p, mode);
    }
    return c;
  }

  /**
   * The ECMAScript string of {@code x}: {@code "0"} for ±0; digits with a decimal point for
   * 1e-6 ≤ |x| < 1e21 ({@code 3.85}, {@code 0.000001}, {@code 295147905179352830000}); otherwise
   * exponent form with an explicit sign ({@code 1e+21}, {@code 1.5e-7}, {@code -5e-324}).
   *
   * @throws IllegalArgumentException for NaN and ±Infinity, which JSON cannot represent
   */
  static String format(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("JSON has no representation for " + x);
    }
    if (x == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder(26);
    if (x < 0) {
      sb.append('-');
    }
    BigDecimal digits = shortestDigits(Math.abs(x));
    String s = digits.unscaledValue().toString();
    int n = s.length() - digits.scale();
    layOut(s, n, sb);
    return sb.toString();
  }

  /**
   * The shortest decimal that reads back as {@code a} (positive and finite), closest to {@code a}
   * among those of its length, with no trailing zeros in its unscaled value.
   */
  private static BigDecimal shortestDigits(double a) {
    BigDecimal value = stickyApproximation(a);
    int upper = Math.min(MAX_DIGITS, javaDigitCount(a));
    BigDecimal best = closestRoundTrip(value, a, upper);
    if (best == null) {
      // cannot happen (Java's own digits round-trip), but 17 digits always do
      upper = MAX_DIGITS;
      best = closestRoundTrip(value, a, upper);
    }
    for (int p = upper - 1; p >= 1; p--) {
      BigDecimal shorter = closestRoundTrip(value, a, p);
      if (shorter == null) {
        break; // round-tripping is monotone in the precision: no shorter one either
      }
      best = shorter;
    }
    return best.stripTrailingZeros();
  }

  /**
   * Of the two {@code p}-digit decimals around {@code value}, {@code a}'s value (rounded down and
   * up), the one that reads back as {@code a}, the closer one if both do (an exact tie: the one
   * with an even last digit); null if neither does.
   */
  private static BigDecimal closestRoundTrip(BigDecimal value, double a, int p) {
    BigDecimal nearest = value.round(NEAREST[p]);
    if (nearest.doubleValue() == a) {
      return nearest;
    }
    if (!isPowerOfTwo(a)) {
      return null; // the doubles that read back as a lie symmetrically around it: the farther one does not
    }
    // below a power of two the doubles are twice as dense: the farther neighbour may still read back as a
    BigDecimal down = value.round(DOWN[p]);
    BigDecimal up = value.round(UP[p]);
    return down.doubleValue() == a ? down : up.doubleValue() == a ? up : null;
  }

  /** Whether {@code a} (positive, finite) is a normal power of two: its significand bits are all 0. */
  private static boolean isPowerOfTwo(double a) {
    long bits = Double.doubleToRawLongBits(a);
    return (bits & ((1L << 52) - 1)) == 0 && bits >>> 52 != 0;
  }

  /**
   * The exact value of {@code a} (positive and finite) cut to about {@value #KEPT_DIGITS}
   * significant digits (never fewer than {@value #MAX_DIGITS} + 2), followed by one more digit: 1 if the cut dropped
   * anything nonzero, else 0. Rounding it to at most {@value #MAX_DIGITS} digits, down, up or to
   * nearest, gives the same result as rounding the exact value (the points where those roundings
   * change, and their midpoints, all have at most {@value #MAX_DIGITS} + 1 digits, and the sticky
   * digit keeps the cut value on the same side of each), yet it has a few dozen digits where
   * {@code new BigDecimal(a)} has up to 767.
   */
  static BigDecimal stickyApproximation(double a) {
    long bits = Double.doubleToRawLongBits(a);
    int biased = (int) (bits >>> 52) & 0x7ff;
    long mantissa = bits & ((1L << 52) - 1);
    int e = biased == 0 ? -1074 : biased - 1075;
    if (biased != 0) {
      mantissa |= 1L << 52;
    }
    // a = mantissa × 2^e; scaled by 10^s, its integer part has about KEPT_DIGITS digits (log10 may be off by one)
    int s = KEPT_DIGITS - 1 - (int) Math.floor(Math.log10(a));
    BigInteger m = BigInteger.valueOf(mantissa);
    BigInteger cut;
    boolean inexact;
    if (s >= 0) {
      BigInteger n = m.multiply(BigInteger.TEN.pow(s));
      cut = e >= 0 ? n.shiftLeft(e) : n.shiftRight(-e);
      inexact = e < 0 && n.getLowestSetBit() < -e;
    } else {
      BigInteger[] qr = m.shiftLeft(e).divideAndRemainder(BigInteger.TEN.pow(-s));
      cut = qr[0];
      inexact = qr[1].signum() != 0;
    }
    BigInteger withSticky = cut.multiply(BigInteger.TEN).add(inexact ? BigInteger.ONE : BigInteger.ZERO);
    return new BigDecimal(withSticky, s + 1);
  }

  /** The significant digits in Java's {@link Double#toString} of {@code a}: a round-tripping length. */
  private static int javaDigitCount(double a) {
    String j = Double.toString(a);
    int end = j.indexOf('E');
    if (end < 0) {
      end = j.length();
    }
    int count = 0;
    boolean leading = true;
    int lastNonZero = 0;
    for (int i = 0; i < end; i++) {
      char c = j.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      if (leading && c == '0') {
        continue;
      }
      leading = false;
      count++;
      if (c != '0') {
        lastNonZero = count;
      }
    }
    return Math.max(1, lastNonZero);
  }

  /**
   * Appends the digits {@code s} (k of them, no trailing zeros) of the value
   * {@code 0.s × 10^n} as ECMA-262 Number::toString steps 6 to 10 lay them out.
   */
  private static void layOut(String s, int n, StringBuilder sb) {
    int k = s.length();
    if (k <= n && n <= 21) {
      sb.append(s);
      sb.append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      sb.append(s, 0, n).append('.').append(s, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.").append("0".repeat(-n)).append(s);
    } else {
      sb.append(s.charAt(0));
      if (k > 1) {
        sb.append('.').append(s, 1, k);
      }
      int e = n - 1;
      sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
  }
}
