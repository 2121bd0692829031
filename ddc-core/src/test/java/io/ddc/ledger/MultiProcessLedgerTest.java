package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import io.ddc.sign.Signers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledgers shared by several JVMs: 3 processes × 8 threads minting into one PostgreSQL ledger,
 * and a SQLite ledger whose writer is killed with SIGKILL at random moments, 20 times.
 */
class MultiProcessLedgerTest {
  private static final String ORIGIN = LedgerStoreContract.ORIGIN;

  @TempDir
  Path dir;

  /** Creates the ledger with the Operator and the named platform accounts. */
  static void setUp(LedgerStore store, List<String> names) throws Exception {
    Ledger ledger = Ledger.builder(store).open();
    var op = Signers.sm2(LedgerChild.key("operator"));
    Did opDid = Did.of("did:test:operator");
    long n = 1;
    ledger.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, opDid).nonce(n++)
        .item(Items.ledgerInit("Operator", List.of(LedgerChild.key("operator").publicKey().toUncompressed())))
        .build().sign(op));
    ledger.submit(Request.builder(ORIGIN, Operation.AUTHORITY_SET_SWITCH, opDid).nonce(n++)
        .item(Items.of(Operation.AUTHORITY_SET_SWITCH, "switch", Switch.BATCH, "on", true)).build().sign(op));
    List<Item> adds = new ArrayList<>();
    for (String name : names) {
      adds.add(Items.addAccount(Did.of("did:test:" + name), name, Role.PLATFORM, null,
          LedgerChild.key(name).publicKey().toUncompressed()));
    }
    ledger.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(n).items(adds).build().sign(op));
  }

  static Process child(String spec, String prefix, int threads, int requests, int batch, long every)
      throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, LedgerChild.class.getName(), spec, prefix, Integer.toString(threads),
        Integer.toString(requests), Integer.toString(batch), Long.toString(every)));
    // stderr (log records, a crash's stack trace) goes to the test's console, not into the protocol on stdout
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  void threeProcessesOfEightThreads_shareOnePostgresLedger() throws Exception {
    String url = Postgres.freshSchema();
    int procs = 3;
    int threads = 8;
    int requests = 6;
    int batch = 5;
    List<String> names = new ArrayList<>();
    for (int p = 0; p < procs; p++) {
      for (int t = 0; t < threads; t++) {
        names.add("p" + p + "-" + t);
      }
    }
    try (LedgerStore store = LedgerChild.open(url)) {
      setUp(store, names);
    }
    List<Process> ps = new ArrayList<>();
    for (int p = 0; p < procs; p++) {
      ps.add(child(url, "p" + p, threads, requests, batch, 50));
    }
    TreeSet<Long> acknowledged = new TreeSet<>();
    for (Process p : ps) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          assertThat(line).as("child output").startsWith("committed ");
          String[] range = line.substring(10).split("-");
          for (long id = Long.parseLong(range[0]); id <= Long.parseLong(range[1]); id++) {
            assertThat(acknowledged.add(id)).as("id %s acknowledged twice", id).isTrue();
          }
        }
      }
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
    long total = (long) procs * threads * requests * batch;
    assertThat(acknowledged).hasSize((int) total);
    assertThat(acknowledged.first()).isEqualTo(1);
    assertThat(acknowledged.last()).isEqualTo(total);
    try (LedgerStore store = LedgerChild.open(url)) {
      Ledger ledger = Ledger.builder(store).open();
      assertThat(ledger.state().latestDdcId()).isEqualTo(total);
      ledger.audit();
      NoteKey key = NoteSigner.of(ORIGIN, Signers.sm2(LedgerChild.key("operator"))).noteKey();
      ledger.verifyOpen(key);
      assertThat(ledger.checkpointSizes()).isNotEmpty();
    }
  }

  @Test
  void sqliteWriterKilledTwentyTimes_losesNoAcknowledgedDdc() throws Exception {
    Path file = dir.resolve("crash.db");
    String spec = "sqlite:" + file;
    try (LedgerStore store = LedgerChild.open(spec)) {
      setUp(store, List.of("c-0", "c-1"));
    }
    NoteKey key = NoteSigner.of(ORIGIN, Signers.sm2(LedgerChild.key("operator"))).noteKey();
    Random rnd = new Random(20261129);
    TreeSet<Long> acknowledged = new TreeSet<>();
    TreeHasher h = TreeHasher.sm3();
    int kills = 0;
    for (int round = 0; round < 20; round++) {
      Process p = child(spec, "c", 2, 1_000_000, 20, 60);
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      Thread reader = new Thread(() -> {
        try {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            synchronized (lines) {
              lines.add(line);
            }
          }
        } catch (java.io.IOException e) {
          // the child was killed
        }
      });
      reader.start();
      long started = System.nanoTime();
      while (lines.isEmpty() && p.isAlive() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
        Thread.sleep(5);
      }
      Thread.sleep(rnd.nextInt(600));
      new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      kills++;
      reader.join(10_000);
      synchronized (lines) {
        for (String line : lines) {
          assertThat(line).as("child output").doesNotStartWith("error");
          if (!line.startsWith("committed ")) {
            continue;
          }
          String[] range = line.substring(10).split("-");
          if (range.length < 2 || range[1].isEmpty()) {
            continue;
          }
          for (long id = Long.parseLong(range[0]); id <= Long.parseLong(range[1]); id++) {
            acknowledged.add(id);
          }
        }
      }
      try (LedgerStore store = LedgerChild.open(spec)) {
        Ledger ledger = Ledger.builder(store).open();
        ledger.verifyOpen(key);
        long latest = ledger.read(s -> s.latestDdcId());
        if (!acknowledged.isEmpty()) {
          assertThat(latest).as("round %s: every acknowledged DDC is present", round)
              .isGreaterThanOrEqualTo(acknowledged.last());
        }
        List<Long> sizes = ledger.checkpointSizes();
        if (!sizes.isEmpty()) {
          Checkpoint newest = Checkpoints.verify(ledger.checkpointAt(sizes.get(sizes.size() - 1)).get(),
              List.of(key), List.of(), ORIGIN, 32);
          for (long s : sizes) {
            Checkpoint c = Checkpoints.verify(ledger.checkpointAt(s).get(), List.of(key), List.of(), ORIGIN, 32);
            if (c.size() < newest.size()) {
              MerkleProofs.verifyConsistency(h, c.size(), newest.size(),
                  ledger.snapshot(x -> x.consistencyProof(c.size(), newest.size())).hashes(), c.rootHash(), newest.rootHash());
            }
          }
        }
      }
    }
    assertThat(kills).isEqualTo(20);
    assertThat(acknowledged).as("acknowledged DDCs over all rounds").hasSizeGreaterThan(100);
    try (LedgerStore store = LedgerChild.open(spec)) {
      Ledger ledger = Ledger.builder(store).open();
      for (long id : acknowledged) {
        assertThat(ledger.state().ddc(id)).as("DDC %s", id).isPresent();
      }
      ledger.audit();
      assertThat(ledger.checkpointSizes()).hasSizeGreaterThan(1);
    }
  }
}
