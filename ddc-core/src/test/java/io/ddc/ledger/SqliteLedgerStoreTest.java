package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.ledger.spi.UnsupportedLedgerException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance kit on the embedded SQLite store, plus what only a file can show. */
class SqliteLedgerStoreTest extends LedgerStoreContract {
  @TempDir
  Path dir;

  private Path file;

  @Override
  protected LedgerStore newStore() throws Exception {
    file = dir.resolve("ledger-" + System.nanoTime() + ".db");
    return JdbcLedgerStore.sqlite(file);
  }

  @Override
  protected LedgerStore reopen() throws Exception {
    return JdbcLedgerStore.sqlite(file);
  }

  @Override
  protected java.sql.Connection sql() throws Exception {
    return java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  /**
   * A signing ledger whose checkpoint replay spills (here every 40 keys and tiles) into its
   * temporary SQLite file: the checkpoints verify, and closing the ledger deletes the file.
   */
  @Test
  void checkpointReplay_spillsToATemporaryFile_deletedOnClose() throws Exception {
    World w = new World();
    java.util.Set<Path> before = replayFiles();
    Ledger ledger = Ledger.builder(store).checkpointSigner(ORIGIN, w.operator).checkpointEvery(25)
        .replaySpillEvery(40).open();
    for (var r : w.setup()) {
      ledger.submit(r);
    }
    for (var r : w.story()) {
      ledger.submit(r);
    }
    String note = ledger.checkpoint();
    java.util.Set<Path> during = replayFiles();
    during.removeAll(before);
    assertThat(during).as("the replay's spill directory").isNotEmpty();
    io.ddc.checkpoint.Checkpoint cp = io.ddc.checkpoint.Checkpoints.verify(note,
        java.util.List.of(io.ddc.checkpoint.NoteSigner.of(ORIGIN, w.operator).noteKey()), java.util.List.of(), ORIGIN, 32);
    assertThat(cp.size()).isEqualTo(ledger.size());
    ledger.close();
    store = null;
    for (Path p : during) {
      assertThat(p).doesNotExist();
    }
  }

  private static java.util.Set<Path> replayFiles() throws Exception {
    try (var files = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("ddc-replay-"))
          .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }
  }

  /** A schema-2 file (the same tables, no views) is migrated on opening: views made, version 3. */
  @Test
  void schema2File_isMigratedToSchema3() throws Exception {
    World w = new World();
    Ledger ledger = Ledger.builder(store).open();
    for (var r : w.setup()) {
      ledger.submit(r);
    }
    store.close();
    try (java.sql.Connection c = sql(); java.sql.Statement s = c.createStatement()) {
      for (String v : java.util.List.of("ddc_holdings", "ddc_ddcs", "ddc_accounts", "ddc_balances")) {
        s.execute("DROP VIEW " + v);
      }
      s.execute("UPDATE ddc_meta SET v = '2' WHERE k = 'schema'");
    }
    store = reopen();
    assertThat(schema()).isEqualTo("3");
    try (java.sql.Connection c = sql(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM ddc_accounts")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getInt(1)).isEqualTo(4);
    }
    assertThat(Ledger.builder(store).open().size()).isEqualTo(4);
  }

  /** Regression: a partial log tile cached before it was complete must not be served once the complete one is evicted. */
  @Test
  void smallCaches_evictingCompleteTiles_neverServeAStalePartialTile() throws Exception {
    store.close();
    store = JdbcLedgerStore.open(() -> java.sql.DriverManager.getConnection("jdbc:sqlite:" + file), "small",
        java.time.Duration.ofSeconds(1), 64);
    World w = new World();
    Ledger ledger = Ledger.builder(store).open();
    for (var r : w.setup()) {
      ledger.submit(r);
    }
    for (int b = 0; b < 24; b++) {
      java.util.List<io.ddc.model.Item> items = new java.util.ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        items.add(io.ddc.model.Items.mint721(w.aliceDid, null, null, null));
      }
      ledger.submit(w.req(w.platformDid, w.platform, io.ddc.model.Operation.DDC721_MINT, items));
    }
    long size = ledger.size();
    io.ddc.merkle.TreeHasher h = io.ddc.merkle.TreeHasher.sm3();
    byte[] root = ledger.snapshot(x -> x.logRoot(size));
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < 300; i++) {
      long seq = (long) (rnd.nextDouble() * size);
      io.ddc.merkle.MerkleProofs.verifyInclusion(h, seq, size, h.leafHash(store.events(seq, seq + 1).get(0)),
          ledger.snapshot(x -> x.inclusionProof(seq, size)).hashes(), root);
    }
  }

  @Test
  void newerSchema_refusesToOpen_withAClearMessage() throws Exception {
    store.close();
    setSchema("4");
    assertThatThrownBy(() -> JdbcLedgerStore.sqlite(file)).isInstanceOf(UnsupportedLedgerException.class)
        .hasMessageContaining("schema version 4, newer than this library's 3: upgrade ddc");
    assertThat(schema()).as("left as it was").isEqualTo("4");
    store = null;
  }

  @Test
  void olderSchema_refusesToOpen_withAClearMessage() throws Exception {
    store.close();
    setSchema("1");
    assertThatThrownBy(() -> JdbcLedgerStore.sqlite(file)).isInstanceOf(UnsupportedLedgerException.class)
        .hasMessageContaining("schema version 1, which this library (3) cannot read");
    assertThat(schema()).as("left as it was").isEqualTo("1");
    store = null;
  }

  private String schema() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT v FROM ddc_meta WHERE k = 'schema'")) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private void setSchema(String v) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("UPDATE ddc_meta SET v = '" + v + "' WHERE k = 'schema'");
    }
  }

  @Test
  void aTamperedEvent_isReportedByVerifyOpenAndAudit() throws Exception {
    World w = new World();
    Ledger ledger = Ledger.builder(store).open();
    for (var r : w.setup()) {
      ledger.submit(r);
    }
    ledger.audit();
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("UPDATE ddc_events SET data = replace(data, 'Alice', 'Alicf') WHERE seq = 2");
    }
    store = JdbcLedgerStore.sqlite(file);
    assertThatThrownBy(() -> Ledger.builder(store).open()).isInstanceOf(io.ddc.ledger.spi.LedgerCorruptException.class)
        .hasMessageContaining("event 2 does not match its leaf hash");
  }

  @Test
  void aTamperedStateRow_isReportedByTheAudit() throws Exception {
    World w = new World();
    Ledger ledger = Ledger.builder(store).open();
    for (var r : w.setup()) {
      ledger.submit(r);
    }
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("UPDATE ddc_state SET v = '999' WHERE k = 'n/did:test:operator'");
    }
    store = JdbcLedgerStore.sqlite(file);
    Ledger again = Ledger.builder(store).open();
    assertThatThrownBy(again::audit).isInstanceOf(io.ddc.ledger.spi.LedgerCorruptException.class)
        .hasMessageContaining("state key n/did:test:operator is 999 but replay gives 4");
    assertThat(file).exists();
  }
}
