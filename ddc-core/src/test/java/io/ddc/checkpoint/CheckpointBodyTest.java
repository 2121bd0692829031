package io.ddc.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.checkpoint.CheckpointException.Reason;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link Checkpoint}, the body of a signed checkpoint: what the constructor refuses, the time line,
 * the commitments (everything but the time), the body text, and the parser's rejections with their
 * messages, each at its edge.
 */
class CheckpointBodyTest {
  static final byte[] ROOT = new byte[32];
  static final String ROOT64 = Base64.getEncoder().encodeToString(ROOT);

  static Checkpoint cp(String... extensions) {
    return new Checkpoint("log.example/a", 5, ROOT, List.of(extensions));
  }

  static void assertParseRejected(String body, Reason reason, String message) {
    assertThatThrownBy(() -> Checkpoint.parse(body, 32)).isInstanceOfSatisfying(CheckpointException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  @Test
  void theConstructor_refusesAnEmptyOrMultiLineOrigin_aNegativeSize_andBadExtensions() {
    for (String origin : new String[] {"", "a\nb", "a\n", "\na", "\n"}) {
      assertThatThrownBy(() -> new Checkpoint(origin, 1, ROOT, List.of())).as(origin)
          .isInstanceOf(IllegalArgumentException.class).hasMessage("origin must be one non-empty line");
    }
    assertThatThrownBy(() -> new Checkpoint("o", -1, ROOT, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be >= 0, but is -1");
    assertThat(new Checkpoint("o", 0, ROOT, List.of()).size()).isZero();
    for (String ext : new String[] {"", "a\nb", "\n"}) {
      assertThatThrownBy(() -> new Checkpoint("o", 1, ROOT, List.of("ok", ext))).as(ext)
          .isInstanceOf(IllegalArgumentException.class).hasMessage("an extension must be one non-empty line");
    }
  }

  @Test
  void itIsImmutable_theRootAndExtensionsAreCopies() {
    byte[] root = new byte[32];
    java.util.List<String> ext = new java.util.ArrayList<>(List.of("x 1"));
    Checkpoint c = new Checkpoint("o", 1, root, ext);
    root[0] = 9;
    ext.add("y 2");
    assertThat(c.rootHash()[0]).isZero();
    assertThat(c.extensions()).containsExactly("x 1");
    c.rootHash()[1] = 9;
    assertThat(c.rootHash()).isEqualTo(new byte[32]);
  }

  @Test
  void time_isTheOneTimeLine_andOnlyACanonicalDecimal() throws Exception {
    assertThat(cp().time()).isEqualTo(OptionalLong.empty());
    assertThat(cp("state 1 x", "time 1790000000000").time()).hasValue(1_790_000_000_000L);
    assertThat(cp("time 0").time()).hasValue(0);
    assertThat(cp("time 999999999999999999").time()).hasValue(999_999_999_999_999_999L);
    assertThat(cp("timestamp 5", "times 7").time()).as("other lines that start with \"time\"").isEmpty();
    for (String bad : new String[] {"time", "time ", "time 01", "time -1", "time +1", "time 1.5", "time 1 2",
        "time 1000000000000000000"}) {
      assertThatThrownBy(() -> cp(bad).time()).as(bad).isInstanceOfSatisfying(CheckpointException.class, e -> {
        assertThat(e.reason()).isEqualTo(Reason.BAD_TIME_LINE);
        assertThat(e.getMessage())
            .isEqualTo("the time line must be \"time <ms since the epoch>\", but is \"" + bad + "\"");
      });
    }
    assertThatThrownBy(() -> cp("time 1", "x", "time 1").time()).isInstanceOfSatisfying(CheckpointException.class,
        e -> {
          assertThat(e.reason()).isEqualTo(Reason.BAD_TIME_LINE);
          assertThat(e.getMessage()).isEqualTo("the checkpoint has more than one time line");
        });
  }

  @Test
  void commitments_areTheBodyWithoutTheTimeLine() {
    Checkpoint a = cp("state 1 S", "time 1000", "accounts 2 A");
    assertThat(a.body()).isEqualTo("log.example/a\n5\n" + ROOT64 + "\nstate 1 S\ntime 1000\naccounts 2 A\n");
    assertThat(a.commitments()).isEqualTo("log.example/a\n5\n" + ROOT64 + "\nstate 1 S\naccounts 2 A\n");
    assertThat(cp("state 1 S", "time", "accounts 2 A").commitments()).isEqualTo(a.commitments());
    assertThat(cp("state 1 S", "timestamp 3", "accounts 2 A").commitments()).contains("timestamp 3\n");
    assertThat(cp().commitments()).isEqualTo(cp().body()).isEqualTo("log.example/a\n5\n" + ROOT64 + "\n");
  }

  @Test
  void parse_readsWhatBodyWrites() throws Exception {
    Checkpoint a = cp("state 1 S", "time 1000");
    assertThat(Checkpoint.parse(a.body(), 32)).isEqualTo(a);
    Checkpoint three = Checkpoint.parse("o\n0\n" + ROOT64 + "\n", 32);
    assertThat(three.origin()).isEqualTo("o");
    assertThat(three.size()).isZero();
    assertThat(three.extensions()).isEmpty();
    assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT64 + "\n", 32).size()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void parse_rejectsEachFault_withItsMessage() {
    assertParseRejected("o\n1\n" + ROOT64, Reason.MISSING_LINE, "checkpoint body does not end with a newline");
    assertParseRejected("o\n1\n", Reason.MISSING_LINE,
        "checkpoint has 2 lines, needs at least 3 (origin, tree size, root hash)");
    assertParseRejected("\n1\n" + ROOT64 + "\n", Reason.EMPTY_ORIGIN, "the origin line is empty");
    assertParseRejected("o\n01\n" + ROOT64 + "\n", Reason.BAD_TREE_SIZE,
        "tree size must be a decimal number without sign or leading zeros, but is \"01\"");
    assertParseRejected("o\n9223372036854775808\n" + ROOT64 + "\n", Reason.BAD_TREE_SIZE,
        "tree size 9223372036854775808 is 2^63 or more");
    assertParseRejected("o\n99999999999999999999\n" + ROOT64 + "\n", Reason.BAD_TREE_SIZE,
        "tree size must be a decimal number without sign or leading zeros, but is \"99999999999999999999\"");
    String nonCanonical = ROOT64.substring(0, 42) + "B=";
    assertParseRejected("o\n1\n" + nonCanonical + "\n", Reason.BAD_ROOT_ENCODING, "root hash base64 is not canonical");
    assertParseRejected("o\n1\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n", Reason.WRONG_HASH_LENGTH,
        "root hash is 31 bytes, want 32");
    assertParseRejected("o\n1\n" + ROOT64 + "\na\n\n", Reason.EMPTY_EXTENSION_LINE, "extension line 2 is empty");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + ROOT64.replace('A', '*') + "\n", 32))
        .isInstanceOfSatisfying(CheckpointException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.BAD_ROOT_ENCODING);
          assertThat(e.getMessage()).startsWith("root hash is not standard base64: ");
        });
  }

  @Test
  void equality_coversEveryPart() {
    Checkpoint a = cp("x 1");
    assertThat(a).isEqualTo(cp("x 1")).hasSameHashCodeAs(cp("x 1"));
    assertThat(a).isNotEqualTo(new Checkpoint("log.example/b", 5, ROOT, List.of("x 1")));
    assertThat(a).isNotEqualTo(new Checkpoint("log.example/a", 6, ROOT, List.of("x 1")));
    byte[] other = new byte[32];
    other[31] = 1;
    assertThat(a).isNotEqualTo(new Checkpoint("log.example/a", 5, other, List.of("x 1")));
    assertThat(a).isNotEqualTo(cp("x 2"));
    assertThat(a).isNotEqualTo("log.example/a");
    assertThat(a.hashCode()).isNotEqualTo(cp("x 2").hashCode());
    assertThat(a).hasToString("Checkpoint[log.example/a, 5, " + "00".repeat(32) + ", [x 1]]");
  }
}
