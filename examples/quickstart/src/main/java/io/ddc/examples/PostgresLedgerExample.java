package io.ddc.examples;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A ledger on PostgreSQL through a {@code DataSource}, as application nodes sharing one ledger use
 * it (each node opens its own {@link Ledger} on the same database). Run with the server's JDBC URL
 * as the argument or in {@code DDC_PG_URL}; the ledger's tables go into a new schema.
 */
public final class PostgresLedgerExample {
  private PostgresLedgerExample() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : System.getenv("DDC_PG_URL");
    if (url == null || url.isBlank()) {
      System.out.println("no PostgreSQL: pass a jdbc:postgresql:// URL or set DDC_PG_URL");
      return;
    }
    String schema = "quickstart_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(url);
    try (var c = admin.getConnection(); var s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setCurrentSchema(schema);
    ds.setReWriteBatchedInserts(true); // one multi-row INSERT per batch (docs/LEDGER.md)

    String origin = "pg.ddc.example/ledger";
    Sm2PrivateKey opKey = Sm2PrivateKey.generate();
    Signer operator = Signers.sm2(opKey);
    Did op = Did.of("did:example:operator");
    try (Ledger node1 = Ledger.builder(JdbcLedgerStore.open(ds)).checkpointSigner(origin, operator).open()) {
      node1.submit(Request.builder(origin, Operation.LEDGER_INIT, op).nonce(1)
          .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(operator));
      try (Ledger node2 = Ledger.builder(JdbcLedgerStore.open(ds)).open()) {
        node2.submit(Request.builder(origin, Operation.FEE_SELF_RECHARGE, op).nonce(2)
            .item(Items.of(Operation.FEE_SELF_RECHARGE, "amount", 10)).build().sign(operator));
      }
      System.out.println("node 1 sees " + node1.size() + " events written by two nodes; points "
          + node1.state().points(op));
      System.out.println(node1.checkpoint().split("\n")[0] + " checkpoint at size " + node1.size());
    }
    try (var c = admin.getConnection(); var s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
