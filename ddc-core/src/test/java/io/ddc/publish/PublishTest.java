package io.ddc.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Sm3;
import io.ddc.ledger.memory.MemoryLedgerStore;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Publisher}: the C2SP tlog-tiles layout, read back by a reader written from the spec. */
class PublishTest {
  @TempDir Path tmp;

  static final Function<byte[], byte[]> SM3 = Sm3::hash;

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The spec reader agrees with Tessera's test log (SHA-256): so it reads the layout as Tessera writes it. */
  @Test
  void specReader_readsTesserasTestLog() throws Exception {
    Path log = Path.of(getClass().getResource("/merkle/transparency-dev-tessera/testdata/log").toURI());
    SpecReader.Read r = new SpecReader(log, PublishTest::sha256).read("checkpoint.15");
    assertThat(r.origin()).isEqualTo("example.com/log/testdata");
    assertThat(r.size()).isEqualTo(15);
    assertThat(new String(r.entries().get(14), StandardCharsets.UTF_8)).isEqualTo("fivten");
    assertThat(r.files()).containsExactly("tile/0/000.p/15", "tile/entries/000.p/15");
    // and it rejects the same log read with the wrong hash
    assertThatThrownBy(() -> new SpecReader(log, SM3).read("checkpoint.15")).isInstanceOf(AssertionError.class);
  }

  @Test
  void tilePath_encodesAndParsesOnlyCanonicalPaths() {
    assertThat(TilePath.encodeIndex(1234067)).isEqualTo("x001/x234/067");
    assertThat(TilePath.encodeIndex(5)).isEqualTo("005");
    assertThat(TilePath.encodeIndex(1000)).isEqualTo("x001/000");
    assertThat(new TilePath(0, 1234067, 256).format()).isEqualTo("tile/0/x001/x234/067");
    assertThat(new TilePath(TilePath.ENTRIES, 0, 15).format()).isEqualTo("tile/entries/000.p/15");
    for (long i : new long[] {0, 1, 999, 1000, 1234067, Long.MAX_VALUE}) {
      assertThat(TilePath.encodeIndex(i)).isEqualTo(SpecReader.index(i));
      for (int w : new int[] {1, 255, 256}) {
        TilePath t = new TilePath(3, i, w);
        assertThat(TilePath.parse(t.format())).contains(t);
      }
    }
    for (String bad : new String[] {"tile/0/0", "tile/0/00", "tile/00/000", "tile/64/000", "tile/0/x000/001",
        "tile/0/001/002", "tile/0/x001", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/01", "tile/0/000.p/",
        "tile/0/../000", "tile/0/000/", "tile//000", "tile/0/000.p", "tile/0/x9223/x372/x036/x854/x775/x807/x000", "tile/0/x009/x223/x372/x036/x854/x775/808",
        "tile/-1/000", "tile/entries/000.q/3", "checkpoint", "/tile/0/000", "tile/0/+00", "tile/0/x-01/000"}) {
      assertThat(TilePath.parse(bad)).as(bad).isEmpty();
    }
  }

