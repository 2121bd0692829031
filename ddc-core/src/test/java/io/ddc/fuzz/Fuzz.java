package io.ddc.fuzz;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.VerificationReport;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.checkpoint.SignedNote;
import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.SecretAccess;
import io.ddc.crypto.sm.SignatureVerificationException;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.crypto.sm.Sm2Signature;
import io.ddc.crypto.sm.Sm2Signer;
import io.ddc.crypto.sm.Sm2Verifier;
import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.ProofException;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Event;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signers;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Structure-aware mutation fuzzing of every reader of untrusted input (no coverage-guided fuzzer
 * runs on this JDK 17 build without extra tooling; see docs/RELIABILITY.md). Each target starts
 * from valid seeds and applies 1 to 4 mutations per input: byte-level (flip, set, insert, delete,
 * truncate, duplicate, splice with another seed) and format-aware (JSON numbers and strings
 * replaced with edge values, deep nesting, duplicated or unknown members; text lines duplicated,
 * dropped or swapped). An input that produced an outcome not seen before joins the corpus.
 *
 * <p>Every outcome must be documented: a normal return or the target's typed exception. Anything
 * else ("escape"), a run over one second ("slow") or one that allocates more than 64 times its
 * input's size plus 16 MiB ("memory": every reader's cost must be linear in its input) is a
 * finding, saved to the findings directory to become a regression resource. Run:
 * {@code java -cp <test classpath> io.ddc.fuzz.Fuzz SECONDS [SEED] [FINDINGS_DIR]}.
 */
public final class Fuzz {
  /** Longest a single input may take. */
  static final long SLOW_NANOS = 1_000_000_000L;
  /** Most a single input may allocate: this many times its size, plus {@link #ALLOCATION_ALLOWANCE}. */
  static final long ALLOCATION_FACTOR = 64;
  /** The fixed part of an input's allocation budget. */
  static final long ALLOCATION_ALLOWANCE = 16L << 20;

  /** The most an input of {@code length} bytes may allocate. */
  static long allocationBudget(int length) {
    return ALLOCATION_FACTOR * length + ALLOCATION_ALLOWANCE;
  }

  /** A reader under test: returns an outcome name, or throws (documented exceptions are outcomes too). */
  public interface Target {
    String run(byte[] input) throws Exception;
  }

  /** One fuzzed reader: its seeds, its documented exception types and the function. */
  public record Spec(String name, List<byte[]> seeds, List<Class<? extends Throwable>> documented, Target target) {}

  /** What a run found. */
  public record Finding(String target, String kind, String detail, byte[] input) {}

  /** The result of fuzzing one target. */
  public static final class Report {
    public final String target;
    public long inputs;
    public final Map<String, Long> outcomes = new TreeMap<>();
    public final List<Finding> findings = new ArrayList<>();
    public long slowestNanos;

