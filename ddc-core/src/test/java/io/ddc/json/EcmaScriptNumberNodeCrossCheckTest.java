package io.ddc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The number formatter and parser against an independent ECMAScript implementation: Node's
 * {@code JSON.stringify} and {@code JSON.parse}, fed over a million values through one node process
 * (test resource {@code ecmascript/stringify.js}). Skipped when {@code node} is not on the PATH,
 * except under {@code CI=true}, where that fails. {@code -Dddc.ecma.seed=N} changes the values.
 */
class EcmaScriptNumberNodeCrossCheckTest {
  private static final int RANDOM_BIT_PATTERNS = 600_000;
  private static final int NICE_DECIMALS = 200_000;
  private static final int NICE_LITERALS = 100_000;
  private static final int NEIGHBOURS = 40;

  /** The input lines for the node script, and for each the Double to format or the String literal to parse. */
  private final List<String> input = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  @Test
  void formattingAndParsing_matchNode(@TempDir Path dir) throws Exception {
    String node = nodeOrSkip();
    long seed = Long.getLong("ddc.ecma.seed", 8785L);
    SplittableRandom rnd = new SplittableRandom(seed);
    randomBitPatterns(rnd);
    niceDecimals(rnd);
    nearThresholdsAndPowersOfTen();
    edgeLiterals();

    Path in = dir.resolve("in.txt");
    Path out = dir.resolve("out.txt");
    Files.write(in, input, StandardCharsets.ISO_8859_1);
    long t0 = System.nanoTime();
    Process nodeRun = startNode(node, in, out);
    List<String> actual = new ArrayList<>(values.size());
    for (Object v : values) {
      actual.add(v instanceof Double ? EcmaScriptNumber.format((Double) v) : parsedAndWritten((String) v));
    }
    long t1 = System.nanoTime();
    awaitNode(nodeRun);
    long t2 = System.nanoTime();
    List<String> expected = Files.readAllLines(out, StandardCharsets.ISO_8859_1);

    assertThat(expected).as("node's output lines").hasSize(input.size());
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      if (!expected.get(i).equals(actual.get(i)) && mismatches.size() < 20) {
        mismatches.add(input.get(i) + ": node " + expected.get(i) + ", java " + actual.get(i));
      }
    }
    System.out.printf("ECMAScript cross-check (seed %d): %,d values, java %.1f s, node done %.1f s later%n",
        seed, input.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    assertThat(mismatches).as("values where Java and node differ (seed %d)", seed).isEmpty();
    assertThat(input.size()).isGreaterThanOrEqualTo(1_000_000);
  }

  private void randomBitPatterns(SplittableRandom rnd) {
    for (int n = 0; n < RANDOM_BIT_PATTERNS; ) {
      double d = Double.longBitsToDouble(rnd.nextLong());
      if (Double.isFinite(d)) {
        format(d);
        n++;
      }
    }
  }

  /** Short decimals as people write them (3.85, 0.07, 1.5e-7), formatted as doubles and parsed as literals. */
  private void niceDecimals(SplittableRandom rnd) {
    for (int n = 0; n < NICE_DECIMALS + NICE_LITERALS; n++) {
      String literal = niceLiteral(rnd);
      if (n < NICE_DECIMALS) {
        format(Double.parseDouble(literal));
      } else {
        parse(literal);
      }
    }
  }

  private static String niceLiteral(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    if (rnd.nextBoolean()) {
      sb.append('-');
    }
    sb.append(rnd.nextLong(1_000_000));
    if (rnd.nextInt(4) > 0) {
      String fraction = Integer.toString(rnd.nextInt(1_000_000));
      sb.append('.').append(fraction, 0, 1 + rnd.nextInt(fraction.length()));
    }
    if (rnd.nextBoolean()) {
      sb.append(rnd.nextBoolean() ? 'e' : 'E').append(rnd.nextInt(-30, 31));
    }
    return sb.toString();
  }

  /**
   * Every power of ten a double reaches and a few of ECMAScript's and the parser's thresholds, each
   * with its {@value #NEIGHBOURS} neighbours on each side, both signs.
   */
  private void nearThresholdsAndPowersOfTen() {
    List<Double> centres = new ArrayList<>();
    for (int e = -323; e <= 308; e++) {
      centres.add(Double.parseDouble("1e" + e));
    }
    centres.addAll(List.of(Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 0.0,
        (double) CanonicalJson.MAX_SAFE_INTEGER, 0x1p53, 0x1p63, 0x1p64, 3.85, 0.1, 0.3));
    for (double c : centres) {
      double up = c;
      double down = c;
      format(c);
      format(-c);
      for (int i = 0; i < NEIGHBOURS; i++) {
        up = Math.nextUp(up);
        down = Math.nextDown(down);
        for (double d : new double[] {up, down}) {
          if (Double.isFinite(d)) {
            format(d);
            format(-d);
          }
        }
      }
    }
  }

  private void edgeLiterals() {
    for (String literal : List.of("0", "-0", "-0.0", "0e5", "1.0", "1e2", "1E+2", "0.1e1", "3.85", "3.850",
        "9007199254740991", "-9007199254740991", "9007199254740992", "9007199254740991.4",
        "9007199254740991.5", "9007199254740990.9999", "1e15", "1e16", "1.5e16", "1e300", "1e308", "1e309",
        "1e400", "-1e400", "1e-400", "-1e-400", "5e-324", "2e-324", "3e-324", "1e-7", "1e-6", "1e21",
        "0.000001", "123456789.123456789", "4.35", "0.1", "0.2", "0.30000000000000004")) {
      parse(literal);
    }
  }

  private void format(double d) {
    String hex = Long.toHexString(Double.doubleToRawLongBits(d));
    input.add("x " + "0".repeat(16 - hex.length()) + hex);
    values.add(d);
  }

  private void parse(String literal) {
    input.add("p " + literal);
    values.add(literal);
  }

  /** The canonical form of a number literal, or REJECT if the parser rejects it as out of range. */
  private static String parsedAndWritten(String literal) {
    try {
      return new String(CanonicalJson.canonicalize(literal.getBytes(StandardCharsets.US_ASCII)),
          StandardCharsets.US_ASCII);
    } catch (JsonFormatException e) {
      assertThat(e.reason()).as(literal).isIn(JsonFormatException.Reason.INTEGER_OUT_OF_RANGE,
          JsonFormatException.Reason.NOT_FINITE);
      return "REJECT";
    }
  }

  /** Starts the script on {@code in}; it runs while Java computes its own answers. */
  private static Process startNode(String node, Path in, Path out) throws Exception {
    Path script = Path.of(EcmaScriptNumberNodeCrossCheckTest.class.getResource("/ecmascript/stringify.js").toURI());
    return new ProcessBuilder(node, script.toString(), in.toString(), out.toString())
        .redirectErrorStream(true).start();
  }

  private static void awaitNode(Process p) throws Exception {
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("node did not finish within 120 s");
    }
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("node's exit status; it said: %s", log).isZero();
  }

  /** "node" if it runs; else skips, or fails under CI=true where node must be there. */
  private static String nodeOrSkip() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return "node";
      }
    } catch (IOException e) {
      // not on the PATH
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("node is not on the PATH, but CI=true requires this ECMAScript cross-check (.ci/run installs nodejs)");
    }
    Assumptions.assumeTrue(false, "node is not on the PATH: skipping the ECMAScript cross-check");
    return null;
  }
}
