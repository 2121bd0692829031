package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.RuleCode;
import io.ddc.ledger.LedgerStoreContract.World;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.testing.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on a ledger that do not go through the rules: a database writer with no key, and a
 * ledger clock that goes backwards (issue 14). Each test performs the attack.
 */
class LedgerTrustTest {
  private static final long T0 = 1_790_000_000_000L;

  @TempDir
  Path dir;

  private LedgerStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private Path file() {
    return dir.resolve("ledger.db");
  }

  private static void rejected(RuleCode code, Ledger ledger, SignedRequest r) {
    assertThatThrownBy(() -> ledger.submit(r)).isInstanceOf(RequestRejectedException.class)
        .satisfies(e -> assertThat(((RequestRejectedException) e).rule()).as(e.getMessage()).isEqualTo(code));
  }

  private static void sql(Path file, String statement, String... args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  /** The platform rotates: key 2 added at T0+1000, key 1 retired at T0+2000. Returns key 2's signer. */
  private static Signer rotate(Ledger ledger, World w, MutableClock clock) throws Exception {
    for (SignedRequest r : w.setup()) {
      ledger.submit(r);
    }
    Sm2PrivateKey k2 = Sm2PrivateKey.generate(new SecureRandom());
    Signer platform2 = Signers.sm2(k2);
    clock.set(T0 + 1_000);
    ledger.submit(w.req(w.platformDid, w.platform, Operation.ACCOUNT_ADD_KEY,
        List.of(Items.addKey(w.platformDid, k2.publicKey().toUncompressed()))));
    clock.set(T0 + 2_000);
    ledger.submit(w.req(w.platformDid, platform2, Operation.ACCOUNT_RETIRE_KEY,
        List.of(Items.retireKey(w.platformDid, w.pKey.publicKey().toUncompressed()))));
    return platform2;
  }

  /**
   * Attack (issue 14, finding 3): the ledger's clock steps back 1 s (NTP, a VM restore), or a
   * second writer with a slower clock shares the store; the platform's retired key then signs
   * again, because the time it is checked at is before its retirement. Event times now never go
   * below the last event's time, which the state keeps for every writer.
   */
  @Test
  void aClockSteppingBack_orASlowerSecondWriter_neverLetsARetiredKeySignAgain() throws Exception {
    store = JdbcLedgerStore.sqlite(file());
    World w = new World();
    MutableClock clock = new MutableClock(T0);
    Ledger ledger = Ledger.builder(store).clock(clock).open();
    Signer platform2 = rotate(ledger, w, clock);

    clock.set(T0 + 1_000);
    rejected(RuleCode.BAD_SIGNATURE, ledger, w.req(w.platformDid, w.platform, Operation.DDC721_MINT,
        List.of(Items.mint721(w.aliceDid, null, null, null))));
    MutableClock slow = new MutableClock(T0 + 500);
    Ledger second = Ledger.builder(store).clock(slow).open();
    rejected(RuleCode.BAD_SIGNATURE, second, w.req(w.platformDid, w.platform, Operation.DDC721_MINT,
        List.of(Items.mint721(w.aliceDid, null, null, null))));
    var receipt = second.submit(w.req(w.platformDid, platform2, Operation.DDC721_MINT,
        List.of(Items.mint721(w.aliceDid, null, null, null))));
    assertThat(receipt.events().get(0).at()).isEqualTo(T0 + 2_000);
    ledger.audit();
  }

  /**
   * Attack (issue 14, finding 3), with a database writer: it lowers the stored clock floor, the
   * clock is behind, and the retired key signs again. The audit checks that event times never
   * decrease, so the log shows it.
   */
  @Test
  void eventTimesGoingBackwards_areReportedByTheAudit() throws Exception {
    store = JdbcLedgerStore.sqlite(file());
    World w = new World();
    MutableClock clock = new MutableClock(T0);
    Ledger ledger = Ledger.builder(store).clock(clock).open();
    rotate(ledger, w, clock);
    long seq = ledger.size();
    store.close();
    sql(file(), "DELETE FROM ddc_state WHERE k = 'm/time'");
    store = JdbcLedgerStore.sqlite(file());
    clock.set(T0 + 1_000);
    Ledger again = Ledger.builder(store).clock(clock).open();
    again.submit(w.req(w.platformDid, w.platform, Operation.DDC721_MINT,
        List.of(Items.mint721(w.aliceDid, null, null, null))));
    assertThatThrownBy(again::audit).isInstanceOf(LedgerCorruptException.class)
        .hasMessageContaining("event " + seq).hasMessageContaining("before");
  }

  /**
   * A database writer with no key (issue 14, finding 1) forges a certificate: it adds its own key
   * to the Operator's stored account row, submits {@code account.addKey(platform, evil)} signed
   * with that key and mints as the platform with the evil key, then restores the Operator's row.
   * The log and the state agree (the events replay), so an audit that only replays them passes and
   * the honest Operator's next checkpoint commits to the forgery. Returns the sequence number of
   * the forged {@code account.addKey} event.
   */
  private long forge(World w) throws Exception {
    Sm2PrivateKey evilOperator = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey evilPlatform = Sm2PrivateKey.generate(new SecureRandom());
    String row = "a/" + w.operatorDid.value();
    String honest;
    try (LedgerStore s = JdbcLedgerStore.sqlite(file())) {
      honest = s.get(row).orElseThrow();
    }
    io.ddc.model.Account op = io.ddc.engine.KvState.decodeAccount(honest);
    List<io.ddc.model.AccountKey> keys = new java.util.ArrayList<>(op.keys());
    keys.add(io.ddc.model.AccountKey.current(io.ddc.crypto.sm.Hex.encode(evilOperator.publicKey().toUncompressed()),
        0));
    sql(file(), "UPDATE ddc_state SET v = ? WHERE k = ?", io.ddc.engine.KvState.encode(op.withKeys(keys)), row);
    long seq;
    try (LedgerStore s = JdbcLedgerStore.sqlite(file())) {
      Ledger attacker = Ledger.builder(s).open();
      seq = attacker.submit(w.req(w.operatorDid, Signers.sm2(evilOperator), Operation.ACCOUNT_ADD_KEY,
          List.of(Items.addKey(w.platformDid, evilPlatform.publicKey().toUncompressed())))).firstSeq();
      attacker.submit(w.req(w.platformDid, Signers.sm2(evilPlatform), Operation.DDC721_MINT,
          List.of(Items.mint721(w.aliceDid, "https://forged", null, "forged"))));
    }
    sql(file(), "UPDATE ddc_state SET v = ? WHERE k = ?", honest, row);
    return seq;
  }

  /**
   * Attack (issue 14, finding 1): after {@link #forge}, the honest Operator reopens the ledger;
   * the audit re-runs the engine on every logged request and reports the forged key addition,
   * and the Operator refuses to sign a checkpoint over it.
   */
  @Test
  void aDatabaseWritersForgery_failsTheAudit_andIsNeverCheckpointed() throws Exception {
    World w = new World();
    store = JdbcLedgerStore.sqlite(file());
    Ledger ledger = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN, w.operator).open();
    for (SignedRequest r : w.setup()) {
      ledger.submit(r);
    }
    String before = ledger.checkpoint();
    ledger.audit();
    store.close();
    long seq = forge(w);

    store = JdbcLedgerStore.sqlite(file());
    Ledger reopened = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN, w.operator).open();
    assertThatThrownBy(reopened::audit).isInstanceOf(LedgerCorruptException.class)
        .hasMessageContaining("event " + seq).hasMessageContaining("BAD_SIGNATURE");
    assertThatThrownBy(reopened::checkpoint).isInstanceOf(LedgerCorruptException.class)
        .hasMessageContaining("event " + seq).hasMessageContaining("BAD_SIGNATURE");
    assertThat(reopened.latestCheckpoint()).contains(before);
  }

  /**
   * Attack (issue 14, finding 1), with checkpoints signed as requests commit: after {@link #forge},
   * the honest Operator's next request that makes a checkpoint due fails (nothing commits), and
   * so does every later one until the store is repaired; no checkpoint covers the forgery.
   */
  @Test
  void aDatabaseWritersForgery_stopsTheNextCheckpointInASubmit() throws Exception {
    World w = new World();
    store = JdbcLedgerStore.sqlite(file());
    Ledger ledger = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN, w.operator)
        .checkpointEvery(3).open();
    for (SignedRequest r : w.setup()) {
      ledger.submit(r);
    }
    String before = ledger.latestCheckpoint().orElseThrow();
    long size = ledger.size();
    store.close();
    long seq = forge(w);
    store = JdbcLedgerStore.sqlite(file());
    Ledger reopened = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN, w.operator)
        .checkpointEvery(3).open();
    long forged = reopened.size();
    SignedRequest next = w.req(w.platformDid, w.platform, Operation.DDC721_MINT,
        List.of(Items.mint721(w.bobDid, null, null, null)));
    assertThatThrownBy(() -> reopened.submit(next)).isInstanceOf(LedgerCorruptException.class)
        .hasMessageContaining("event " + seq);
    assertThat(reopened.size()).isEqualTo(forged);
    assertThat(reopened.latestCheckpoint()).contains(before);
    assertThat(size).isLessThan(seq + 1);
  }

  /**
   * A database writer gives a DDC minted early to someone else in the stored state. The checkpoint
   * replay spills every 40 keys and tiles here (every 50,000 on a large ledger), so that DDC's key is
   * checked at a spill, long before the end: the checkpoint still fails naming the key, and nothing
   * is signed.
   */
  @Test
  void aStoredRowChanged_isFoundByASpillingCheckpointReplay() throws Exception {
    World w = new World();
    store = JdbcLedgerStore.sqlite(file());
    Ledger ledger = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN, w.operator).open();
    setUpAndMint75(w, ledger);
    String before = ledger.checkpoint();
    store.close();
    String key = io.ddc.engine.StateLayout.ddc(1);
    sql(file(), "UPDATE ddc_state SET v = replace(v, ?, ?) WHERE k = ?", w.aliceDid.toString(), w.bobDid.toString(),
        key);
    store = JdbcLedgerStore.sqlite(file());
    Ledger reopened = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN, w.operator)
        .replaySpillEvery(40).open();
    assertThat(reopened.state().ddc(1).orElseThrow().owner()).as("the forged row").isEqualTo(w.bobDid);
    reopened.submit(w.req(w.platformDid, w.platform, Operation.DDC721_MINT,
        List.of(Items.mint721(w.bobDid, null, null, "after"))));
    long spills = ReplayFiles.opened();
    assertThatThrownBy(reopened::checkpoint).isInstanceOf(LedgerCorruptException.class)
        .hasMessageContaining("state key " + key);
    assertThat(ReplayFiles.opened()).as("the replay spilled").isGreaterThan(spills);
    assertThat(reopened.latestCheckpoint()).contains(before);
  }

  /**
   * A spill store that cannot be read fails the checkpoint as unavailable, naming the spill store:
   * nothing is signed or kept, the failed replay is closed, and the next checkpoint (with a
   * working spill) succeeds.
   */
  @Test
  void aSpillStoreThatCannotBeRead_failsTheCheckpointAsUnavailable_andTheNextOneWorks() throws Exception {
    World w = new World();
    store = JdbcLedgerStore.sqlite(file());
    java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
    Ledger ledger = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN, w.operator)
        .replaySpillEvery(40).replaySpillStore(() -> {
          io.ddc.ledger.memory.MemoryLedgerStore spill = new io.ddc.ledger.memory.MemoryLedgerStore();
          return new Replay.Spill(opened.getAndIncrement() == 0 ? SpillingReplayTest.unreadable(spill) : spill,
              closed::incrementAndGet);
        }).open();
    setUpAndMint75(w, ledger);
    long size = ledger.size();
    assertThatThrownBy(ledger::checkpoint).isInstanceOf(io.ddc.ledger.spi.LedgerUnavailableException.class)
        .hasMessage("the checkpoint replay could not read its spill store (the broken spill): disk I/O error");
    assertThat(closed.get()).as("the failed replay's spill closed").isEqualTo(1);
    assertThat(ledger.latestCheckpoint()).isEmpty();
    assertThat(ledger.size()).isEqualTo(size);

    String note = ledger.checkpoint();
    assertThat(opened.get()).isEqualTo(2);
    assertThat(io.ddc.checkpoint.Checkpoints.verify(note,
        List.of(io.ddc.checkpoint.NoteSigner.of(LedgerStoreContract.ORIGIN, w.operator).noteKey()), List.of(),
        LedgerStoreContract.ORIGIN, 32).size()).isEqualTo(size);
  }

  /** The world's setup, then 75 DDCs for Alice in 5 requests: enough keys for spills every 40. */
  private static void setUpAndMint75(World w, Ledger ledger) throws Exception {
    for (SignedRequest r : w.setup()) {
      ledger.submit(r);
    }
    for (int r = 0; r < 5; r++) {
      List<io.ddc.model.Item> items = new java.util.ArrayList<>();
      for (int i = 0; i < 15; i++) {
        items.add(Items.mint721(w.aliceDid, null, null, "spill-" + r + "-" + i));
      }
      ledger.submit(w.req(w.platformDid, w.platform, Operation.DDC721_MINT, items));
    }
  }
}