  /** The spec's own example: a tree of 70,000 entries, every tile and bundle, read back and hashed. */
  @Test
  void publish_70000Events_isTheSpecsExampleLayout_andTheSpecReaderRecomputesTheRoot() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(70_000 - 3);
      f.checkpoint();
      Path out = tmp.resolve("log");
      Publisher.Result r = Publisher.publish(f.ledger, out);
      assertThat(r).isEqualTo(new Publisher.Result(70_000, 0, 273 + 1 + 1 + 1 + 1, 274, true));
      SpecReader reader = new SpecReader(out, SM3);
      SpecReader.Read read = reader.read("checkpoint");
      assertThat(read.origin()).isEqualTo(LogFixture.ORIGIN);
      Set<String> want = new TreeSet<>(read.files());
      want.add("checkpoint");
      assertThat(reader.listing()).isEqualTo(want);
      assertThat(want).contains("tile/0/272", "tile/0/273.p/112", "tile/1/000", "tile/1/001.p/17", "tile/2/000.p/1",
          "tile/entries/273.p/112").doesNotContain("tile/3/000.p/1");
      assertThat(Files.readString(out.resolve("checkpoint"))).isEqualTo(f.ledger.latestCheckpoint().orElseThrow());
      assertThat(read.entries().get(0)).isEqualTo(f.ledger.store().events(0, 1).get(0));
    }
  }

  @Test
  void publish_isIncremental_fullTilesStay_partialsGrow_andARerunWritesNothing() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(300 - 3);
      f.checkpoint();
      Path out = tmp.resolve("log");
      assertThat(Publisher.publish(f.ledger, out)).isEqualTo(new Publisher.Result(300, 0, 3, 2, true));
      SpecReader reader = new SpecReader(out, SM3);
      assertThat(reader.listing()).containsExactly("checkpoint", "tile/0/000", "tile/0/001.p/44", "tile/1/000.p/1",
          "tile/entries/000", "tile/entries/001.p/44");
      Path full = out.resolve("tile/0/000");
      byte[] fullBytes = Files.readAllBytes(full);
      Files.setLastModifiedTime(full, java.nio.file.attribute.FileTime.fromMillis(0));
      // nothing new: nothing written
      assertThat(Publisher.publish(f.ledger, out)).isEqualTo(new Publisher.Result(300, 300, 0, 0, false));
      // a wider partial tile next to the old one
      f.mint(100);
      f.checkpoint();
      assertThat(Publisher.publish(f.ledger, out)).isEqualTo(new Publisher.Result(400, 300, 1, 1, true));
      assertThat(reader.listing()).contains("tile/0/001.p/44", "tile/0/001.p/144", "tile/entries/001.p/144");
      reader.read("checkpoint");
      // tile 1 becomes full: its partials go, the full tile is written once and never touched
      f.mint(300);
      f.checkpoint();
      assertThat(Publisher.publish(f.ledger, out)).isEqualTo(new Publisher.Result(700, 400, 3, 2, true));
      // (tile/1/000 is still partial: its narrower partials stay for readers of older checkpoints)
      assertThat(reader.listing()).containsExactly("checkpoint", "tile/0/000", "tile/0/001", "tile/0/002.p/188",
          "tile/1/000.p/1", "tile/1/000.p/2", "tile/entries/000", "tile/entries/001", "tile/entries/002.p/188");
      assertThat(reader.read("checkpoint").size()).isEqualTo(700);
      assertThat(Files.readAllBytes(full)).isEqualTo(fullBytes);
      assertThat(Files.getLastModifiedTime(full).toMillis()).isZero();
      assertThat(Files.readString(out.resolve("checkpoint"))).isEqualTo(f.ledger.latestCheckpoint().orElseThrow());
    }
  }

  @Test
  void publish_afterAStopHalfWay_completesAndKeepsTheOldCheckpointUntilThen() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(297);
      f.checkpoint();
      Path out = tmp.resolve("log");
      Publisher.publish(f.ledger, out);
      String old = Files.readString(out.resolve("checkpoint"));
      f.mint(300);
      f.checkpoint();
      Publisher.publish(f.ledger, tmp.resolve("complete"));
      // a run that wrote some tiles, then died before the checkpoint
      Files.createDirectories(out.resolve("tile/0"));
      Files.copy(tmp.resolve("complete/tile/0/001"), out.resolve("tile/0/001"));
      assertThat(Files.readString(out.resolve("checkpoint"))).isEqualTo(old);
      assertThat(Publisher.publish(f.ledger, out).tiles()).isEqualTo(2);
      assertThat(new SpecReader(out, SM3).read("checkpoint").size()).isEqualTo(600);
      Set<String> all = new TreeSet<>(new SpecReader(tmp.resolve("complete"), SM3).listing());
      all.add("tile/1/000.p/1");
      assertThat(new SpecReader(out, SM3).listing()).isEqualTo(all);
    }
  }

  @Test
  void publish_refusesWithoutCheckpoint_anotherLog_aConflictingTile_andWhileLocked() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore());
        LogFixture other = LogFixture.create(new MemoryLedgerStore())) {
      Path out = tmp.resolve("log");
      assertThatThrownBy(() -> Publisher.publish(f.ledger, out)).isInstanceOfSatisfying(PublishException.class,
          e -> assertThat(e.reason()).isEqualTo(PublishException.Reason.NO_CHECKPOINT));
      f.mint(297);
      f.checkpoint();
      other.mint(297);
      other.checkpoint();
      Publisher.publish(f.ledger, out);
      // same origin, other log: its root at 300 differs
      assertThatThrownBy(() -> Publisher.publish(other.ledger, out)).isInstanceOfSatisfying(PublishException.class,
          e -> assertThat(e.reason()).isEqualTo(PublishException.Reason.FORK));
      Files.writeString(out.resolve("checkpoint"), "elsewhere.example/log\n1\n"
          + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n\n— elsewhere.example/log AAAAAAAA\n");
      assertThatThrownBy(() -> Publisher.publish(f.ledger, out)).isInstanceOfSatisfying(PublishException.class,
          e -> assertThat(e.reason()).isEqualTo(PublishException.Reason.OTHER_LOG));
      Files.writeString(out.resolve("checkpoint"), "garbage");
      assertThatThrownBy(() -> Publisher.publish(f.ledger, out)).isInstanceOfSatisfying(PublishException.class,
          e -> assertThat(e.reason()).isEqualTo(PublishException.Reason.OTHER_LOG));
      // another log's tile where this log's goes: refused, and the checkpoint is not written
      Path fresh = tmp.resolve("fresh");
      Publisher.publish(other.ledger, fresh);
      Files.delete(fresh.resolve("checkpoint"));
      assertThatThrownBy(() -> Publisher.publish(f.ledger, fresh)).isInstanceOfSatisfying(PublishException.class,
          e -> assertThat(e.reason()).isEqualTo(PublishException.Reason.CONFLICT));
      assertThat(fresh.resolve("checkpoint")).doesNotExist();
      Files.createDirectories(tmp.resolve("locked"));
      try (FileChannel c = FileChannel.open(tmp.resolve("locked").resolve(Publisher.LOCK_FILE),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock l = c.lock();
        assertThat(l.isValid()).isTrue();
        assertThatThrownBy(() -> Publisher.publish(f.ledger, tmp.resolve("locked")))
            .isInstanceOfSatisfying(PublishException.class,
                e -> assertThat(e.reason()).isEqualTo(PublishException.Reason.LOCKED));
      }
    }
  }

  @Test
  void bundle_isLengthPrefixed_andRefusesAnEntryOver65535Bytes() throws Exception {
    TilePath t = new TilePath(TilePath.ENTRIES, 2, 3);
    List<byte[]> events = new ArrayList<>(List.of(new byte[] {7}, new byte[0], new byte[0xffff]));
    byte[] b = Publisher.bundle(events, t);
    assertThat(Arrays.copyOf(b, 6)).containsExactly(0, 1, 7, 0, 0, 0xff);
    assertThat(b).hasSize(3 + 2 + 2 + 0xffff);
    events.set(1, new byte[0x10000]);
    assertThatThrownBy(() -> Publisher.bundle(events, t)).isInstanceOfSatisfying(PublishException.class, e -> {
      assertThat(e.reason()).isEqualTo(PublishException.Reason.ENTRY_TOO_LARGE);
      assertThat(e.getMessage()).contains("event 513 is 65536 bytes");
    });
  }
}
