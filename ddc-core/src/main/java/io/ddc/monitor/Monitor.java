package io.ddc.monitor;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.SignedNote;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.LogReplay;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Hash;
import io.ddc.publish.AtomicFiles;
import io.ddc.publish.LogSource;
import io.ddc.publish.TilePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows a published ddc log (docs/PUBLISH.md, "Monitoring"): checks the checkpoint's signature
 * and its consistency with the last one seen, fetches the entries and every hash tile, replays the
 * events through the rules ({@link LogReplay}, the ledger's own audit) and compares the replayed
 * state and account roots with the checkpoint's {@code state} and {@code accounts} lines. Each run
 * replays the log from its first event: the replayed state is not kept between runs, only the
 * last verified checkpoint.
 */
public final class Monitor {
  private static final int HASH = 32;
  private final LogSource source;
  private final String origin;
  private final NoteKey logKey;
  private final TreeHasher hasher = TreeHasher.sm3();

  /** A monitor of the log {@code origin}, signed by {@code logKey}, read from {@code source}. */
  public Monitor(LogSource source, String origin, NoteKey logKey) {
    this.source = Objects.requireNonNull(source, "source");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.logKey = Objects.requireNonNull(logKey, "logKey");
  }

  /**
   * A verified checkpoint.
   *
   * @param checkpoint the signed note, as published
   * @param size its log size
   * @param previousSize the size of the last one seen before (0 if none)
   * @param roots the replayed state and account roots, equal to the checkpoint's
   * @param fetched tiles and entry bundles fetched from the source
   * @param cached full tiles and entry bundles read from the monitor's own cache (see {@link #follow})
   */
  public record Result(String checkpoint, long size, long previousSize, LogReplay.Roots roots, int fetched,
      int cached) {}

  /**
   * Checks the published log's current checkpoint against {@code lastSeen} (a signed note this
   * monitor verified before; empty at the first run).
   *
   * @throws MonitorException naming the first divergence
   * @throws IOException if the source cannot be read
   */
  public Result check(Optional<String> lastSeen) throws MonitorException, IOException {
    return check(lastSeen, null);
  }

  /** The tiles a run fetched and read from the cache, and the cache files it wrote. */
  private static final class Fetches {
    final Path cache;
    final long verifiedSize;
    final List<Path> written = new ArrayList<>();
    int fetched;
    int cached;

    Fetches(Path cache, long verifiedSize) {
      this.cache = cache;
      this.verifiedSize = verifiedSize;
    }
  }

  private Result check(Optional<String> lastSeen, Path cache) throws MonitorException, IOException {
    String note = new String(source.get(TilePath.CHECKPOINT, SignedNote.MAX_NOTE_BYTES).orElseThrow(
        () -> new MonitorException(MonitorException.Reason.BAD_CHECKPOINT, source + " publishes no checkpoint")),
        StandardCharsets.UTF_8);
    Body cp = verify(note, MonitorException.Reason.BAD_CHECKPOINT, "the published checkpoint");
    Body prev = null;
    if (lastSeen.isPresent()) {
      prev = verify(lastSeen.get(), MonitorException.Reason.BAD_STATE, "the last seen checkpoint");
      if (prev.size > cp.size) {
        throw new MonitorException(MonitorException.Reason.ROLLBACK, "the checkpoint went backwards: size " + cp.size
            + " after " + prev.size);
      }
      if (cp.time < prev.time) {
        throw new MonitorException(MonitorException.Reason.ROLLBACK, "the checkpoint went backwards: time " + cp.time
            + " ms after " + prev.time + " ms");
      }
      if (prev.size == cp.size && !prev.sameState(cp)) {
        throw new MonitorException(MonitorException.Reason.FORK, "two checkpoints of size " + cp.size
            + " differ: root " + Hash.of(prev.root) + " " + prev.state + " " + prev.accounts + ", now root "
            + Hash.of(cp.root) + " " + cp.state + " " + cp.accounts);
      }
    }
    Fetches fx = new Fetches(cache, prev == null ? 0 : prev.size);
    try {
      return verifyLog(cp, prev, note, fx);
    } catch (MonitorException | IOException | RuntimeException e) {
      // what this run cached is not verified: drop it
      for (Path p : fx.written) {
        Files.deleteIfExists(p);
      }
      throw e;
    }
  }

  private Result verifyLog(Body cp, Body prev, String note, Fetches fx) throws MonitorException, IOException {
    InMemoryTileStore tiles = new InMemoryTileStore();
    MerkleLog log = MerkleLog.open(hasher, tiles, 0);
    LogReplay replay = new LogReplay();
    MonitorException rules = null;
    byte[] leaf = new byte[HASH];
    for (TilePath t : TilePath.tilesOf(TilePath.ENTRIES, cp.size, 0)) {
      List<byte[]> entries = entries(t, fetch(t, fx));
      TilePath leafPath = new TilePath(0, t.index(), t.width());
      byte[] leaves = fetch(leafPath, fx);
      if (leaves.length != t.width() * HASH) {
        throw new MonitorException(MonitorException.Reason.TILE_MISMATCH, leafPath.format() + " holds "
            + leaves.length + " bytes, not " + t.width() * HASH);
      }
      for (int i = 0; i < entries.size(); i++) {
        byte[] e = entries.get(i);
        hasher.leafHash(e, 0, e.length, leaf, 0);
        if (!Arrays.equals(leaf, 0, HASH, leaves, i * HASH, i * HASH + HASH)) {
          throw new MonitorException(MonitorException.Reason.REWRITTEN_ENTRY, "entry " + (t.index() * TilePath.WIDTH
              + i) + " (" + t.format() + ") hashes to " + Hash.of(leaf) + " but " + leafPath.format() + " has "
              + Hash.of(Arrays.copyOfRange(leaves, i * HASH, i * HASH + HASH)));
        }
      }
      log.appendAll(entries);
      if (rules == null) {
        try {
          replay.add(entries);
        } catch (LedgerCorruptException x) {
          rules = new MonitorException(MonitorException.Reason.RULES_VIOLATED, x.getMessage());
        }
      }
    }
    if (prev != null && prev.size > 0 && !Arrays.equals(log.root(prev.size), prev.root)) {
      throw new MonitorException(MonitorException.Reason.FORK, "the log at size " + prev.size + " has root "
          + Hash.of(log.root(prev.size)) + " but the checkpoint seen before has " + Hash.of(prev.root));
    }
    if (!Arrays.equals(log.root(), cp.root)) {
      throw new MonitorException(MonitorException.Reason.LOG_ROOT_MISMATCH, "the " + cp.size + " entries give the root "
          + Hash.of(log.root()) + " but the checkpoint has " + Hash.of(cp.root));
    }
    for (int level = 1; (cp.size >>> (8 * level)) > 0; level++) {
      for (TilePath t : TilePath.tilesOf(level, cp.size, 0)) {
        byte[] have = fetch(t, fx);
        byte[] want = Arrays.copyOf(tiles.readTile(8 * level, t.index()), t.width() * HASH);
        if (!Arrays.equals(have, want)) {
          throw new MonitorException(MonitorException.Reason.TILE_MISMATCH, t.format()
              + " does not hold the hashes the entries give");
        }
      }
    }
    if (rules != null) {
      throw rules;
    }
    LogReplay.Roots roots;
    try {
      roots = replay.roots();
    } catch (LedgerCorruptException x) {
      throw new MonitorException(MonitorException.Reason.RULES_VIOLATED, x.getMessage());
    }
    String state = Ledger.STATE_LINE + " " + roots.ddcCount() + " " + b64(roots.stateRoot());
    if (!state.equals(cp.state)) {
      throw new MonitorException(MonitorException.Reason.STATE_ROOT_MISMATCH, "the checkpoint says \"" + cp.state
          + "\" but the events give \"" + state + "\"");
    }
    String accounts = Ledger.ACCOUNTS_LINE + " " + roots.accountCount() + " " + b64(roots.accountRoot());
    if (!accounts.equals(cp.accounts)) {
      throw new MonitorException(MonitorException.Reason.ACCOUNT_ROOT_MISMATCH, "the checkpoint says \""
          + cp.accounts + "\" but the events give \"" + accounts + "\"");
    }
    return new Result(note, cp.size, prev == null ? 0 : prev.size, roots, fx.fetched, fx.cached);
  }

  /**
   * {@link #check} against the checkpoint kept in {@code stateFile} (absent at the first run),
   * keeping the full tiles and entry bundles a run verified in {@code FILE.tiles/} so that the next
   * run fetches only what is new (full tiles never change; the cache is checked like everything
   * else, since each run recomputes every root from the entries; delete it to fetch all again), and
   * on success records the new one there: written to {@code .FILE.tmp}, forced to disk and moved
   * over {@code FILE} atomically, so a monitor killed at any moment leaves the old or the new
   * checkpoint, never a torn one. One monitor at a time per state file ({@code FILE.lock}).
   *
   * @throws IllegalStateException if another monitor holds the lock
   */
  @SuppressWarnings("try") // the lock is held, not used
  public Result follow(Path stateFile) throws MonitorException, IOException {
    Path lockFile = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
    try (AtomicFiles.Lock lock = AtomicFiles.tryLock(lockFile).orElseThrow(
        () -> new IllegalStateException("another monitor holds " + lockFile))) {
      Optional<String> last = Files.exists(stateFile)
          ? Optional.of(Files.readString(stateFile, StandardCharsets.UTF_8)) : Optional.empty();
      Result r = check(last, stateFile.resolveSibling(stateFile.getFileName() + ".tiles"));
      if (last.isEmpty() || !last.get().equals(r.checkpoint())) {
        AtomicFiles.write(stateFile, r.checkpoint().getBytes(StandardCharsets.UTF_8));
      }
      return r;
    }
  }

  /**
   * A tile or bundle. A full one that a successful run verified (it ends at or below the last
   * verified size) comes from the cache if there; a partial one already deleted (its tile became
   * full) is cut from the full one.
   */
  private byte[] fetch(TilePath t, Fetches fx) throws IOException, MonitorException {
    int level = t.entries() ? 0 : t.level();
    boolean cacheable = fx.cache != null && t.full() && level < 7;
    Path local = cacheable ? fx.cache.resolve(t.format()) : null;
    if (cacheable && (t.index() + 1) << (8 * (level + 1)) <= fx.verifiedSize && Files.isRegularFile(local)) {
      fx.cached++;
      return Files.readAllBytes(local);
    }
    byte[] b = fetchFromSource(t);
    fx.fetched++;
    if (cacheable) {
      Files.createDirectories(local.getParent());
      AtomicFiles.write(local, b);
      fx.written.add(local);
    }
    return b;
  }

  private byte[] fetchFromSource(TilePath t) throws IOException, MonitorException {
    int max = t.entries() ? LogSource.MAX_BYTES : TilePath.WIDTH * HASH;
    Optional<byte[]> b = source.get(t.format(), max);
    if (b.isEmpty() && !t.full()) {
      Optional<byte[]> full = source.get(new TilePath(t.level(), t.index(), TilePath.WIDTH).format(), max);
      if (full.isPresent()) {
        return t.entries() ? cutBundle(full.get(), t.width()) : Arrays.copyOf(full.get(),
            Math.min(full.get().length, t.width() * HASH));
      }
    }
    return b.orElseThrow(() -> new MonitorException(MonitorException.Reason.MISSING_TILE, source + " has no "
        + t.format() + " (nor its full tile)"));
  }

  private static byte[] cutBundle(byte[] b, int count) {
    int p = 0;
    for (int i = 0; i < count && p + 2 <= b.length; i++) {
      p += 2 + ((b[p] & 0xff) << 8 | b[p + 1] & 0xff);
    }
    return Arrays.copyOf(b, Math.min(p, b.length));
  }

  private static List<byte[]> entries(TilePath t, byte[] b) throws MonitorException {
    List<byte[]> out = new ArrayList<>(t.width());
    int p = 0;
    while (p < b.length) {
      if (p + 2 > b.length) {
        throw new MonitorException(MonitorException.Reason.MALFORMED_BUNDLE, t.format() + " ends inside a length");
      }
      int len = (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
      if (p + 2 + len > b.length) {
        throw new MonitorException(MonitorException.Reason.MALFORMED_BUNDLE, t.format() + " ends inside entry "
            + out.size());
      }
      out.add(Arrays.copyOfRange(b, p + 2, p + 2 + len));
      p += 2 + len;
    }
    if (out.size() != t.width()) {
      throw new MonitorException(MonitorException.Reason.MALFORMED_BUNDLE, t.format() + " holds " + out.size()
          + " entries, not " + t.width());
    }
    return out;
  }

  /** The checkpoint lines the monitor compares. */
  private static final class Body {
    long size;
    byte[] root;
    String state;
    String accounts;
    long time;

    boolean sameState(Body o) {
      return Arrays.equals(root, o.root) && state.equals(o.state) && accounts.equals(o.accounts);
    }
  }

  private Body verify(String note, MonitorException.Reason reason, String what) throws MonitorException {
    Checkpoint c;
    try {
      c = Checkpoints.verify(note, List.of(logKey), List.of(), origin, HASH);
    } catch (CheckpointException e) {
      throw new MonitorException(reason, what + " does not verify: " + e.code() + ": " + e.getMessage());
    }
    List<String> ext = c.extensions();
    Body b = new Body();
    b.size = c.size();
    b.root = c.rootHash();
    if (ext.size() != 3 || !ext.get(0).startsWith(Ledger.STATE_LINE + " ")
        || !ext.get(1).startsWith(Ledger.ACCOUNTS_LINE + " ") || !ext.get(2).startsWith(Ledger.TIME_LINE + " ")) {
      throw new MonitorException(reason, what + " lacks the state, accounts and time lines of a ddc checkpoint");
    }
    b.state = ext.get(0);
    b.accounts = ext.get(1);
    try {
      b.time = Long.parseLong(ext.get(2).substring(Ledger.TIME_LINE.length() + 1));
    } catch (NumberFormatException e) {
      throw new MonitorException(reason, what + " has a malformed time line");
    }
    return b;
  }

  private static String b64(Hash h) {
    return Base64.getEncoder().encodeToString(h.toByteArray());
  }
}
