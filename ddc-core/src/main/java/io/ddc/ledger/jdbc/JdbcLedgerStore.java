package io.ddc.ledger.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ddc.DdcException;
import io.ddc.ledger.internal.WriteBuffer;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.ledger.spi.LedgerUnavailableException;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.UnsupportedLedgerException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * One {@link LedgerStore} for two SQL engines: SQLite in one file (the embedded default: no
 * server, WAL, every commit synced) and PostgreSQL (many application nodes share one ledger).
 *
 * <p>Tables: {@code ddc_meta} (schema version), {@code ddc_head} (one row: the event count, and
 * the append lock), {@code ddc_state} (keys and values), {@code ddc_events} (sequence number and
 * bytes), {@code ddc_tiles} (tree, level, index, hashes). They are created on first use; a schema
 * newer than {@value #SCHEMA_VERSION} refuses to open. Appends are serialised on the head: a
 * {@code SELECT ... FOR UPDATE} of its row in PostgreSQL, {@code BEGIN IMMEDIATE} in SQLite, and
 * a lock within the process.
 *
 * <p><b>Caches.</b> Caffeine caches state values and tiles. Complete log tiles never change and
 * are kept; everything else is dropped whenever the head moved by another process's append,
 * which a write sees at once (it reads the head under the lock) and a read notices at most
 * {@code maxStaleness} after the fact (default 1 s; 0 checks the head on every read). A process's
 * own commits update its caches as they commit, so it always reads its own writes. A read outside
 * the append lock fills the cache only if no commit or invalidation happened while it read, so a
 * value read just before a commit never replaces the commit's own.
 */
public final class JdbcLedgerStore implements LedgerStore {
  /**
   * The schema version this library writes and reads. 2: accounts carry their index and key
   * records, the account tree (tree 2) exists and checkpoints carry an {@code accounts} line.
   * 3: the same tables, plus the read-only views {@code ddc_ddcs}, {@code ddc_accounts},
   * {@code ddc_balances} and {@code ddc_holdings} over {@code ddc_state} (docs/LEDGER.md); a
   * version-2 ledger is migrated on opening by creating them.
   */
  public static final int SCHEMA_VERSION = 3;

  /** A source of connections. */
  @FunctionalInterface
  public interface Connections {
    /** A new or pooled connection. */
    Connection get() throws SQLException;
  }

  private enum Dialect { SQLITE, POSTGRESQL }

  private static final int TILE_BYTES = 256 * 32;
  private static final int POOL = 8;

  private final Connections source;
  private static final System.Logger LOG = System.getLogger(JdbcLedgerStore.class.getName());

  private final String description;
  private final Dialect dialect;
  private final long maxStalenessNanos;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final Cache<String, Optional<String>> values;
  private final Cache<String, byte[]> tiles;
  private final Cache<String, byte[]> completeLogTiles;
  private volatile long knownHead;
  /**
   * Bumped under {@link #cacheLock} whenever cached values or tiles may have changed (a commit of
   * this process, another process's head seen). A read outside the append lock caches its answer
   * only if the generation did not move while it read: otherwise a value read just before a commit
   * could be cached after the commit's own, newer value, and the next append would read it.
   */
  private long cacheGeneration;
  private final Object cacheLock = new Object();
  private volatile long lastHeadCheck;
  private boolean closed;

  private JdbcLedgerStore(Connections source, String description, Duration maxStaleness, long cacheEntries)
      throws DdcException {
    this.source = source;
    this.description = description;
    this.maxStalenessNanos = maxStaleness.toNanos();
    this.values = Caffeine.newBuilder().maximumSize(cacheEntries).build();
    this.tiles = Caffeine.newBuilder().maximumSize(Math.max(64, cacheEntries / 64)).build();
    this.completeLogTiles = Caffeine.newBuilder().maximumSize(Math.max(64, cacheEntries / 64)).build();
    Connection c = null;
    try {
      c = borrow();
      String product = c.getMetaData().getDatabaseProductName();
      if (product.equalsIgnoreCase("SQLite")) {
        dialect = Dialect.SQLITE;
      } else if (product.equalsIgnoreCase("PostgreSQL")) {
        dialect = Dialect.POSTGRESQL;
      } else {
        throw new UnsupportedLedgerException("ddc keeps ledgers in SQLite or PostgreSQL, not " + product);
      }
      release(c);
      c = null;
      createSchema();
      knownHead = readHead();
      LOG.log(System.Logger.Level.DEBUG, "opened the ledger at {0} ({1}, schema {2}): {3} events",
          description, dialect, SCHEMA_VERSION, knownHead);
      lastHeadCheck = System.nanoTime();
    } catch (SQLException e) {
      closeQuietly(c);
      close();
      throw unavailable("cannot open the ledger at " + description, e);
    } catch (DdcException | RuntimeException e) {
      closeQuietly(c);
      close();
      throw e;
    }
  }

  /** A ledger in the SQLite file {@code file}, created if missing. */
  public static JdbcLedgerStore sqlite(Path file) throws DdcException {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    try {
      if (java.nio.file.Files.isRegularFile(wal) && java.nio.file.Files.size(wal) > 0) {
        // SQLite removes its write-ahead log when the last connection closes cleanly. DEBUG, not
        // INFO: another process having the ledger open (normal running) looks the same
        LOG.log(System.Logger.Level.DEBUG, "the SQLite ledger {0} has a write-ahead log left by another process "
            + "(one that crashed, or one that has it open): SQLite keeps its committed transactions and drops "
            + "the rest", file);
      }
    } catch (java.io.IOException e) {
      // the log went away meanwhile: nothing to say
    }
    return new JdbcLedgerStore(() -> DriverManager.getConnection(url), "sqlite:" + file, Duration.ofSeconds(1),
        100_000);
  }

  /** A ledger in the database of {@code dataSource} (SQLite or PostgreSQL). */
  public static JdbcLedgerStore open(DataSource dataSource) throws DdcException {
    return open(dataSource::getConnection, "jdbc:" + dataSource.getClass().getSimpleName(), Duration.ofSeconds(1));
  }

  /** A ledger over {@code connections}, seeing other processes' commits within {@code maxStaleness}. */
  public static JdbcLedgerStore open(Connections connections, String description, Duration maxStaleness)
      throws DdcException {
    return open(connections, description, maxStaleness, 100_000);
  }

  /**
   * As {@link #open(Connections, String, Duration)}, caching at most {@code cacheEntries} state
   * values and {@code cacheEntries / 64} (at least 64) tiles of each kind.
   */
  public static JdbcLedgerStore open(Connections connections, String description, Duration maxStaleness,
      long cacheEntries) throws DdcException {
    return new JdbcLedgerStore(connections, description, maxStaleness, cacheEntries);
  }

  /**
   * {@code text} (a JDBC URL, or a message holding one) with every password shown as {@code ***}:
   * the values of {@code password=} and {@code sslpassword=} parameters (any case) and the password
   * of a {@code //user:password@host} authority. For messages, logs and {@code toString}.
   */
  public static String maskPassword(String text) {
    if (text == null) {
      return null;
    }
    return text.replaceAll("(?i)(password=)[^&;\\s]*", "$1***")
        .replaceAll("(//[^/:@\\s]*:)[^@/\\s]*@", "$1***@");
  }

  /** A ledger at a JDBC URL: {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}. */
  public static JdbcLedgerStore open(String jdbcUrl, String user, String password) throws DdcException {
    if (jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.contains("reWriteBatchedInserts")) {
      // one multi-row INSERT per batch instead of one statement per row
      jdbcUrl += (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    String url = jdbcUrl;
    String shown = maskPassword(url);
    return new JdbcLedgerStore(() -> user == null ? DriverManager.getConnection(url)
        : DriverManager.getConnection(url, user, password), shown, Duration.ofSeconds(1), 100_000);
  }

  // ---- connections ----

  private Connection borrow() throws SQLException {
    synchronized (idle) {
      if (closed) {
        throw new SQLException("the ledger store is closed");
      }
      Connection c = idle.pollFirst();
      if (c != null) {
        return c;
      }
    }
    Connection c = source.get();
    if (dialect == Dialect.SQLITE || dialect == null && c.getMetaData().getDatabaseProductName().equals("SQLite")) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 30000");
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = FULL");
      }
    }
    return c;
  }

  private void release(Connection c) {
    if (c == null) {
      return;
    }
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      closeQuietly(c);
      return;
    }
    synchronized (idle) {
      if (!closed && idle.size() < POOL) {
        idle.addLast(c);
        return;
      }
    }
    closeQuietly(c);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // nothing to do: the connection is being thrown away
      }
    }
  }

  // ---- schema ----

  private void createSchema() throws SQLException, DdcException {
    boolean pg = dialect == Dialect.POSTGRESQL;
    String blob = pg ? "BYTEA" : "BLOB";
    String key = pg ? "TEXT COLLATE \"C\"" : "TEXT";
    Connection c = borrow();
    try {
      begin(c);
      if (pg) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(7227430015)");
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS ddc_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS ddc_head (id INTEGER PRIMARY KEY, events BIGINT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS ddc_state (k " + key + " PRIMARY KEY, v TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS ddc_events (seq BIGINT PRIMARY KEY, data " + blob + " NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS ddc_tiles (tree INTEGER NOT NULL, lvl INTEGER NOT NULL, "
            + "idx BIGINT NOT NULL, data " + blob + " NOT NULL, PRIMARY KEY (tree, lvl, idx))");
      }
      String version = null;
      try (PreparedStatement p = c.prepareStatement("SELECT v FROM ddc_meta WHERE k = 'schema'");
          ResultSet r = p.executeQuery()) {
        if (r.next()) {
          version = r.getString(1);
        }
      }
      if (version == null) {
        try (Statement s = c.createStatement()) {
          createViews(s, pg);
          s.execute("INSERT INTO ddc_meta (k, v) VALUES ('schema', '" + SCHEMA_VERSION + "')");
          s.execute("INSERT INTO ddc_head (id, events) VALUES (1, 0)");
        }
      } else if (version.equals("2")) {
        // 2 -> 3 adds the views only; the data is the same
        try (Statement s = c.createStatement()) {
          createViews(s, pg);
          s.execute("UPDATE ddc_meta SET v = '" + SCHEMA_VERSION + "' WHERE k = 'schema'");
        }
        LOG.log(System.Logger.Level.INFO, "migrated the ledger at {0} from schema 2 to {1} (added the views)",
            description, SCHEMA_VERSION);
      } else if (!version.equals(Integer.toString(SCHEMA_VERSION))) {
        int v;
        try {
          v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
          throw new UnsupportedLedgerException("the ledger's schema version is \"" + version + "\", not a number");
        }
        throw new UnsupportedLedgerException("the ledger at " + description + " has schema version " + v
            + (v > SCHEMA_VERSION ? ", newer than this library's " + SCHEMA_VERSION + ": upgrade ddc to open it"
            : ", which this library (" + SCHEMA_VERSION + ") cannot read"));
      }
      commit(c);
    } finally {
      release(c);
    }
  }

  /**
   * The operator's views of the state (schema 3; docs/LEDGER.md, "Reading a ledger with SQL"):
   * typed columns over the JSON rows of {@code ddc_state}, so that "who owns DDC n" and "which
   * DDCs does account a hold" are plain SQL. Read-only; nothing in ddc reads them.
   */
  private static void createViews(Statement s, boolean pg) throws SQLException {
    // a key range rather than LIKE, so both databases use the primary key: '0' follows '/'
    String j = pg ? "(v::jsonb)" : "v";
    String bigint = pg ? "BIGINT" : "INTEGER";
    s.execute("CREATE VIEW ddc_ddcs AS SELECT CAST(substr(k, 3) AS " + bigint + ") AS id, "
        + text(j, "kind", pg) + " AS kind, " + text(j, "owner", pg) + " AS owner, "
        + text(j, "creator", pg) + " AS creator, " + number(j, "supply", pg) + " AS supply, "
        + text(j, "uri", pg) + " AS uri, " + text(j, "metadataRoot", pg) + " AS metadata_root, "
        + text(j, "ref", pg) + " AS ref, " + text(j, "approved", pg) + " AS approved, "
        + flag(j, "frozen", pg) + " AS frozen, " + flag(j, "locked", pg) + " AS locked, "
        + flag(j, "burned", pg) + " AS burned, " + number(j, "lastSeq", pg) + " AS last_seq "
        + "FROM ddc_state WHERE k >= 'd/' AND k < 'd0'");
    s.execute("CREATE VIEW ddc_accounts AS SELECT substr(k, 3) AS did, " + number(j, "index", pg) + " AS idx, "
        + text(j, "name", pg) + " AS name, " + text(j, "role", pg) + " AS role, " + text(j, "leader", pg)
        + " AS leader, " + text(j, "platformState", pg) + " AS platform_state, " + text(j, "operatorState", pg)
        + " AS operator_state FROM ddc_state WHERE k >= 'a/' AND k < 'a0'");
    s.execute("CREATE VIEW ddc_balances AS SELECT CAST(substr(k, 3, 16) AS " + bigint + ") AS ddc_id, "
        + "substr(k, 20) AS holder, CAST(v AS " + bigint + ") AS amount FROM ddc_state WHERE k >= 'b/' AND k < 'b0'");
    s.execute("CREATE VIEW ddc_holdings AS "
        + "SELECT owner AS holder, id AS ddc_id, 1 AS amount FROM ddc_ddcs WHERE kind = '721' AND " + (pg ? "NOT burned" : "burned = 0")
        + " UNION ALL SELECT holder, ddc_id, amount FROM ddc_balances");
  }

  private static String text(String json, String member, boolean pg) {
    return pg ? "(" + json + " ->> '" + member + "')" : "json_extract(" + json + ", '$." + member + "')";
  }

  private static String number(String json, String member, boolean pg) {
    return pg ? "CAST(" + text(json, member, true) + " AS BIGINT)" : text(json, member, false);
  }

  private static String flag(String json, String member, boolean pg) {
    // SQLite's json_extract gives 1 or 0 for true and false
    return pg ? "CAST(" + text(json, member, true) + " AS BOOLEAN)" : text(json, member, false);
  }

  private void begin(Connection c) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
    } else {
      c.setAutoCommit(false);
    }
  }

  private void commit(Connection c) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      try (Statement s = c.createStatement()) {
        s.execute("COMMIT");
      }
    } else {
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private void rollback(Connection c) {
    try {
      if (dialect == Dialect.SQLITE) {
        if (!c.getAutoCommit()) {
          c.rollback();
        } else {
          try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
          }
        }
      } else {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      closeQuietly(c);
    }
  }

  // ---- reads ----

  /** Reads through one connection. */
  private final class Reads implements StoreReads {
    private final Connection c;

    Reads(Connection c) {
      this.c = c;
    }

    @Override
    public Optional<String> get(String key) {
      try (PreparedStatement p = c.prepareStatement("SELECT v FROM ddc_state WHERE k = ?")) {
        p.setString(1, key);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new StoreFailure(e);
      }
    }

    /** The values of {@code keys} (empty: absent), in one query per 500 keys. */
    Map<String, Optional<String>> getAll(List<String> keys) {
      Map<String, Optional<String>> found = new java.util.HashMap<>();
      for (int from = 0; from < keys.size(); from += 500) {
        List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
        StringBuilder sql = new StringBuilder("SELECT k, v FROM ddc_state WHERE k IN (");
        for (int i = 0; i < chunk.size(); i++) {
          sql.append(i == 0 ? "?" : ", ?");
          found.put(chunk.get(i), Optional.empty());
        }
        sql.append(')');
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
          for (int i = 0; i < chunk.size(); i++) {
            p.setString(i + 1, chunk.get(i));
          }
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              found.put(r.getString(1), Optional.of(r.getString(2)));
            }
          }
        } catch (SQLException e) {
          throw new StoreFailure(e);
        }
      }
      return found;
    }

    @Override
    public SortedMap<String, String> scan(String prefix) {
      TreeMap<String, String> out = new TreeMap<>();
      String sql = prefix.isEmpty() ? "SELECT k, v FROM ddc_state ORDER BY k"
          : "SELECT k, v FROM ddc_state WHERE k >= ? AND k < ? ORDER BY k";
      try (PreparedStatement p = c.prepareStatement(sql)) {
        if (!prefix.isEmpty()) {
          p.setString(1, prefix);
          p.setString(2, prefix.substring(0, prefix.length() - 1)
              + (char) (prefix.charAt(prefix.length() - 1) + 1));
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.put(r.getString(1), r.getString(2));
          }
        }
      } catch (SQLException e) {
        throw new StoreFailure(e);
      }
      return out;
    }

    @Override
    public long eventCount() {
      try {
        return head(c);
      } catch (SQLException e) {
        throw new StoreFailure(e);
      }
    }

    @Override
    public List<byte[]> events(long from, long to) {
      List<byte[]> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT seq, data FROM ddc_events WHERE seq >= ? AND seq < ? ORDER BY seq")) {
        p.setLong(1, from);
        p.setLong(2, to);
        try (ResultSet r = p.executeQuery()) {
          long want = from;
          while (r.next()) {
            if (r.getLong(1) != want) {
              throw new StoreFailure(new LedgerCorruptException("event " + want + " is missing"));
            }
            out.add(r.getBytes(2));
            want++;
          }
          if (want != to) {
            throw new IndexOutOfBoundsException("events [" + from + ", " + to + ") but only up to " + want
                + " are stored");
          }
        }
      } catch (SQLException e) {
        throw new StoreFailure(e);
      }
      return out;
    }

    @Override
    public byte[] readTile(int tree, int level, long index) {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT data FROM ddc_tiles WHERE tree = ? AND lvl = ? AND idx = ?")) {
        p.setInt(1, tree);
        p.setInt(2, level);
        p.setLong(3, index);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? r.getBytes(1) : new byte[0];
        }
      } catch (SQLException e) {
        throw new StoreFailure(e);
      }
    }
  }

  /** A SQL failure inside an interface method that cannot throw checked exceptions. */
  static final class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailure(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  private long head(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT events FROM ddc_head WHERE id = 1");
        ResultSet r = p.executeQuery()) {
      if (!r.next()) {
        throw new SQLException("the ddc_head row is missing");
      }
      return r.getLong(1);
    }
  }

  private long readHead() throws SQLException {
    Connection c = borrow();
    try {
      return head(c);
    } finally {
      release(c);
    }
  }

  /** Drops mutable cache entries if another process appended since we last looked. */
  private void refreshIfStale() {
    long now = System.nanoTime();
    if (now - lastHeadCheck < maxStalenessNanos) {
      return;
    }
    try {
      long h = readHead();
      lastHeadCheck = now;
      if (h != knownHead) {
        synchronized (cacheLock) {
          cacheGeneration++;
          values.invalidateAll();
          tiles.invalidateAll();
          knownHead = h;
        }
      }
    } catch (SQLException e) {
      throw new StoreFailure(e);
    }
  }

  private <T> T withReads(java.util.function.Function<Reads, T> f) {
    Connection c = null;
    try {
      c = borrow();
      return f.apply(new Reads(c));
    } catch (SQLException e) {
      throw new StoreFailure(e);
    } finally {
      release(c);
    }
  }

  private long cacheGeneration() {
    synchronized (cacheLock) {
      return cacheGeneration;
    }
  }

  /** Runs {@code put} (a cache fill from a read begun at {@code generation}) unless the caches moved since. */
  private void fillCache(long generation, Runnable put) {
    synchronized (cacheLock) {
      if (cacheGeneration == generation) {
        put.run();
      }
    }
  }

  @Override
  public Optional<String> get(String key) {
    refreshIfStale();
    Optional<String> v = values.getIfPresent(key);
    if (v == null) {
      long generation = cacheGeneration();
      Optional<String> read = withReads(r -> r.get(key));
      fillCache(generation, () -> values.put(key, read));
      v = read;
    }
    return v;
  }

  /**
   * Reads the keys not in the cache in one query per 500 and caches the answers, as {@link #get}
   * would one by one (e.g. a batch's client references before they are checked).
   */
  @Override
  public void prefetch(java.util.Collection<String> keys) {
    refreshIfStale();
    List<String> want = uncached(keys);
    if (!want.isEmpty()) {
      long generation = cacheGeneration();
      Map<String, Optional<String>> read = withReads(r -> r.getAll(want));
      fillCache(generation, () -> values.putAll(read));
    }
  }

  private List<String> uncached(java.util.Collection<String> keys) {
    List<String> want = new ArrayList<>();
    for (String k : keys) {
      if (values.getIfPresent(k) == null) {
        want.add(k);
      }
    }
    return want;
  }

  @Override
  public SortedMap<String, String> scan(String prefix) {
    return Collections.unmodifiableSortedMap(withReads(r -> r.scan(prefix)));
  }

  @Override
  public long eventCount() {
    return withReads(Reads::eventCount);
  }

  @Override
  public List<byte[]> events(long from, long to) {
    if (from < 0 || to < from) {
      throw new IndexOutOfBoundsException("events [" + from + ", " + to + ")");
    }
    return withReads(r -> r.events(from, to));
  }

  @Override
  public byte[] readTile(int tree, int level, long index) {
    String k = tree + "/" + level + "/" + index;
    byte[] t = tree == LOG_TREE ? completeLogTiles.getIfPresent(k) : null;
    if (t != null) {
      return t.clone();
    }
    refreshIfStale();
    t = tiles.getIfPresent(k);
    if (t == null) {
      long generation = cacheGeneration();
      byte[] read = withReads(r -> r.readTile(tree, level, index));
      fillCache(generation, () -> cacheTile(tree, k, read));
      t = read;
    }
    return t.clone();
  }

  private void cacheTile(int tree, String k, byte[] t) {
    if (tree == LOG_TREE && t.length == TILE_BYTES) {
      completeLogTiles.put(k, t);
      // an earlier, partial form of the tile must not outlive the complete one's eviction
      tiles.invalidate(k);
    } else {
      tiles.put(k, t);
    }
  }

  // ---- writes ----

  @Override
  public <T> T write(Work<T> work) throws DdcException {
    writeLock.lock();
    Connection c = null;
    try {
      c = borrow();
      begin(c);
      long head;
      if (dialect == Dialect.POSTGRESQL) {
        try (PreparedStatement p = c.prepareStatement("SELECT events FROM ddc_head WHERE id = 1 FOR UPDATE");
            ResultSet r = p.executeQuery()) {
          r.next();
          head = r.getLong(1);
        }
      } else {
        head = head(c);
      }
      if (head != knownHead) {
        synchronized (cacheLock) {
          cacheGeneration++;
          values.invalidateAll();
          tiles.invalidateAll();
          knownHead = head;
        }
      }
      WriteBuffer tx = new WriteBuffer(new CachedTxReads(new Reads(c), head));
      T result = work.run(tx);
      flush(c, tx);
      commit(c);
      afterCommit(tx);
      return result;
    } catch (SQLException e) {
      if (c != null) {
        rollback(c);
      }
      throw classify(e);
    } catch (StoreFailure e) {
      if (c != null) {
        rollback(c);
      }
      if (e.getCause() instanceof SQLException) {
        throw classify((SQLException) e.getCause());
      }
      if (e.getCause() instanceof DdcException) {
        throw (DdcException) e.getCause();
      }
      throw e;
    } catch (DdcException | RuntimeException | Error e) {
      if (c != null) {
        rollback(c);
      }
      throw e;
    } finally {
      release(c);
      writeLock.unlock();
    }
  }

  /**
   * A read transaction: REPEATABLE READ on PostgreSQL, a deferred transaction on SQLite (WAL gives
   * it a snapshot from its first read). Writers are not blocked. Values and partial tiles are read
   * from the database, not the caches (which may be older or newer than the snapshot); complete log
   * tiles, which never change, still come from their cache.
   */
  @Override
  public <T> T read(Read<T> read) throws DdcException {
    Connection c = null;
    boolean open = false;
    int isolation = -1;
    try {
      c = borrow();
      if (dialect == Dialect.SQLITE) {
        try (Statement s = c.createStatement()) {
          s.execute("BEGIN");
        }
      } else {
        isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      }
      open = true;
      Reads db = new Reads(c);
      return read.run(new SnapshotReads(db));
    } catch (SQLException e) {
      throw classify(e);
    } catch (StoreFailure e) {
      if (e.getCause() instanceof SQLException) {
        throw classify((SQLException) e.getCause());
      }
      if (e.getCause() instanceof DdcException) {
        throw (DdcException) e.getCause();
      }
      throw e;
    } finally {
      if (c != null && (open || isolation != -1)) {
        try {
          if (dialect == Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
              s.execute("ROLLBACK");
            }
          } else {
            c.rollback();
            c.setTransactionIsolation(isolation); // as the connection came (a DataSource may set its own)
          }
        } catch (SQLException e) {
          closeQuietly(c);
          c = null;
        }
      }
      release(c);
    }
  }

  /** Reads of one read transaction: the database, and the cache of complete (immutable) log tiles. */
  private final class SnapshotReads implements StoreReads {
    private final Reads db;

    SnapshotReads(Reads db) {
      this.db = db;
    }

    @Override
    public Optional<String> get(String key) {
      return db.get(key);
    }

    @Override
    public SortedMap<String, String> scan(String prefix) {
      return db.scan(prefix);
    }

    @Override
    public long eventCount() {
      return db.eventCount();
    }

    @Override
    public List<byte[]> events(long from, long to) {
      return db.events(from, to);
    }

    @Override
    public byte[] readTile(int tree, int level, long index) {
      String k = tree + "/" + level + "/" + index;
      byte[] t = tree == LOG_TREE ? completeLogTiles.getIfPresent(k) : null;
      if (t == null) {
        t = db.readTile(tree, level, index);
        if (tree == LOG_TREE && t.length == TILE_BYTES) {
          // only complete log tiles: a partial tile of this snapshot may be older than the cache's (not cacheTile)
          completeLogTiles.put(k, t);
        }
      }
      return t.clone();
    }
  }

  /** Reads within the write transaction, through the caches (valid: we hold the lock at this head). */
  private final class CachedTxReads implements StoreReads {
    private final Reads db;
    private final long head;

    CachedTxReads(Reads db, long head) {
      this.db = db;
      this.head = head;
    }

    @Override
    public Optional<String> get(String key) {
      Optional<String> v = values.getIfPresent(key);
      if (v == null) {
        v = db.get(key);
        values.put(key, v);
      }
      return v;
    }

    @Override
    public void prefetch(java.util.Collection<String> keys) {
      values.putAll(db.getAll(uncached(keys)));
    }

    @Override
    public SortedMap<String, String> scan(String prefix) {
      return db.scan(prefix);
    }

    @Override
    public long eventCount() {
      return head;
    }

    @Override
    public List<byte[]> events(long from, long to) {
      return db.events(from, to);
    }

    @Override
    public byte[] readTile(int tree, int level, long index) {
      String k = tree + "/" + level + "/" + index;
      byte[] t = tree == LOG_TREE ? completeLogTiles.getIfPresent(k) : null;
      if (t == null) {
        t = tiles.getIfPresent(k);
      }
      if (t == null) {
        t = db.readTile(tree, level, index);
        cacheTile(tree, k, t);
      }
      return t;
    }
  }

  private void flush(Connection c, WriteBuffer tx) throws SQLException {
    Map<String, String> puts = tx.puts();
    try (PreparedStatement up = c.prepareStatement(
            "INSERT INTO ddc_state (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v");
        PreparedStatement del = c.prepareStatement("DELETE FROM ddc_state WHERE k = ?")) {
      int ups = 0;
      int dels = 0;
      for (Map.Entry<String, String> e : puts.entrySet()) {
        if (e.getValue() == null) {
          del.setString(1, e.getKey());
          del.addBatch();
          dels++;
        } else {
          up.setString(1, e.getKey());
          up.setString(2, e.getValue());
          up.addBatch();
          ups++;
        }
      }
      if (ups > 0) {
        up.executeBatch();
      }
      if (dels > 0) {
        del.executeBatch();
      }
    }
    List<byte[]> events = tx.events();
    if (!events.isEmpty()) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO ddc_events (seq, data) VALUES (?, ?)")) {
        long seq = tx.baseEvents();
        for (byte[] e : events) {
          p.setLong(1, seq++);
          p.setBytes(2, e);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE ddc_head SET events = ? WHERE id = 1")) {
        p.setLong(1, tx.eventCount());
        p.executeUpdate();
      }
    }
    if (!tx.tiles().isEmpty()) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO ddc_tiles (tree, lvl, idx, data) VALUES (?, ?, ?, ?) "
          + "ON CONFLICT (tree, lvl, idx) DO UPDATE SET data = excluded.data")) {
        for (Map.Entry<List<Long>, byte[]> e : tx.tiles().entrySet()) {
          p.setInt(1, e.getKey().get(0).intValue());
          p.setInt(2, e.getKey().get(1).intValue());
          p.setLong(3, e.getKey().get(2));
          p.setBytes(4, e.getValue());
          p.addBatch();
        }
        p.executeBatch();
      }
    }
  }

  private void afterCommit(WriteBuffer tx) {
    synchronized (cacheLock) {
      cacheGeneration++;
      tx.puts().forEach((k, v) -> values.put(k, Optional.ofNullable(v)));
      for (Map.Entry<List<Long>, byte[]> e : tx.tiles().entrySet()) {
        int tree = e.getKey().get(0).intValue();
        cacheTile(tree, tree + "/" + e.getKey().get(1) + "/" + e.getKey().get(2), e.getValue().clone());
      }
      knownHead = tx.eventCount();
    }
  }

  private DdcException classify(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("23")) {
      return new LedgerCorruptException("the database refused a write as inconsistent (" + state + "): "
          + e.getMessage() + "; another writer without the append lock?");
    }
    return unavailable("the ledger at " + description + " failed", e);
  }

  private static LedgerUnavailableException unavailable(String what, SQLException e) {
    return new LedgerUnavailableException(what + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    List<Connection> all;
    synchronized (idle) {
      closed = true;
      all = new ArrayList<>(idle);
      idle.clear();
    }
    all.forEach(JdbcLedgerStore::closeQuietly);
  }

  @Override
  public String toString() {
    return "JdbcLedgerStore[" + description + "]";
  }
}
