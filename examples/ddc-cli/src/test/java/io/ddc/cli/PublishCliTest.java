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

  @Test
  void noteKeygen_thenPublishWithTheLogsEd25519Key() throws Exception {
    Path db = dir.resolve("ledger.db");
    Path out = dir.resolve("log");
    try (LogFixture f = LogFixture.sqlite(db)) {
      f.mint(10).checkpoint();
    }
    Run gen = ddc("note-keygen", "--name", LogFixture.ORIGIN, "--out", dir.resolve("ed.key").toString());
    assertThat(gen.code()).as(gen.err()).isZero();
    assertThat(gen.out()).matches("publish\\.ddc\\.example/log\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}\n");
    assertThat(Files.readString(dir.resolve("ed.key"))).startsWith("PRIVATE+KEY+" + LogFixture.ORIGIN + "+");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dir.resolve("ed.key")))).isEqualTo("rw-------");
    assertThat(ddc("note-keygen", "--name", LogFixture.ORIGIN, "--out", dir.resolve("ed.key").toString()).code())
        .as("exists").isEqualTo(2);
    Run pub = ddc("publish", "--ledger", db.toString(), "--out", out.toString(), "--ed25519-key",
        dir.resolve("ed.key").toString());
    assertThat(pub.code()).as(pub.err()).isZero();
    String cp = Files.readString(out.resolve("checkpoint"));
    io.ddc.checkpoint.NoteKey vkey = io.ddc.checkpoint.NoteKey.parse(gen.out().trim());
    assertThat(io.ddc.checkpoint.Checkpoints.verify(cp, java.util.List.of(vkey), java.util.List.of(), LogFixture.ORIGIN,
        32).size()).isEqualTo(13);
    ddc("note-keygen", "--name", "other.example/log", "--out", dir.resolve("other.key").toString());
    Run wrongName = ddc("publish", "--ledger", db.toString(), "--out", out.toString(), "--ed25519-key",
        dir.resolve("other.key").toString());
    assertThat(wrongName.code()).isEqualTo(2);
    assertThat(wrongName.err()).contains("the log's key is named by its origin");
    Files.writeString(dir.resolve("bad.key"), "PRIVATE+KEY+x+00000000+AQ==\n");
    Run bad = ddc("publish", "--ledger", db.toString(), "--out", out.toString(), "--ed25519-key",
        dir.resolve("bad.key").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("not an Ed25519 note signer key");
  }
}
