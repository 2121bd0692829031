package io.ddc.ledger;

import io.ddc.DdcException;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerUnavailableException;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;

/**
 * The checkpoint replay's spill files (docs/LEDGER.md, "Checkpoints"): one temporary SQLite file per
 * replay, named after its process so that files left by a killed process can be found and deleted.
 */
final class ReplayFiles {
  private static final System.Logger LOG = System.getLogger(Ledger.class.getName());

  private ReplayFiles() {}

  /** Spill files are named {@code ddc-replay-PID-STARTMILLIS-RANDOM.db} (and SQLite's {@code -wal}, {@code -shm}). */
  static final String SPILL_PREFIX = "ddc-replay-";

  /** A spill file untouched this long, whose process is gone, is an orphan. */
  static final Duration ORPHAN_AGE = Duration.ofHours(1);

  /**
   * Deletes the spill files in {@code dir} left by processes that died without closing their ledger
   * (a SIGKILL, a crash): those whose process id no longer names a running process with the same
   * start time, and that have not been modified for {@link #ORPHAN_AGE} before {@code now}. Returns
   * how many files were deleted. (Processes in another PID namespace sharing the directory would
   * look dead: the age bound is the guard there.)
   */
  static int removeOrphans(Path dir, Instant now) {
    int removed = 0;
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(dir, SPILL_PREFIX + "*")) {
      for (Path f : files) {
        String[] parts = f.getFileName().toString().substring(SPILL_PREFIX.length()).split("-", 3);
        if (parts.length < 3) {
          continue;
        }
        long pid;
        long start;
        try {
          pid = Long.parseLong(parts[0]);
          start = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
          continue;
        }
        // alive: the pid runs, and (where start times are known) started when the file's process did
        boolean alive = ProcessHandle.of(pid).map(h -> start == 0
            || h.info().startInstant().map(i -> i.toEpochMilli() == start).orElse(true)).orElse(false);
        if (alive || Files.getLastModifiedTime(f).toInstant().isAfter(now.minus(ORPHAN_AGE))) {
          continue;
        }
        if (Files.deleteIfExists(f)) {
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "looking for orphaned replay files in {0}: {1}", dir, e.getMessage());
    }
    if (removed > 0) {
      LOG.log(System.Logger.Level.INFO, "deleted {0} replay file(s) in {1} left by processes that are gone",
          removed, dir);
    }
    return removed;
  }

  /**
   * A new spill file in {@code java.io.tmpdir}, opened as a SQLite store, after deleting the
   * orphans there; the returned spill deletes the file once the replay closes it.
   */
  static Replay.Spill open() throws DdcException {
    Path file;
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"));
      removeOrphans(dir, Instant.now());
      file = Files.createTempFile(dir, SPILL_PREFIX + ProcessHandle.current().pid() + "-"
          + ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "-", ".db");
    } catch (IOException e) {
      throw new LedgerUnavailableException("cannot create the checkpoint replay's temporary file in "
          + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
    }
    Runnable delete = () -> {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        try {
          Files.deleteIfExists(Path.of(file + suffix));
        } catch (IOException e) {
          LOG.log(System.Logger.Level.WARNING, "could not delete the replay file {0}{1}: {2}", file, suffix,
              e.getMessage());
        }
      }
    };
    for (String suffix : new String[] {"-shm", "-wal", ""}) {
      // at exit, if the ledger was not closed: the journal files too (deleted in the reverse order)
      new File(file + suffix).deleteOnExit();
    }
    try {
      // no other process writes the file: no head checks; a small cache (the replay's buffer is the hot set)
      String url = "jdbc:sqlite:" + file.toAbsolutePath();
      return new Replay.Spill(JdbcLedgerStore.open(() -> DriverManager.getConnection(url),
          "checkpoint replay " + file, Duration.ofDays(365), 10_000), delete);
    } catch (DdcException | RuntimeException e) {
      delete.run();
      throw e;
    }
  }

}
