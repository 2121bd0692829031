package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening the ledger a {@code --ledger} argument names: a SQLite file or a {@code jdbc:postgresql://} URL. */
final class Ledgers {
  private Ledgers() {}

  /** An existing ledger (never creates one). */
  static Ledger open(String spec) {
    LedgerStore store;
    try {
      if (spec.startsWith("jdbc:")) {
        store = JdbcLedgerStore.open(spec, null, null);
      } else {
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
          throw new CliException(Main.EXIT_USAGE, "no ledger at " + file);
        }
        store = JdbcLedgerStore.sqlite(file);
      }
    } catch (DdcException e) {
      throw new CliException(Main.EXIT_USAGE, "cannot open the ledger " + spec + ": " + e.getMessage());
    }
    try {
      return Ledger.builder(store).open();
    } catch (DdcException e) {
      store.close();
      throw new CliException(Main.EXIT_USAGE, "the ledger " + spec + " does not verify: " + e.getMessage());
    }
  }
}
