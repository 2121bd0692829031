package io.ddc.ledger;

import io.ddc.DdcException;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.engine.Engine;
import io.ddc.engine.Receipt;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.StateMachine;
import io.ddc.engine.StateView;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
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
  private final long checkpointEvery;
  private final Duration checkpointInterval;
  private final boolean allowFirstCheckpoint;
  /** Whether the log held events but no checkpoint when this ledger was opened (see {@link #checkpoint}). */
  private boolean openedWithoutCheckpoints;
  private MerkleLog cachedLog;

  private Ledger(Builder b) {
    this.store = b.store;
    this.engine = b.engine;
    this.clock = b.clock;
    this.checkpointSigner = b.checkpointSigner;
    this.checkpointEvery = b.checkpointEvery;
    this.checkpointInterval = b.checkpointInterval;
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
    checkMetadata(request, metadata);
    preverify(request);
    return appendTransaction(request, tx -> {
      Receipt receipt = append(tx, request);
      keepMetadata(tx, receipt, metadata);
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
      long nonce = new KvState(tx).nextNonce(actor);
      SignedRequest request = Objects.requireNonNull(factory.sign(nonce), "the factory's request");
      if (!request.header().actor().equals(actor)) {
        throw new IllegalArgumentException("the factory's request is " + request.header().actor() + "'s, not "
            + actor + "'s");
      }
      checkMetadata(request, metadata);
      Receipt receipt = append(tx, request);
      keepMetadata(tx, receipt, metadata);
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
      synchronized (this) {
        cachedLog = null;
      }
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
      engine.preverify(new KvState(store), request);
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

  private static void keepMetadata(StoreTransaction tx, Receipt receipt, Map<Integer, io.ddc.model.Metadata> metadata) {
    if (!metadata.isEmpty()) {
      List<Long> ids = receipt.mintedIds();
      for (Map.Entry<Integer, io.ddc.model.Metadata> e : metadata.entrySet()) {
        tx.put(StorageLayout.metadata(ids.get(e.getKey())), e.getValue().toDisclosureJson());
      }
    }
  }

  private static void checkMetadata(SignedRequest request, Map<Integer, io.ddc.model.Metadata> metadata) {
    for (Map.Entry<Integer, io.ddc.model.Metadata> e : metadata.entrySet()) {
      int i = e.getKey();
      if (!request.header().operation().isMint() || i < 0 || i >= request.items().size()) {
        throw new IllegalArgumentException("metadata for item " + i + ", but the request is a "
            + request.header().operation().id() + " of " + request.items().size() + " item(s)");
      }
      Object root = request.items().get(i).raw("metadataRoot");
      if (!e.getValue().root().hex().equals(root)) {
        throw new IllegalArgumentException("item " + i + " commits to metadata root " + root + ", not "
            + e.getValue().root());
      }
    }
  }

  private Receipt append(StoreTransaction tx, SignedRequest request) throws DdcException {
    KvState state = new KvState(tx);
    long first = tx.eventCount();
    if (state.eventCount() != first) {
      throw new LedgerCorruptException("the state says " + state.eventCount() + " events were applied, but the "
          + "store holds " + first);
    }
    long now = now(state);
    prefetch(tx, state, request);
    Engine.Transition t = engine.transition(state, request, now);
    List<Event> events = t.events();
    t.applyTo(state);
    TreeSet<Long> touched = new TreeSet<>();
    java.util.Set<io.ddc.model.Did> accounts = new java.util.HashSet<>();
    List<byte[]> leaves = new ArrayList<>(events.size());
    for (Event e : events) {
      e.optNumber("ddc").ifPresent(touched::add);
      accountOf(e).ifPresent(accounts::add);
      leaves.add(e.toBytes());
    }
    tx.appendEvents(first, leaves);
    index(tx, first, events);
    MerkleLog log = log(tx, first);
    log.appendAll(leaves);
    updateStateTree(tx, state, touched);
    updateAccountTree(tx, state, accounts);
    maybeCheckpoint(tx, state, log, now);
    return new Receipt(first, events);
  }

  private static final System.Logger LOG = System.getLogger(Ledger.class.getName());
  /** A clock this far behind the last event's time is logged. */
  private static final long STEP_BACK_LOGGED_MS = 1_000;

  /**
   * The time of the next event: the clock, but never before the last event's time, which the
   * state keeps (key {@code m/time}, written in the same commit as the events, so every writer
   * of the store sees it). Otherwise a clock stepping back, or a second writer with a slower
   * clock, would check a request at a time when a retired or revoked key was still valid.
   */
  private long now(KvState state) {
    long c = clock.millis();
    long floor = state.lastEventTime();
    if (c < floor - STEP_BACK_LOGGED_MS) {
      LOG.log(System.Logger.Level.WARNING, "the clock is {0} ms behind the ledger''s last event time; events are "
          + "dated at that time until the clock catches up", floor - c);
    }
    return Math.max(c, floor);
  }

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

  /** Indexes the sequence numbers of mint events (by DDC) and account creations (by DID), for proofs. */
  private static void index(StoreTransaction tx, long first, List<Event> events) {
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      switch (e.type()) {
        case MINTED:
          tx.put(StorageLayout.mintIndex(e.number("ddc")), Long.toString(first + i));
          break;
        case ACCOUNT_ADDED:
          tx.put(StorageLayout.accountIndex(e.did("did")), Long.toString(first + i));
          indexKeys(tx, e.did("did"), e.raw("keys"));
          break;
        case LEDGER_INITIALIZED:
          tx.put(StorageLayout.accountIndex(e.did("operator")), Long.toString(first + i));
          indexKeys(tx, e.did("operator"), e.raw("keys"));
          break;
        case KEY_ADDED:
          indexKeys(tx, e.did("did"), List.of(e.string("key")));
          break;
        default:
          break;
      }
    }
  }

  private static void indexKeys(StoreTransaction tx, io.ddc.model.Did did, Object keys) {
    for (Object k : (List<?>) keys) {
      tx.put(StorageLayout.keyIndex((String) k, did), "");
    }
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
      Ddc d = new KvState(tx).ddc(id).orElseThrow(() -> new IllegalArgumentException("no DDC " + id));
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

  /** Asks the store for the client-reference keys of a mint in one round trip (they are mostly absent). */
  private static void prefetch(StoreTransaction tx, KvState state, SignedRequest request) {
    if (!request.header().operation().isMint()) {
      return;
    }
    Optional<io.ddc.model.Account> actor = state.account(request.header().actor());
    if (actor.isEmpty()) {
      return;
    }
    io.ddc.model.Did scope = StateMachine.referenceScope(actor.get());
    List<String> keys = new ArrayList<>();
    for (io.ddc.model.Item it : request.items()) {
      it.optString("ref").ifPresent(r -> keys.add(StorageLayout.reference(scope, r)));
    }
    if (!keys.isEmpty()) {
      tx.prefetch(keys);
    }
  }

  private synchronized MerkleLog log(StoreTransaction tx, long size) {
    TxTiles tiles = new TxTiles(tx, StoreReads.LOG_TREE);
    if (cachedLog != null && cachedLog.size() == size) {
      current = tiles;
    } else {
      current = tiles;
      cachedLog = MerkleLog.open(hasher, new RoutedTiles(), size);
    }
    return cachedLog;
  }

  private TxTiles current;

  /** The tile store of the running transaction, so one MerkleLog can live across transactions. */
  private final class RoutedTiles implements TileStore {
    @Override
    public byte[] readTile(int level, long index) {
      return current.readTile(level, index);
    }

    @Override
    public void writeTiles(List<Tile> tiles) {
      current.writeTiles(tiles);
    }
  }

  /** A {@link TileStore} view of one tree of a store. */
  private static final class TxTiles implements TileStore {
    private final StoreReads reads;
    private final int tree;

    TxTiles(StoreReads reads, int tree) {
      this.reads = reads;
      this.tree = tree;
    }

    @Override
    public byte[] readTile(int level, long index) {
      return reads.readTile(tree, level, index);
    }

    @Override
    public void writeTiles(List<Tile> tiles) {
      List<StoreTransaction.Tile> out = new ArrayList<>(tiles.size());
      for (Tile t : tiles) {
        out.add(new StoreTransaction.Tile(t.level(), t.index(), t.hashes()));
      }
      ((StoreTransaction) reads).writeTiles(tree, out);
    }
  }

  private void updateStateTree(StoreTransaction tx, KvState state, TreeSet<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    StateTree tree = new StateTree(hasher, tx);
    Map<Long, byte[]> leaves = new HashMap<>();
    for (long id : ids) {
      Ddc d = state.ddc(id).orElseThrow(() -> new IllegalStateException("no DDC " + id + " after its event"));
      leaves.put(id - 1, hasher.leafHash(StateLeaf.bytes(d, state.holders(id))));
    }
    tree.update(leaves, state.latestDdcId());
    tree.flush(tx);
  }

  /** The account whose leaf in the account tree {@code e} changes, if any. */
  static Optional<io.ddc.model.Did> accountOf(Event e) {
    switch (e.type()) {
      case LEDGER_INITIALIZED:
        return Optional.of(e.did("operator"));
      case ACCOUNT_ADDED:
      case ACCOUNT_STATE_CHANGED:
      case KEY_ADDED:
      case KEY_RETIRED:
      case KEY_REVOKED:
        return Optional.of(e.did("did"));
      default:
        return Optional.empty();
    }
  }

  private void updateAccountTree(StoreTransaction tx, KvState state, java.util.Set<io.ddc.model.Did> dids) {
    if (dids.isEmpty()) {
      return;
    }
    StateTree tree = new StateTree(hasher, tx, StoreReads.ACCOUNT_TREE);
    Map<Long, byte[]> leaves = new HashMap<>();
    for (io.ddc.model.Did did : dids) {
      Account a = state.account(did).orElseThrow(() -> new IllegalStateException("no account " + did
          + " after its event"));
      leaves.put(a.index(), hasher.leafHash(AccountLeaf.bytes(a)));
    }
    tree.update(leaves, state.accountCount());
    tree.flush(tx);
  }

  private void maybeCheckpoint(StoreTransaction tx, KvState state, MerkleLog log, long now)
      throws SigningUnavailableException, LedgerCorruptException {
    if (checkpointSigner == null || state.origin().isEmpty()) {
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
   * A replay of the log, checked by the engine request by request, that this ledger keeps
   * between checkpoints so that the check before each one costs only the events since (see
   * {@link #verifyBeforeCheckpoint}); null until the first checkpoint or audit needs one.
   */
  private Replay verified;
  private final Object verifiedLock = new Object();

  /**
   * Before the Operator signs a checkpoint of {@code size} events: brings the verified replay up to
   * {@code size}, running the engine on every request since its last position, and compares the
   * state keys those requests changed and the log, state and account roots with the stored ones.
   * What the Operator signs then follows from validly signed requests, even if a database writer
   * changed the stored state (or wrote events) in between. Cost: the new events (plus, once per
   * process, the events before the first checkpoint it signs).
   */
  private void verifyBeforeCheckpoint(StoreReads tx, long size) throws LedgerCorruptException {
    synchronized (verifiedLock) {
      Replay r = verified;
      verified = null;
      MerkleLog stored = MerkleLog.open(hasher, new TxTiles(tx, StoreReads.LOG_TREE), size);
      if (r == null || r.size() > size || !Arrays.equals(r.logRoot(), stored.root(r.size()))) {
        r = new Replay(engine, hasher);
      }
      for (long from = r.size(); from < size; from = r.size()) {
        r.add(tx.events(from, Math.min(size, from + 4096)));
      }
      r.finish();
      r.compare(tx, stored.root(size));
      verified = r;
    }
  }

  private String writeCheckpoint(StoreTransaction tx, KvState state, long size, byte[] logRoot, long now)
      throws SigningUnavailableException, LedgerCorruptException {
    verifyBeforeCheckpoint(tx, size);
    long n = state.latestDdcId();
    byte[] stateRoot = new StateTree(hasher, tx).root(n);
    String origin = state.origin().get();
    long accounts = state.accountCount();
    byte[] accountRoot = new StateTree(hasher, tx, StoreReads.ACCOUNT_TREE).root(accounts);
    Checkpoint cp = new Checkpoint(origin, size, logRoot, List.of(
        STATE_LINE + " " + n + " " + Base64.getEncoder().encodeToString(stateRoot),
        ACCOUNTS_LINE + " " + accounts + " " + Base64.getEncoder().encodeToString(accountRoot),
        TIME_LINE + " " + now));
    String note = Checkpoints.sign(cp, List.of(checkpointSigner));
    LOG.log(System.Logger.Level.DEBUG, "signing checkpoint {0} of {1} at {2} ms", size, origin, now);
    tx.put(StorageLayout.checkpoint(size), note);
    tx.put(StorageLayout.CHECKPOINT_SIZE, Long.toString(size));
    tx.put(StorageLayout.CHECKPOINT_TIME, Long.toString(now));
    return note;
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
      KvState state = new KvState(tx);
      if (state.origin().isEmpty()) {
        throw new IllegalStateException("the ledger has no ledger.init yet");
      }
      long size = tx.eventCount();
      Optional<String> last = tx.get(StorageLayout.CHECKPOINT_SIZE).flatMap(s -> tx.get(StorageLayout.checkpoint(Long.parseLong(s))));
      if (last.isPresent() && tx.get(StorageLayout.CHECKPOINT_SIZE).map(Long::parseLong).orElse(-1L) == size) {
        return last.get();
      }
      MerkleLog log = MerkleLog.open(hasher, new TxTiles(tx, StoreReads.LOG_TREE), size);
      long cpTime = Math.max(now(state), tx.get(StorageLayout.CHECKPOINT_TIME).map(Long::parseLong).orElse(0L));
      return writeCheckpoint(tx, state, size, log.root(), cpTime);
    });
  }

  /** The latest signed checkpoint, if any. */
  public Optional<String> latestCheckpoint() {
    return store.get(StorageLayout.CHECKPOINT_SIZE).flatMap(s -> store.get(StorageLayout.checkpoint(Long.parseLong(s))));
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
    return new KvState(store);
  }

  /**
   * Runs {@code query} against the committed state; like {@link #state()}, each value it reads may
   * come from a different commit while others write. For values that must agree, use {@link #snapshot}.
   */
  public <T> T read(Function<StateView, T> query) {
    return query.apply(new KvState(store));
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
    private final StoreReads r;
    private MerkleLog log;

    Snapshot(StoreReads r) {
      this.r = r;
    }

    /** The number of events. */
    public long size() {
      return r.eventCount();
    }

    /** The state at this snapshot. */
    public StateView state() {
      return new KvState(r);
    }

    /** The events with sequence numbers in [from, to). */
    public List<Event> events(long from, long to) throws MalformedDataException {
      List<Event> out = new ArrayList<>();
      for (byte[] b : r.events(from, to)) {
        out.add(Event.fromBytes(b));
      }
      return out;
    }

    /** The latest signed checkpoint, if any. */
    public Optional<String> latestCheckpoint() {
      return r.get(StorageLayout.CHECKPOINT_SIZE).flatMap(x -> r.get(StorageLayout.checkpoint(Long.parseLong(x))));
    }

    /** The signed checkpoint of log size {@code size}, if one was made. */
    public Optional<String> checkpointAt(long size) {
      return r.get(StorageLayout.checkpoint(size));
    }

    /** The sequence number of the event that minted DDC {@code id}. */
    public java.util.OptionalLong mintSeq(long id) {
      return r.get(StorageLayout.mintIndex(id)).map(v -> java.util.OptionalLong.of(Long.parseLong(v)))
          .orElse(java.util.OptionalLong.empty());
    }

    /** The metadata kept for DDC {@code id}, if any. */
    public Optional<io.ddc.model.Metadata> metadata(long id) throws MalformedDataException {
      Optional<String> v = r.get(StorageLayout.metadata(id));
      return v.isEmpty() ? Optional.empty() : Optional.of(io.ddc.model.Metadata.fromDisclosureJson(v.get()));
    }

    private MerkleLog log() {
      if (log == null) {
        long n = r.eventCount();
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
      return Hash.of(new StateTree(hasher, r).root(new KvState(r).latestDdcId()));
    }

    /** The state proof of DDC {@code ddcId}. */
    public StateProof stateProof(long ddcId) {
      KvState st = new KvState(r);
      Ddc d = st.ddc(ddcId).orElseThrow(() -> new IllegalArgumentException("no DDC " + ddcId));
      long n = st.latestDdcId();
      return new StateProof(ddcId, StateLeaf.bytes(d, st.holders(ddcId)), n,
          new StateTree(hasher, r).inclusionProof(ddcId - 1, n));
    }

    /** The account tree root over {@code accountCount} leaves. */
    public Hash accountRoot() {
      return Hash.of(new StateTree(hasher, r, StoreReads.ACCOUNT_TREE).root(new KvState(r).accountCount()));
    }

    /** The proof of account {@code did}'s leaf. */
    public AccountProof accountProof(io.ddc.model.Did did) {
      KvState st = new KvState(r);
      Account a = st.account(did).orElseThrow(() -> new IllegalArgumentException("no account " + did));
      long n = st.accountCount();
      return new AccountProof(a, AccountLeaf.bytes(a), n,
          new StateTree(hasher, r, StoreReads.ACCOUNT_TREE).inclusionProof(a.index(), n));
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

  /** Runs {@code read} against one consistent snapshot of the committed ledger. */
  public <T> T snapshot(SnapshotRead<T> read) throws DdcException {
    return store.read(r -> read.read(new Snapshot(r)));
  }

  /** The log root at {@code size}, from a snapshot. */
  public byte[] logRoot(long size) throws DdcException {
    return snapshot(x -> x.logRoot(size));
  }

  /** The inclusion proof of event {@code seq} in the log of {@code size} events, from a snapshot. */
  public InclusionProof inclusionProof(long seq, long size) throws DdcException {
    return snapshot(x -> x.inclusionProof(seq, size));
  }

  /** The consistency proof between log sizes, from a snapshot. */
  public ConsistencyProof consistencyProof(long size1, long size2) throws DdcException {
    return snapshot(x -> x.consistencyProof(size1, size2));
  }

  /** The current state root over {@code latestDdcId} leaves. */
  public Hash stateRoot() throws DdcException {
    return snapshot(Snapshot::stateRoot);
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

  /** The state proof of DDC {@code ddcId} against the current state root. */
  public StateProof stateProof(long ddcId) throws DdcException {
    return snapshot(x -> x.stateProof(ddcId));
  }

  /** The current account tree root over {@code accountCount} leaves. */
  public Hash accountRoot() throws DdcException {
    return snapshot(Snapshot::accountRoot);
  }

  /**
   * An account's current leaf and its inclusion path in the current account tree.
   *
   * @param account the account
   * @param leaf the account leaf bytes ({@link AccountLeaf})
   * @param treeSize the account tree's size (the number of accounts)
   * @param path the RFC 9162 inclusion path of leaf {@code account.index()}
   */
  public record AccountProof(Account account, byte[] leaf, long treeSize, List<byte[]> path) {}

  /** The proof of account {@code did}'s leaf against the current account root. */
  public AccountProof accountProof(io.ddc.model.Did did) throws DdcException {
    return snapshot(x -> x.accountProof(did));
  }

  /**
   * Checks the stored data against their own hashes: the state's event count against the
   * events, the tail of the log against its leaf tiles, and the latest checkpoint's log and state
   * roots and signature (with {@code checkpointKey}, if given) against the trees. Cheap enough to
   * run at every open; {@link #audit} checks everything.
   */
  public void verifyOpen(NoteKey checkpointKey) throws DdcException {
    store.read(r -> {
      verifyOpen(r, checkpointKey);
      return null;
    });
  }

  private void verifyOpen(StoreReads store, NoteKey checkpointKey) throws DdcException {
    long size = store.eventCount();
    KvState s = new KvState(store);
    Optional<String> origin = s.origin();
    if (checkpointKey != null && origin.isPresent() && !origin.get().equals(checkpointKey.name())) {
      throw new LedgerMismatchException(LedgerMismatchException.Reason.WRONG_ORIGIN, "this ledger's origin is \""
          + origin.get() + "\" (its ledger.init), but the checkpoint signer was given \""
          + checkpointKey.name() + "\"");
    }
    if (s.eventCount() != size) {
      throw new LedgerCorruptException("the state records " + s.eventCount() + " applied events, but the store "
          + "holds " + size + " (a torn write?)");
    }
    MerkleLog log = MerkleLog.open(hasher, new TxTiles(store, StoreReads.LOG_TREE), size);
    long from = Math.max(0, size - 256);
    List<byte[]> tail = store.events(from, size);
    for (int i = 0; i < tail.size(); i++) {
      if (!Arrays.equals(hasher.leafHash(tail.get(i)), log.leafHash(from + i))) {
        throw new LedgerCorruptException("event " + (from + i) + " does not match its leaf hash in the log");
      }
    }
    Optional<String> cp = new Snapshot(store).latestCheckpoint();
    if (cp.isPresent()) {
      verifyCheckpoint(store, cp.get(), log, checkpointKey, true);
    }
  }

  private void verifyCheckpoint(StoreReads store, String note, MerkleLog log, NoteKey key, boolean latest)
      throws DdcException {
    Checkpoint c;
    try {
      c = key == null ? Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1), hasher.digestLength())
          : Checkpoints.verify(note, List.of(key), List.of(), new KvState(store).origin().orElse(""),
              hasher.digestLength());
    } catch (CheckpointException e) {
      if (e.reason() == CheckpointException.Reason.MISSING_REQUIRED_SIGNATURE) {
        throw new LedgerMismatchException(LedgerMismatchException.Reason.WRONG_CHECKPOINT_KEY, String.format(
            "the checkpoint signer's key (%s, key ID %08x) did not sign this ledger's latest checkpoint: open it "
                + "with the Operator key that signs its checkpoints (%s)", key.name(), key.keyId(),
            e.getMessage()));
      }
      throw new LedgerCorruptException("the stored checkpoint does not verify: " + e.getMessage());
    }
    if (c.size() > log.size()) {
      throw new LedgerCorruptException("checkpoint of size " + c.size() + " but the log holds " + log.size()
          + " events (events lost?)");
    }
    byte[] root = log.root(c.size());
    if (!Arrays.equals(root, c.rootHash())) {
      throw new LedgerCorruptException("checkpoint " + c.size() + " has log root "
          + Hash.of(c.rootHash()) + " but the stored log gives " + Hash.of(root));
    }
    if (latest && c.size() == log.size()) {
      for (String ext : c.extensions()) {
        String[] p = ext.split(" ");
        boolean st = p[0].equals(STATE_LINE);
        if ((st || p[0].equals(ACCOUNTS_LINE)) && p.length == 3) {
          long n = Long.parseLong(p[1]);
          byte[] want = Base64.getDecoder().decode(p[2]);
          byte[] got = new StateTree(hasher, store, st ? StoreReads.STATE_TREE : StoreReads.ACCOUNT_TREE).root(n);
          if (!Arrays.equals(want, got)) {
            throw new LedgerCorruptException("checkpoint " + c.size() + " has " + p[0] + " root " + Hash.of(want)
                + " but the stored " + p[0] + " tree gives " + Hash.of(got));
          }
        }
      }
    }
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
      audit(r);
      return null;
    });
  }

  private void audit(StoreReads store) throws DdcException {
    long size = store.eventCount();
    MerkleLog stored = MerkleLog.open(hasher, new TxTiles(store, StoreReads.LOG_TREE), size);
    Replay replay = new Replay(engine, hasher);
    for (long from = 0; from < size; from += 4096) {
      replay.add(store.events(from, Math.min(size, from + 4096)));
    }
    replay.finish();
    if (!Arrays.equals(replay.logRoot(), stored.root())) {
      throw new LedgerCorruptException("the log root from the events is " + Hash.of(replay.logRoot())
          + " but the stored tiles give " + Hash.of(stored.root()));
    }
    Map<String, String> want = replay.state();
    Map<String, String> have = new java.util.TreeMap<>();
    store.scan("").forEach((k, v) -> {
      if (!StorageLayout.isSideKey(k)) {
        have.put(k, v);
      }
    });
    if (!want.equals(have)) {
      for (String k : new TreeSet<String>(union(want.keySet(), have.keySet()))) {
        if (!Objects.equals(want.get(k), have.get(k))) {
          throw new LedgerCorruptException("state key " + k + " is " + have.get(k) + " but replay gives "
              + want.get(k));
        }
      }
    }
    StateTree tree = new StateTree(hasher, store);
    StateTree fresh = new StateTree(hasher, new io.ddc.ledger.internal.WriteBuffer(EMPTY));
    Map<Long, byte[]> leaves = new HashMap<>();
    KvState stored2 = new KvState(store);
    for (long id = 1; id <= stored2.latestDdcId(); id++) {
      Ddc d = stored2.ddc(id).get();
      leaves.put(id - 1, hasher.leafHash(StateLeaf.bytes(d, stored2.holders(id))));
    }
    fresh.update(leaves, stored2.latestDdcId());
    if (!Arrays.equals(fresh.root(stored2.latestDdcId()), tree.root(stored2.latestDdcId()))) {
      throw new LedgerCorruptException("the stored state tree root does not match the state leaves");
    }
    Map<Long, byte[]> accountLeaves = new HashMap<>();
    for (String v : store.scan(StorageLayout.ACCOUNT_PREFIX).values()) {
      Account a = KvState.decodeAccount(v);
      accountLeaves.put(a.index(), hasher.leafHash(AccountLeaf.bytes(a)));
    }
    long accounts = stored2.accountCount();
    if (accountLeaves.size() != accounts) {
      throw new LedgerCorruptException("the state holds " + accountLeaves.size() + " accounts but counts " + accounts);
    }
    StateTree freshAccounts = new StateTree(hasher, new io.ddc.ledger.internal.WriteBuffer(EMPTY),
        StoreReads.ACCOUNT_TREE);
    freshAccounts.update(accountLeaves, accounts);
    if (!Arrays.equals(freshAccounts.root(accounts),
        new StateTree(hasher, store, StoreReads.ACCOUNT_TREE).root(accounts))) {
      throw new LedgerCorruptException("the stored account tree root does not match the account leaves");
    }
    Long prev = null;
    Snapshot snap = new Snapshot(store);
    List<Long> sizes = new ArrayList<>();
    for (String k : store.scan(StorageLayout.CHECKPOINTS).keySet()) {
      sizes.add(StorageLayout.checkpointSize(k));
    }
    for (long cpSize : sizes) {
      verifyCheckpoint(store, snap.checkpointAt(cpSize).get(), stored, null, false);
      if (prev != null && prev > 0) {
        Checkpoint a = parse(snap.checkpointAt(prev).get());
        Checkpoint b = parse(snap.checkpointAt(cpSize).get());
        try {
          io.ddc.merkle.MerkleProofs.verifyConsistency(hasher, a.size(), b.size(),
              stored.consistencyProof(a.size(), b.size()).hashes(), a.rootHash(), b.rootHash());
        } catch (io.ddc.merkle.ProofException e) {
          throw new LedgerCorruptException("checkpoints " + a.size() + " and " + b.size() + " are not consistent: "
              + e.getMessage());
        }
      }
      prev = cpSize;
    }
  }

  private Checkpoint parse(String note) throws LedgerCorruptException {
    try {
      return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1), hasher.digestLength());
    } catch (CheckpointException e) {
      throw new LedgerCorruptException("a stored checkpoint does not parse: " + e.getMessage());
    }
  }

  private static <T> java.util.Set<T> union(java.util.Set<T> a, java.util.Set<T> b) {
    java.util.Set<T> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }

  /** Reads of an empty store. */
  static final StoreReads EMPTY = new EmptyReads();

  /** Reads of an empty store. */
  private static final class EmptyReads implements StoreReads {
    @Override
    public Optional<String> get(String key) {
      return Optional.empty();
    }

    @Override
    public java.util.SortedMap<String, String> scan(String prefix) {
      return java.util.Collections.emptySortedMap();
    }

    @Override
    public long eventCount() {
      return 0;
    }

    @Override
    public List<byte[]> events(long from, long to) {
      return List.of();
    }

    @Override
    public byte[] readTile(int tree, int level, long index) {
      return new byte[0];
    }
  }

  @Override
  public void close() {
    store.close();
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