    Report(String target) {
      this.target = target;
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%-18s %,10d inputs  %4d distinct outcomes  %d findings  slowest %.1f ms", target, inputs,
          outcomes.size(), findings.size(), slowestNanos / 1e6);
    }
  }

  private Fuzz() {}

  // ---- the targets ----

  static List<Spec> specs() throws Exception {
    List<Spec> out = new ArrayList<>();
    out.add(new Spec("canonical-json", List.of(resource("/bundle/valid.json"), resource("/codec/valid-request.json"),
        "{\"a\":[1,-2,{\"b\":\"\\u00e9\\n\"}],\"c\":null,\"d\":true}".getBytes(StandardCharsets.UTF_8)),
        List.of(JsonFormatException.class), in -> {
          byte[] canonical = CanonicalJson.write(CanonicalJson.parse(in));
          if (!java.util.Arrays.equals(CanonicalJson.canonicalize(canonical), canonical)) {
            // the canonical form must parse back to itself (numbers included)
            throw new IllegalStateException("canonical form is not stable: " + new String(canonical, StandardCharsets.UTF_8));
          }
          return "ok";
        }));

    Sm2PublicKey bundleKey = Sm2PublicKey.fromPem(new String(resource("/bundle/operator.pub.pem"),
        StandardCharsets.US_ASCII));
    BundleVerifier verifier = BundleVerifier.builder().trust("conformance.ddc.example/ledger", bundleKey)
        .maxAge(java.time.Duration.ofDays(30)).clock(Clock.fixed(Instant.ofEpochMilli(1_790_003_600_000L), ZoneOffset.UTC))
        .build();
    byte[] validBundle = resource("/bundle/valid.json");
    out.add(new Spec("bundle", List.of(validBundle), List.of(), in -> {
      VerificationReport r = verifier.verify(in);
      if (r.valid() && !java.util.Arrays.equals(CanonicalJson.canonicalize(in), validBundle)) {
        // a bundle that verifies must be the valid one, up to JSON formatting: every value is authenticated
        throw new IllegalStateException("a changed bundle verifies: " + new String(in, StandardCharsets.UTF_8));
      }
      return r.valid() ? "VALID" : r.firstFailure().get().code();
    }));

    Sm2PrivateKey key = Sm2PrivateKey.fromScalar(Sm3.hash("fuzz".getBytes(StandardCharsets.UTF_8)));
    NoteSigner noteSigner = NoteSigner.of("fuzz.ddc.io/log", Signers.sm2(key));
    NoteKey noteKey = noteSigner.noteKey();
    TreeHasher h = TreeHasher.sm3();
    MerkleLog log = MerkleLog.open(h, new InMemoryTileStore(), 0);
    for (int i = 0; i < 37; i++) {
      log.append(("leaf " + i).getBytes(StandardCharsets.UTF_8));
    }
    String note = Checkpoints.sign(new Checkpoint("fuzz.ddc.io/log", log.size(), log.root(),
        List.of("state 3 " + java.util.Base64.getEncoder().encodeToString(new byte[32]), "time 1790000000000")),
        List.of(noteSigner));
    out.add(new Spec("checkpoint-note", List.of(note.getBytes(StandardCharsets.UTF_8)),
        List.of(CheckpointException.class), in -> {
          SignedNote n = SignedNote.parse(in);
          Checkpoints.verify(n.format(), List.of(noteKey), List.of(), "fuzz.ddc.io/log", 32);
          return "ok";
        }));

    out.add(new Spec("public-key-pem", List.of(key.publicKey().toPem().getBytes(StandardCharsets.US_ASCII)),
        List.of(MalformedEncodingException.class), in -> {
          Sm2PublicKey.fromPem(new String(in, StandardCharsets.ISO_8859_1));
          return "ok";
        }));
    out.add(new Spec("private-key-pem", List.of(key.toPem(SecretAccess.get()).getBytes(StandardCharsets.US_ASCII)),
        List.of(MalformedEncodingException.class), in -> {
          Sm2PrivateKey.fromPem(new String(in, StandardCharsets.ISO_8859_1));
          return "ok";
        }));
    out.add(new Spec("public-key-der", List.of(key.publicKey().toSpki(), key.publicKey().toUncompressed(),
        key.publicKey().toCompressed()), List.of(MalformedEncodingException.class), in -> {
          if (in.length > 0 && in[0] == 0x30) {
            Sm2PublicKey.fromSpki(in);
          } else {
            Sm2PublicKey.fromPoint(in);
          }
          return "ok";
        }));

    byte[] message = "a diploma".getBytes(StandardCharsets.UTF_8);
    Sm2Verifier sm2 = Sm2Verifier.create(key.publicKey(), DistinguishingId.DEFAULT);
    byte[] der = Sm2Signer.create(key, DistinguishingId.DEFAULT).sign(message);
    out.add(new Spec("signature", List.of(der, Sm2Signature.fromDer(der).toRaw()),
        List.of(MalformedEncodingException.class, SignatureVerificationException.class), in -> {
          Sm2Signature s = in.length == Sm2Signature.RAW_LENGTH ? Sm2Signature.fromRaw(in) : Sm2Signature.fromDer(in);
          sm2.verify(message, s);
          return "ok";
        }));

    byte[] inclusionSeed = proofBytes(13, false, log.size(), log.inclusionProof(13, log.size()).hashes());
    byte[] consistencySeed = proofBytes(20, true, log.size(), log.consistencyProof(20, log.size()).hashes());
    byte[] root = log.root();
    byte[] root20 = log.root(20);
    byte[] leaf13 = h.leafHash("leaf 13".getBytes(StandardCharsets.UTF_8));
    out.add(new Spec("merkle-proof", List.of(inclusionSeed, consistencySeed), List.of(ProofException.class), in -> {
      ByteBuffer b = ByteBuffer.wrap(in);
      if (in.length < 16) {
        return "short";
      }
      long a = b.getLong();
      long size = b.getLong();
      List<byte[]> hashes = new ArrayList<>();
      while (b.remaining() > 0) {
        byte[] x = new byte[Math.min(32, b.remaining())];
        b.get(x);
        hashes.add(x);
      }
      if ((a & 1) == 0) {
        MerkleProofs.verifyInclusion(h, a >>> 1, size, leaf13, hashes, root);
      } else {
        MerkleProofs.verifyConsistency(h, a >>> 1, size, hashes, root20, root);
      }
      return "ok";
    }));

    out.add(new Spec("request", List.of(resource("/codec/valid-request.json"), resource("/codec/valid-account-add.json")),
        List.of(MalformedDataException.class), in -> {
          SignedRequest.fromBytes(in);
          return "ok";
        }));
    out.add(new Spec("event", List.of(resource("/codec/valid-event.json")), List.of(MalformedDataException.class),
        in -> {
          Event.fromBytes(in);
          return "ok";
        }));
    SecureRandom salts = SecureRandom.getInstance("SHA1PRNG");
    salts.setSeed(3);
    Metadata m = Metadata.create("{\"name\":\"Li Wei\",\"gpa\":385,\"address\":{\"city\":\"Wuhan\"},\"tags\":[1,2]}"
        .getBytes(StandardCharsets.UTF_8), salts);
    out.add(new Spec("metadata", List.of("{\"name\":\"Li Wei\",\"gpa\":385,\"a\":{\"b\":[true,null]}}"
        .getBytes(StandardCharsets.UTF_8), m.toDisclosureJson().getBytes(StandardCharsets.UTF_8)),
        List.of(MalformedDataException.class), in -> {
          if (in.length > 0 && in[0] == '[') {
            Metadata.fromDisclosureJson(new String(in, StandardCharsets.UTF_8));
          } else {
            Metadata.create(in, salts);
          }
          return "ok";
        }));

    out.add(new Spec("tile-path", List.of("tile/0/x001/x234/067.p/12".getBytes(StandardCharsets.UTF_8),
        "tile/entries/000".getBytes(StandardCharsets.UTF_8)), List.of(), in -> {
          String path = new String(in, StandardCharsets.UTF_8);
          java.util.Optional<io.ddc.publish.TilePath> t = io.ddc.publish.TilePath.parse(path);
          if (t.isPresent() && !t.get().format().equals(path)) {
            // a server maps only canonical paths to files: anything accepted must be written back the same
            throw new IllegalStateException("accepted a non-canonical tile path: " + path);
          }
          return t.isPresent() ? "tile" : "not a tile";
        }));

    out.add(new Spec("note-signer-key", List.of(
        "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg"
            .getBytes(StandardCharsets.UTF_8)), List.of(CheckpointException.class), in -> {
          io.ddc.checkpoint.Ed25519SignerKeys.parse(new String(in, StandardCharsets.UTF_8));
          return "ok";
        }));

    // a monitor reading a published log whose entry bundle is the input (the checkpoint is signed)
    io.ddc.publish.LogFixture f = io.ddc.publish.LogFixture.create(new io.ddc.ledger.memory.MemoryLedgerStore());
    f.mint(7).checkpoint();
    Path published = Files.createTempDirectory("ddc-fuzz-log");
    io.ddc.publish.Publisher.publish(f.ledger, published);
    Map<String, byte[]> files = new TreeMap<>();
    try (java.util.stream.Stream<Path> walk = Files.walk(published)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(published.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    f.close();
    try (java.util.stream.Stream<Path> walk = Files.walk(published)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    NoteKey logKey = NoteKey.of(io.ddc.publish.LogFixture.ORIGIN, Signers.sm2(f.opKey.publicKey()));
    out.add(new Spec("published-log", List.of(files.get("tile/entries/000.p/10")),
        List.of(io.ddc.monitor.MonitorException.class), in -> {
          io.ddc.publish.LogSource source = (path, max) -> java.util.Optional.ofNullable(
              path.equals("tile/entries/000.p/10") ? in : files.get(path));
          new io.ddc.monitor.Monitor(source, io.ddc.publish.LogFixture.ORIGIN, logKey).check(java.util.Optional.empty());
          if (!java.util.Arrays.equals(in, files.get("tile/entries/000.p/10"))) {
            throw new IllegalStateException("a changed entry bundle passes the monitor");
          }
          return "ok";
        }));
    return out;
  }

  /** A proof as fuzz input: {@code index or old size << 1 | consistency}, the size, the hashes. */
  static byte[] proofBytes(long a, boolean consistency, long size, List<byte[]> hashes) {
    ByteBuffer b = ByteBuffer.allocate(16 + 32 * hashes.size());
    b.putLong(a << 1 | (consistency ? 1 : 0)).putLong(size);
    for (byte[] x : hashes) {
      b.put(x);
    }
    return b.array();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Fuzz.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }

  // ---- the loop ----

  /** Fuzzes {@code spec} for {@code budget}, with {@code seed} for the mutations. */
  public static Report run(Spec spec, Duration budget, long seed) {
    Report r = new Report(spec.name());
    SplittableRandom rnd = new SplittableRandom(seed);
    List<byte[]> corpus = new ArrayList<>(spec.seeds());
    long end = System.nanoTime() + budget.toNanos();
    for (byte[] s : spec.seeds()) {
      measure(spec, s); // a warm-up, unrecorded: the first run pays for class loading

      one(spec, s, r, corpus, false);
    }
    while (System.nanoTime() < end) {
      byte[] base = corpus.get(rnd.nextInt(corpus.size()));
      byte[] input = Mutator.mutate(base, corpus, rnd);
      one(spec, input, r, corpus, true);
    }
    return r;
  }

  /** One input's outcome and what it cost. */
  record Measured(String outcome, List<Finding> findings, long nanos, long allocated) {}

  /**
   * Runs {@code input} through the target and reports its outcome, with a finding for an escape,
   * a run over {@link #SLOW_NANOS} or an allocation over {@link #allocationBudget}. The saved
   * regression cases are replayed through this too.
   */
  static Measured measure(Spec spec, byte[] input) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<Finding> findings = new ArrayList<>();
    long a0 = threads.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    String outcome;
    try {
      outcome = spec.target().run(input);
    } catch (Throwable e) {
      if (documented(spec, e)) {
        outcome = e.getClass().getSimpleName() + reason(e);
      } else {
        outcome = "ESCAPE " + e.getClass().getName();
        findings.add(new Finding(spec.name(), "escape", e + " at " + where(e), input));
      }
    }
    long t = System.nanoTime() - t0;
    long allocated = threads.getCurrentThreadAllocatedBytes() - a0;
    if (t > SLOW_NANOS) {
      findings.add(new Finding(spec.name(), "slow", (t / 1_000_000) + " ms", input));
    }
    if (allocated > allocationBudget(input.length)) {
      findings.add(new Finding(spec.name(), "memory", (allocated >> 20) + " MiB allocated for " + input.length
          + " bytes of input (budget " + (allocationBudget(input.length) >> 20) + " MiB)", input));
    }
    return new Measured(outcome, findings, t, allocated);
  }

  private static void one(Spec spec, byte[] input, Report r, List<byte[]> corpus, boolean grow) {
    Measured m = measure(spec, input);
    r.inputs++;
    r.slowestNanos = Math.max(r.slowestNanos, m.nanos());
    r.findings.addAll(m.findings());
    Long seen = r.outcomes.merge(m.outcome(), 1L, Long::sum);
    if (grow && seen == 1 && corpus.size() < 512) {
      corpus.add(input);
    }
  }

  public static boolean documented(Spec spec, Throwable e) {
    for (Class<? extends Throwable> c : spec.documented()) {
      if (c.isInstance(e)) {
        return true;
      }
    }
    return false;
  }

  /** The exception's reason code and the start of its message without numbers: a finer outcome. */
  private static String reason(Throwable e) {
    String code = e instanceof io.ddc.DdcException ? ((io.ddc.DdcException) e).code()
        : e instanceof io.ddc.crypto.sm.SmCryptoException ? ((io.ddc.crypto.sm.SmCryptoException) e).reason().name()
        : "";
    String m = String.valueOf(e.getMessage()).replaceAll("U\\+[0-9A-Fa-f]+|[0-9A-Za-z+/=]{12,}|[0-9]+", "#").split("[\"'(:]", 2)[0];
    return ":" + code + ":" + m.substring(0, Math.min(m.length(), 28)).strip();
  }

  private static String where(Throwable e) {
    StackTraceElement[] st = e.getStackTrace();
    return st.length == 0 ? "?" : st[0].toString();
  }

  /** Saves findings as {@code DIR/<target>/<kind>-<sha>.bin} with a {@code .txt} beside each. */
  public static void save(List<Finding> findings, Path dir) throws IOException {
    for (Finding f : findings) {
      Path d = dir.resolve(f.target());
      Files.createDirectories(d);
      String name = f.kind() + "-" + io.ddc.crypto.sm.Hex.encode(Sm3.hash(f.input())).substring(0, 16);
      Files.write(d.resolve(name + ".bin"), f.input());
      Files.writeString(d.resolve(name + ".txt"), f.detail() + "\n");
    }
  }

  /** Fuzzes every target for {@code seconds} in all (split evenly) and prints the reports. */
  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    Path findings = Path.of(args.length > 2 ? args[2] : "target/fuzz-findings");
    List<Spec> specs = specs();
    Duration each = Duration.ofMillis(seconds * 1000 / specs.size());
    System.out.printf(java.util.Locale.ROOT, "fuzzing %d targets for %d s (%d ms each), seed %d%n", specs.size(), seconds, each.toMillis(),
        seed);
    long total = 0;
    List<Finding> all = new ArrayList<>();
    Map<String, Report> reports = new LinkedHashMap<>();
    for (Spec s : specs) {
      Report r = run(s, each, seed ^ s.name().hashCode());
      reports.put(s.name(), r);
      System.out.println(r);
      total += r.inputs;
      all.addAll(r.findings);
    }
    save(all, findings);
    System.out.printf(java.util.Locale.ROOT, "total %,d inputs, %d findings%s%n", total, all.size(),
        all.isEmpty() ? "" : " (saved under " + findings + ")");
    for (Report r : reports.values()) {
      System.out.println("  " + r.target + " outcomes: " + r.outcomes);
    }
    System.exit(all.isEmpty() ? 0 : 1);
  }
}
