package io.ddc.ledger;

import io.ddc.engine.KvState;
import io.ddc.DdcException;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.engine.Engine;
import io.ddc.engine.Receipt;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.StateView;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.merkle.ConsistencyProof;
import io.ddc.merkle.InclusionProof;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TileStore;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Account;
import io.ddc.model.AccountLeaf;
import io.ddc.model.Ddc;
import io.ddc.model.Event;
import io.ddc.model.Hash;
import io.ddc.model.MalformedDataException;
import io.ddc.model.SignedRequest;
import io.ddc.model.StateLeaf;
import io.ddc.sign.Signer;
import io.ddc.sign.SigningUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A ledger: the rules engine over a {@link LedgerStore}, with the event log (an SM3 Merkle tree
 * of the events' canonical bytes), the state commitment tree and signed checkpoints committing to
 * both. Thread-safe; several processes may share one store when it supports that (PostgreSQL).
 *
 * <p>A {@link #submit} runs in one store transaction under the append lock: the engine checks
 * the request against the committed state, its events are applied to the state, appended to the
 * log, the state tree is updated, a checkpoint is signed if the policy says so, and everything
 * commits together or not at all. It returns only after the commit is durable.
 */
public final class Ledger implements AutoCloseable {
  /** Extension line of a checkpoint carrying the state root: {@code state <ddc count> <base64 root>}. */
  public static final String STATE_LINE = "state";
  /** Extension line carrying the account tree's root: {@code accounts <account count> <base64 root>}. */
  public static final String ACCOUNTS_LINE = "accounts";
  /** Extension line carrying the checkpoint's time: {@code time <ms since the epoch>}. */
  public static final String TIME_LINE = "time";

  private final LedgerStore store;
  private final Engine engine;
  private final Clock clock;
  private final TreeHasher hasher = TreeHasher.sm3();
  private final NoteSigner checkpointSigner;
  /** Signs checkpoints when due; null without a checkpoint signer. */
  private final Checkpointer checkpointer;
  private final Audit audit;
  private final boolean allowFirstCheckpoint;
  /** Whether the log held events but no checkpoint when this ledger was opened (see {@link #checkpoint}). */
  private boolean openedWithoutCheckpoints;
  /** The append path: rules, events, log, trees, indexes, checkpoints when due. */
  private final Appender appender;

  private Ledger(Builder b) {
    this.store = b.store;
    this.engine = b.engine;
    this.clock = b.clock;
    this.checkpointSigner = b.checkpointSigner;
    this.checkpointer = b.checkpointSigner == null ? null
        : new Checkpointer(hasher, engine, b.checkpointSigner, b.checkpointEvery, b.checkpointInterval,
            b.store instanceof io.ddc.ledger.memory.MemoryLedgerStore ? 0 : b.replaySpillEvery, b.replaySpillStore);
    this.audit = new Audit(hasher, engine);
    this.appender = new Appender(engine, clock, hasher, checkpointer);
    this.allowFirstCheckpoint = b.allowFirstCheckpoint;
  }

  /** A builder over {@code store}. */
  public static Builder builder(LedgerStore store) {
    return new Builder(store);
  }

  /** The store. */
  public LedgerStore store() {
    return store;
  }

  /** Applies a signed request; on rejection nothing changed. */
  public Receipt submit(SignedRequest request) throws DdcException {
    return submit(request, Map.of());
  }

  /**
   * As {@link #submit(SignedRequest)}, also keeping the metadata of DDCs the request mints, in the
   * same transaction: {@code metadata} maps an item index of a mint request to the metadata whose
   * root that item commits to (see {@link #putMetadata}). So a crash never leaves a minted DDC
   * without its kept metadata.
   */
  public Receipt submit(SignedRequest request, Map<Integer, io.ddc.model.Metadata> metadata) throws DdcException {
    Objects.requireNonNull(request, "request");
    Appender.checkMetadata(request, metadata);
    preverify(request);
    return appendTransaction(request, tx -> {
      Receipt receipt = appender.append(tx, request);
      Appender.keepMetadata(tx, receipt, metadata);
      return receipt;
    });
  }

  /**
   * Makes a signed request from the nonce it is to carry: see {@link #submit(io.ddc.model.Did,
   * RequestFactory, Map)}.
   */
  @FunctionalInterface
  public interface RequestFactory {
    /**
     * The request of the account, signed, with nonce {@code nonce}.
     *
     * @throws DdcException if it cannot be signed (e.g. {@link SigningUnavailableException}); the
     *     submission then fails with it and nothing changes
     */
    SignedRequest sign(long nonce) throws DdcException;
  }

  /**
   * As {@link #submit(SignedRequest, Map)}, with the nonce chosen under the append lock: inside the
   * store transaction, {@code factory} gets {@code actor}'s next nonce as the committed state gives
   * it and returns the signed request, which is then applied. So writers of the same account in
   * other threads or processes (sharing a PostgreSQL ledger) never take the same nonce. The factory
   * runs while every writer of the store waits: it should sign at once (a slow remote signer holds
   * up the ledger). It may run more than once for one call.
   *
   * @throws RequestRejectedException if the engine rejects the request (nothing changed)
   * @throws IllegalArgumentException if the request is not {@code actor}'s or {@code metadata}
   *     does not fit it (nothing changed)
   * @throws DdcException if the factory or the store fails (nothing changed, or for an ambiguous
   *     store failure, perhaps committed)
   */
  public Receipt submit(io.ddc.model.Did actor, RequestFactory factory, Map<Integer, io.ddc.model.Metadata> metadata)
      throws DdcException {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(metadata, "metadata");
    return appendTransaction(actor, tx -> {
      long nonce = StoreValues.state(tx).nextNonce(actor);
      SignedRequest request = Objects.requireNonNull(factory.sign(nonce), "the factory's request");
      if (!request.header().actor().equals(actor)) {
        throw new IllegalArgumentException("the factory's request is " + request.header().actor() + "'s, not "
            + actor + "'s");
      }
      Appender.checkMetadata(request, metadata);
      Receipt receipt = appender.append(tx, request);
      Appender.keepMetadata(tx, receipt, metadata);
      return receipt;
    });
  }

  /**
   * Runs {@code work} as one append transaction; a failure drops the cached log (the store may
   * hold less than it), and a slow one is logged naming {@code what} (the request, or its actor).
   */
  private Receipt appendTransaction(Object what, LedgerStore.Work<Receipt> work) throws DdcException {
    long started = System.nanoTime();
    try {
      Receipt r = store.write(work);
      noteIfSlow(started, what);
      return r;
    } catch (DdcException | RuntimeException e) {
      appender.forgetLog();
      throw e;
    }
  }

  /**
   * Verifies the request's signatures before the append lock is taken, so that concurrent
   * submitters verify in parallel and the lock is held only for the rules and the writes (see
   * {@link Engine#preverify}). It decides nothing: under the lock the engine checks everything
   * again against the state of that moment, finding the signatures it saw verify here.
   */
  private void preverify(SignedRequest request) {
    try {
      engine.preverify(StoreValues.state(store), request);
    } catch (RuntimeException e) {
      // an optimisation only: whatever went wrong here, the engine meets it again under the lock
      LOG.log(System.Logger.Level.DEBUG, "pre-verification of {0} skipped: {1}", request, e.toString());
    }
  }

  /** Submissions slower than this are logged (WARNING): a store, lock or signer holding writers up. */
  static final long SLOW_SUBMIT_NANOS = 2_000_000_000L;

  private static void noteIfSlow(long started, Object what) {
    long nanos = System.nanoTime() - started;
    if (nanos > SLOW_SUBMIT_NANOS) {
      LOG.log(System.Logger.Level.WARNING, "a submission took {0} ms ({1}): the store, its lock or the signer "
          + "held it up", nanos / 1_000_000, what);
    }
  }

  private static final System.Logger LOG = System.getLogger(Ledger.class.getName());
  /**
   * Keeps a setting of the application that runs this ledger (e.g. the command line's checkpoint
   * key file) beside the state, off the log. Never put secrets here.
   */
  public void putSetting(String name, String value) throws DdcException {
    store.write(tx -> {
      tx.put(StorageLayout.setting(name), value);
      return null;
    });
  }

  /** A setting kept with {@link #putSetting}. */
  public Optional<String> setting(String name) {
    return store.get(StorageLayout.setting(name));
  }

  /** The accounts that have (or had) the SM2 public key {@code point} (65-byte uncompressed), by DID. */
  public List<io.ddc.model.Did> accountsWithKey(byte[] point) {
    List<io.ddc.model.Did> out = new ArrayList<>();
    String prefix = StorageLayout.keyIndex(point);
    for (String k : store.scan(prefix).keySet()) {
      out.add(io.ddc.model.Did.of(k.substring(prefix.length())));
    }
    return out;
  }

  /** The sequence number of the event that minted DDC {@code id}. */
  public java.util.OptionalLong mintSeq(long id) {
    return store.get(StorageLayout.mintIndex(id)).map(v -> java.util.OptionalLong.of(Long.parseLong(v)))
        .orElse(java.util.OptionalLong.empty());
  }

  /** The sequence number of the event that created account {@code did}. */
  public java.util.OptionalLong accountSeq(io.ddc.model.Did did) {
    return store.get(StorageLayout.accountIndex(did)).map(v -> java.util.OptionalLong.of(Long.parseLong(v)))
        .orElse(java.util.OptionalLong.empty());
  }

  /**
   * Keeps the metadata of DDC {@code id} (its fields and salts) beside the ledger, off the log, so
   * that proof bundles can disclose it; {@code metadata}'s root must be the DDC's metadata root.
   */
  public void putMetadata(long id, io.ddc.model.Metadata metadata) throws DdcException {
    store.write(tx -> {
      Ddc d = StoreValues.state(tx).ddc(id).orElseThrow(() -> new IllegalArgumentException("no DDC " + id));
      if (!metadata.root().equals(d.metadataRoot())) {
        throw new IllegalArgumentException("the metadata's root " + metadata.root() + " is not DDC " + id
            + "'s metadata root " + d.metadataRoot());
      }
      tx.put(StorageLayout.metadata(id), metadata.toDisclosureJson());
      return null;
    });
  }

  /** The metadata kept for DDC {@code id}, if any. */
  public Optional<io.ddc.model.Metadata> metadata(long id) throws MalformedDataException {
    Optional<String> v = store.get(StorageLayout.metadata(id));
    return v.isEmpty() ? Optional.empty() : Optional.of(io.ddc.model.Metadata.fromDisclosureJson(v.get()));
  }

  /**
   * Signs a checkpoint of the current log and state now, unless the latest one already covers
   * the current size, and returns the latest signed note.
   *
   * <p>A log that already held events but no checkpoint when this ledger was opened has no
   * history to check the new checkpoint against (its checkpoints may have been deleted, or it may
   * be another ledger's store): its first checkpoint is signed only when the builder said so
   * ({@link Builder#allowFirstCheckpoint}). A ledger opened empty signs its first checkpoint freely.
   *
   * @throws IllegalStateException without a checkpoint signer or ledger.init, or for a first
   *     checkpoint that was not allowed
   */
  public String checkpoint() throws DdcException {
    if (checkpointSigner == null) {
      throw new IllegalStateException("this ledger was opened without a checkpoint signer");
    }
    if (openedWithoutCheckpoints && !allowFirstCheckpoint && latestCheckpoint().isEmpty()) {
      throw new IllegalStateException("the log holds " + size() + " events but no checkpoint: its checkpoint history "
          + "is missing; sign a first one only if this log is trusted as it stands (Builder.allowFirstCheckpoint)");
    }
    return store.write(tx -> {
      KvState state = StoreValues.state(tx);
      if (state.origin().isEmpty()) {
        throw new IllegalStateException("the ledger has no ledger.init yet");
      }
      long size = tx.eventCount();
      Optional<String> last = tx.get(StorageLayout.CHECKPOINT_SIZE).flatMap(s -> tx.get(StorageLayout.checkpoint(Long.parseLong(s))));
      if (last.isPresent() && tx.get(StorageLayout.CHECKPOINT_SIZE).map(Long::parseLong).orElse(-1L) == size) {
        return last.get();
      }
      MerkleLog log = MerkleLog.open(hasher, new TreeTiles(tx, StoreReads.LOG_TREE), size);
      long cpTime = Math.max(appender.now(state), tx.get(StorageLayout.CHECKPOINT_TIME).map(Long::parseLong).orElse(0L));
      return checkpointer.writeCheckpoint(tx, state, size, log.root(), cpTime);
    });
  }

  /** The latest signed checkpoint, if any. */
  public Optional<String> latestCheckpoint() {
    return Checkpointer.latest(store);
  }

  /**
   * Adds the signatures of {@code cosignedNote} that the kept checkpoint of the same size lacks
   * (witness cosignatures, {@link io.ddc.checkpoint.Witness}, or a new Operator key's) and returns
   * the merged note; bundles made from it carry them. The note's text must be exactly the kept
   * checkpoint's. Every signature line not already kept byte for byte must be by one of
   * {@code cosigners} (by name and key ID) and verify over the text; a kept line under the same name
   * and key ID that does not verify is replaced by the valid one. Nothing is kept unless all verify.
   *
   * @throws CheckpointException if {@code cosignedNote} is not a signed note ({@code UNKNOWN_SIGNER}:
   *     a line by a key not in {@code cosigners}; {@code SIGNATURE_MISMATCH}: a line that does not verify)
   * @throws IllegalArgumentException if no checkpoint of its size was kept or its text differs
   */
  public String addCosignatures(String cosignedNote, List<NoteKey> cosigners) throws DdcException {
    return Checkpointer.addCosignatures(store, hasher, cosignedNote, cosigners);
  }

  /** The signed checkpoint of log size {@code size}, if one was made. */
  public Optional<String> checkpointAt(long size) {
    return store.get(StorageLayout.checkpoint(size));
  }

  /** The sizes of every kept checkpoint, ascending. */
  public List<Long> checkpointSizes() {
    List<Long> out = new ArrayList<>();
    for (String k : store.scan(StorageLayout.CHECKPOINTS).keySet()) {
      out.add(StorageLayout.checkpointSize(k));
    }
    return out;
  }

  /**
   * The committed state. Each read goes to the store's latest committed data (another process's
   * commits within the store's staleness bound); it is not a snapshot, even within one view: use
   * {@link #snapshot} for values that must agree.
   */
  public StateView state() {
    return StoreValues.view(store);
  }

  /**
   * Runs {@code query} against the committed state; like {@link #state()}, each value it reads may
   * come from a different commit while others write. For values that must agree, use {@link #snapshot}.
   */
  public <T> T read(Function<StateView, T> query) {
    return query.apply(StoreValues.state(store));
  }

  /** The number of events (the log size). */
  public long size() {
    return store.eventCount();
  }

  /** The events with sequence numbers in [from, to). */
  public List<Event> events(long from, long to) throws MalformedDataException {
    List<Event> out = new ArrayList<>();
    for (byte[] b : store.events(from, to)) {
      out.add(Event.fromBytes(b));
    }
    return out;
  }

  /**
   * A consistent view of the committed ledger, for reads that combine several values (a proof at the
   * current size, a state leaf with its path, a bundle): every read sees the same commit, however many
   * other writers append meanwhile. Valid only inside {@link #snapshot}.
   */
  public final class Snapshot {
    private final StoreReads reads;
    private MerkleLog log;

    Snapshot(StoreReads reads) {
      this.reads = reads;
    }

    /** The number of events. */
    public long size() {
      return reads.eventCount();
    }

    /** The state at this snapshot. */
    public StateView state() {
      return StoreValues.state(reads);
    }

    /** The events with sequence numbers in [from, to). */
    public List<Event> events(long from, long to) throws MalformedDataException {
      List<Event> out = new ArrayList<>();
      for (byte[] b : reads.events(from, to)) {
        out.add(Event.fromBytes(b));
      }
      return out;
    }

    /** The latest signed checkpoint, if any. */
    public Optional<String> latestCheckpoint() {
      return Checkpointer.latest(reads);
    }

    /** The signed checkpoint of log size {@code size}, if one was made. */
    public Optional<String> checkpointAt(long size) {
      return reads.get(StorageLayout.checkpoint(size));
    }

    /** The sequence number of the event that minted DDC {@code id}. */
    public java.util.OptionalLong mintSeq(long id) {
      return reads.get(StorageLayout.mintIndex(id)).map(v -> java.util.OptionalLong.of(Long.parseLong(v)))
          .orElse(java.util.OptionalLong.empty());
    }

    /**
     * The item-group roots ({@link io.ddc.model.ItemGroups}) kept for the minting request with item
     * root {@code itemsRoot}: present for requests of more than {@link io.ddc.model.ItemGroups#SIZE}
     * items appended since the index was added.
     *
     * @throws MalformedDataException if the kept value is damaged
     */
    public Optional<List<Hash>> itemGroupRoots(Hash itemsRoot) throws MalformedDataException {
      Optional<String> v = reads.get(StorageLayout.itemGroups(itemsRoot));
      return v.isPresent() ? Optional.of(io.ddc.model.ItemGroups.decode(v.get())) : Optional.empty();
    }

    /** The metadata kept for DDC {@code id}, if any. */
    public Optional<io.ddc.model.Metadata> metadata(long id) throws MalformedDataException {
      Optional<String> v = reads.get(StorageLayout.metadata(id));
      return v.isEmpty() ? Optional.empty() : Optional.of(io.ddc.model.Metadata.fromDisclosureJson(v.get()));
    }

    private MerkleLog log() {
      if (log == null) {
        long n = reads.eventCount();
        MerkleLog c = committed;
        if (c == null || c.size() != n) {
          c = MerkleLog.open(hasher, new GrowingTiles(n), n);
          committed = c;
        }
        log = c;
      }
      return log;
    }

    /** The log root at {@code size}. */
    public byte[] logRoot(long size) {
      return log().root(size);
    }

    /** The inclusion proof of event {@code seq} in the log of {@code size} events. */
    public InclusionProof inclusionProof(long seq, long size) {
      return log().inclusionProof(seq, size);
    }

    /** The consistency proof between log sizes. */
    public ConsistencyProof consistencyProof(long size1, long size2) {
      return log().consistencyProof(size1, size2);
    }

    /** The state root over {@code latestDdcId} leaves. */
    public Hash stateRoot() {
      return Hash.of(new StateTree(hasher, reads).root(StoreValues.state(reads).latestDdcId()));
    }

    /** The state proof of DDC {@code ddcId}. */
    public StateProof stateProof(long ddcId) {
      KvState st = StoreValues.state(reads);
      Ddc d = st.ddc(ddcId).orElseThrow(() -> new IllegalArgumentException("no DDC " + ddcId));
      long n = st.latestDdcId();
      return new StateProof(ddcId, StateLeaf.bytes(d, st.holders(ddcId)), n,
          new StateTree(hasher, reads).inclusionProof(ddcId - 1, n));
    }

    /** The account tree root over {@code accountCount} leaves. */
    public Hash accountRoot() {
      return Hash.of(new StateTree(hasher, reads, StoreReads.ACCOUNT_TREE).root(StoreValues.state(reads).accountCount()));
    }

    /** The proof of account {@code did}'s leaf. */
    public AccountProof accountProof(io.ddc.model.Did did) {
      KvState st = StoreValues.state(reads);
      Account a = st.account(did).orElseThrow(() -> new IllegalArgumentException("no account " + did));
      long n = st.accountCount();
      return new AccountProof(a, AccountLeaf.bytes(a), n,
          new StateTree(hasher, reads, StoreReads.ACCOUNT_TREE).inclusionProof(a.index(), n));
    }
  }

  /** A read-only view of the log at the size of the latest snapshot that needed one, shared by proofs. */
  private volatile MerkleLog committed;

  /**
   * Log tiles for a tree of {@code n} leaves, read through the store's caches and outside any
   * snapshot. That is safe for a committed log: a tile only ever grows and its hashes never change,
   * so any commit at or after {@code n} holds the right prefix. A cached partial tile may be older
   * and too short; then it is read again from the store in a snapshot, which bypasses the caches.
   */
  private final class GrowingTiles implements TileStore {
    private final long n;

    GrowingTiles(long n) {
      this.n = n;
    }

    @Override
    public byte[] readTile(int level, long index) {
      byte[] t = store.readTile(StoreReads.LOG_TREE, level, index);
      long need = Math.min(TileStore.WIDTH, Math.max(0, (n >>> level) - index * TileStore.WIDTH));
      if (t.length < need * hasher.digestLength()) {
        try {
          t = store.read(r -> r.readTile(StoreReads.LOG_TREE, level, index));
        } catch (DdcException e) {
          throw new IllegalStateException("cannot read log tile (" + level + ", " + index + "): " + e.getMessage(), e);
        }
      }
      return t;
    }

    @Override
    public void writeTiles(List<Tile> tiles) {
      throw new UnsupportedOperationException("a committed log is read-only");
    }
  }

  /** A read of a {@link Snapshot}. */
  @FunctionalInterface
  public interface SnapshotRead<T> {
    /** Reads. */
    T read(Snapshot snapshot) throws DdcException;
  }

  /**
   * Runs {@code read} against one consistent snapshot of the committed ledger. Proofs and roots
   * are read here only, e.g. {@code ledger.snapshot(s -> s.stateProof(id))}: a proof and the
   * size or root it is checked against must come from the same commit.
   */
  public <T> T snapshot(SnapshotRead<T> read) throws DdcException {
    return store.read(r -> read.read(new Snapshot(r)));
  }









  /**
   * A DDC's current state leaf and its inclusion path in the current state tree.
   *
   * @param ddcId the DDC
   * @param leaf the state leaf bytes
   * @param treeSize the state tree's size (the latest DDC id)
   * @param path the RFC 9162 inclusion path of leaf {@code ddcId - 1}
   */
  public record StateProof(long ddcId, byte[] leaf, long treeSize, List<byte[]> path) {}





  /**
   * An account's current leaf and its inclusion path in the current account tree.
   *
   * @param account the account
   * @param leaf the account leaf bytes ({@link AccountLeaf})
   * @param treeSize the account tree's size (the number of accounts)
   * @param path the RFC 9162 inclusion path of leaf {@code account.index()}
   */
  public record AccountProof(Account account, byte[] leaf, long treeSize, List<byte[]> path) {}



  /**
   * Checks the stored data against their own hashes: the state's event count against the
   * events, the tail of the log against its leaf tiles, and the latest checkpoint's log and state
   * roots and signature (with {@code checkpointKey}, if given) against the trees. Cheap enough to
   * run at every open; {@link #audit} checks everything.
   */
  public void verifyOpen(NoteKey checkpointKey) throws DdcException {
    store.read(r -> {
      audit.verifyOpen(r, checkpointKey);
      return null;
    });
  }

  /**
   * A full audit: every event decodes and its leaf is in the log; every logged request, rebuilt
   * from its events, passes the rules and the signature checks again (the {@link Engine}, at the
   * logged time, against the state replayed so far) and gives exactly the logged events, whose
   * times never decrease; the log root equals the root recomputed from the events; the replay gives
   * exactly the stored state; every checkpoint's log root matches, and each is consistent with the
   * next. So a change a database writer made to the state and undid afterwards still shows.
   */
  public void audit() throws DdcException {
    store.read(r -> {
      audit.audit(r);
      return null;
    });
  }

  @Override
  public void close() {
    try {
      if (checkpointer != null) {
        checkpointer.close();
      }
    } finally {
      store.close();
    }
  }

  @Override
  public String toString() {
    return "Ledger[" + store.describe() + "]";
  }

  /** Builds a {@link Ledger}. */
  public static final class Builder {
    private final LedgerStore store;
    private Engine engine = Engine.create();
    private Clock clock = Clock.systemUTC();
    private NoteSigner checkpointSigner;
    private long checkpointEvery = Long.MAX_VALUE;
    private Duration checkpointInterval;
    private boolean allowFirstCheckpoint;
    private int replaySpillEvery = Checkpointer.SPILL_EVERY;
    private Replay.SpillStore replaySpillStore = ReplayFiles::open;

    private Builder(LedgerStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The rules engine (default: one that accepts every receiver). */
    public Builder engine(Engine e) {
      this.engine = Objects.requireNonNull(e, "engine");
      return this;
    }

    /** The clock of deadlines and event times (default: the system clock). */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Signs checkpoints with the Operator's signer, under the key name {@code origin}. */
    public Builder checkpointSigner(String origin, Signer signer) {
      this.checkpointSigner = NoteSigner.of(origin, signer);
      return this;
    }

    /** Signs a checkpoint in the same commit once this many events have followed the last one. */
    public Builder checkpointEvery(long events) {
      if (events < 1) {
        throw new IllegalArgumentException("checkpointEvery must be at least 1, but is " + events);
      }
      this.checkpointEvery = events;
      return this;
    }

    /** Signs a checkpoint at the first commit this long after the last one. */
    public Builder checkpointInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("checkpointInterval must be positive, but is " + interval);
      }
      this.checkpointInterval = interval;
      return this;
    }

    /**
     * Lets {@link Ledger#checkpoint} sign the first checkpoint of a log that held events but no
     * checkpoint when it was opened: the caller trusts the log as it stands.
     */
    public Builder allowFirstCheckpoint() {
      this.allowFirstCheckpoint = true;
      return this;
    }

    /** Tests: the keys and tiles the checkpoint replay buffers before it spills (default 50,000). */
    Builder replaySpillEvery(int keysAndTiles) {
      this.replaySpillEvery = keysAndTiles;
      return this;
    }

    /** Tests: where the checkpoint replay spills (default: a private temporary directory, {@link ReplayFiles}). */
    Builder replaySpillStore(Replay.SpillStore spillStore) {
      this.replaySpillStore = Objects.requireNonNull(spillStore, "spillStore");
      return this;
    }

    /**
     * The ledger, after {@link Ledger#verifyOpen} (with the checkpoint signer's key, if one was
     * given): a torn or tampered store is reported here rather than used.
     *
     * @throws LedgerMismatchException if the checkpoint signer's origin is not the ledger's, or its
     *     key did not sign the latest checkpoint
     * @throws io.ddc.ledger.spi.LedgerCorruptException if the stored data disagree with their hashes
     *     or the latest checkpoint
     * @throws io.ddc.ledger.spi.UnsupportedLedgerException if the store's format is not one this
     *     version reads
     * @throws io.ddc.ledger.spi.LedgerUnavailableException if the store cannot be reached
     */
    public Ledger open() throws DdcException {
      Ledger l = new Ledger(this);
      l.verifyOpen(checkpointSigner == null ? null : checkpointSigner.noteKey());
      l.openedWithoutCheckpoints = store.eventCount() > 0 && l.latestCheckpoint().isEmpty();
      if (l.openedWithoutCheckpoints) {
        LOG.log(System.Logger.Level.DEBUG, "the ledger {0} holds {1} events but no checkpoint", store.describe(),
            store.eventCount());
      }
      LOG.log(System.Logger.Level.DEBUG, "ledger {0} open and checked: {1} events", store.describe(),
          store.eventCount());
      return l;
    }
  }
}
