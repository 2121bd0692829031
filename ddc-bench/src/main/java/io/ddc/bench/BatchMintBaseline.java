package io.ddc.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The yardstick of {@code ddc batch-mint}: plain JDBC writing, for each line of the same input, the
 * rows a minted certificate occupies in a ledger (an event row of the event's size, the DDC row,
 * the kept metadata row and the mint index row), into SQLite with the ledger's settings (WAL,
 * {@code synchronous = FULL}), committed in the same chunks. No rules, signatures, hashing or
 * trees: what a plain application storing the same certificates would pay. Paired with the command
 * by {@code farm-bench} (ddc-bench/README.md).
 *
 * <p>Run: {@code java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.BatchMintBaseline IN.jsonl OUT.db [CHUNK]}
 */
public final class BatchMintBaseline {
  /** The size of a batch-mint event with a metadata root and a reference (docs/ENCODING.md's example, rounded up). */
  private static final int EVENT_BYTES = 900;

  private BatchMintBaseline() {}

  /** Writes the rows of every line of {@code args[0]} into a new SQLite file {@code args[1]}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: BatchMintBaseline IN.jsonl OUT.db [CHUNK]");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(out + suffix));
    }
    long n = 0;
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out);
        BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = FULL");
        s.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)");
        s.execute("CREATE TABLE state (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement events = c.prepareStatement("INSERT INTO events (seq, data) VALUES (?, ?)");
          PreparedStatement state = c.prepareStatement("INSERT INTO state (k, v) VALUES (?, ?)")) {
        String line;
        int inChunk = 0;
        while ((line = in.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          n++;
          byte[] event = new byte[Math.max(EVENT_BYTES, line.length())];
          byte[] raw = line.getBytes(StandardCharsets.UTF_8);
          System.arraycopy(raw, 0, event, 0, Math.min(raw.length, event.length));
          events.setLong(1, n);
          events.setBytes(2, event);
          events.addBatch();
          String id = String.format("%016d", n);
          put(state, "d/" + id, line);
          put(state, "md/" + id, line);
          put(state, "ix/mint/" + id, Long.toString(n));
          if (++inChunk == chunk) {
            events.executeBatch();
            state.executeBatch();
            c.commit();
            inChunk = 0;
          }
        }
        events.executeBatch();
        state.executeBatch();
        c.commit();
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("baseline: %,d certificates in %.2f s = %,.0f/s%n", n, s, n / s);
  }

  private static void put(PreparedStatement state, String k, String v) throws Exception {
    state.setString(1, k);
    state.setString(2, v);
    state.addBatch();
  }
}
