package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.cli.DdcCliTest.Run;
import io.ddc.publish.LogFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of {@code ddc publish}. */
class PublishCliTest {
  @TempDir Path dir;

  @Test
  void publish_writesTheTiles_thenOnlyWhatIsNew_andRefusesAFork() throws Exception {
    Path db = dir.resolve("ledger.db");
    Path out = dir.resolve("log");
    try (LogFixture f = LogFixture.sqlite(db)) {
      Run none = ddc("publish", "--ledger", db.toString(), "--out", out.toString());
      assertThat(none.code()).isEqualTo(2);
      assertThat(none.err()).startsWith("ddc publish: the ledger has no signed checkpoint yet");
      f.mint(297).checkpoint();
    }
    Run first = ddc("publish", "--ledger", db.toString(), "--out", out.toString());
    assertThat(first).isEqualTo(new Run(0,
        "published size 300 (was 0): 3 tiles, 2 entry bundles written, checkpoint updated\n", ""));
    assertThat(out.resolve("tile/0/001.p/44")).exists();
    Run again = ddc("publish", "--ledger", db.toString(), "--out", out.toString());
    assertThat(again.out()).isEqualTo(
        "published size 300 (was 0): 0 tiles, 0 entry bundles written, checkpoint unchanged\n".replace("was 0", "was 300"));
    Path other = dir.resolve("other.db");
    try (LogFixture g = LogFixture.sqlite(other)) {
      g.mint(400).checkpoint();
    }
    Run fork = ddc("publish", "--ledger", other.toString(), "--out", out.toString());
    assertThat(fork.code()).isEqualTo(1);
    assertThat(fork.out()).startsWith("REFUSED: FORK: ");
    assertThat(Files.readString(out.resolve("checkpoint"))).contains("\n300\n");
  }
}
