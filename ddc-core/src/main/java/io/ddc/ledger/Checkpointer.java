package io.ddc.ledger;

import io.ddc.engine.KvState;
import io.ddc.DdcException;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.engine.Engine;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.ledger.spi.LedgerUnavailableException;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.SigningUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signs the ledger's checkpoints: decides when one is due (every so many events, or so long after
 * the last), verifies the log and state by replay before the Operator's key signs (see
 * {@link #verifyBeforeCheckpoint}), and merges cosignatures into kept checkpoints.
 */
final class Checkpointer {
  private static final System.Logger LOG = System.getLogger(Ledger.class.getName());

  private final TreeHasher hasher;
  private final Engine engine;
  private final NoteSigner signer;
  private final long checkpointEvery;
  private final Duration checkpointInterval;

  /**
   * A replay of the log, checked by the engine request by request, that this ledger keeps
   * between checkpoints so that the check before each one costs only the events since (see
   * {@link #verifyBeforeCheckpoint}); null until the first checkpoint or audit needs one.
   */
  private Replay verified;
  private final Object verifiedLock = new Object();
  /** Keys and tiles the replay buffers before it spills them to a file; 0: all in memory (a memory ledger). */
  private final int spillEvery;
  /** Opens the store a replay spills into. */
  private final Replay.SpillStore spillStore;

  /** Keys and tiles a replay buffers before it writes them to its spill store. */
  static final int SPILL_EVERY = 50_000;

  Checkpointer(TreeHasher hasher, Engine engine, NoteSigner signer, long checkpointEvery, Duration checkpointInterval,
      int spillEvery, Replay.SpillStore spillStore) {
    this.hasher = hasher;
    this.engine = engine;
    this.signer = signer;
    this.checkpointEvery = checkpointEvery;
    this.checkpointInterval = checkpointInterval;
    this.spillEvery = spillEvery;
    this.spillStore = spillStore;
  }

  /** Closes the kept replay, deleting its spill directory. */
  void close() {
    synchronized (verifiedLock) {
      if (verified != null) {
        verified.close();
        verified = null;
      }
    }
  }

  /**
   * A fresh replay: in memory for a memory ledger; otherwise one that spills into a temporary
   * SQLite file once its buffer is full (its directory deleted when the replay is closed, or at exit), so
   * the heap stays bounded whatever the ledger's size (docs/LEDGER.md, "Checkpoints").
   */
  private Replay newReplay() {
    return spillEvery == 0 ? new Replay(engine, hasher)
        : new Replay(engine, hasher, spillStore, spillEvery);
  }

  /** The latest signed checkpoint kept in {@code reads}, if any. */
  static Optional<String> latest(StoreReads reads) {
    return reads.get(StorageLayout.CHECKPOINT_SIZE).flatMap(s -> reads.get(StorageLayout.checkpoint(Long.parseLong(s))));
  }

  /** Signs a checkpoint of {@code log} in {@code tx} if the policy says one is due at {@code now}. */
  void maybeCheckpoint(StoreTransaction tx, KvState state, MerkleLog log, long now) throws DdcException {
    if (state.origin().isEmpty()) {
      return;
    }
    long lastSize = tx.get(StorageLayout.CHECKPOINT_SIZE).map(Long::parseLong).orElse(0L);
    long lastTime = tx.get(StorageLayout.CHECKPOINT_TIME).map(Long::parseLong).orElse(0L);
    boolean due = log.size() - lastSize >= checkpointEvery
        || checkpointInterval != null && now - lastTime >= checkpointInterval.toMillis() && log.size() > lastSize;
    if (due) {
      writeCheckpoint(tx, state, log.size(), log.root(), now);
    }
  }

  /**
   * Before the Operator signs a checkpoint of {@code size} events: brings the verified replay up to
   * {@code size}, running the engine on every request since its last position, and compares the
   * state keys those requests changed and the log, state and account roots with the stored ones.
   * What the Operator signs then follows from validly signed requests, even if a database writer
   * changed the stored state (or wrote events) in between. Cost: the new events (plus, once per
   * process, the events before the first checkpoint it signs).
   */
  private void verifyBeforeCheckpoint(StoreReads tx, long size) throws DdcException {
    synchronized (verifiedLock) {
      Replay r = verified;
      verified = null;
      boolean ok = false;
      try {
        MerkleLog stored = MerkleLog.open(hasher, new TreeTiles(tx, StoreReads.LOG_TREE), size);
        if (r == null || r.size() > size || !Arrays.equals(r.logRoot(), stored.root(r.size()))) {
          if (r != null) {
            r.close();
          }
          r = newReplay();
        }
        for (long from = r.size(); from < size; from = r.size()) {
          r.add(tx.events(from, Math.min(size, from + 4096)), tx);
        }
        r.finish();
        r.compare(tx, stored.root(size));
        ok = true;
      } catch (Replay.SpillReadFailure e) {
        throw new LedgerUnavailableException(e.getMessage(), e);
      } finally {
        if (!ok && r != null) {
          r.close(); // a failed replay is never kept (nor its spill directory)
        }
      }
      verified = r;
    }
  }

  /** Verifies the log and state up to {@code size} by replay, then signs and keeps their checkpoint. */
  String writeCheckpoint(StoreTransaction tx, KvState state, long size, byte[] logRoot, long now)
      throws DdcException {
    verifyBeforeCheckpoint(tx, size);
    long n = state.latestDdcId();
    byte[] stateRoot = new StateTree(hasher, tx).root(n);
    String origin = state.origin().get();
    long accounts = state.accountCount();
    byte[] accountRoot = new StateTree(hasher, tx, StoreReads.ACCOUNT_TREE).root(accounts);
    Checkpoint cp = new Checkpoint(origin, size, logRoot, List.of(
        Ledger.STATE_LINE + " " + n + " " + Base64.getEncoder().encodeToString(stateRoot),
        Ledger.ACCOUNTS_LINE + " " + accounts + " " + Base64.getEncoder().encodeToString(accountRoot),
        Ledger.TIME_LINE + " " + now));
    String note = Checkpoints.sign(cp, List.of(signer));
    LOG.log(System.Logger.Level.DEBUG, "signing checkpoint {0} of {1} at {2} ms", size, origin, now);
    tx.put(StorageLayout.checkpoint(size), note);
    tx.put(StorageLayout.CHECKPOINT_SIZE, Long.toString(size));
    tx.put(StorageLayout.CHECKPOINT_TIME, Long.toString(now));
    return note;
  }

  /** See {@link Ledger#addCosignatures}. */
  static String addCosignatures(LedgerStore store, TreeHasher hasher, String cosignedNote, List<NoteKey> cosigners)
      throws DdcException {
    io.ddc.checkpoint.SignedNote added = io.ddc.checkpoint.SignedNote.parse(cosignedNote);
    Checkpoint c = Checkpoint.parse(added.text(), hasher.digestLength());
    String key = StorageLayout.checkpoint(c.size());
    return store.write(tx -> {
      String kept = tx.get(key).orElseThrow(() -> new IllegalArgumentException("no checkpoint of size " + c.size()
          + " was kept"));
      io.ddc.checkpoint.SignedNote k = io.ddc.checkpoint.SignedNote.parse(kept);
      if (!k.text().equals(added.text())) {
        throw new IllegalArgumentException("the note is not the kept checkpoint of size " + c.size()
            + ": its text differs");
      }
      List<io.ddc.checkpoint.SignedNote.Signature> merged = new ArrayList<>(k.signatures());
      for (io.ddc.checkpoint.SignedNote.Signature sig : added.signatures()) {
        if (merged.stream().anyMatch(m -> sameLine(m, sig))) {
          continue;
        }
        NoteKey signer = cosigners.stream().filter(n -> n.name().equals(sig.keyName()) && n.keyId() == sig.keyId())
            .findFirst().orElseThrow(() -> new CheckpointException(CheckpointException.Reason.UNKNOWN_SIGNER,
                String.format("the signature by %s (%08x) is by none of the %d given cosigner keys; nothing was added",
                    sig.keyName(), sig.keyId(), cosigners.size())));
        String one = new io.ddc.checkpoint.SignedNote(k.text(), List.of(sig)).format();
        try {
          Checkpoints.verify(one, List.of(signer), List.of(), null, hasher.digestLength());
        } catch (CheckpointException e) {
          throw new CheckpointException(e.reason(), "a cosignature does not verify over the kept checkpoint of size "
              + c.size() + ", nothing was added: " + e.getMessage());
        }
        merged.removeIf(m -> m.keyName().equals(sig.keyName()) && m.keyId() == sig.keyId()
            && !signer.verifier().isValid(k.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), m.bytes()));
        if (merged.stream().noneMatch(m -> m.keyName().equals(sig.keyName()) && m.keyId() == sig.keyId())) {
          merged.add(sig);
        }
      }
      if (merged.size() > io.ddc.checkpoint.SignedNote.MAX_SIGNATURES) {
        throw new IllegalArgumentException("a checkpoint keeps at most " + io.ddc.checkpoint.SignedNote.MAX_SIGNATURES
            + " signatures");
      }
      String out = new io.ddc.checkpoint.SignedNote(k.text(), merged).format();
      tx.put(key, out);
      return out;
    });
  }

  private static boolean sameLine(io.ddc.checkpoint.SignedNote.Signature a, io.ddc.checkpoint.SignedNote.Signature b) {
    return a.keyName().equals(b.keyName()) && a.keyId() == b.keyId() && Arrays.equals(a.bytes(), b.bytes());
  }
}
