package io.ddc.ledger;

import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerStore;

/** The conformance kit on PostgreSQL. */
class PostgresLedgerStoreTest extends LedgerStoreContract {
  private String url;

  @Override
  protected LedgerStore newStore() throws Exception {
    url = Postgres.freshSchema();
    return JdbcLedgerStore.open(url, null, null);
  }

  @Override
  protected LedgerStore reopen() throws Exception {
    return JdbcLedgerStore.open(url, null, null);
  }

  @Override
  protected java.sql.Connection sql() throws Exception {
    return java.sql.DriverManager.getConnection(url);
  }
}
