package io.ddc.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.checkpoint.SignedNote;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.publish.LogFixture;
import io.ddc.publish.LogSource;
import io.ddc.publish.Publisher;
import io.ddc.publish.TilePath;
import io.ddc.sign.Signers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Monitor}: a healthy log passes; forks, rewritten entries, doctored roots, rollbacks and
 * missing tiles are each caught, most of them built by a test that holds the Operator's key and so
 * signs whatever it publishes.
 */
class MonitorTest {
  @TempDir Path tmp;

  private static NoteKey key(LogFixture f) {
    return NoteKey.of(LogFixture.ORIGIN, Signers.sm2(f.opKey.publicKey()));
  }

  private static Monitor monitor(LogFixture f, Path dir) {
    return new Monitor(LogSource.directory(dir), LogFixture.ORIGIN, key(f));
  }

  private static MonitorException.Reason reasonOf(Throwable e) {
    return ((MonitorException) e).reason();
  }

  @Test
  void healthyLog_passes_andTheStateFileFollowsIt() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(297).checkpoint();
      Path dir = tmp.resolve("log");
      Publisher.publish(f.ledger, dir);
      Path state = tmp.resolve("monitor.state");
      Monitor.Result r = monitor(f, dir).follow(state);
      assertThat(r.size()).isEqualTo(300);
      assertThat(r.previousSize()).isZero();
      assertThat(r.roots().ddcCount()).isEqualTo(297);
      assertThat(r.roots().accountCount()).isEqualTo(3);
      assertThat(r.roots().stateRoot()).isEqualTo(f.ledger.snapshot(s -> s.stateRoot()));
      assertThat(Files.readString(state)).isEqualTo(f.ledger.latestCheckpoint().orElseThrow());
      f.mint(1_000).checkpoint();
      Publisher.publish(f.ledger, dir);
      assertThat(r.fetched()).isEqualTo(5); // entries 000, 001.p/44; tile/0/000, 001.p/44; tile/1/000.p/1
      assertThat(r.cached()).isZero();
      Monitor.Result r2 = monitor(f, dir).follow(state);
      assertThat(r2.size()).isEqualTo(1_300);
      assertThat(r2.previousSize()).isEqualTo(300);
      // the full tiles verified at 300 come from the monitor's cache: only the new ones are fetched
      assertThat(r2.cached()).isEqualTo(2);
      assertThat(r2.fetched()).isEqualTo(4 + 1 + 4 + 1 + 1);
      Monitor.Result r3 = monitor(f, dir).follow(state);
      assertThat(r3.cached()).isEqualTo(10);
      assertThat(r3.fetched()).isEqualTo(3);
      assertThat(state.resolveSibling("monitor.state.tiles").resolve("tile/entries/004")).exists();
      assertThat(Files.readString(state)).isEqualTo(f.ledger.latestCheckpoint().orElseThrow());
      // a torn temporary file left by a monitor killed while writing is ignored and replaced
      Files.writeString(state.resolveSibling(".monitor.state.tmp"), "torn");
      assertThat(monitor(f, dir).follow(state).previousSize()).isEqualTo(1_300);
      // another key: the checkpoint does not verify
      NoteKey other = NoteKey.of(LogFixture.ORIGIN, Signers.sm2(Sm2PrivateKey.generate(new SecureRandom()).publicKey()));
      assertThatThrownBy(() -> new Monitor(LogSource.directory(dir), LogFixture.ORIGIN, other).check(Optional.empty()))
          .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.BAD_CHECKPOINT));
      assertThatThrownBy(() -> new Monitor(LogSource.directory(dir), "elsewhere", key(f)).check(Optional.empty()))
          .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.BAD_CHECKPOINT));
    }
  }

  @Test
  void forkedLog_sameKeyTwoHistories_isCaught() throws Exception {
    Path a = tmp.resolve("a.db");
    Path b = tmp.resolve("b.db");
    LogFixture base = LogFixture.sqlite(a);
    base.mint(297).checkpoint();
    base.close();
    for (String ext : new String[] {"", "-wal", "-shm"}) {
      if (Files.exists(Path.of(a + ext))) {
        Files.copy(Path.of(a + ext), Path.of(b + ext));
      }
    }
    Path dirA = tmp.resolve("logA");
    Path dirB = tmp.resolve("logB");
    Path state = tmp.resolve("state");
    try (LogFixture fa = base.reopen(a); LogFixture fb = base.reopen(b)) {
      Publisher.publish(fa.ledger, dirA);
      assertThat(monitor(fa, dirA).follow(state).size()).isEqualTo(300);
      fa.mint(100).checkpoint();
      fb.mint(100).checkpoint();
      Publisher.publish(fa.ledger, dirA);
      Publisher.publish(fb.ledger, dirB);
      // both extend the common checkpoint; the monitor accepts the one it sees first ...
      assertThat(monitor(fa, dirA).follow(state).size()).isEqualTo(400);
      // ... and then the other is a fork: same size, another root
      assertThatThrownBy(() -> monitor(fb, dirB).follow(state)).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.FORK);
        assertThat(e.getMessage()).startsWith("two checkpoints of size 400 differ");
      });
      fb.mint(200).checkpoint();
      Publisher.publish(fb.ledger, dirB);
      Path cache = state.resolveSibling("state.tiles");
      assertThat(cache.resolve("tile/entries/000")).exists();
      assertThatThrownBy(() -> monitor(fb, dirB).follow(state)).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.FORK);
        assertThat(e.getMessage()).startsWith("the log at size 400 has root");
      });
      // what the failed run fetched is not kept; what earlier runs verified is
      assertThat(cache.resolve("tile/entries/001")).doesNotExist();
      assertThat(cache.resolve("tile/entries/000")).exists();
      assertThat(Files.readString(state)).isEqualTo(fa.ledger.latestCheckpoint().orElseThrow());
    }
  }

  @Test
  void checkpointGoingBackwards_isCaught() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(297).checkpoint();
      Path dir = tmp.resolve("log");
      Publisher.publish(f.ledger, dir);
      Path old = tmp.resolve("old");
      copyTree(dir, old);
      f.mint(300).checkpoint();
      Publisher.publish(f.ledger, dir);
      Path state = tmp.resolve("state");
      monitor(f, dir).follow(state);
      assertThatThrownBy(() -> monitor(f, old).follow(state)).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.ROLLBACK);
        assertThat(e.getMessage()).isEqualTo("the checkpoint went backwards: size 300 after 600");
      });
      assertThat(Files.readString(state)).contains("\n600\n");
    }
  }

  /** The Operator re-signs a log in which one logged request was changed. */
  @Test
  void rewrittenEntry_isCaught_whetherTheTilesFollowOrNot() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(297).checkpoint();
      Path dir = tmp.resolve("log");
      Publisher.publish(f.ledger, dir);
      List<byte[]> entries = f.ledger.store().events(0, 300);
      int victim = 261;
      byte[] changed = new String(entries.get(victim), StandardCharsets.UTF_8)
          .replace("did:test:alice", "did:test:alicf").getBytes(StandardCharsets.UTF_8);
      assertThat(changed).isNotEqualTo(entries.get(victim)).hasSameSizeAs(entries.get(victim));
      // only the bundle changed: the entry no longer hashes to its leaf
      Path bundle = dir.resolve("tile/entries/001.p/44");
      byte[] b = Files.readAllBytes(bundle);
      String s = new String(b, StandardCharsets.ISO_8859_1);
      int at = s.indexOf(new String(entries.get(victim), StandardCharsets.ISO_8859_1));
      System.arraycopy(changed, 0, b, at, changed.length);
      Files.write(bundle, b);
      assertThatThrownBy(() -> monitor(f, dir).check(Optional.empty())).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.REWRITTEN_ENTRY);
        assertThat(e.getMessage()).startsWith("entry 261 (tile/entries/001.p/44) hashes to");
      });
      // the Operator rebuilds every tile and signs the new root: the rules catch it
      List<byte[]> forged = new ArrayList<>(entries);
      forged.set(victim, changed);
      Path forgedDir = tmp.resolve("forged");
      Checkpoint real = body(f.ledger.latestCheckpoint().orElseThrow());
      publishForged(f, forgedDir, forged, real.extensions());
      assertThatThrownBy(() -> monitor(f, forgedDir).check(Optional.empty())).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.RULES_VIOLATED);
        // the rules name the first event of the request whose signed items no longer match
        assertThat(e.getMessage()).startsWith("event 3 (").contains("its events do not give back the signed request");
      });
    }
  }

  @Test
  void doctoredStateOrAccountRoot_isCaught() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(297).checkpoint();
      List<byte[]> entries = f.ledger.store().events(0, 300);
      List<String> ext = body(f.ledger.latestCheckpoint().orElseThrow()).extensions();
      // the honest log, re-signed by the forger's code: passes (the forger is faithful when it should be)
      Path honest = tmp.resolve("honest");
      publishForged(f, honest, entries, ext);
      assertThat(monitor(f, honest).check(Optional.empty()).size()).isEqualTo(300);
      String zero = java.util.Base64.getEncoder().encodeToString(new byte[32]);
      Path state = tmp.resolve("state");
      publishForged(f, state, entries, List.of("state 297 " + zero, ext.get(1), ext.get(2)));
      assertThatThrownBy(() -> monitor(f, state).check(Optional.empty())).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.STATE_ROOT_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("the checkpoint says \"state 297 " + zero + "\" but the events give \""
            + ext.get(0) + "\"");
      });
      Path count = tmp.resolve("count");
      publishForged(f, count, entries, List.of(ext.get(0).replace("state 297 ", "state 296 "), ext.get(1), ext.get(2)));
      assertThatThrownBy(() -> monitor(f, count).check(Optional.empty()))
          .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.STATE_ROOT_MISMATCH));
      Path accounts = tmp.resolve("accounts");
      publishForged(f, accounts, entries, List.of(ext.get(0), "accounts 3 " + zero, ext.get(2)));
      assertThatThrownBy(() -> monitor(f, accounts).check(Optional.empty()))
          .satisfies(e -> assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.ACCOUNT_ROOT_MISMATCH));
    }
  }

  @Test
  void missingOrWrongTiles_andAMalformedBundle_areCaught() throws Exception {
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(297).checkpoint();
      Path dir = tmp.resolve("log");
      Publisher.publish(f.ledger, dir);
      Path missing = tmp.resolve("missing");
      copyTree(dir, missing);
      Files.delete(missing.resolve("tile/0/001.p/44"));
      assertThatThrownBy(() -> monitor(f, missing).check(Optional.empty())).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.MISSING_TILE);
        assertThat(e.getMessage()).endsWith("has no tile/0/001.p/44 (nor its full tile)");
      });
      Path upper = tmp.resolve("upper");
      copyTree(dir, upper);
      Files.write(upper.resolve("tile/1/000.p/1"), new byte[32]);
      assertThatThrownBy(() -> monitor(f, upper).check(Optional.empty())).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.TILE_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("tile/1/000.p/1 does not hold the hashes the entries give");
      });
      Path cut = tmp.resolve("cut");
      copyTree(dir, cut);
      byte[] b = Files.readAllBytes(cut.resolve("tile/entries/001.p/44"));
      Files.write(cut.resolve("tile/entries/001.p/44"), Arrays.copyOf(b, b.length - 1));
      assertThatThrownBy(() -> monitor(f, cut).check(Optional.empty())).satisfies(e -> {
        assertThat(reasonOf(e)).isEqualTo(MonitorException.Reason.MALFORMED_BUNDLE);
        assertThat(e.getMessage()).isEqualTo("tile/entries/001.p/44 ends inside entry 43");
      });
    }
  }

  private static Checkpoint body(String note) throws Exception {
    return Checkpoint.parse(SignedNote.parse(note).text(), 32);
  }

  /** Writes {@code entries} as a tlog-tiles log and signs its checkpoint with the Operator's key. */
  private static void publishForged(LogFixture f, Path dir, List<byte[]> entries, List<String> ext) throws Exception {
    InMemoryTileStore tiles = new InMemoryTileStore();
    MerkleLog log = MerkleLog.open(TreeHasher.sm3(), tiles, 0);
    log.appendAll(entries);
    long n = entries.size();
    for (int level = 0; level == 0 || (n >>> (8 * level)) > 0; level++) {
      for (TilePath t : TilePath.tilesOf(level, n, 0)) {
        write(dir, t, Arrays.copyOf(tiles.readTile(8 * level, t.index()), 32 * t.width()));
      }
    }
    for (TilePath t : TilePath.tilesOf(TilePath.ENTRIES, n, 0)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < t.width(); i++) {
        byte[] e = entries.get((int) (t.index() * 256 + i));
        out.write(e.length >>> 8);
        out.write(e.length & 0xff);
        out.write(e);
      }
      write(dir, t, out.toByteArray());
    }
    String note = Checkpoints.sign(new Checkpoint(LogFixture.ORIGIN, n, log.root(), ext),
        List.of(NoteSigner.of(LogFixture.ORIGIN, Signers.sm2(f.opKey))));
    Files.writeString(dir.resolve("checkpoint"), note);
  }

  private static void write(Path dir, TilePath t, byte[] b) throws Exception {
    Path p = dir.resolve(t.format());
    Files.createDirectories(p.getParent());
    Files.write(p, b);
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }
}
