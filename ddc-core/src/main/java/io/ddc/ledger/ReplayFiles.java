package io.ddc.ledger;

import io.ddc.DdcException;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerUnavailableException;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checkpoint replay's spill files (docs/LEDGER.md, "Checkpoints"): one private directory per
 * replay (mode 0700) in {@code java.io.tmpdir}, holding the SQLite file {@value #DB} and a
 * {@value #LOCK} file that the replay's process keeps locked while the replay lives. A directory
 * whose lock nobody holds was left by a process that died without closing its ledger (SIGKILL, a
 * crash), and the next replay that spills deletes it.
 *
 * <p>Trust: the spill holds the replayed state the Operator's checks rely on, so whoever can write it
 * could make the replay accept what the rules reject. Only the process's own OS user can (the
 * directory is 0700); that user can already read the Operator's key file or the process's memory,
 * so the spill adds no party able to forge (docs/SECURITY.md).
 */
final class ReplayFiles {
  private static final System.Logger LOG = System.getLogger(Ledger.class.getName());

  private ReplayFiles() {}

  /** Spill directories are named {@code ddc-replay-PID-RANDOM}. */
  static final String SPILL_PREFIX = "ddc-replay-";
  /** The SQLite file in a spill directory (with SQLite's {@code -wal}, {@code -shm}). */
  static final String DB = "state.db";
  /** The file a live replay keeps locked. */
  static final String LOCK = "lock";

  /**
   * A spill directory modified this recently is never deleted: it may be one whose process has not
   * locked it yet (the lock is taken microseconds after the directory is made; were a sweep to win
   * that race anyway, the new replay's checkpoint would fail as unavailable and the next one retry).
   */
  static final Duration CREATION_GRACE = Duration.ofMinutes(1);

  private static final AtomicLong OPENED = new AtomicLong();
  /**
   * This JVM's live spill directories: the sweep must not open their lock files (closing any
   * channel of a file releases the JVM's POSIX lock on it).
   */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  /** How many spill directories this process has created and locked (for tests). */
  static long opened() {
    return OPENED.get();
  }

  /**
   * Deletes the spill directories in {@code dir} left by processes that died without closing their
   * ledger: real directories (not links) owned by {@code user} (this process's OS user), whose
   * {@value #LOCK} file no process holds locked, not modified for {@link #CREATION_GRACE} before
   * {@code now}. This JVM's own live
   * directories are skipped (its replays delete them when closed; opening their lock file here
   * would release its own lock). Only the regular files and links directly in a directory are
   * deleted, then the directory: one holding anything else is left alone. Returns how many
   * directories were deleted.
   */
  static int removeOrphans(Path dir, Instant now, UserPrincipal user) {
    int removed = 0;
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, SPILL_PREFIX + "*")) {
      for (Path d : found) {
        try {
          if (LIVE.contains(d.toAbsolutePath()) || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          Path lock = d.resolve(LOCK);
          if (!Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).equals(user)
              || Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(now.minus(CREATION_GRACE))
              || !Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS) || heldByAProcess(lock)) {
            continue;
          }
          deleteTree(d);
          removed++;
        } catch (IOException | RuntimeException e) {
          // one directory that vanished or cannot be read does not stop the sweep
          LOG.log(System.Logger.Level.DEBUG, "skipping the replay directory {0}: {1}", d, e.getMessage());
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "looking for orphaned replay directories in {0}: {1}", dir,
          e.getMessage());
    }
    if (removed > 0) {
      LOG.log(System.Logger.Level.INFO, "deleted {0} replay director(ies) in {1} left by processes that are gone",
          removed, dir);
    }
    return removed;
  }

  /** Whether another process holds {@code lock} locked. */
  private static boolean heldByAProcess(Path lock) throws IOException {
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        return true;
      }
      if (l == null) {
        return true;
      }
      l.release();
      return false;
    }
  }

  /**
   * Deletes the regular files and links directly in {@code d} (never what a link points to), then
   * {@code d}; a directory already gone is not an error.
   */
  private static void deleteTree(Path d) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
      for (Path f : files) {
        if (!Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (NoSuchFileException e) {
      return;
    }
    Files.deleteIfExists(d);
  }

  /**
   * A new spill directory in {@code java.io.tmpdir}, its lock taken and its SQLite file opened as a
   * store; then the orphans there are deleted. The returned spill deletes the directory once the
   * replay closes it (or at exit, if the ledger is never closed).
   */
  static Replay.Spill open() throws DdcException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path dir;
    try {
      dir = (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")
          ? Files.createTempDirectory(tmp, SPILL_PREFIX + ProcessHandle.current().pid() + "-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
          : Files.createTempDirectory(tmp, SPILL_PREFIX + ProcessHandle.current().pid() + "-")).toAbsolutePath();
    } catch (IOException | RuntimeException e) {
      throw new LedgerUnavailableException("cannot create the checkpoint replay's temporary directory in " + tmp
          + ": " + e.getMessage(), e);
    }
    LIVE.add(dir);
    FileChannel lockChannel = null;
    try {
      lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      lockChannel.lock();
    } catch (IOException | RuntimeException e) {
      release(dir, lockChannel);
      throw new LedgerUnavailableException("cannot lock the checkpoint replay's directory " + dir + ": "
          + e.getMessage(), e);
    }
    OPENED.incrementAndGet();
    // at exit, if the ledger was not closed: deleteOnExit runs in reverse order, so files before the directory
    new File(dir.toString()).deleteOnExit();
    for (String f : new String[] {LOCK, DB + "-journal", DB, DB + "-wal", DB + "-shm"}) {
      new File(dir.toFile(), f).deleteOnExit();
    }
    try {
      removeOrphans(tmp, Instant.now(), Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "not looking for orphaned replay directories: {0}", e.getMessage());
    }
    FileChannel held = lockChannel;
    Runnable afterClose = () -> release(dir, held);
    try {
      // no other process writes the file: no head checks; a small cache (the replay's buffer is the hot set)
      String url = "jdbc:sqlite:" + dir.resolve(DB);
      return new Replay.Spill(JdbcLedgerStore.open(() -> DriverManager.getConnection(url),
          "checkpoint replay " + dir.resolve(DB), Duration.ofDays(365), 10_000), afterClose);
    } catch (DdcException | RuntimeException e) {
      afterClose.run();
      throw e;
    }
  }

  /** Releases the lock of a spill directory of this JVM (if taken) and deletes the directory. */
  private static void release(Path dir, FileChannel lock) {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing the replay lock in {0}: {1}", dir, e.getMessage());
      }
    }
    try {
      deleteTree(dir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete the replay directory {0}: {1}", dir, e.getMessage());
    } finally {
      LIVE.remove(dir);
    }
  }
}
