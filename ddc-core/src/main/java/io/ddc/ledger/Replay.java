package io.ddc.ledger;

import io.ddc.engine.KvState;
import io.ddc.engine.Engine;
import io.ddc.engine.RequestRejectedException;
import io.ddc.ledger.internal.WriteBuffer;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.ledger.spi.LedgerUnavailableException;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Account;
import io.ddc.model.AccountLeaf;
import io.ddc.model.Cause;
import io.ddc.model.Ddc;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.Hash;
import io.ddc.model.Item;
import io.ddc.model.MalformedDataException;
import io.ddc.model.SignedRequest;
import io.ddc.model.StateLeaf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A clean replay of a ledger's log (in memory, or spilled to a store only it writes) that trusts
 * nothing but the signatures: every logged request is rebuilt from its events' {@link Cause}s and
 * run through the {@link Engine} again, at the logged time, against the state replayed so far; the
 * engine must accept it and give exactly the logged events. So a state that a database writer
 * changed, however briefly, cannot make the ledger accept (and the Operator sign) what the rules and
 * the signatures do not allow. It also keeps the log, the state tree and the account tree of the
 * replay, so their roots can be compared with the stored ones. Not thread-safe.
 *
 * <p><b>Memory.</b> A replay made with a spill ({@link #Replay(Engine, TreeHasher, SpillStore, int)},
 * what the checkpointer uses) keeps in memory only the state changed since its last spill: every
 * {@code spillEvery} buffered keys and tiles it brings its trees up to date, checks the state keys
 * changed since the last spill against the stored ones (see {@link #compare}) and writes its buffer
 * into the spill store, a store of its own that the replay alone writes, opened at the first spill. So a ledger of 10^7
 * DDCs can be replayed in a bounded heap. Without one (audit, {@link LogReplay}) the whole
 * replayed state stays in memory.
 */
final class Replay implements AutoCloseable {
  /** The other cause of a replay difference than a damaged log, named in its message. */
  static final String RULES_CHANGED = " (or the log was written by an earlier ddc whose rules differ here: "
      + "docs/RULES.md, \"Rule changes\")";

  private final Engine engine;
  private final TreeHasher hasher;
  /** Opens the store the buffer goes to every {@link #spillEvery} keys and tiles; null: all stays in memory. */
  private final SpillStore spillStore;
  private final int spillEvery;
  /** The spill store, once the first spill opened it. */
  private Spill spill;
  /** The replayed state and trees since the last spill, over the spill store (or nothing). */
  private WriteBuffer buf;
  private final Recording recording = new Recording();
  private KvState state;
  private final MerkleLog log;
  private final TreeSet<Long> ddcs = new TreeSet<>();
  private final Set<Did> accounts = new HashSet<>();
  /**
   * State keys changed before a spill whose replayed value then differed from the stored one (the
   * stored data is at the end of the replayed range): a later request must change them again, to
   * the stored value, or {@link #compare} reports them.
   */
  private final Map<String, String> unsettled = new HashMap<>();
  private final List<Event> group = new ArrayList<>();
  private long groupFirst;
  private long next;

  /** A replay that keeps its whole state in memory. */
  Replay(Engine engine, TreeHasher hasher) {
    this(engine, hasher, null, Integer.MAX_VALUE);
  }

  /** An empty store of the replay's own, and what to do once it is closed (e.g. delete its file). */
  record Spill(LedgerStore store, Runnable afterClose) {}

  /** Opens a {@link Spill}. */
  interface SpillStore {
    Spill open() throws io.ddc.DdcException;
  }

  /**
   * A replay that writes its state and trees into a store {@code spillStore} opens (at the first
   * spill; closed with the replay) whenever {@code spillEvery} keys and tiles are buffered;
   * {@code spillStore} null: all in memory.
   */
  Replay(Engine engine, TreeHasher hasher, SpillStore spillStore, int spillEvery) {
    this.engine = engine;
    this.hasher = hasher;
    this.spillStore = spillStore;
    this.spillEvery = spillEvery;
    this.buf = new WriteBuffer(EmptyReads.INSTANCE);
    this.state = StoreValues.state(recording);
    this.log = MerkleLog.open(hasher, new TreeTiles(recording, StoreReads.LOG_TREE), 0);
  }

  @Override
  public void close() {
    if (spill != null) {
      Spill s = spill;
      spill = null;
      try {
        s.store().close();
      } finally {
        s.afterClose().run();
      }
    }
  }

  /** The number of events taken (checked or waiting for the rest of their request). */
  long size() {
    return next;
  }

  /** The replayed log's root over the events taken. */
  byte[] logRoot() {
    return log.root();
  }

  /** The replayed state (the keys of {@code ddc_state} without the side keys); for a replay without a spill store. */
  Map<String, String> state() {
    if (spillStore != null) {
      throw new IllegalStateException("a spilling replay does not hold its whole state in memory");
    }
    Map<String, String> out = new java.util.TreeMap<>();
    buf.puts().forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** Takes the next events, {@code leaves} from sequence number {@link #size()} on. */
  void add(List<byte[]> leaves) throws LedgerCorruptException {
    try {
      add(leaves, null);
    } catch (LedgerUnavailableException e) {
      // only a spill can fail so, and without the stored data nothing spills
      throw new IllegalStateException("a replay spilled without the stored data to check against", e);
    }
  }

  /**
   * Takes the next events; a spilling replay checks the keys it spills against {@code stored} (the
   * store's committed data at the end of the range being replayed, as later given to {@link #compare}).
   *
   * @throws LedgerUnavailableException if the spill store cannot be created or written (e.g. the
   *     temporary directory is full); the replay must then be closed and dropped
   */
  void add(List<byte[]> leaves, StoreReads stored) throws LedgerCorruptException, LedgerUnavailableException {
    log.appendAll(leaves);
    for (byte[] b : leaves) {
      long seq = next;
      Event e;
      try {
        e = Event.fromBytes(b);
      } catch (MalformedDataException x) {
        throw new LedgerCorruptException("event " + seq + " does not decode: " + x.getMessage());
      }
      if (!group.isEmpty() && !sameRequest(group.get(0), e)) {
        check();
        if (spillStore != null && stored != null && buf.size() >= spillEvery) {
          spill(stored);
        }
      }
      if (group.isEmpty()) {
        groupFirst = seq;
      }
      group.add(e);
      next++;
    }
  }

  /** Checks the last request taken: the events taken end at a request's end (as every commit does). */
  void finish() throws LedgerCorruptException {
    if (!group.isEmpty()) {
      check();
    }
  }

  private static boolean sameRequest(Event a, Event b) {
    Cause x = a.cause();
    Cause y = b.cause();
    return x.header().equals(y.header()) && Arrays.equals(x.signature(), y.signature())
        && Arrays.equals(x.relayerSignature().orElse(null), y.relayerSignature().orElse(null));
  }

  /** Runs the engine on the request of the events in {@link #group} and applies them. */
  private void check() throws LedgerCorruptException {
    List<Event> logged = new ArrayList<>(group);
    group.clear();
    long first = groupFirst;
    Event head = logged.get(0);
    Cause cause = head.cause();
    String what = "event " + first + " (" + cause.header() + ")";
    long at = head.at();
    if (at < state.lastEventTime()) {
      throw new LedgerCorruptException("event " + first + " is dated " + at + " ms, before the previous event ("
          + state.lastEventTime() + " ms): event times never go backwards");
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < logged.size(); i++) {
      Event e = logged.get(i);
      if (e.at() != at) {
        throw new LedgerCorruptException("event " + (first + i) + " is dated " + e.at() + " ms, but its request's "
            + "first event " + at + " ms");
      }
      int index = e.cause().index();
      if (index == items.size()) {
        items.add(e.cause().item());
      } else if (index != items.size() - 1 || !e.cause().item().equals(items.get(index))) {
        throw new LedgerCorruptException("event " + (first + i) + " is about item " + index + " of its request, out "
            + "of order or with another item");
      }
    }
    SignedRequest request;
    try {
      request = SignedRequest.of(cause.header(), items, cause.signature(), cause.relayerSignature().orElse(null));
    } catch (MalformedDataException x) {
      throw new LedgerCorruptException(what + ": its events do not give back the signed request: " + x.getMessage());
    }
    Engine.Transition t;
    Appender.prefetch(recording, state, request);
    try {
      t = engine.transition(state, request, at);
    } catch (RequestRejectedException x) {
      throw new LedgerCorruptException(what + ": the rules reject the logged request: " + x.code() + ": "
          + x.getMessage() + RULES_CHANGED);
    }
    List<Event> again = t.events();
    for (int i = 0; i < Math.max(again.size(), logged.size()); i++) {
      Event l = i < logged.size() ? logged.get(i) : null;
      Event g = i < again.size() ? again.get(i) : null;
      if (!Objects.equals(l, g)) {
        throw new LedgerCorruptException("event " + (first + i) + " (" + cause.header() + "): the log has "
            + (l == null ? "no event" : l.toString()) + " but the rules give " + (g == null ? "no event" : g)
            + RULES_CHANGED);
      }
    }
    t.applyTo(state);
    for (Event e : logged) {
      e.optNumber("ddc").ifPresent(ddcs::add);
      Appender.accountOf(e).ifPresent(accounts::add);
    }
  }

  /**
   * The state keys the replay changed since the last call, with their replayed values (null:
   * absent); the caller compares them with the stored ones.
   */
  Map<String, String> changed() {
    Map<String, String> out = new HashMap<>(unsettled);
    unsettled.clear();
    for (String k : recording.touched) {
      out.put(k, buf.get(k).orElse(null));
    }
    recording.touched.clear();
    return out;
  }

  /**
   * Brings the trees up to date, checks the keys changed since the last spill against {@code
   * stored} (keeping those that differ in {@link #unsettled}), and writes the buffer into the spill
   * store. The events of the request being gathered are not in the buffer yet.
   */
  private void spill(StoreReads stored) throws LedgerUnavailableException {
    treeRoots();
    Map<String, String> changed = changed();
    stored.prefetch(changed.keySet());
    for (Map.Entry<String, String> e : changed.entrySet()) {
      if (!Objects.equals(stored.get(e.getKey()).orElse(null), e.getValue())) {
        unsettled.put(e.getKey(), e.getValue());
      }
    }
    WriteBuffer full = buf;
    try {
      if (spill == null) {
        spill = spillStore.open();
      }
      spill.store().write(tx -> {
        full.puts().forEach(tx::put);
        Map<Integer, List<StoreTransaction.Tile>> byTree = new HashMap<>();
        full.tiles().forEach((k, v) -> byTree.computeIfAbsent(k.get(0).intValue(), t -> new ArrayList<>())
            .add(new StoreTransaction.Tile(k.get(1).intValue(), k.get(2), v)));
        byTree.forEach(tx::writeTiles);
        return null;
      });
    } catch (io.ddc.DdcException x) {
      throw new LedgerUnavailableException("the checkpoint replay could not write its state to its spill store"
          + (spill == null ? "" : " (" + spill.store().describe() + ")") + ": " + x.getMessage(), x);
    }
    buf = new WriteBuffer(new SpillReads(spill.store()));
    state = StoreValues.state(recording);
  }

  /**
   * A read of the spill store failed (e.g. its file was removed or the disk failed): unchecked, as
   * the reads run inside the engine; the checkpointer reports it as the spill's failure, not the
   * ledger's.
   */
  static final class SpillReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SpillReadFailure(String where, RuntimeException cause) {
      super("the checkpoint replay could not read its spill store (" + where + "): " + cause.getMessage(), cause);
    }
  }

  /** The spill store's reads, whose failures name the spill store. */
  private static final class SpillReads implements StoreReads {
    private final LedgerStore spill;

    SpillReads(LedgerStore spill) {
      this.spill = spill;
    }

    private SpillReadFailure failure(RuntimeException e) {
      return new SpillReadFailure(spill.describe(), e);
    }

    @Override
    public Optional<String> get(String key) {
      try {
        return spill.get(key);
      } catch (RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public void prefetch(Collection<String> keys) {
      try {
        spill.prefetch(keys);
      } catch (RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public SortedMap<String, String> scan(String prefix) {
      try {
        return spill.scan(prefix);
      } catch (RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public long eventCount() {
      return 0;
    }

    @Override
    public List<byte[]> events(long from, long to) {
      throw new UnsupportedOperationException("a replay's state holds no events");
    }

    @Override
    public byte[] readTile(int tree, int level, long index) {
      try {
        return spill.readTile(tree, level, index);
      } catch (RuntimeException e) {
        throw failure(e);
      }
    }
  }

  /** Brings the replay's state and account trees up to date and returns their roots: [state, accounts]. */
  byte[][] treeRoots() {
    long n = state.latestDdcId();
    StateTree tree = new StateTree(hasher, buf);
    if (!ddcs.isEmpty()) {
      Map<Long, byte[]> leaves = new HashMap<>();
      for (long id : ddcs) {
        Ddc d = state.ddc(id).orElseThrow();
        leaves.put(id - 1, hasher.leafHash(StateLeaf.bytes(d, state.holders(id))));
      }
      tree.update(leaves, n);
      tree.flush(buf);
      ddcs.clear();
    }
    long a = state.accountCount();
    StateTree accountTree = new StateTree(hasher, buf, StoreReads.ACCOUNT_TREE);
    if (!accounts.isEmpty()) {
      Map<Long, byte[]> leaves = new HashMap<>();
      for (Did did : accounts) {
        Account acc = state.account(did).orElseThrow();
        leaves.put(acc.index(), hasher.leafHash(AccountLeaf.bytes(acc)));
      }
      accountTree.update(leaves, a);
      accountTree.flush(buf);
      accounts.clear();
    }
    return new byte[][] {new StateTree(hasher, buf).root(n),
        new StateTree(hasher, buf, StoreReads.ACCOUNT_TREE).root(a)};
  }

  /** The replayed DDC count and account count: [latest DDC id, accounts]. */
  long[] counts() {
    return new long[] {state.latestDdcId(), state.accountCount()};
  }

  /**
   * Checks {@code stored} (a store's committed data at the replay's size) against the replay:
   * the state keys changed since the last check, the log root and the two tree roots.
   */
  void compare(StoreReads stored, byte[] storedLogRoot) throws LedgerCorruptException {
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(changed()).entrySet()) {
      String have = stored.get(e.getKey()).orElse(null);
      if (!Objects.equals(have, e.getValue())) {
        throw new LedgerCorruptException("state key " + e.getKey() + " is " + have + " but the replay of the "
            + "signed requests gives " + e.getValue());
      }
    }
    if (!Arrays.equals(storedLogRoot, log.root())) {
      throw new LedgerCorruptException("the stored log root at size " + next + " is " + Hash.of(storedLogRoot)
          + " but the events give " + Hash.of(log.root()));
    }
    byte[][] roots = treeRoots();
    long[] n = counts();
    byte[] st = new StateTree(hasher, stored).root(n[0]);
    if (!Arrays.equals(st, roots[0])) {
      throw new LedgerCorruptException("the stored state tree root is " + Hash.of(st) + " but the replay gives "
          + Hash.of(roots[0]));
    }
    byte[] ac = new StateTree(hasher, stored, StoreReads.ACCOUNT_TREE).root(n[1]);
    if (!Arrays.equals(ac, roots[1])) {
      throw new LedgerCorruptException("the stored account tree root is " + Hash.of(ac) + " but the replay gives "
          + Hash.of(roots[1]));
    }
  }

  /** Writes to the replay's current buffer, remembering which state keys changed. */
  private final class Recording implements StoreTransaction {
    private final Set<String> touched = new HashSet<>();

    @Override
    public void prefetch(Collection<String> keys) {
      buf.prefetch(keys);
    }

    @Override
    public Optional<String> get(String key) {
      return buf.get(key);
    }

    @Override
    public SortedMap<String, String> scan(String prefix) {
      return buf.scan(prefix);
    }

    @Override
    public long eventCount() {
      return buf.eventCount();
    }

    @Override
    public List<byte[]> events(long from, long to) {
      return buf.events(from, to);
    }

    @Override
    public byte[] readTile(int tree, int level, long index) {
      return buf.readTile(tree, level, index);
    }

    @Override
    public void put(String key, String value) {
      touched.add(key);
      buf.put(key, value);
    }

    @Override
    public void appendEvents(long firstSeq, List<byte[]> events) {
      throw new UnsupportedOperationException("a replay's state holds no events");
    }

    @Override
    public void writeTiles(int tree, List<Tile> tiles) {
      buf.writeTiles(tree, tiles);
    }
  }
}
