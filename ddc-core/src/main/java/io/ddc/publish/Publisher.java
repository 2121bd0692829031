package io.ddc.publish;

import io.ddc.DdcException;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.checkpoint.SignedNote;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Publishes a ledger's event log as a C2SP tlog-tiles log in a directory that any static web
 * server or bucket can serve (docs/PUBLISH.md): {@code checkpoint} (the ledger's latest signed
 * checkpoint), {@code tile/<L>/<N>[.p/<W>]} (the hashes of tree level 8·L) and
 * {@code tile/entries/<N>[.p/<W>]} (the events, each preceded by its length as a big-endian uint16).
 * The tree hash is the ledger's, SM3 (C2SP names SHA-256; the layout is the same).
 *
 * <p>Incremental and idempotent: only the tiles that the new checkpoint adds or widens are
 * written; a tile file, once written, is never changed (a re-run that finds one compares it and
 * stops with {@link PublishException.Reason#CONFLICT} if it differs); each file is written to a
 * temporary name, forced to disk and moved into place atomically; the checkpoint goes last, so a
 * reader never sees a checkpoint whose tiles are missing. A publish that stops half way (a crash,
 * a full disk) leaves the old checkpoint in place and the next run completes it. Partial tiles of
 * a tile that became full are deleted after the new checkpoint is in place (C2SP allows it; a
 * client holding an older checkpoint falls back to the full tile). One publisher at a time per
 * directory ({@code .publish.lock}).
 */
public final class Publisher {
  /** The lock file in the published directory. */
  public static final String LOCK_FILE = ".publish.lock";
  /** The longest event an entry bundle can carry (its length is a uint16). */
  public static final int MAX_ENTRY = 0xffff;
  private static final int HASH = 32;

  private Publisher() {}

  /**
   * What a publish did.
   *
   * @param size the published checkpoint's size
   * @param previousSize the size of the checkpoint the directory held before (0 if none)
   * @param tiles hash tiles written
   * @param bundles entry bundles written
   * @param checkpointChanged whether the checkpoint file was (re)written
   */
  public record Result(long size, long previousSize, int tiles, int bundles, boolean checkpointChanged) {}

  /**
   * Publishes {@code ledger}'s latest checkpoint and everything it covers into {@code dir}
   * (created if absent).
   *
   * @throws PublishException if the ledger has no checkpoint, or {@code dir} holds another log, a
   *     newer checkpoint, a fork, or a tile that differs; or an event is too long for a bundle
   * @throws IOException if the directory cannot be written
   */
  public static Result publish(Ledger ledger, Path dir) throws DdcException, IOException {
    return publish(ledger, dir, List.of());
  }

  /**
   * As {@link #publish(Ledger, Path)}, the published checkpoint also signed by {@code cosigners}
   * (the log's Ed25519 key for the witness network, named by the origin: docs/PUBLISH.md). Their
   * lines are added to the ledger's note, whose text they sign; Ed25519 signatures are
   * deterministic, so a rerun writes the same checkpoint.
   */
  @SuppressWarnings("try") // the lock is held, not used
  public static Result publish(Ledger ledger, Path dir, List<NoteSigner> cosigners) throws DdcException, IOException {
    Files.createDirectories(dir);
    try (AtomicFiles.Lock lock = AtomicFiles.tryLock(dir.resolve(LOCK_FILE)).orElseThrow(
        () -> new PublishException(PublishException.Reason.LOCKED, "another publisher is writing " + dir))) {
      return publishLocked(ledger, dir, cosigners);
    }
  }

  private static Result publishLocked(Ledger ledger, Path dir, List<NoteSigner> cosigners)
      throws DdcException, IOException {
    String kept = ledger.latestCheckpoint().orElseThrow(() -> new PublishException(
        PublishException.Reason.NO_CHECKPOINT, "the ledger has no signed checkpoint yet (ddc checkpoint signs one)"));
    String note = cosigners.isEmpty() ? kept : Checkpoints.cosign(kept, cosigners);
    Checkpoint cp = body(note, "the ledger's latest checkpoint");
    long n = cp.size();
    Path cpFile = dir.resolve(TilePath.CHECKPOINT);
    long n0 = 0;
    if (Files.exists(cpFile)) {
      Checkpoint old;
      try {
        old = body(Files.readString(cpFile, StandardCharsets.UTF_8), dir + "/checkpoint");
      } catch (PublishException | java.nio.charset.CharacterCodingException e) {
        throw new PublishException(PublishException.Reason.OTHER_LOG, dir + " holds a checkpoint that does not parse: "
            + e.getMessage());
      }
      if (!old.origin().equals(cp.origin())) {
        throw new PublishException(PublishException.Reason.OTHER_LOG, dir + " holds a checkpoint of " + old.origin()
            + ", not of " + cp.origin());
      }
      if (old.size() > n) {
        throw new PublishException(PublishException.Reason.BEHIND, dir + " holds a checkpoint of size " + old.size()
            + " but the ledger's latest is of size " + n + ": publishing it would take the log backwards");
      }
      long oldSize = old.size();
      byte[] ours = oldSize > 0 ? ledger.snapshot(s -> s.logRoot(oldSize)) : null;
      if (oldSize > 0 && !Arrays.equals(ours, old.rootHash())) {
        throw new PublishException(PublishException.Reason.FORK, dir + " holds a checkpoint of size " + oldSize
            + " with root " + Hash.of(old.rootHash()) + " but the ledger's log has " + Hash.of(ours)
            + " at that size");
      }
      n0 = old.size();
    }
    TreeHasher hasher = TreeHasher.sm3();
    List<TilePath> becameFull = new ArrayList<>();
    int tiles = 0;
    for (int level = 0; level == 0 || (n >>> (8 * level)) > 0; level++) {
      long nodes = n >>> (8 * level);
      long nodes0 = n0 >>> (8 * level);
      if (nodes == nodes0) {
        continue;
      }
      for (TilePath t : TilePath.tilesOf(level, n, nodes0 / TilePath.WIDTH)) {
        byte[] hashes = hashTile(ledger, t);
        tiles += write(dir, t, hashes) ? 1 : 0;
        if (t.full() && nodes0 % TilePath.WIDTH != 0 && t.index() == nodes0 / TilePath.WIDTH) {
          becameFull.add(t);
        }
      }
    }
    int bundles = 0;
    for (TilePath t : TilePath.tilesOf(TilePath.ENTRIES, n, n0 / TilePath.WIDTH)) {
      if (t.index() == n0 / TilePath.WIDTH && t.width() == n0 % TilePath.WIDTH) {
        continue;
      }
      List<byte[]> events = ledger.store().events(t.index() * TilePath.WIDTH, t.index() * TilePath.WIDTH + t.width());
      checkEntries(events, t, hasher, hashTile(ledger, new TilePath(0, t.index(), t.width())));
      bundles += write(dir, t, bundle(events, t)) ? 1 : 0;
      if (t.full() && n0 % TilePath.WIDTH != 0 && t.index() == n0 / TilePath.WIDTH) {
        becameFull.add(t);
      }
    }
    byte[] root = TiledLog.root(hasher, n, t -> Files.readAllBytes(dir.resolve(t.format())));
    if (!Arrays.equals(root, cp.rootHash())) {
      throw new PublishException(PublishException.Reason.CORRUPT, "the published tiles give the root "
          + Hash.of(root) + " at size " + n + " but the checkpoint has " + Hash.of(cp.rootHash()));
    }
    byte[] noteBytes = note.getBytes(StandardCharsets.UTF_8);
    boolean changed = !Files.exists(cpFile) || !Arrays.equals(Files.readAllBytes(cpFile), noteBytes);
    if (changed) {
      AtomicFiles.write(cpFile, noteBytes);
    }
    for (TilePath t : becameFull) {
      deletePartials(dir, t);
    }
    return new Result(n, n0, tiles, bundles, changed);
  }

  private static Checkpoint body(String note, String what) throws PublishException {
    try {
      return Checkpoint.parse(SignedNote.parse(note).text(), HASH);
    } catch (CheckpointException e) {
      throw new PublishException(PublishException.Reason.OTHER_LOG, what + " does not parse: " + e.getMessage());
    }
  }

  /** The hashes of C2SP tile {@code t}: tile (8·L, N) of the ledger's log tree, cut to the tile's width. */
  private static byte[] hashTile(Ledger ledger, TilePath t) throws DdcException {
    int level = 8 * t.level();
    byte[] stored = ledger.store().readTile(StoreReads.LOG_TREE, level, t.index());
    if (stored.length < t.width() * HASH) {
      // a cached partial tile older than the checkpoint: read it again in a snapshot, past the caches
      stored = ledger.store().read(r -> r.readTile(StoreReads.LOG_TREE, level, t.index()));
    }
    if (stored.length < t.width() * HASH) {
      throw new PublishException(PublishException.Reason.CORRUPT, "the ledger's log tile (" + level + ", "
          + t.index() + ") holds " + stored.length / HASH + " hashes but the checkpoint needs " + t.width());
    }
    return Arrays.copyOf(stored, t.width() * HASH);
  }

  /** Each event hashes to its leaf in the level-0 tile: what is published is what the checkpoint commits to. */
  private static void checkEntries(List<byte[]> events, TilePath t, TreeHasher hasher, byte[] leafHashes)
      throws PublishException {
    byte[] h = new byte[HASH];
    for (int i = 0; i < events.size(); i++) {
      byte[] e = events.get(i);
      hasher.leafHash(e, 0, e.length, h, 0);
      if (!Arrays.equals(h, 0, HASH, leafHashes, i * HASH, i * HASH + HASH)) {
        throw new PublishException(PublishException.Reason.CORRUPT, "event " + (t.index() * TilePath.WIDTH + i)
            + " does not hash to its leaf in the ledger's log tile");
      }
    }
  }

  /** The entry bundle: each event preceded by its length, a big-endian uint16. */
  static byte[] bundle(List<byte[]> events, TilePath t) throws PublishException {
    int total = 0;
    for (int i = 0; i < events.size(); i++) {
      int len = events.get(i).length;
      if (len > MAX_ENTRY) {
        throw new PublishException(PublishException.Reason.ENTRY_TOO_LARGE, "event "
            + (t.index() * TilePath.WIDTH + i) + " is " + len + " bytes; an entry bundle holds at most " + MAX_ENTRY);
      }
      total += 2 + len;
    }
    byte[] out = new byte[total];
    int p = 0;
    for (byte[] e : events) {
      out[p++] = (byte) (e.length >>> 8);
      out[p++] = (byte) e.length;
      System.arraycopy(e, 0, out, p, e.length);
      p += e.length;
    }
    return out;
  }

  /** Writes a tile unless the same bytes are there; true if written. */
  private static boolean write(Path dir, TilePath t, byte[] bytes) throws IOException, PublishException {
    Path f = dir.resolve(t.format());
    if (Files.exists(f)) {
      if (Arrays.equals(Files.readAllBytes(f), bytes)) {
        return false;
      }
      throw new PublishException(PublishException.Reason.CONFLICT, dir + "/" + t.format()
          + " exists and differs from the ledger's: the directory holds another log's tiles");
    }
    Files.createDirectories(f.getParent());
    AtomicFiles.write(f, bytes);
    return true;
  }

  private static void deletePartials(Path dir, TilePath full) throws IOException {
    Path p = dir.resolve(full.format() + ".p");
    if (!Files.isDirectory(p)) {
      return;
    }
    try (var s = Files.list(p)) {
      for (Path f : (Iterable<Path>) s::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(p);
  }
}
