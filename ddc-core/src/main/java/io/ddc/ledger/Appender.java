package io.ddc.ledger;

import io.ddc.DdcException;
import io.ddc.engine.Engine;
import io.ddc.engine.KvState;
import io.ddc.engine.Receipt;
import io.ddc.engine.StateLayout;
import io.ddc.engine.StateMachine;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TileStore;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Account;
import io.ddc.model.AccountLeaf;
import io.ddc.model.Ddc;
import io.ddc.model.Event;
import io.ddc.model.ItemGroups;
import io.ddc.model.SignedRequest;
import io.ddc.model.StateLeaf;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The ledger's append path, run inside one store transaction under the append lock: the engine's
 * transition of the committed state, the events appended to the log and indexed, the state and
 * account trees updated once per request, and a checkpoint signed when the policy says so.
 */
final class Appender {
  private static final System.Logger LOG = System.getLogger(Ledger.class.getName());

  private final Engine engine;
  private final Clock clock;
  private final TreeHasher hasher;
  private final Checkpointer checkpointer;
  /** The log as of the last append, kept across transactions (its tiles routed to the running one). */
  private MerkleLog cachedLog;
  /** The tiles of the running transaction, where {@link #cachedLog} reads and writes. */
  private TreeTiles current;

  Appender(Engine engine, Clock clock, TreeHasher hasher, Checkpointer checkpointer) {
    this.engine = engine;
    this.clock = clock;
    this.hasher = hasher;
    this.checkpointer = checkpointer;
  }

  /** Drops the cached log, after a transaction failed (the store may hold less than it). */
  synchronized void forgetLog() {
    cachedLog = null;
  }

  /** Keeps the metadata of the DDCs {@code receipt} minted, by item index, in the same transaction. */
  static void keepMetadata(StoreTransaction tx, Receipt receipt, Map<Integer, io.ddc.model.Metadata> metadata) {
    if (!metadata.isEmpty()) {
      List<Long> ids = receipt.mintedIds();
      for (Map.Entry<Integer, io.ddc.model.Metadata> e : metadata.entrySet()) {
        tx.put(StorageLayout.metadata(ids.get(e.getKey())), e.getValue().toDisclosureJson());
      }
    }
  }

  /** Checks that each metadata is for a mint item of {@code request} and matches its metadata root. */
  static void checkMetadata(SignedRequest request, Map<Integer, io.ddc.model.Metadata> metadata) {
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

  /** Applies {@code request} in {@code tx} under the append lock; on rejection {@code tx} must be rolled back. */
  Receipt append(StoreTransaction tx, SignedRequest request) throws DdcException {
    KvState state = StoreValues.state(tx);
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
    indexItemGroups(tx, request, events);
    MerkleLog log = log(tx, first);
    log.appendAll(leaves);
    updateStateTree(tx, state, touched);
    updateAccountTree(tx, state, accounts);
    if (checkpointer != null) {
      checkpointer.maybeCheckpoint(tx, state, log, now);
    }
    return new Receipt(first, events);
  }


  /** A clock this far behind the last event's time is logged. */
  private static final long STEP_BACK_LOGGED_MS = 1_000;

  /**
   * The time of the next event: the clock, but never before the last event's time, which the
   * state keeps (key {@code m/time}, written in the same commit as the events, so every writer
   * of the store sees it). Otherwise a clock stepping back, or a second writer with a slower
   * clock, would check a request at a time when a retired or revoked key was still valid.
   */
  long now(KvState state) {
    long c = clock.millis();
    long floor = state.lastEventTime();
    if (c < floor - STEP_BACK_LOGGED_MS) {
      LOG.log(System.Logger.Level.WARNING, "the clock is {0} ms behind the ledger''s last event time; events are "
          + "dated at that time until the clock catches up", floor - c);
    }
    return Math.max(c, floor);
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

  /**
   * Keeps the item-group roots of a minting request of more than {@link ItemGroups#SIZE} items, so
   * that a bundle of one of its DDCs reads its group's events only (docs/LEDGER.md).
   */
  private static void indexItemGroups(StoreTransaction tx, SignedRequest request, List<Event> events) {
    if (request.header().count() <= ItemGroups.SIZE) {
      return;
    }
    for (Event e : events) {
      if (e.type() == io.ddc.model.EventType.MINTED) {
        tx.put(StorageLayout.itemGroups(request.header().itemsRoot()), ItemGroups.encode(ItemGroups.roots(request)));
        return;
      }
    }
  }

  private static void indexKeys(StoreTransaction tx, io.ddc.model.Did did, Object keys) {
    for (Object k : (List<?>) keys) {
      tx.put(StorageLayout.keyIndex((String) k, did), "");
    }
  }


  /** Asks the store for the client-reference keys of a mint in one round trip (they are mostly absent). */
  static void prefetch(StoreReads tx, KvState state, SignedRequest request) {
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
      it.optString("ref").ifPresent(r -> keys.add(StateLayout.reference(scope, r)));
    }
    if (!keys.isEmpty()) {
      tx.prefetch(keys);
    }
  }

  private synchronized MerkleLog log(StoreTransaction tx, long size) {
    TreeTiles tiles = new TreeTiles(tx, StoreReads.LOG_TREE);
    if (cachedLog != null && cachedLog.size() == size) {
      current = tiles;
    } else {
      current = tiles;
      cachedLog = MerkleLog.open(hasher, new RoutedTiles(), size);
    }
    return cachedLog;
  }


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
}
