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
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

  /**
   * In another JVM: holds {@code args[0]} locked until stdin closes; with a second argument, only
   * says whether another process holds it ("held" or "free").
   */
  public static void main(String[] args) throws Exception {
    try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
      if (args.length > 1) {
        java.nio.channels.FileLock l = ch.tryLock();
        System.out.println(l == null ? "held" : "free");
        return;
      }
      ch.lock();
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }

  @Test
  @Timeout(120)
  void orphansWhoseLockNobodyHolds_areDeleted_theRestKept() throws Exception {
    Path orphan = spill("ddc-replay-4000001-123", Duration.ofHours(2), true);
    Path justMade = spill("ddc-replay-4000001-456", Duration.ofSeconds(10), true);
    // an earlier JVM with this process's id (a container's PID 1 restarted), whose directory is unlocked
    Path samePid = spill("ddc-replay-" + ProcessHandle.current().pid() + "-789", Duration.ofHours(5), true);
    Path noLock = spill("ddc-replay-4000001-000", Duration.ofHours(5), false);
    Path idleButLive = spill("ddc-replay-4000002-111", Duration.ofDays(2), true);
    Path other = Files.writeString(dir.resolve("ddc-replay-notes.db"), "x");
    Files.setLastModifiedTime(other, FileTime.from(NOW.minus(Duration.ofDays(3))));
    // a link to another directory that looks like an orphan: neither it nor what it points to is touched
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve(ReplayFiles.LOCK), "");
    Path precious = Files.writeString(elsewhere.resolve("precious.txt"), "keep");
    Files.setLastModifiedTime(elsewhere, FileTime.from(NOW.minus(Duration.ofDays(3))));
    Path link = Files.createSymbolicLink(dir.resolve("ddc-replay-4000003-222"), elsewhere);
    Files.getFileAttributeView(link, java.nio.file.attribute.BasicFileAttributeView.class,
        java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(NOW.minus(Duration.ofDays(3))), null, null);
    UserPrincipal me = Files.getOwner(dir);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process holder = new ProcessBuilder(java, "-cp", cp, ReplayOrphansTest.class.getName(),
        idleButLive.resolve(ReplayFiles.LOCK).toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("locked");
      Files.setLastModifiedTime(idleButLive, FileTime.from(NOW.minus(Duration.ofDays(2))));

      int removed = ReplayFiles.removeOrphans(dir, NOW, me);

      assertThat(orphan).doesNotExist();
      assertThat(samePid).as("unlocked, though named with this process's id").doesNotExist();
      assertThat(precious).as("behind a link").exists();
      assertThat(link).exists();
      assertThat(idleButLive).as("locked by a live process, idle for days").exists();
      assertThat(idleButLive.resolve(ReplayFiles.DB)).exists();
      assertThat(justMade).as("perhaps not locked yet").exists();
      assertThat(noLock).as("not a spill directory").exists();
      assertThat(other).as("not a spill directory's name").exists();
      assertThat(removed).isEqualTo(2);
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // once the holder is gone, its directory is an orphan too
    assertThat(ReplayFiles.removeOrphans(dir, NOW, me)).isEqualTo(1);
    assertThat(idleButLive).doesNotExist();
  }

  /** A directory that looks orphaned but belongs to another OS user is not touched. */
  @Test
  void anotherUsersDirectory_isKept() throws Exception {
    Path orphan = spill("ddc-replay-4000001-123", Duration.ofHours(2), true);
    assertThat(ReplayFiles.removeOrphans(dir, NOW, otherUser(Files.getOwner(dir)))).isZero();
    assertThat(orphan.resolve(ReplayFiles.DB)).exists();
    assertThat(ReplayFiles.removeOrphans(dir, NOW, Files.getOwner(dir))).isEqualTo(1);
  }

  /** A principal that is not {@code me} (the owner check compares principals). */
  private static UserPrincipal otherUser(UserPrincipal me) {
    return () -> me.getName() + "-not";
  }

  /** This JVM's live spill directory is never swept, however old, though its lock is this JVM's own. */
  @Test
  @Timeout(120)
  void thisJvmsLiveSpillDirectory_isKept() throws Exception {
    Replay.Spill spill = ReplayFiles.open();
    Path d = Path.of(spill.store().describe().substring("checkpoint replay ".length())).getParent();
    try {
      Files.setLastModifiedTime(d, FileTime.from(NOW.minus(Duration.ofDays(1))));
      ReplayFiles.removeOrphans(d.getParent(), NOW, Files.getOwner(d));
      assertThat(d.resolve(ReplayFiles.LOCK)).exists();
      // and its lock still holds: another process cannot take it
      assertThat(lockedElsewhere(d.resolve(ReplayFiles.LOCK))).isTrue();
    } finally {
      spill.store().close();
      spill.afterClose().run();
    }
    assertThat(d).doesNotExist();
  }

  /** Whether a child JVM finds {@code lock} locked by another process. */
  private static boolean lockedElsewhere(Path lock) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(java, "-cp", cp, ReplayOrphansTest.class.getName(), lock.toString(), "try")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return "held".equals(line);
    }
  }

  @Test
  @Timeout(120)
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
