package io.ddc.bench;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Hash;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sustained mints per second in batches of 1,000 with durable commits, and a raw JDBC baseline in
 * the same run: the same number of commits inserting, per DDC, one event row and one state row of
 * the sizes the ledger writes, with plain prepared statements and nothing else.
 *
 * <p>Run: {@code java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.LedgerLoadHarness STORE DDCS}
 * where STORE is {@code memory}, {@code sqlite:FILE} or a {@code jdbc:postgresql://...} URL (its
 * database must be empty).
 */
public final class LedgerLoadHarness {
  static final String ORIGIN = "load.ddc.io/ledger";
  static final int BATCH = 1000;

  private LedgerLoadHarness() {}

  public static void main(String[] args) throws Exception {
    String spec = args[0];
    int total = Integer.parseInt(args[1]);
    int requests = total / BATCH;
    Sm2PrivateKey opKey = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey pKey = Sm2PrivateKey.generate(new SecureRandom());
    Signer op = Signers.sm2(opKey);
    Signer platform = Signers.sm2(pKey);
    Did opDid = Did.of("did:load:operator");
    Did pDid = Did.of("did:load:platform");
    Did alice = Did.of("did:load:alice");
    Hash root = Hash.of(new byte[32]);
    List<SignedRequest> work = new ArrayList<>();
    for (int r = 0; r < requests; r++) {
      List<Item> items = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        items.add(Items.mint721(alice, "https://example.org/certificates/" + (r * BATCH + i), root,
            "ref-" + (r * BATCH + i)));
      }
      work.add(Request.builder(ORIGIN, Operation.DDC721_MINT, pDid).nonce(r + 1).items(items).build().sign(platform));
    }
    try (LedgerStore store = open(spec)) {
      Ledger ledger = Ledger.builder(store).checkpointSigner(ORIGIN, op).checkpointEvery(100_000).open();
      ledger.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, opDid).nonce(1)
          .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op));
      ledger.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(2)
          .item(Items.addAccount(pDid, "Platform", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))
          .build().sign(op));
      ledger.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(3)
          .item(Items.addAccount(alice, "Alice", Role.CONSUMER, pDid, pKey.publicKey().toUncompressed()))
          .build().sign(op));
      int warm = Math.min(5, requests / 10);
      for (int r = 0; r < warm; r++) {
        ledger.submit(work.get(r));
      }
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int r = warm; r < requests; r++) {
        ledger.submit(work.get(r));
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      // the submitting thread's CPU time: steadier than the wall clock when the machine is shared
      double cpuMicros = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / ((requests - warm) * (double) BATCH);
      double rate = (requests - warm) * (double) BATCH / secs;
      long eventBytes = store.events(store.eventCount() - 1, store.eventCount()).get(0).length;
      long stateBytes = store.get(String.format("d/%016d", 1)).get().length();
      System.out.printf("%s: %,d DDCs in %.2f s = %,.0f DDCs/s, submitting thread %.1f µs CPU per DDC (event %d B, "
          + "state row %d B)%n", store.describe(), (requests - warm) * BATCH, secs, rate, cpuMicros, eventBytes,
          stateBytes);
      if (!spec.equals("memory")) {
        double base = baseline(spec, requests - warm, (int) eventBytes, (int) stateBytes);
        System.out.printf("raw JDBC baseline: %,.0f rows-pairs/s; ddc is %.2fx of it%n", base, rate / base);
      }
    }
  }

  static LedgerStore open(String spec) throws Exception {
    if (spec.equals("memory")) {
      return new MemoryLedgerStore();
    }
    if (spec.startsWith("sqlite:")) {
      Path p = Path.of(spec.substring(7));
      Files.deleteIfExists(p);
      return JdbcLedgerStore.sqlite(p);
    }
    return JdbcLedgerStore.open(spec, null, null);
  }

  /** Plain JDBC: per commit, 1,000 event rows and 1,000 state rows of the ledger's sizes. */
  static double baseline(String spec, int commits, int eventBytes, int stateBytes) throws Exception {
    boolean sqlite = spec.startsWith("sqlite:");
    String url = sqlite ? "jdbc:sqlite:" + spec.substring(7) + ".baseline" : spec;
    if (sqlite) {
      Files.deleteIfExists(Path.of(spec.substring(7) + ".baseline"));
    }
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        if (sqlite) {
          s.execute("PRAGMA journal_mode = WAL");
          s.execute("PRAGMA synchronous = FULL");
        }
        s.execute("DROP TABLE IF EXISTS base_events");
        s.execute("DROP TABLE IF EXISTS base_state");
        s.execute("CREATE TABLE base_events (seq BIGINT PRIMARY KEY, data " + (sqlite ? "BLOB" : "BYTEA") + ")");
        s.execute("CREATE TABLE base_state (k TEXT PRIMARY KEY, v TEXT)");
      }
      c.setAutoCommit(false);
      byte[] event = new byte[eventBytes];
      Arrays.fill(event, (byte) 'x');
      String value = "v".repeat(stateBytes);
      long t0 = System.nanoTime();
      long seq = 0;
      for (int r = 0; r < commits; r++) {
        try (PreparedStatement e = c.prepareStatement("INSERT INTO base_events (seq, data) VALUES (?, ?)");
            PreparedStatement st = c.prepareStatement("INSERT INTO base_state (k, v) VALUES (?, ?)")) {
          for (int i = 0; i < BATCH; i++) {
            e.setLong(1, seq);
            e.setBytes(2, event);
            e.addBatch();
            st.setString(1, String.format("d/%016d", seq));
            st.setString(2, value);
            st.addBatch();
            seq++;
          }
          e.executeBatch();
          st.executeBatch();
        }
        c.commit();
      }
      return commits * (double) BATCH / ((System.nanoTime() - t0) / 1e9);
    }
  }
}
