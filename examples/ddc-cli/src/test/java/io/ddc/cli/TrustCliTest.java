package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.cli.DdcCliTest.Run;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.sign.Signers;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14's CLI findings: each test performs the attack and checks the CLI now refuses it. */
class TrustCliTest {
  @TempDir Path dir;
  String a;
  String b;

  String p(String name) {
    return dir.resolve(name).toString();
  }

  static Run run(int code, String... args) {
    Run r = ddc(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(code);
    assertThat(r.err()).doesNotContain("\tat ");
    return r;
  }

  @BeforeEach
  void ledgers() throws Exception {
    for (String who : List.of("opA", "opB", "w1", "w2")) {
      run(0, "keygen", "--out", p(who + ".pem"), "--pub", p(who + ".pub.pem"));
    }
    a = p("a.db");
    b = p("b.db");
    run(0, "init", "--ledger", a, "--origin", "a.ddc.io/ledger", "--key", p("opA.pem"));
    run(0, "init", "--ledger", b, "--origin", "b.ddc.io/ledger", "--key", p("opB.pem"));
    run(0, "recharge", "--ledger", b, "--key", p("opB.pem"), "--to", "did:ddc:operator", "--amount", "5");
  }

  NoteKey key(String origin, String pub) throws Exception {
    return NoteKey.of(origin, Signers.sm2(Sm2PublicKey.fromPem(Files.readString(dir.resolve(pub)))));
  }

  static void sql(String db, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  /**
   * Attack (finding 7): ledger B's database names ledger A's key file (the setting {@code ddc init}
   * used to write), so {@code ddc checkpoint --ledger B} signed B's log with A's key; with B's
   * {@code cp/} rows deleted, nothing compared the new checkpoint with B's history. Now the key is
   * never taken from the database, and a log with events but no checkpoints is signed only with
   * {@code --first-checkpoint}.
   */
  @Test
  void checkpoint_neverTakesItsKeyFromTheDatabase_norStartsAHistoryUnasked() throws Exception {
    sql(b, "INSERT OR REPLACE INTO ddc_state (k, v) VALUES ('cfg/cli.checkpointKey', '" + p("opA.pem") + "')");
    Run noKey = run(2, "checkpoint", "--ledger", b);
    assertThat(noKey.out()).isEmpty();
    assertThat(noKey.err()).contains("--key").contains("DDC_CHECKPOINT_KEY");
    Run signed = run(0, "checkpoint", "--ledger", b, "--key", p("opB.pem"));
    Checkpoints.verify(signed.out(), List.of(key("b.ddc.io/ledger", "opB.pub.pem")), List.of(), "b.ddc.io/ledger", 32);

    // B's checkpoint history deleted: A's key would sign it with nothing to compare
    sql(b, "DELETE FROM ddc_state WHERE k LIKE 'cp/%' OR k LIKE 'm/cp%'");
    Run unasked = run(2, "checkpoint", "--ledger", b, "--key", p("opA.pem"));
    assertThat(unasked.out()).isEmpty();
    assertThat(unasked.err()).contains("no checkpoint").contains("--first-checkpoint");
    try (Ledger l = Ledger.builder(JdbcLedgerStore.sqlite(Path.of(b))).open()) {
      assertThat(l.latestCheckpoint()).as("nothing was signed").isEmpty();
    }
    Run asked = run(0, "checkpoint", "--ledger", b, "--key", p("opB.pem"), "--first-checkpoint");
    assertThat(asked.out()).startsWith("b.ddc.io/ledger\n2\n");
    run(0, "checkpoint", "--ledger", b, "--key", p("opB.pem"));
    run(2, "checkpoint", "--ledger", b, "--key", p("opA.pem"));
  }

  /** Finding 10: a bogus PostgreSQL URL with a password; no message shows the password. */
  @Test
  void noMessageShowsTheJdbcPassword() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:1/none?user=ddc&password=Sup3rS3cret";
    List<String[]> commands = List.of(
        new String[] {"show", "--ledger", url, "--ddc", "1"},
        new String[] {"checkpoint", "--ledger", url, "--key", p("opA.pem")},
        new String[] {"init", "--ledger", url, "--origin", "x", "--key", p("opA.pem")},
        new String[] {"mint", "--ledger", url, "--key", p("opA.pem"), "--to", "did:ddc:x"},
        new String[] {"prove", "--ledger", url, "--ddc", "1", "--out", p("x.json")},
        new String[] {"witness", "--ledger", url, "--key", p("w1.pem"), "--name", "w1", "--log-key", p("opA.pub.pem"),
            "--state", p("w1.state")},
        new String[] {"balance", "--ledger", url, "--did", "did:ddc:x"},
        new String[] {"show", "--ledger", url, "--ddc", "1", "--verbose"});
    for (String[] c : commands) {
      Run r = ddc(c);
      assertThat(r.code()).as(String.join(" ", c)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", c)).contains("127.0.0.1:1").contains("password=***");
      assertThat(r.out() + r.err()).as(String.join(" ", c)).doesNotContain("Sup3rS3cret");
    }
  }

  /**
   * Finding 8c and suspicion iii: {@code verify --witness} with a witness twice, one key under two
   * names, or a witness with the Operator's key (whose checkpoint signature relabels as a
   * cosignature) counted it twice or let the Operator stand in for a witness. Now exit 2.
   */
  @Test
  void verify_refusesAWitnessGivenTwice_aKeyUnderTwoNames_andTheOperatorsKey() throws Exception {
    Files.writeString(dir.resolve("b.json"), "{}");
    String w1 = "w1.example=" + p("w1.pub.pem");
    Run twice = run(2, "verify", p("b.json"), "--origin", "a.ddc.io/ledger", "--trust", p("opA.pub.pem"), "--witness", w1, "--witness", w1,
        "--quorum", "2");
    assertThat(twice.err()).contains("--witness").contains("twice");
    run(2, "verify", p("b.json"), "--origin", "a.ddc.io/ledger", "--trust", p("opA.pub.pem"), "--witness", w1, "--witness",
        "w1.example=" + p("w2.pub.pem"));
    Run alias = run(2, "verify", p("b.json"), "--origin", "a.ddc.io/ledger", "--trust", p("opA.pub.pem"), "--witness", w1, "--witness",
        "w1-alias=" + p("w1.pub.pem"), "--quorum", "2");
    assertThat(alias.err()).contains("same public key");
    Run operator = run(2, "verify", p("b.json"), "--origin", "a.ddc.io/ledger", "--trust", p("opA.pub.pem"), "--witness",
        "w9=" + p("opA.pub.pem"));
    assertThat(operator.err()).contains("key of the log");
    run(1, "verify", p("b.json"), "--origin", "a.ddc.io/ledger", "--trust", p("opA.pub.pem"), "--witness", w1, "--witness",
        "w2.example=" + p("w2.pub.pem"));
  }

  /** Finding 8d: while one {@code ddc witness} holds the state's lock, another refuses and changes nothing. */
  @Test
  void witness_locksItsState() throws Exception {
    String[] witness = {"witness", "--ledger", a, "--key", p("w1.pem"), "--name", "w1.example",
        "--log-key", p("opA.pub.pem"), "--state", p("w1.state")};
    try (FileChannel c = FileChannel.open(dir.resolve("w1.state.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock l = c.lock()) {
      assertThat(l.isValid()).isTrue();
      Run r = run(2, witness);
      assertThat(r.err()).contains("another ddc witness holds");
      assertThat(Files.exists(dir.resolve("w1.state"))).isFalse();
    }
    run(0, witness);
    assertThat(Files.readString(dir.resolve("w1.state"))).contains("\n— w1.example ");
    assertThat(Files.exists(dir.resolve("w1.state.tmp"))).as("written through a temporary file, moved").isFalse();
    // the Operator's own key as the witness key: refused
    Run same = run(2, "witness", "--ledger", a, "--key", p("opA.pem"), "--name", "w-op", "--log-key",
        p("opA.pub.pem"), "--state", p("op.state"));
    assertThat(same.err()).contains("log's key");
  }
}
