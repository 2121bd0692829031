package io.ddc.ledger;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of the tests: {@code DDC_PG_URL} (which {@code .ci/postgres.sh} starts and
 * exports). Without it the PostgreSQL tests are skipped, except under {@code CI=true}, where they
 * fail: CI must never pass by skipping them.
 */
final class Postgres {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicBoolean TOLD = new java.util.concurrent.atomic.AtomicBoolean();

  private Postgres() {}

  /** The server's JDBC URL, or the test is skipped (failed under CI). */
  static String url() {
    String url = System.getenv("DDC_PG_URL");
    if (url == null || url.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but DDC_PG_URL is not set: .ci/run must start PostgreSQL (.ci/postgres.sh)");
      }
      if (TOLD.compareAndSet(false, true)) {
        System.err.println("[ddc] The PostgreSQL tests are skipped: DDC_PG_URL is not set. To run them, start a "
            + "throwaway server and run the tests again: source .ci/postgres.sh && mvn verify");
      }
      Assumptions.abort("no PostgreSQL: set DDC_PG_URL (see .ci/postgres.sh) to run this test");
    }
    return url;
  }

  /** A URL whose connections use a new, empty schema. */
  static String freshSchema() throws Exception {
    String url = url();
    String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet() + "_" + System.nanoTime() % 100000;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
