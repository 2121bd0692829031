package io.ddc.ledger;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.VerificationReport;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Ddc;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The soak of docs/RELIABILITY.md: several JVMs ({@link SoakChild}) mint, transfer, checkpoint, prove
 * and verify against one PostgreSQL ledger for a given time while a random one is killed with
 * SIGKILL every few seconds and restarted; then a full audit: every event's leaf reproduces the log
 * root, each checkpoint is consistent with the next, the state and state tree equal the replay
 * (all {@link Ledger#audit}); every acknowledged mint is there with its reference; every bundle
 * issued during the run still verifies and its checkpoint is consistent with the final log.
 *
 * <p>Run: {@code java -cp <ddc-core test classpath> io.ddc.ledger.SoakHarness JDBC_URL SECONDS
 * [WRITERS] [SEED]} (the ledger goes into a new schema). Exit 0 when nothing was lost.
 */
public final class SoakHarness {
  private SoakHarness() {}

  static final class Child {
    final int k;
    Process process;

    Child(int k) {
      this.k = k;
    }
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    long seconds = Long.parseLong(args[1]);
    int writers = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime();
    Random rnd = new Random(seed);
    String schema = "soak_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    Path bundles = Files.createTempDirectory("ddc-soak-bundles");
    setUp(url, writers);

    Map<Long, String> acked = new ConcurrentHashMap<>();
    Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Child> children = new ArrayList<>();
    for (int k = 0; k < writers; k++) {
      Child ch = new Child(k);
      start(ch, url, bundles, rnd.nextLong(), acked, counts, problems);
      children.add(ch);
    }
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long kills = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(2_000 + rnd.nextInt(6_000));
      if (System.nanoTime() >= end) {
        break;
      }
      Child victim = children.get(rnd.nextInt(children.size()));
      victim.process.destroyForcibly().waitFor();
      kills++;
      start(victim, url, bundles, rnd.nextLong(), acked, counts, problems);
    }
    for (Child ch : children) {
      ch.process.destroyForcibly().waitFor();
    }
    Thread.sleep(500); // let the readers drain the pipes

    long t0 = System.nanoTime();
    long losses = 0;
    long bundlesChecked = 0;
    String finalNote;
    long events;
    try (LedgerStore store = LedgerChild.open(url)) {
      Ledger ledger = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN,
          Signers.sm2(LedgerChild.key("operator"))).open();
      ledger.audit();
      for (Map.Entry<Long, String> e : acked.entrySet()) {
        Ddc d = ledger.state().ddc(e.getKey()).orElse(null);
        if (d == null || !e.getValue().equals(d.ref())) {
          losses++;
          problems.add("acknowledged DDC " + e.getKey() + " (" + e.getValue() + ") is " + d);
        }
      }
      finalNote = ledger.checkpoint();
      events = ledger.size();
      Checkpoint last = parse(finalNote);
      BundleVerifier verifier = BundleVerifier.builder().trust(LedgerStoreContract.ORIGIN, LedgerChild.key("operator").publicKey()).anyAge().build();
      TreeHasher h = TreeHasher.sm3();
      try (Stream<Path> files = Files.list(bundles)) {
        for (Path f : files.toList()) {
          byte[] b = Files.readAllBytes(f);
          VerificationReport r = verifier.verify(b);
          Map<?, ?> m = (Map<?, ?>) CanonicalJson.parse(b);
          Checkpoint cp = parse((String) m.get("checkpoint"));
          if (!r.valid()) {
            problems.add(f.getFileName() + " no longer verifies: " + r.firstFailure().get());
          } else if (cp.size() < last.size()) {
            try {
              MerkleProofs.verifyConsistency(h, cp.size(), last.size(),
                  ledger.snapshot(x -> x.consistencyProof(cp.size(), last.size())).hashes(), cp.rootHash(), last.rootHash());
            } catch (io.ddc.merkle.ProofException x) {
              problems.add(f.getFileName() + "'s checkpoint " + cp.size() + " is not consistent with the final log: " + x);
            }
          }
          bundlesChecked++;
        }
      }
    }
    double auditSecs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "soak: %d writers for %d s, seed %d%n", writers, seconds, seed);
    System.out.printf(Locale.ROOT, "  operations: %s%n", new java.util.TreeMap<>(counts));
    System.out.printf(Locale.ROOT, "  SIGKILLs: %d; recoveries (restarted writers that reopened the ledger): %d%n",
        kills, counts.getOrDefault("ready", new AtomicLong()).get() - writers);
    System.out.printf(Locale.ROOT, "  final log: %,d events; %,d acknowledged DDCs all checked; %,d bundles re-verified%n",
        events, acked.size(), bundlesChecked);
    System.out.printf(Locale.ROOT, "  audit (log root from events, checkpoints consistent, state and state tree"
        + " = replay): passed in %.1f s%n", auditSecs);
    System.out.printf(Locale.ROOT, "  losses: %d; problems: %d%n", losses, problems.size());
    for (String p : problems.subList(0, Math.min(20, problems.size()))) {
      System.out.println("    " + p);
    }
    System.out.println("  final checkpoint: " + finalNote.split("\n")[1] + " " + finalNote.split("\n")[2]);
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
    System.exit(losses == 0 && problems.isEmpty() ? 0 : 1);
  }

  static Checkpoint parse(String note) throws Exception {
    return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1), 32);
  }

  static void setUp(String url, int writers) throws Exception {
    Signer op = Signers.sm2(LedgerChild.key("operator"));
    Did opDid = Did.of("did:test:operator");
    String o = LedgerStoreContract.ORIGIN;
    try (LedgerStore store = LedgerChild.open(url)) {
      Ledger l = Ledger.builder(store).checkpointSigner(o, op).open();
      long n = 1;
      l.submit(Request.builder(o, Operation.LEDGER_INIT, opDid).nonce(n++)
          .item(Items.ledgerInit("Operator", List.of(LedgerChild.key("operator").publicKey().toUncompressed())))
          .build().sign(op));
      l.submit(Request.builder(o, Operation.AUTHORITY_SET_SWITCH, opDid).nonce(n++)
          .item(Items.of(Operation.AUTHORITY_SET_SWITCH, "switch", Switch.BATCH, "on", true)).build().sign(op));
      for (int k = 0; k < writers; k++) {
        Did p = Did.of("did:test:soak-" + k);
        l.submit(Request.builder(o, Operation.ACCOUNT_ADD, opDid).nonce(n++)
            .item(Items.addAccount(p, "Soak " + k, Role.PLATFORM, null,
                LedgerChild.key("soak-" + k).publicKey().toUncompressed()))
            .item(Items.addAccount(Did.of("did:test:soak-" + k + "-h0"), "H0", Role.CONSUMER, p,
                LedgerChild.key("soak-" + k + "-h0").publicKey().toUncompressed()))
            .item(Items.addAccount(Did.of("did:test:soak-" + k + "-h1"), "H1", Role.CONSUMER, p,
                LedgerChild.key("soak-" + k + "-h1").publicKey().toUncompressed()))
            .build().sign(op));
      }
      l.checkpoint();
    }
  }

  static void start(Child ch, String url, Path bundles, long seed, Map<Long, String> acked,
      Map<String, AtomicLong> counts, List<String> problems) throws Exception {
    String cp = System.getProperty("java.class.path");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp", cp, SoakChild.class.getName(), url,
        Integer.toString(ch.k), bundles.toString(), Long.toString(seed))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ch.process = p;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          String kind = line.split(" ", 2)[0];
          counts.computeIfAbsent(kind, x -> new AtomicLong()).incrementAndGet();
          if (kind.equals("acked")) {
            String[] f = line.split(" ");
            acked.put(Long.parseLong(f[1]), f[2]);
          } else if (kind.equals("invalid") || kind.equals("error") || kind.equals("rejected")) {
            problems.add("writer " + ch.k + ": " + line);
          }
        }
      } catch (Exception e) {
        // the pipe closes when the writer is killed
      }
    });
    reader.setDaemon(true);
    reader.start();
  }
}
