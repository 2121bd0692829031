package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.sign.Signer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening the ledger a {@code --ledger} argument names: a SQLite file or a {@code jdbc:postgresql://} URL. */
final class Ledgers {
  /**
   * The environment variable naming the Operator's key file for {@code ddc checkpoint} when
   * {@code --key} is not given. (The key file is never taken from the ledger: whoever writes the
   * database would choose which key signs.)
   */
  static final String CHECKPOINT_KEY_ENV = "DDC_CHECKPOINT_KEY";

  private Ledgers() {}

  /** {@code spec} (or a message) as shown to the user: a JDBC URL's password masked. */
  static String shown(String spec) {
    return JdbcLedgerStore.maskPassword(spec);
  }

  /** An existing ledger (never creates one). */
  static Ledger open(String spec) {
    return open(spec, null);
  }

  /**
   * An existing ledger that signs checkpoints with {@code checkpointSigner} (null: none); its
   * latest checkpoint must verify with that key.
   */
  static Ledger open(String spec, Signer checkpointSigner) {
    return open(spec, checkpointSigner, false);
  }

  /** As {@link #open(String, Signer)}; {@code firstCheckpoint}: see {@link Ledger.Builder#allowFirstCheckpoint}. */
  static Ledger open(String spec, Signer checkpointSigner, boolean firstCheckpoint) {
    if (!spec.startsWith("jdbc:") && !Files.isRegularFile(Path.of(spec))) {
      throw new CliException(Main.EXIT_USAGE, "no ledger at " + shown(spec) + " (create one with ddc init)");
    }
    return build(spec, store(spec), checkpointSigner, firstCheckpoint);
  }

  /** A new, empty ledger at {@code spec}: a SQLite file that must not exist, or an empty database. */
  static LedgerStore create(String spec) {
    if (!spec.startsWith("jdbc:") && Files.exists(Path.of(spec))) {
      throw new CliException(Main.EXIT_USAGE, shown(spec) + " exists already; ddc init creates a new ledger");
    }
    LedgerStore store = store(spec);
    if (store.eventCount() > 0) {
      store.close();
      throw new CliException(Main.EXIT_USAGE, "the ledger at " + shown(spec) + " is not empty");
    }
    return store;
  }

  static Ledger build(String spec, LedgerStore store, Signer checkpointSigner, boolean firstCheckpoint) {
    try {
      Ledger.Builder b = Ledger.builder(store);
      if (firstCheckpoint) {
        b.allowFirstCheckpoint();
      }
      if (checkpointSigner != null) {
        // the origin is the state's m/origin value (docs/LEDGER.md)
        String origin = store.get(io.ddc.engine.StateLayout.ORIGIN).orElseThrow(() -> new CliException(Main.EXIT_USAGE,
            "the ledger " + shown(spec) + " has no ledger.init yet"));
        b.checkpointSigner(origin, checkpointSigner);
      }
      return b.open();
    } catch (DdcException e) {
      store.close();
      throw new CliException(Main.EXIT_USAGE, "the ledger " + shown(spec) + " does not verify"
          + (checkpointSigner == null ? "" : " with this key") + ": " + e.getMessage());
    }
  }

  private static LedgerStore store(String spec) {
    try {
      if (spec.startsWith("jdbc:")) {
        return JdbcLedgerStore.open(spec, null, null);
      }
      return JdbcLedgerStore.sqlite(Path.of(spec));
    } catch (DdcException e) {
      throw new CliException(Main.EXIT_USAGE, "cannot open the ledger " + shown(spec) + ": " + shown(e.getMessage()));
    }
  }
}
