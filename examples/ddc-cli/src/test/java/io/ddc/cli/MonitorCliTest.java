package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.cli.DdcCliTest.Run;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.publish.LogFixture;
import io.ddc.publish.Publisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of {@code ddc monitor}, and a monitor killed with SIGKILL that resumes from its state file. */
class MonitorCliTest {
  @TempDir Path dir;

  private String[] monitor(Path log, Path pub, Path state) {
    return new String[] {"monitor", "--from", log.toString(), "--trust", pub.toString(), "--origin", LogFixture.ORIGIN,
        "--state", state.toString()};
  }

  @Test
  void monitor_okThenDivergedOnARollback_andUsageErrors() throws Exception {
    Path db = dir.resolve("ledger.db");
    Path log = dir.resolve("log");
    Path old = dir.resolve("old");
    Path pub = dir.resolve("op.pub.pem");
    try (LogFixture f = LogFixture.sqlite(db)) {
      Files.writeString(pub, f.opKey.publicKey().toPem());
      f.mint(297).checkpoint();
      Publisher.publish(f.ledger, old);
      f.mint(100).checkpoint();
      Publisher.publish(f.ledger, log);
    }
    Path state = dir.resolve("m.state");
    Run ok = ddc(monitor(log, pub, state));
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).matches("OK publish\\.ddc\\.example/log size 400 \\(was 0\\): 5 tiles fetched, 0 from cache, "
        + "events replayed, state 397 "
        + "[0-9a-f]{64}, accounts 3 [0-9a-f]{64}\n");
    assertThat(ddc(monitor(log, pub, state)).out()).contains("size 400 (was 400): 3 tiles fetched, 2 from cache");
    Run back = ddc(monitor(old, pub, state));
    assertThat(back).isEqualTo(new Run(1, "DIVERGED: ROLLBACK: the checkpoint went backwards: size 300 after 400\n", ""));
    Run nowhere = ddc(monitor(dir.resolve("nope"), pub, state));
    assertThat(nowhere.code()).isEqualTo(2);
    assertThat(nowhere.err()).contains("is neither an http(s) URL nor a directory");
    Files.writeString(dir.resolve("bad.state"), "not a checkpoint");
    Run bad = ddc(monitor(log, pub, dir.resolve("bad.state")));
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("ddc monitor: the state file ");
  }

  /** SIGKILL at several moments of a run: the state is always the old or the new checkpoint, and the next run resumes. */
  @Test
  void monitorKilledAtAnyMoment_resumesFromItsStateFile() throws Exception {
    Path db = dir.resolve("ledger.db");
    Path log = dir.resolve("log");
    Path pub = dir.resolve("op.pub.pem");
    String first;
    String second;
    try (LogFixture f = LogFixture.sqlite(db)) {
      Files.writeString(pub, f.opKey.publicKey().toPem());
      first = f.mint(297).checkpoint();
      Publisher.publish(f.ledger, log);
      Path state = dir.resolve("m.state");
      assertThat(ddc(monitor(log, pub, state)).code()).isZero();
      second = f.mint(15_000).checkpoint();
      Publisher.publish(f.ledger, log);
    }
    Path state = dir.resolve("m.state");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int killedWhileRunning = 0;
    for (long delay : new long[] {200, 700, 1500, 3000}) {
      Files.writeString(state, first);
      List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.ddc.cli.Main"));
      cmd.addAll(List.of(monitor(log, pub, state)));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile())
          .start();
      boolean ended = p.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!ended) {
        killedWhileRunning++;
        p.destroyForcibly().waitFor();
      }
      String kept = Files.readString(state);
      assertThat(kept).as("after SIGKILL at %d ms", delay).isIn(first, second);
      Run resumed = ddc(monitor(log, pub, state));
      assertThat(resumed.code()).as(resumed.out()).isZero();
      assertThat(resumed.out()).contains("size 15300 (was " + (kept.equals(first) ? "300" : "15300") + ")");
      assertThat(Files.readString(state)).isEqualTo(second);
    }
    assertThat(killedWhileRunning).as("runs killed before they ended").isPositive();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).doesNotContain(".m.state.tmp");
    }
    try (Ledger l = Ledger.builder(JdbcLedgerStore.sqlite(db)).open()) {
      assertThat(l.latestCheckpoint()).contains(second);
    }
  }
}
