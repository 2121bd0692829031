package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spill directories left by processes killed before closing their ledger are deleted when a later
 * replay makes its own: those whose lock file no process holds. Nothing locked by a live process
 * (however long idle), nothing just created, nothing of this process and nothing else is touched.
 */
class ReplayOrphansTest {
  @TempDir
  Path dir;

  private static final Instant NOW = Instant.now();

  /** A spill directory with a lock file and a database, last modified {@code age} ago. */
  private Path spill(String name, Duration age, boolean withLock) throws Exception {
    Path d = Files.createDirectory(dir.resolve(name));
    Files.writeString(d.resolve(ReplayFiles.DB), "x");
    Files.writeString(d.resolve(ReplayFiles.DB + "-wal"), "x");
    if (withLock) {
      Files.writeString(d.resolve(ReplayFiles.LOCK), "");
    }
    Files.setLastModifiedTime(d, FileTime.from(NOW.minus(age)));
    return d;
  }

  /** Holds {@code lock} locked from another JVM until its stdin closes. */
  public static void main(String[] args) throws Exception {
    try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
      ch.lock();
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }

  @Test
  void orphansWhoseLockNobodyHolds_areDeleted_theRestKept() throws Exception {
    Path orphan = spill("ddc-replay-4000001-123", Duration.ofHours(2), true);
    Path justMade = spill("ddc-replay-4000001-456", Duration.ofMinutes(1), true);
    Path mine = spill("ddc-replay-" + ProcessHandle.current().pid() + "-789", Duration.ofHours(5), true);
    Path noLock = spill("ddc-replay-4000001-000", Duration.ofHours(5), false);
    Path idleButLive = spill("ddc-replay-4000002-111", Duration.ofDays(2), true);
    Path other = Files.writeString(dir.resolve("ddc-replay-notes.db"), "x");
    Files.setLastModifiedTime(other, FileTime.from(NOW.minus(Duration.ofDays(3))));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process holder = new ProcessBuilder(java, "-cp", cp, ReplayOrphansTest.class.getName(),
        idleButLive.resolve(ReplayFiles.LOCK).toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("locked");
      Files.setLastModifiedTime(idleButLive, FileTime.from(NOW.minus(Duration.ofDays(2))));

      int removed = ReplayFiles.removeOrphans(dir, NOW);

      assertThat(orphan).doesNotExist();
      assertThat(idleButLive).as("locked by a live process, idle for days").exists();
      assertThat(idleButLive.resolve(ReplayFiles.DB)).exists();
      assertThat(justMade).as("perhaps not locked yet").exists();
      assertThat(mine).as("this process's own").exists();
      assertThat(noLock).as("not a spill directory").exists();
      assertThat(other).as("not a spill directory's name").exists();
      assertThat(removed).isEqualTo(1);
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // once the holder is gone, its directory is an orphan too
    assertThat(ReplayFiles.removeOrphans(dir, NOW)).isEqualTo(1);
    assertThat(idleButLive).doesNotExist();
  }

  @Test
  void aSpillDirectory_isPrivate_locked_andDeletedWhenClosed() throws Exception {
    Replay.Spill spill = ReplayFiles.open();
    Path db = Path.of(spill.store().describe().substring("checkpoint replay ".length()));
    Path d = db.getParent();
    try {
      assertThat(d.getFileName().toString()).startsWith("ddc-replay-" + ProcessHandle.current().pid() + "-");
      if (d.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(Files.getPosixFilePermissions(d)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
      }
      spill.store().write(tx -> {
        tx.put("k", "v");
        return null;
      });
      assertThat(db).exists();
      assertThat(d.resolve(ReplayFiles.LOCK)).exists();
    } finally {
      spill.store().close();
      spill.afterClose().run();
    }
    assertThat(d).doesNotExist();
  }
}
