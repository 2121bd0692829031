package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spill files left by processes killed before closing their ledger are deleted when a later
 * replay makes its own; nothing of a live process, nothing recent, and nothing else is touched.
 */
class ReplayOrphansTest {
  @TempDir
  Path dir;

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private Path file(String name, Duration age) throws Exception {
    Path p = Files.writeString(dir.resolve(name), "x");
    Files.setLastModifiedTime(p, FileTime.from(NOW.minus(age)));
    return p;
  }

  /** A process id that names no running process here. */
  private static long deadPid() {
    for (long pid = 4_000_000; ; pid++) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
  }

  @Test
  void orphansOfGoneProcesses_areDeleted_onlyWhenOldEnough() throws Exception {
    long dead = deadPid();
    ProcessHandle me = ProcessHandle.current();
    long myStart = me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    Path orphan = file("ddc-replay-" + dead + "-1700000000000-123.db", Duration.ofHours(2));
    Path orphanWal = file("ddc-replay-" + dead + "-1700000000000-123.db-wal", Duration.ofHours(2));
    Path recent = file("ddc-replay-" + dead + "-1700000000000-456.db", Duration.ofMinutes(10));
    Path mine = file("ddc-replay-" + me.pid() + "-" + myStart + "-789.db", Duration.ofHours(5));
    Path other = file("ddc-replay-notes.db", Duration.ofDays(3));
    Path reusedPid = file("ddc-replay-" + me.pid() + "-" + (myStart == 0 ? 0 : myStart - 1) + "-1.db",
        Duration.ofHours(2));

    int removed = ReplayFiles.removeOrphans(dir, NOW);

    assertThat(orphan).doesNotExist();
    assertThat(orphanWal).doesNotExist();
    assertThat(recent).as("modified within the hour").exists();
    assertThat(mine).as("this process's own file").exists();
    assertThat(other).as("not a spill file's name").exists();
    if (myStart != 0) {
      assertThat(reusedPid).as("a pid reused by another process").doesNotExist();
      assertThat(removed).isEqualTo(3);
    } else {
      assertThat(removed).isEqualTo(2);
    }
  }
}
