package io.ddc.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.SecretAccess;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Did;
import io.ddc.sign.Signers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: ddc logs through {@code System.Logger} (here, the JDK's default binding to
 * java.util.logging): what happens at DEBUG, nothing at INFO or above in normal running, and
 * never a key.
 */
class LoggingTest {
  static final String ORIGIN = "logging.ddc.example/ledger";
  final Logger ddc = Logger.getLogger("io.ddc");
  final List<LogRecord> records = new CopyOnWriteArrayList<>();
  final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  Level was;

  @TempDir
  Path dir;

  @BeforeEach
  void listen() {
    was = ddc.getLevel();
    ddc.setLevel(Level.ALL);
    ddc.addHandler(capture);
  }

  @AfterEach
  void stop() {
    ddc.removeHandler(capture);
    ddc.setLevel(was);
  }

  private List<String> messages(Level atLeast) {
    return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue())
        .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).collect(Collectors.toList());
  }

  @Test
  void normalRunning_logsAtDebugOnly_andNeverAKey() throws Exception {
    Sm2PrivateKey opKey = Sm2PrivateKey.generate();
    Sm2PrivateKey uniKey = Sm2PrivateKey.generate();
    Did uni = Did.of("did:test:uni");
    Did alice = Did.of("did:test:alice");
    Path file = dir.resolve("ddc.db");
    try (Ledger ledger = Ledger.builder(JdbcLedgerStore.sqlite(file)).checkpointSigner(ORIGIN, Signers.sm2(opKey))
        .open()) {
      DdcClient op = DdcClient.initialize(ledger, ORIGIN, Did.of("did:test:op"), "Operator", Signers.sm2(opKey));
      op.addPlatform(uni, "University", uniKey.publicKey().toUncompressed());
      op.addConsumer(alice, "Alice", uni, Sm2PrivateKey.generate().publicKey().toUncompressed());
      DdcClient university = DdcClient.of(ledger, uni, Signers.sm2(uniKey));
      long id = university.mint721(alice, Map.of("name", "Li Wei"), "d-1").id();
      university.prove(id);
    }
    assertThat(messages(Level.INFO)).as("INFO and above in normal running").isEmpty();
    List<String> debug = messages(Level.ALL);
    assertThat(debug).anyMatch(m -> m.startsWith("opened the ledger at sqlite:") && m.contains("schema"))
        .anyMatch(m -> m.startsWith("ledger sqlite:") && m.contains("open and checked"))
        .anyMatch(m -> m.startsWith("signing checkpoint 4 of " + ORIGIN));
    for (Sm2PrivateKey k : List.of(opKey, uniKey)) {
      String secret = Hex.encode(k.toScalar(SecretAccess.get()));
      assertThat(debug).noneMatch(m -> m.contains(secret));
    }
    assertThat(debug).as("metadata values are not logged").noneMatch(m -> m.contains("Li Wei"));
  }

  @Test
  void aSqliteLedgerWithAnotherProcesssWriteAheadLog_isReportedAtDebug() throws Exception {
    Path file = dir.resolve("ddc.db");
    try (LedgerStore first = JdbcLedgerStore.sqlite(file)) {
      first.write(tx -> {
        tx.put("k/test", "v");
        return null;
      });
      assertThat(messages(Level.INFO)).isEmpty();
      // the first store still holds the file open, so its write-ahead log is there
      try (LedgerStore second = JdbcLedgerStore.sqlite(file)) {
        assertThat(messages(Level.INFO)).as("another process having it open is normal running").isEmpty();
        assertThat(messages(Level.ALL)).filteredOn(m -> m.contains("write-ahead log")).singleElement().asString()
            .contains(file.toString());
        assertThat(second.eventCount()).isZero();
      }
    }
  }
}
