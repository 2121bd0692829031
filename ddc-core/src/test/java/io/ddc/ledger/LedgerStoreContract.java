package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.engine.DdcRegistry;
import io.ddc.engine.Receipt;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.RuleCode;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of the ledger SPI: every {@link LedgerStore} implementation extends this
 * class and supplies {@link #newStore()}. It is published in ddc-core's test-jar so that a store
 * written for another database can prove it conforms. The tests cover the store contract
 * (atomicity, read-your-writes, gap-free sequence numbers, serialised writers) and a ledger on
 * the store (its state, log and state tree equal the in-memory reference's; proofs and
 * checkpoints verify; the audit passes).
 */
public abstract class LedgerStoreContract {
  /** A fresh, empty store. */
  protected abstract LedgerStore newStore() throws Exception;

  /** Reopens the store {@link #newStore()} made last (a new instance over the same data), or null if it cannot be. */
  protected LedgerStore reopen() throws Exception {
    return null;
  }

  /** A plain JDBC connection to the store {@link #newStore()} made last, for SQL stores; null otherwise. */
  protected java.sql.Connection sql() throws Exception {
    return null;
  }

  protected static final String ORIGIN = "conformance.ddc.io/ledger";
  protected LedgerStore store;

  @BeforeEach
  public void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  public void close() {
    if (store != null) {
      store.close();
    }
  }

  // ---- the store contract ----

  @Test
  public void write_commitsAll_andReadsSeeThem() throws Exception {
    store.write(tx -> {
      tx.put("a/1", "one");
      tx.put("a/2", "two");
      tx.put("b/1", "x");
      assertThat(tx.get("a/1")).contains("one");
      tx.appendEvents(0, List.of(bytes("e0"), bytes("e1")));
      assertThat(tx.eventCount()).isEqualTo(2);
      assertThat(tx.events(0, 2)).extracting(String::new).containsExactly("e0", "e1");
      tx.writeTiles(StoreReads.LOG_TREE, List.of(new StoreTransaction.Tile(0, 0, bytes("tile"))));
      assertThat(new String(tx.readTile(StoreReads.LOG_TREE, 0, 0))).isEqualTo("tile");
      return null;
    });
    assertThat(store.get("a/1")).contains("one");
    assertThat(store.scan("a/")).containsOnlyKeys("a/1", "a/2");
    assertThat(store.scan("")).hasSize(3);
    assertThat(store.eventCount()).isEqualTo(2);
    assertThat(store.events(1, 2)).extracting(String::new).containsExactly("e1");
    assertThat(new String(store.readTile(StoreReads.LOG_TREE, 0, 0))).isEqualTo("tile");
    assertThat(store.readTile(StoreReads.STATE_TREE, 0, 0)).isEmpty();
    assertThat(store.readTile(StoreReads.LOG_TREE, 1, 0)).isEmpty();
  }

  /** A prefetch outside a write reads many keys at once; gets then answer as they would have (present or absent). */
  @Test
  public void prefetch_thenGet_answersAsTheStoreHolds() throws Exception {
    store.write(tx -> {
      for (int i = 0; i < 700; i += 2) {
        tx.put("p/" + i, "v" + i);
      }
      return null;
    });
    List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 700; i++) {
      keys.add("p/" + i);
    }
    store.prefetch(keys);
    for (int i = 0; i < 700; i++) {
      assertThat(store.get("p/" + i)).isEqualTo(i % 2 == 0 ? java.util.Optional.of("v" + i) : java.util.Optional.empty());
    }
    store.write(tx -> {
      tx.put("p/1", "now");
      tx.put("p/0", null);
      return null;
    });
    store.prefetch(keys);
    assertThat(store.get("p/1")).contains("now");
    assertThat(store.get("p/0")).isEmpty();
  }

  /**
   * Reads racing commits in the same process never leave a stale value for a later write to read:
   * a reader asks for each key just as a writer first writes it; afterwards the writer reads every
   * key back within a write transaction, as the append path does.
   */
  @Test
  public void readsRacingCommits_leaveNoStaleValueForTheNextWrite() throws Exception {
    int n = 1500;
    java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try {
        do {
          int next = written.get();
          store.get("race/" + next);
          store.prefetch(List.of("race/" + (next + 1), "race/" + (next + 2)));
          reading.countDown();
        } while (!done.get());
      } catch (Throwable t) {
        failed.set(t);
        reading.countDown();
      }
    });
    reader.start();
    try {
      assertThat(reading.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the reader started").isTrue();
      for (int i = 0; i < n; i++) {
        String key = "race/" + i;
        store.write(tx -> {
          tx.put(key, "set");
          return null;
        });
        written.incrementAndGet();
      }
    } finally {
      done.set(true);
      reader.join();
    }
    List<String> stale = store.write(tx -> {
      List<String> out = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (tx.get("race/" + i).isEmpty()) {
          out.add("race/" + i);
        }
      }
      return out;
    });
    assertThat(failed.get()).as("the reader's failure").isNull();
    assertThat(stale).as("keys a write read as absent after they were committed").isEmpty();
  }

  /** A snapshot read sees one commit throughout, while another writer commits meanwhile. */
  @Test
  public void read_seesOneConsistentSnapshot_whileAnotherWriterCommits() throws Exception {
    store.write(tx -> {
      tx.put("k", "before");
      tx.appendEvents(0, List.of(bytes("e0")));
      return null;
    });
    Thread writer = new Thread(() -> {
      try {
        store.write(tx -> {
          tx.put("k", "after");
          tx.appendEvents(1, List.of(bytes("e1")));
          return null;
        });
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    store.read(r -> {
      assertThat(r.eventCount()).isEqualTo(1);
      assertThat(r.get("k")).contains("before");
      writer.start();
      try {
        writer.join(500); // a store may let the writer commit meanwhile (JDBC) or hold it back (memory)
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      assertThat(r.eventCount()).as("the snapshot's event count").isEqualTo(1);
      assertThat(r.get("k")).as("the snapshot's value").contains("before");
      assertThat(r.events(0, 1)).extracting(String::new).containsExactly("e0");
      return null;
    });
    writer.join();
    long after = store.read(StoreReads::eventCount);
    assertThat(after).isEqualTo(2);
    java.util.Optional<String> k = store.read(r -> r.get("k"));
    assertThat(k).contains("after");
  }

  @Test
  public void write_thatThrows_keepsNothing() throws Exception {
    store.write(tx -> {
      tx.put("k", "v1");
      tx.appendEvents(0, List.of(bytes("e0")));
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      tx.put("k", "v2");
      tx.put("other", "x");
      tx.appendEvents(1, List.of(bytes("e1")));
      tx.writeTiles(StoreReads.LOG_TREE, List.of(new StoreTransaction.Tile(0, 0, bytes("t"))));
      throw new io.ddc.ledger.spi.LedgerCorruptException("stop");
    })).isInstanceOf(io.ddc.ledger.spi.LedgerCorruptException.class);
    assertThat(store.get("k")).contains("v1");
    assertThat(store.get("other")).isEmpty();
    assertThat(store.eventCount()).isEqualTo(1);
    assertThat(store.readTile(StoreReads.LOG_TREE, 0, 0)).isEmpty();
    assertThatThrownBy(() -> store.write(tx -> {
      tx.put("k", "v3");
      throw new IllegalStateException("a bug");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.get("k")).contains("v1");
  }

  @Test
  public void deletes_scansAndOverwrites_inOneTransaction() throws Exception {
    store.write(tx -> {
      for (int i = 0; i < 20; i++) {
        tx.put(String.format("b/%016d/did:x:%02d", 7, i), Integer.toString(i));
      }
      tx.put("b/0000000000000008/did:x:00", "8");
      return null;
    });
    store.write(tx -> {
      tx.put(String.format("b/%016d/did:x:%02d", 7, 3), null);
      tx.put(String.format("b/%016d/did:x:%02d", 7, 4), "40");
      tx.put(String.format("b/%016d/did:x:%02d", 7, 99), "99");
      Map<String, String> seen = tx.scan("b/0000000000000007/");
      assertThat(seen).hasSize(20).doesNotContainKey("b/0000000000000007/did:x:03")
          .containsEntry("b/0000000000000007/did:x:04", "40");
      return null;
    });
    assertThat(store.scan("b/0000000000000007/")).hasSize(20).containsEntry("b/0000000000000007/did:x:99", "99");
    assertThat(new ArrayList<>(store.scan("b/").keySet())).isSorted();
  }

  @Test
  public void events_mustContinueTheSequence() throws Exception {
    assertThatThrownBy(() -> store.write(tx -> {
      tx.appendEvents(1, List.of(bytes("gap")));
      return null;
    })).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.eventCount()).isZero();
  }

  @Test
  public void writers_areSerialised_sequenceNumbersNeverCollide() throws Exception {
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Set<Long> firsts = ConcurrentHashMap.newKeySet();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      fs.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          int k = i;
          long first = store.write(tx -> {
            long n = tx.eventCount();
            String c = tx.get("counter").orElse("0");
            tx.put("counter", Long.toString(Long.parseLong(c) + 1));
            tx.appendEvents(n, List.of(bytes("t" + id + "-" + k), bytes("t" + id + "-" + k + "b")));
            return n;
          });
          firsts.add(first);
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    assertThat(firsts).hasSize(threads * each);
    assertThat(store.eventCount()).isEqualTo(2L * threads * each);
    assertThat(store.get("counter")).contains(Integer.toString(threads * each));
    List<byte[]> all = store.events(0, store.eventCount());
    for (int i = 0; i < all.size(); i += 2) {
      assertThat(new String(all.get(i + 1))).isEqualTo(new String(all.get(i)) + "b");
    }
  }

  // ---- a ledger on the store ----

  /** Keys and DIDs of a small Authority tree. */
  /** Schema 3's views answer an operator's questions in plain SQL, true to the state after a story. */
  @Test
  public void operatorViews_answerWhoOwnsWhatInPlainSql() throws Exception {
    World w = new World();
    Ledger ledger = Ledger.builder(store).open();
    for (SignedRequest r : w.setup()) {
      ledger.submit(r);
    }
    for (SignedRequest r : w.story()) {
      ledger.submit(r);
    }
    try (java.sql.Connection c = sql()) {
      org.junit.jupiter.api.Assumptions.assumeTrue(c != null, "not a SQL store");
      assertThat(query(c, "SELECT owner FROM ddc_ddcs WHERE id = 1")).containsExactly(List.of("did:test:bob"));
      assertThat(query(c, "SELECT kind, owner, creator, supply, uri, ref, frozen, locked, burned FROM ddc_ddcs WHERE id = 2"))
          .containsExactly(List.of("721", "did:test:bob", "did:test:platform", "1", "https://example.org/1", "ref-1",
              "true", "false", "false"));
      assertThat(query(c, "SELECT burned, owner FROM ddc_ddcs WHERE id = 3")).containsExactly(List.of("true", "did:test:alice"));
      assertThat(query(c, "SELECT count(*) FROM ddc_ddcs")).containsExactly(List.of("41"));
      assertThat(query(c, "SELECT holder, amount FROM ddc_balances WHERE ddc_id = 41 ORDER BY holder"))
          .containsExactly(List.of("did:test:alice", "7"), List.of("did:test:bob", "3"));
      // alice: the odd 721s from 5 to 39 (1 went to bob, 3 was burned) and 7 of DDC 41
      List<List<String>> alice = query(c, "SELECT ddc_id, amount FROM ddc_holdings WHERE holder = 'did:test:alice' "
          + "ORDER BY ddc_id");
      assertThat(alice).hasSize(19).startsWith(List.of("5", "1")).endsWith(List.of("41", "7"));
      assertThat(query(c, "SELECT count(*) FROM ddc_holdings WHERE holder = 'did:test:bob'")).containsExactly(List.of("22"));
      assertThat(query(c, "SELECT did, idx, role, leader, platform_state FROM ddc_accounts ORDER BY idx"))
          .containsExactly(List.of("did:test:operator", "0", "operator", "did:test:operator", "active"),
              List.of("did:test:platform", "1", "platform", "did:test:operator", "active"),
              List.of("did:test:alice", "2", "consumer", "did:test:platform", "active"),
              List.of("did:test:bob", "3", "consumer", "did:test:platform", "active"));
    }
  }

  /** Each row as strings; booleans as true/false whichever way the database reports them. */
  private static List<List<String>> query(java.sql.Connection c, String sql) throws Exception {
    List<List<String>> out = new ArrayList<>();
    try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          String v = r.getString(i);
          String name = r.getMetaData().getColumnName(i);
          if (List.of("frozen", "locked", "burned").contains(name)) {
            v = String.valueOf(v.equals("1") || v.equals("t") || v.equals("true"));
          }
          row.add(v);
        }
        out.add(row);
      }
    }
    return out;
  }

  protected static final class World {
    final Sm2PrivateKey opKey = Sm2PrivateKey.generate(new SecureRandom());
    final Sm2PrivateKey pKey = Sm2PrivateKey.generate(new SecureRandom());
    final Sm2PrivateKey aKey = Sm2PrivateKey.generate(new SecureRandom());
    final Signer operator = Signers.sm2(opKey);
    final Signer platform = Signers.sm2(pKey);
    final Signer alice = Signers.sm2(aKey);
    final Did operatorDid = Did.of("did:test:operator");
    final Did platformDid = Did.of("did:test:platform");
    final Did aliceDid = Did.of("did:test:alice");
    final Did bobDid = Did.of("did:test:bob");
    final Map<Did, Long> nonces = new HashMap<>();

    SignedRequest req(Did actor, Signer s, Operation op, List<Item> items) throws Exception {
      long n = nonces.merge(actor, 1L, Long::sum);
      return Request.builder(ORIGIN, op, actor).nonce(n).items(items).build().sign(s);
    }

    List<SignedRequest> setup() throws Exception {
      return List.of(
          req(operatorDid, operator, Operation.LEDGER_INIT,
              List.of(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed())))),
          req(operatorDid, operator, Operation.ACCOUNT_ADD, List.of(
              Items.addAccount(platformDid, "Platform", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))),
          req(operatorDid, operator, Operation.ACCOUNT_ADD, List.of(
              Items.addAccount(aliceDid, "Alice", Role.CONSUMER, platformDid, aKey.publicKey().toUncompressed()))),
          req(operatorDid, operator, Operation.ACCOUNT_ADD, List.of(
              Items.addAccount(bobDid, "Bob", Role.CONSUMER, platformDid, pKey.publicKey().toUncompressed()))));
    }

    List<SignedRequest> story() throws Exception {
      List<SignedRequest> out = new ArrayList<>();
      out.add(req(operatorDid, operator, Operation.AUTHORITY_SET_SWITCH,
          List.of(Items.of(Operation.AUTHORITY_SET_SWITCH, "switch", "batch", "on", true))));
      List<Item> mints = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        mints.add(Items.mint721(i % 2 == 0 ? aliceDid : bobDid, "https://example.org/" + i, null, "ref-" + i));
      }
      out.add(req(platformDid, platform, Operation.DDC721_MINT, mints));
      out.add(req(platformDid, platform, Operation.DDC1155_MINT,
          List.of(Items.mint1155(aliceDid, 10, null, null, "m-1"))));
      out.add(req(aliceDid, alice, Operation.DDC721_TRANSFER,
          List.of(Items.of(Operation.DDC721_TRANSFER, "from", aliceDid, "to", bobDid, "ddc", 1))));
      out.add(req(aliceDid, alice, Operation.DDC1155_TRANSFER,
          List.of(Items.of(Operation.DDC1155_TRANSFER, "from", aliceDid, "to", bobDid, "ddc", 41, "amount", 3))));
      out.add(req(operatorDid, operator, Operation.DDC721_FREEZE, List.of(Items.of(Operation.DDC721_FREEZE, "ddc", 2))));
      out.add(req(aliceDid, alice, Operation.DDC721_BURN, List.of(Items.of(Operation.DDC721_BURN, "ddc", 3))));
      return out;
    }
  }

  @Test
  public void ledger_matchesTheInMemoryReference_andItsProofsVerify() throws Exception {
    World w = new World();
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_790_000_000_000L), ZoneOffset.UTC);
    Ledger ledger = Ledger.builder(store).clock(clock).checkpointSigner(ORIGIN, w.operator).checkpointEvery(20).open();
    DdcRegistry reference = DdcRegistry.inMemory(io.ddc.engine.Engine.create(), clock, TreeHasher.sm3());
    List<SignedRequest> all = new ArrayList<>(w.setup());
    all.addAll(w.story());
    for (SignedRequest r : all) {
      Receipt a = ledger.submit(r);
      Receipt b = reference.submit(r);
      assertThat(a.events()).isEqualTo(b.events());
    }
    SignedRequest replayed = all.get(all.size() - 1);
    assertThatThrownBy(() -> ledger.submit(replayed)).isInstanceOf(RequestRejectedException.class)
        .satisfies(e -> assertThat(((RequestRejectedException) e).rule()).isEqualTo(RuleCode.BAD_NONCE));
    long size = ledger.size();
    assertThat(size).isEqualTo(reference.log().size());
    byte[] logRoot = ledger.snapshot(x -> x.logRoot(size));
    assertThat(logRoot).isEqualTo(reference.log().root());
    assertThat(ledger.events(0, size)).isEqualTo(reference.events(0, size));
    assertThat(DdcRegistry.replay(ledger.events(0, size)).snapshot()).isEqualTo(reference.snapshot());
    byte[] stored = ledger.read(s -> ((io.ddc.engine.KvState) s).snapshot());
    assertThat(stored)
        .as("the store's state keys hold what the in-memory state holds, byte for byte").isEqualTo(reference.snapshot());
    for (String key : ledger.store().read(r -> r.scan("")).keySet()) {
      assertThat(io.ddc.engine.StateLayout.isStateKey(key)).as("state key or side key, not both: %s", key)
          .isNotEqualTo(StorageLayout.isSideKey(key));
    }
    ledger.read(s -> {
      assertThat(s.latestDdcId()).isEqualTo(41);
      assertThat(s.ddc(1).get().owner()).isEqualTo(w.bobDid);
      assertThat(s.ddc(2).get().frozen()).isTrue();
      assertThat(s.ddc(3).get().burned()).isTrue();
      assertThat(s.holders(41)).containsEntry(w.aliceDid, 7L).containsEntry(w.bobDid, 3L);
      assertThat(s.reference(w.platformDid, "ref-5").getAsLong()).isEqualTo(6);
      assertThat(s.nextNonce(w.platformDid)).isEqualTo(3);
      return null;
    });
    TreeHasher h = TreeHasher.sm3();
    for (long s0 = 0; s0 < size; s0 += 7) {
      long seq = s0;
      MerkleProofs.verifyInclusion(h, seq, size, h.leafHash(ledger.store().events(seq, seq + 1).get(0)),
          ledger.snapshot(x -> x.inclusionProof(seq, size)).hashes(), ledger.snapshot(x -> x.logRoot(size)));
    }
    String note = ledger.checkpoint();
    NoteKey key = NoteSigner.of(ORIGIN, w.operator).noteKey();
    Checkpoint cp = Checkpoints.verify(note, List.of(key), List.of(), ORIGIN, 32);
    assertThat(cp.size()).isEqualTo(size);
    assertThat(cp.rootHash()).isEqualTo(ledger.snapshot(x -> x.logRoot(size)));
    String stateLine = cp.extensions().get(0);
    assertThat(stateLine).startsWith("state 41 ");
    byte[] stateRoot = Base64.getDecoder().decode(stateLine.split(" ")[2]);
    assertThat(stateRoot).isEqualTo(ledger.snapshot(x -> x.stateRoot()).toByteArray());
    for (long i = 1; i <= 41; i++) {
      long id = i;
      Ledger.StateProof p = ledger.snapshot(x -> x.stateProof(id));
      MerkleProofs.verifyInclusion(h, id - 1, p.treeSize(), h.leafHash(p.leaf()), p.path(), stateRoot);
    }
    assertThat(ledger.checkpointSizes()).hasSizeGreaterThanOrEqualTo(2).contains(size);
    for (long s1 : ledger.checkpointSizes()) {
      Checkpoint c1 = Checkpoints.verify(ledger.checkpointAt(s1).get(), List.of(key), List.of(), ORIGIN, 32);
      MerkleProofs.verifyConsistency(h, c1.size(), size, ledger.snapshot(x -> x.consistencyProof(c1.size(), size)).hashes(),
          c1.rootHash(), cp.rootHash());
    }
    ledger.verifyOpen(key);
    ledger.audit();
    LedgerStore again = reopen();
    if (again != null) {
      Ledger reopened = Ledger.builder(again).clock(clock).open();
      reopened.verifyOpen(key);
      byte[] reopenedRoot = reopened.snapshot(x -> x.logRoot(size));
      assertThat(reopenedRoot).isEqualTo(reference.log().root());
      assertThat(reopened.latestCheckpoint()).contains(note);
      again.close();
    }
  }

  @Test
  public void rejectedRequest_changesNothingInTheStore() throws Exception {
    World w = new World();
    Ledger ledger = Ledger.builder(store).open();
    for (SignedRequest r : w.setup()) {
      ledger.submit(r);
    }
    Map<String, String> before = new HashMap<>(store.scan(""));
    long events = store.eventCount();
    byte[] tile = store.readTile(StoreReads.LOG_TREE, 0, 0);
    SignedRequest bad = w.req(w.platformDid, w.platform, Operation.DDC721_MINT, List.of(
        Items.mint721(w.aliceDid, null, null, "x"), Items.mint721(Did.of("did:test:nobody"), null, null, "y")));
    assertThatThrownBy(() -> ledger.submit(bad)).isInstanceOf(RequestRejectedException.class);
    assertThat(store.scan("")).isEqualTo(before);
    assertThat(store.eventCount()).isEqualTo(events);
    assertThat(store.readTile(StoreReads.LOG_TREE, 0, 0)).isEqualTo(tile);
    w.nonces.merge(w.platformDid, -1L, Long::sum);
    ledger.submit(w.req(w.platformDid, w.platform, Operation.DDC721_MINT,
        List.of(Items.mint721(w.aliceDid, null, null, "x"))));
    long latest = ledger.read(s -> s.latestDdcId());
    assertThat(latest).isEqualTo(1);
    ledger.audit();
  }

  @Test
  public void concurrentSubmitters_getDistinctIds_andOneConsistentLog() throws Exception {
    World w = new World();
    Ledger ledger = Ledger.builder(store).open();
    for (SignedRequest r : w.setup()) {
      ledger.submit(r);
    }
    int threads = 4;
    int each = 6;
    List<List<SignedRequest>> perThread = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<SignedRequest> l = new ArrayList<>();
      Did actor = Did.of("did:test:p" + t);
      Sm2PrivateKey k = Sm2PrivateKey.generate(new SecureRandom());
      ledger.submit(w.req(w.operatorDid, w.operator, Operation.ACCOUNT_ADD,
          List.of(Items.addAccount(actor, "P" + t, Role.PLATFORM, null, k.publicKey().toUncompressed()))));
      for (int i = 0; i < each; i++) {
        l.add(Request.builder(ORIGIN, Operation.DDC721_MINT, actor).nonce(i + 1)
            .item(Items.mint721(actor, null, null, "t" + t + "-" + i)).item(Items.mint721(actor, null, null, null))
            .build().sign(Signers.sm2(k)));
      }
      perThread.add(l);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> fs = new ArrayList<>();
    for (List<SignedRequest> l : perThread) {
      fs.add(pool.submit(() -> {
        List<Long> ids = new ArrayList<>();
        for (SignedRequest r : l) {
          ids.addAll(ledger.submit(r).mintedIds());
        }
        return ids;
      }));
    }
    Set<Long> ids = new java.util.TreeSet<>();
    for (Future<List<Long>> f : fs) {
      ids.addAll(f.get());
    }
    pool.shutdown();
    assertThat(ids).hasSize(threads * each * 2).first().isEqualTo(1L);
    assertThat(ids).last().isEqualTo((long) threads * each * 2);
    ledger.audit();
  }

  static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

}
