package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.engine.Engine;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.SignedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint replay that spills its state into a store of its own keeps a bounded buffer and
 * must decide exactly as the replay that keeps everything in memory: same roots, same acceptance,
 * and every stored key a database writer changed is still found, whether the replay last touched
 * it before a spill or after one.
 */
class SpillingReplayTest {
  private final LedgerStoreContract.World w = new LedgerStoreContract.World();
  private MemoryLedgerStore store;
  private long size;

  @BeforeEach
  void ledger() throws Exception {
    store = new MemoryLedgerStore();
    Ledger ledger = Ledger.builder(store).open();
    List<SignedRequest> all = new ArrayList<>(w.setup());
    all.addAll(w.story());
    for (SignedRequest r : all) {
      ledger.submit(r);
    }
    // more mints after the story, then Bob (whose key is the platform's) gives DDC 1 back to Alice:
    // keys touched both before and after spills
    for (int r = 0; r < 6; r++) {
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        items.add(Items.mint721(w.aliceDid, null, null, "more-" + r + "-" + i));
      }
      ledger.submit(w.req(w.platformDid, w.platform, Operation.DDC721_MINT, items));
    }
    ledger.submit(w.req(w.bobDid, w.platform, Operation.DDC721_TRANSFER,
        List.of(Items.of(Operation.DDC721_TRANSFER, "from", w.bobDid, "to", w.aliceDid, "ddc", 1))));
    size = store.eventCount();
  }

  private Replay replay(int spillEvery, LedgerStore spill, Runnable afterClose) throws Exception {
    Replay r = spill == null ? new Replay(Engine.create(), TreeHasher.sm3())
        : new Replay(Engine.create(), TreeHasher.sm3(), () -> new Replay.Spill(spill, afterClose), spillEvery);
    for (long from = 0; from < size; from += 9) {
      r.add(store.events(from, Math.min(size, from + 9)), store);
    }
    r.finish();
    return r;
  }

  private byte[] storedLogRoot() {
    return MerkleLog.open(TreeHasher.sm3(), new TreeTiles(store, StoreReads.LOG_TREE), size).root();
  }

  @Test
  void spilling_givesTheSameRootsAsInMemory_andAcceptsTheStoredLedger() throws Exception {
    MemoryLedgerStore spill = new MemoryLedgerStore();
    AtomicBoolean closed = new AtomicBoolean();
    try (Replay whole = replay(0, null, null); Replay spilled = replay(40, spill, () -> closed.set(true))) {
      assertThat(spill.scan("d/")).as("the spill store holds replayed DDCs").isNotEmpty();
      assertThat(spilled.logRoot()).isEqualTo(whole.logRoot()).isEqualTo(storedLogRoot());
      spilled.compare(store, storedLogRoot());
      whole.compare(store, storedLogRoot());
      assertThat(spilled.treeRoots()).isDeepEqualTo(whole.treeRoots());
      assertThat(spilled.counts()).containsExactly(whole.counts());
      assertThatThrownBy(spilled::state).isInstanceOf(IllegalStateException.class);
    }
    assertThat(closed).isTrue();
  }

  /** DDC 5 is minted early and never touched again: its key is checked at a spill, not at the end. */
  @Test
  void aKeyChangedInTheStore_lastTouchedBeforeASpill_isFound() throws Exception {
    assertOwnerChangeFound(5);
  }

  /** DDC 1 changes owner before and after spills: a tampered stored value is found at the end. */
  @Test
  void aKeyChangedInTheStore_touchedAgainAfterASpill_isFound() throws Exception {
    assertOwnerChangeFound(1);
  }

  /** A database writer gives Alice's DDC {@code id} to Bob in the stored state; the spilling replay names the key. */
  private void assertOwnerChangeFound(long id) throws Exception {
    String key = io.ddc.engine.StateLayout.ddc(id);
    String was = store.get(key).orElseThrow();
    assertThat(was).contains(w.aliceDid.toString());
    store.write(tx -> {
      tx.put(key, was.replace(w.aliceDid.toString(), w.bobDid.toString()));
      return null;
    });
    try (Replay spilled = replay(40, new MemoryLedgerStore(), () -> {})) {
      assertThatThrownBy(() -> spilled.compare(store, storedLogRoot())).isInstanceOf(LedgerCorruptException.class)
          .hasMessageContaining("state key " + key);
    }
  }

  /** A spill store whose reads fail (its file gone, its disk broken) is named in the failure, not the ledger. */
  @Test
  void aSpillStoreThatCannotBeRead_isNamedInTheFailure() throws Exception {
    LedgerStore broken = unreadable(new MemoryLedgerStore());
    assertThatThrownBy(() -> replay(40, broken, () -> {}).close()).isInstanceOf(Replay.SpillReadFailure.class)
        .hasMessage("the checkpoint replay could not read its spill store (the broken spill): disk I/O error");
  }

  /** A store like {@code spill} whose point reads fail, as a spill file's would on a broken disk. */
  static LedgerStore unreadable(MemoryLedgerStore spill) {
    return new LedgerStore() {
      @Override
      public <T> T write(Work<T> work) throws io.ddc.DdcException {
        return spill.write(work);
      }

      @Override
      public String describe() {
        return "the broken spill";
      }

      @Override
      public void close() {}

      @Override
      public java.util.Optional<String> get(String key) {
        throw new IllegalStateException("disk I/O error");
      }

      @Override
      public java.util.SortedMap<String, String> scan(String prefix) {
        return spill.scan(prefix);
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
        return spill.readTile(tree, level, index);
      }
    };
  }
}
