package io.ddc.bundle;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.AccountKey;
import io.ddc.model.Event;
import io.ddc.model.EventType;
import io.ddc.model.Hash;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.sign.Signers;
import io.ddc.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a proof bundle offline, against nothing but the verifier's trusted Operator keys: the
 * checkpoint's signature → the mint event's inclusion → the issuer's account leaf with its key
 * history (account proof) → the platform's request signature over the mint, by a key valid when the
 * mint was logged and not revoked as compromised by then → the metadata root from the
 * revealed and hidden fields → the DDC's state proof → its status (frozen and burned fail) → the
 * checkpoint's age. Fail closed: the first failure stops the checks and the later steps are
 * reported SKIPPED. Thread-safe.
 */
public final class BundleVerifier {
  /** The default maximum checkpoint age. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
  /** Largest bundle accepted, in bytes. */
  public static final int MAX_BUNDLE_BYTES = CanonicalJson.MAX_INPUT_BYTES;

  private static final String[] STEPS = {"PARSE", "CHECKPOINT_SIGNATURE", "CONSISTENCY", "MINT_INCLUSION",
      "ISSUER_KEY",
      "REQUEST_SIGNATURE", "METADATA", "STATE_PROOF", "STATUS", "FRESHNESS"};

  private final List<Sm2PublicKey> trusted;
  private final Duration maxAge;
  private final Clock clock;
  private final List<NoteKey> witnesses;
  private final int quorum;
  /** Checkpoint notes already verified with a trusted key: many bundles share one checkpoint. */
  private final java.util.concurrent.ConcurrentHashMap<String, Checkpoint> verifiedCheckpoints =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** SM2 verifiers are costly to set up (Z_A, the key's precomputation): one per key. */
  private final java.util.concurrent.ConcurrentHashMap<String, Verifier> verifiers =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentHashMap<String, List<NoteKey>> noteKeys =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Verifier verifier(byte[] point) throws MalformedEncodingException {
    String k = Hex.encode(point);
    Verifier v = verifiers.get(k);
    if (v == null) {
      v = Signers.sm2(Sm2PublicKey.fromPoint(point));
      if (verifiers.size() >= 4096) {
        verifiers.clear();
      }
      verifiers.put(k, v);
    }
    return v;
  }

  private List<NoteKey> noteKeys(String origin) {
    return noteKeys.computeIfAbsent(origin, o -> {
      List<NoteKey> out = new ArrayList<>();
      for (Sm2PublicKey k : trusted) {
        out.add(NoteKey.of(o, Signers.sm2(k)));
      }
      return out;
    });
  }

  private BundleVerifier(List<Sm2PublicKey> trusted, Duration maxAge, Clock clock, List<NoteKey> witnesses,
      int quorum) {
    this.trusted = List.copyOf(trusted);
    this.maxAge = maxAge;
    this.clock = clock;
    this.witnesses = List.copyOf(witnesses);
    this.quorum = quorum;
  }

  /**
   * This verifier also requiring that at least {@code quorum} of {@code witnesses} cosigned the
   * bundle's checkpoint ({@code WITNESS_QUORUM_NOT_MET} otherwise). A witness cosigns only
   * checkpoints that extend the last one it saw ({@link io.ddc.checkpoint.Witness}), so a quorum of
   * honest witnesses means the log showed this verifier the history it showed everyone else.
   */
  public BundleVerifier withWitnesses(List<NoteKey> witnesses, int quorum) {
    if (quorum < 1 || quorum > witnesses.size()) {
      throw new IllegalArgumentException("the quorum must be between 1 and the " + witnesses.size()
          + " witnesses, but is " + quorum);
    }
    return new BundleVerifier(trusted, maxAge, clock, witnesses, quorum);
  }

  /** A verifier trusting checkpoints signed by any of {@code operatorKeys}. */
  public static BundleVerifier create(List<Sm2PublicKey> operatorKeys, Duration maxAge, Clock clock) {
    if (operatorKeys.isEmpty()) {
      throw new IllegalArgumentException("a verifier needs at least one trusted key");
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative, but is " + maxAge);
    }
    return new BundleVerifier(operatorKeys, Objects.requireNonNull(maxAge, "maxAge"),
        Objects.requireNonNull(clock, "clock"), List.of(), 0);
  }

  /** A step that failed: its code and message. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final String code;

    Failed(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /** A step that does not apply to this bundle. */
  private static final class NotApplicable extends Exception {
    private static final long serialVersionUID = 1L;

    NotApplicable(String message) {
      super(message, null, false, false);
    }
  }

  /** Verifies {@code bundle}; never throws for bad input: a malformed bundle is a failed PARSE step. */
  public VerificationReport verify(byte[] bundle) {
    return verify(bundle, null);
  }

  /**
   * Verifies {@code bundle} knowing an earlier checkpoint of the same log ({@code knownCheckpoint},
   * a signed note this verifier trusts, or null): the bundle's checkpoint must then be the same
   * tree or a consistent extension of it, proved by the bundle's {@code consistency} member, so a
   * log that shows different histories to different people is caught ({@code FORKED_LOG}).
   */
  public VerificationReport verify(byte[] bundle, String knownCheckpoint) {
    List<VerificationReport.Step> steps = new ArrayList<>();
    Map<String, Object> facts = new TreeMap<>();
    Run run = new Run(bundle, facts);
    run.known = knownCheckpoint;
    for (String step : STEPS) {
      if (steps.stream().anyMatch(s -> s.outcome() == VerificationReport.Outcome.FAILED)) {
        steps.add(new VerificationReport.Step(step, VerificationReport.Outcome.SKIPPED, "NOT_CHECKED",
            "not checked: an earlier step failed"));
        continue;
      }
      try {
        String msg = run.step(step);
        steps.add(new VerificationReport.Step(step, VerificationReport.Outcome.PASSED, "OK", msg));
      } catch (NotApplicable n) {
        steps.add(new VerificationReport.Step(step, VerificationReport.Outcome.SKIPPED, "NOT_APPLICABLE",
            n.getMessage()));
      } catch (Failed f) {
        steps.add(new VerificationReport.Step(step, VerificationReport.Outcome.FAILED, f.code, f.getMessage()));
      } catch (RuntimeException e) {
        steps.add(new VerificationReport.Step(step, VerificationReport.Outcome.FAILED, "MALFORMED_BUNDLE",
            "the bundle does not have the expected shape: " + e));
      }
    }
    if (steps.stream().anyMatch(s -> s.outcome() == VerificationReport.Outcome.FAILED)) {
      facts.clear();
    }
    return new VerificationReport(steps, facts);
  }

  /** The checks of one bundle, step by step. */
  private final class Run {
    private final byte[] raw;
    private final Map<String, Object> facts;
    private final TreeHasher h = TreeHasher.sm3();
    private Map<String, Object> b;
    private long ddc;
    private Checkpoint cp;
    private Event mint;
    private long mintSeq;
    private List<AccountKey> issuerKeys;
    private Map<?, ?> leaf;
    private String known;

    Run(byte[] raw, Map<String, Object> facts) {
      this.raw = raw;
      this.facts = facts;
    }

    String step(String name) throws Failed, NotApplicable {
      switch (name) {
        case "PARSE":
          return parse();
        case "CHECKPOINT_SIGNATURE":
          return checkpoint();
        case "CONSISTENCY":
          return consistency();
        case "MINT_INCLUSION":
          return mintInclusion();
        case "ISSUER_KEY":
          return issuer();
        case "REQUEST_SIGNATURE":
          return requestSignature();
        case "METADATA":
          return metadata();
        case "STATE_PROOF":
          return stateProof();
        case "STATUS":
          return status();
        case "FRESHNESS":
          return freshness();
        default:
          throw new AssertionError(name);
      }
    }

    private String parse() throws Failed {
      try {
        b = parseBundle(raw);
        ddc = (Long) b.get("ddc");
        return "a version-1 bundle for DDC " + ddc + ", " + raw.length + " bytes";
      } catch (MalformedDataException e) {
        throw new Failed("MALFORMED_BUNDLE", e.getMessage());
      }
    }

    private String checkpoint() throws Failed {
      String note = (String) b.get("checkpoint");
      String origin = note.split("\n", 2)[0];
      Checkpoint known = verifiedCheckpoints.get(note);
      if (known != null) {
        cp = known;
        facts.put("origin", origin);
        facts.put("checkpointSize", cp.size());
        return "checkpoint of " + origin + " at size " + cp.size() + " signed by a trusted key (verified before)";
      }
      CheckpointException last = null;
      if (noteKeys.size() >= 64 && !noteKeys.containsKey(origin)) {
        noteKeys.clear();
      }
      for (NoteKey k : noteKeys(origin)) {
        try {
          cp = Checkpoints.verify(note, List.of(k), List.of(), origin, h.digestLength());
          break;
        } catch (CheckpointException e) {
          last = e;
        }
      }
      if (cp == null) {
        throw new Failed("UNTRUSTED_CHECKPOINT", "the checkpoint is not signed by a trusted key: "
            + (last == null ? "" : last.getMessage()));
      }
      String cosigned = witnessQuorum(note);
      if (verifiedCheckpoints.size() >= 256) {
        verifiedCheckpoints.clear();
      }
      verifiedCheckpoints.put(note, cp);
      facts.put("origin", origin);
      facts.put("checkpointSize", cp.size());
      return "checkpoint of " + origin + " at size " + cp.size() + " signed by a trusted key" + cosigned;
    }

    /** Checks the witness quorum, if one is configured; describes it for the report. */
    private String witnessQuorum(String note) throws Failed {
      if (quorum == 0) {
        return "";
      }
      io.ddc.checkpoint.SignedNote n;
      try {
        n = io.ddc.checkpoint.SignedNote.parse(note);
      } catch (CheckpointException e) {
        throw new Failed("MALFORMED_BUNDLE", "the checkpoint note does not parse: " + e.getMessage());
      }
      byte[] text = n.text().getBytes(StandardCharsets.UTF_8);
      List<String> cosigned = new ArrayList<>();
      for (NoteKey w : witnesses) {
        for (io.ddc.checkpoint.SignedNote.Signature sig : n.signatures()) {
          if (sig.keyName().equals(w.name()) && sig.keyId() == w.keyId() && w.verifier().isValid(text, sig.bytes())) {
            cosigned.add(w.name());
            break;
          }
        }
      }
      if (cosigned.size() < quorum) {
        throw new Failed("WITNESS_QUORUM_NOT_MET", quorum + " of " + witnesses.size() + " witnesses must cosign the "
            + "checkpoint; " + cosigned.size() + " did" + (cosigned.isEmpty() ? "" : " (" + String.join(", ", cosigned)
            + ")"));
      }
      return "; cosigned by " + cosigned.size() + " of " + witnesses.size() + " witnesses (" + String.join(", ",
          cosigned) + "), quorum " + quorum;
    }

    private String consistency() throws Failed, NotApplicable {
      Map<?, ?> c = (Map<?, ?>) b.get("consistency");
      if (known == null) {
        throw new NotApplicable("no earlier checkpoint of this log is known"
            + (c == null ? "" : "; the bundle's consistency proof was not needed"));
      }
      String origin = known.split("\n", 2)[0];
      Checkpoint k = null;
      for (NoteKey key : noteKeys(origin)) {
        try {
          k = Checkpoints.verify(known, List.of(key), List.of(), origin, h.digestLength());
          break;
        } catch (CheckpointException e) {
          // try the next trusted key
        }
      }
      if (k == null) {
        throw new Failed("UNTRUSTED_CHECKPOINT", "the known checkpoint is not signed by a trusted key");
      }
      if (!k.origin().equals(cp.origin())) {
        throw new NotApplicable("the known checkpoint is of another log (" + k.origin() + ")");
      }
      if (k.size() == cp.size()) {
        if (!java.util.Arrays.equals(k.rootHash(), cp.rootHash())) {
          throw new Failed("FORKED_LOG", "two checkpoints of size " + k.size() + " with different roots: "
              + Hash.of(k.rootHash()) + " known, " + Hash.of(cp.rootHash()) + " in the bundle");
        }
        return "the bundle's checkpoint is the known one";
      }
      if (k.size() > cp.size()) {
        throw new Failed("CONSISTENCY_UNPROVEN", "the bundle's checkpoint (" + cp.size()
            + ") is older than the known one (" + k.size() + "); ask for a bundle against a newer checkpoint");
      }
      if (c == null || !Long.valueOf(k.size()).equals(c.get("from"))) {
        throw new Failed("CONSISTENCY_UNPROVEN", "the bundle carries no consistency proof from the known size "
            + k.size() + " to " + cp.size());
      }
      try {
        MerkleProofs.verifyConsistency(h, k.size(), cp.size(), hashes(c.get("proof"), "consistency.proof"),
            k.rootHash(), cp.rootHash());
      } catch (io.ddc.merkle.ProofException e) {
        throw new Failed("FORKED_LOG", "the log of checkpoint " + cp.size() + " does not extend the known one of "
            + k.size() + ": " + e.getMessage());
      }
      return "the log grew consistently from the known size " + k.size() + " to " + cp.size();
    }

    private Event event(Object json, String where) throws Failed {
      try {
        return Event.fromJson(json);
      } catch (MalformedDataException e) {
        throw new Failed("MALFORMED_BUNDLE", where + ": " + e.getMessage());
      }
    }

    private void included(long seq, Event e, Object proof, String code, String what) throws Failed {
      try {
        MerkleProofs.verifyInclusion(h, seq, cp.size(), h.leafHash(e.toBytes()), hashes(proof, what),
            cp.rootHash());
      } catch (io.ddc.merkle.ProofException x) {
        throw new Failed(code, what + " at " + seq + " is not in the log of checkpoint " + cp.size() + ": "
            + x.getMessage());
      }
    }

    private String mintInclusion() throws Failed {
      Map<?, ?> m = (Map<?, ?>) b.get("mint");
      mintSeq = (Long) m.get("seq");
      mint = event(m.get("event"), "mint.event");
      if (mint.type() != EventType.MINTED || mint.number("ddc") != ddc) {
        throw new Failed("NOT_THE_MINT", "mint.event is a " + mint.type().id() + " of DDC "
            + mint.optNumber("ddc").orElse(-1) + ", not the mint of DDC " + ddc);
      }
      included(mintSeq, mint, m.get("inclusion"), "MINT_NOT_IN_LOG", "the mint event");
      facts.put("ddc", ddc);
      facts.put("kind", mint.string("kind"));
      return "the mint of DDC " + ddc + " is event " + mintSeq + " of the log";
    }

    /** The size and root of the checkpoint's extension line {@code name <size> <base64 root>}. */
    private TreeHead head(String name, String missingCode) throws Failed {
      for (String ext : cp.extensions()) {
        String[] p = ext.split(" ");
        if (p.length == 3 && p[0].equals(name)) {
          try {
            long n = Long.parseLong(p[1]);
            byte[] root = Base64.getDecoder().decode(p[2]);
            if (n < 0 || root.length != h.digestLength()) {
              throw new IllegalArgumentException("bad size or root length");
            }
            return new TreeHead(n, root);
          } catch (IllegalArgumentException e) {
            throw new Failed("MALFORMED_CHECKPOINT", "the checkpoint's " + name + " line does not parse: " + ext);
          }
        }
      }
      throw new Failed(missingCode, "the checkpoint carries no " + name + " root");
    }

    private String issuer() throws Failed {
      Map<?, ?> m = (Map<?, ?>) b.get("issuer");
      Map<?, ?> account = (Map<?, ?>) m.get("leaf");
      String actor = mint.cause().header().actor().value();
      if (!actor.equals(account.get("did"))) {
        throw new Failed("ISSUER_MISMATCH", "issuer.leaf is the account of " + account.get("did")
            + ", but the mint was requested by " + actor);
      }
      if (!(account.get("index") instanceof Long) || (Long) account.get("index") < 0) {
        throw new Failed("MALFORMED_BUNDLE", "issuer.leaf.index must be a non-negative integer");
      }
      long index = (Long) account.get("index");
      if (!(account.get("keys") instanceof List)) {
        throw new Failed("MALFORMED_BUNDLE", "issuer.leaf.keys must be an array");
      }
      issuerKeys = new ArrayList<>();
      for (Object k : (List<?>) account.get("keys")) {
        try {
          issuerKeys.add(AccountKey.fromJson(k, "issuer.leaf.keys[]"));
        } catch (MalformedDataException e) {
          throw new Failed("MALFORMED_BUNDLE", e.getMessage());
        }
      }
      TreeHead t = head("accounts", "NO_ACCOUNT_ROOT");
      try {
        MerkleProofs.verifyInclusion(h, index, t.size(), h.leafHash(CanonicalJson.write(account)),
            hashes(m.get("path"), "issuer.path"), t.root());
      } catch (io.ddc.merkle.ProofException x) {
        throw new Failed("ISSUER_NOT_PROVEN", "the issuer's account leaf is not in the checkpoint's account tree: "
            + x.getMessage());
      }
      facts.put("issuer", actor);
      if (account.get("name") instanceof String) {
        facts.put("issuerName", account.get("name"));
      }
      return "issuer " + actor + " is account " + index + " of the checkpoint's account tree, with "
          + issuerKeys.size() + " key record(s)";
    }

    private String requestSignature() throws Failed {
      Map<?, ?> m = (Map<?, ?>) b.get("mint");
      if (!mint.cause().header().ledger().equals(cp.origin())) {
        throw new Failed("WRONG_LEDGER", "the request is for " + mint.cause().header().ledger() + ", the log is "
            + cp.origin());
      }
      List<Hash> path = new ArrayList<>();
      for (byte[] x : hashes(m.get("itemPath"), "mint.itemPath")) {
        path.add(Hash.of(x));
      }
      try {
        mint.cause().verifyItem(path);
      } catch (io.ddc.merkle.ProofException x) {
        throw new Failed("ITEM_NOT_SIGNED", "the mint item is not in the signed request: " + x.getMessage());
      }
      byte[] signed = mint.cause().header().signingBytes();
      long at = mint.at();
      for (AccountKey k : issuerKeys) {
        Verifier v;
        try {
          v = verifier(Hex.decode(k.key()));
        } catch (MalformedEncodingException x) {
          throw new Failed("MALFORMED_BUNDLE", "an issuer key does not decode: " + x.getMessage());
        }
        if (!v.isValid(signed, mint.cause().signature())) {
          continue;
        }
        if (k.compromisedSince() != null && at >= k.compromisedSince()) {
          throw new Failed("KEY_REVOKED", "the request was signed at " + at + " ms with a key the issuer revoked "
              + "as compromised since " + k.compromisedSince() + " ms: what it signed from then on is void");
        }
        if (at < k.from() || k.until() != null && at >= k.until()) {
          throw new Failed("KEY_NOT_VALID", "the request was signed at " + at + " ms with a key valid from "
              + k.from() + (k.until() == null ? "" : " until " + k.until()) + " ms");
        }
        String status = k.compromisedSince() != null ? "revoked" : k.until() != null ? "retired" : "current";
        facts.put("issuerKey", status);
        return "the platform's SM2 signature over the request verifies with a key valid when the mint was logged"
            + (status.equals("current") ? "" : " (the key was " + status + " later, at " + k.until() + " ms"
                + (k.compromisedSince() == null ? "" : ", compromised since " + k.compromisedSince() + " ms") + ")");
      }
      throw new Failed("BAD_REQUEST_SIGNATURE", "the request signature does not verify with the issuer's keys");
    }

    private String metadata() throws Failed {
      Map<?, ?> md = (Map<?, ?>) b.get("metadata");
      Map<String, Object> revealed = new TreeMap<>();
      List<Hash> salts = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Object o : (List<?>) md.get("revealed")) {
        Map<?, ?> f = (Map<?, ?>) o;
        String path = (String) f.get("path");
        try {
          salts.add(Hash.fromHex((String) f.get("salt")));
        } catch (MalformedDataException e) {
          throw new Failed("MALFORMED_BUNDLE", "metadata field " + path + ": " + e.getMessage());
        }
        paths.add(path);
        values.add(new String(CanonicalJson.write(f.get("value")), StandardCharsets.UTF_8));
        revealed.put(path, f.get("value"));
      }
      List<Hash> digests = new ArrayList<>(Metadata.fieldDigests(salts, paths, values));
      List<?> hidden = (List<?>) md.get("hidden");
      for (Object o : hidden) {
        try {
          digests.add(Hash.fromHex((String) o));
        } catch (MalformedDataException e) {
          throw new Failed("MALFORMED_BUNDLE", "a hidden field digest: " + e.getMessage());
        }
      }
      var want = mint.optHash("metadataRoot");
      if (want.isEmpty()) {
        if (!digests.isEmpty()) {
          throw new Failed("METADATA_MISMATCH", "the mint committed to no metadata, but the bundle has fields");
        }
        return "the certificate has no metadata";
      }
      Hash root = Metadata.rootOf(digests);
      if (!root.equals(want.get())) {
        throw new Failed("METADATA_MISMATCH", "the fields give metadata root " + root + ", the mint committed to "
            + want.get());
      }
      facts.put("revealed", revealed);
      facts.put("hiddenFields", (long) hidden.size());
      return revealed.size() + " field(s) revealed, " + hidden.size() + " hidden; the root matches the mint";
    }

    private String stateProof() throws Failed {
      Map<?, ?> st = (Map<?, ?>) b.get("state");
      if (!(st.get("leaf") instanceof Map)) {
        throw new Failed("MALFORMED_BUNDLE", "state.leaf must be an object");
      }
      leaf = (Map<?, ?>) st.get("leaf");
      TreeHead t = head("state", "NO_STATE_ROOT");
      long n = t.size();
      byte[] root = t.root();
      if (!Long.valueOf(ddc).equals(leaf.get("id")) || !mint.string("kind").equals(leaf.get("kind"))) {
        throw new Failed("STATE_NOT_PROVEN", "the state leaf is of DDC " + leaf.get("id") + " (" + leaf.get("kind")
            + "), not " + ddc);
      }
      var leafRoot = leaf.get("metadataRoot");
      if (!Objects.equals(leafRoot, mint.raw("metadataRoot"))) {
        throw new Failed("STATE_NOT_PROVEN", "the state leaf's metadata root differs from the mint's");
      }
      try {
        MerkleProofs.verifyInclusion(h, ddc - 1, n, h.leafHash(CanonicalJson.write(leaf)),
            hashes(st.get("path"), "state.path"), root);
      } catch (io.ddc.merkle.ProofException x) {
        throw new Failed("STATE_NOT_PROVEN", "the state leaf is not in the checkpoint's state tree: " + x.getMessage());
      }
      if (leaf.get("owner") != null) {
        facts.put("owner", leaf.get("owner"));
      }
      return "the DDC's current state is leaf " + (ddc - 1) + " of the state tree of " + n;
    }

    private String status() throws Failed {
      Object s = leaf.get("status");
      facts.put("status", s);
      if ("frozen".equals(s)) {
        throw new Failed("DDC_FROZEN", "DDC " + ddc + " is frozen");
      }
      if ("burned".equals(s)) {
        throw new Failed("DDC_BURNED", "DDC " + ddc + " is burned");
      }
      if (!"active".equals(s)) {
        throw new Failed("STATE_NOT_PROVEN", "unknown status " + s);
      }
      return "DDC " + ddc + " is active" + (leaf.get("owner") == null ? "" : ", owned by " + leaf.get("owner"));
    }

    private String freshness() throws Failed {
      for (String ext : cp.extensions()) {
        String[] p = ext.split(" ");
        if (p.length == 2 && p[0].equals("time")) {
          long t;
          try {
            t = Long.parseLong(p[1]);
          } catch (NumberFormatException e) {
            throw new Failed("MALFORMED_CHECKPOINT", "the checkpoint's time line does not parse: " + ext);
          }
          long age = clock.millis() - t;
          facts.put("checkpointTime", t);
          if (age > maxAge.toMillis()) {
            throw new Failed("STALE_CHECKPOINT", "the checkpoint is " + Duration.ofMillis(age).toHours()
                + " h old; at most " + maxAge.toHours() + " h accepted");
          }
          return "the checkpoint is " + Duration.ofMillis(Math.max(0, age)).toMinutes() + " min old (at most "
              + maxAge.toDays() + " d)";
        }
      }
      throw new Failed("NO_CHECKPOINT_TIME", "the checkpoint carries no time line");
    }
  }

  private record TreeHead(long size, byte[] root) {}

  private static List<byte[]> hashes(Object v, String where) throws Failed {
    List<byte[]> out = new ArrayList<>();
    if (!(v instanceof List)) {
      throw new Failed("MALFORMED_BUNDLE", where + " must be an array of hashes");
    }
    for (Object o : (List<?>) v) {
      try {
        out.add(Hash.fromHex((String) o).toByteArray());
      } catch (MalformedDataException | ClassCastException e) {
        throw new Failed("MALFORMED_BUNDLE", where + " holds something that is not a hash");
      }
    }
    return out;
  }

  // ---- strict shape checks, shared with redaction ----

  static Map<String, Object> parseBundle(byte[] bytes) throws MalformedDataException {
    if (bytes.length > MAX_BUNDLE_BYTES) {
      throw new MalformedDataException("a bundle is at most " + MAX_BUNDLE_BYTES + " bytes, but this one is "
          + bytes.length);
    }
    Object v;
    try {
      v = CanonicalJson.parse(bytes);
    } catch (JsonFormatException e) {
      throw new MalformedDataException("the bundle is not acceptable JSON: " + e.getMessage());
    }
    Map<?, ?> b = object(v, "bundle");
    members(b, "bundle", Set.of("v", "type", "ddc", "checkpoint", "mint", "issuer", "state", "metadata"),
        Set.of("consistency"));
    if (b.containsKey("consistency")) {
      Map<?, ?> c = object(b.get("consistency"), "consistency");
      members(c, "consistency", Set.of("from", "proof"));
      if (!(c.get("from") instanceof Long) || (Long) c.get("from") < 1) {
        throw new MalformedDataException("consistency.from must be a positive integer");
      }
    }
    if (!Long.valueOf(Bundles.VERSION).equals(b.get("v")) || !"ddc.bundle".equals(b.get("type"))) {
      throw new MalformedDataException("expected a version-1 ddc.bundle, but found v " + b.get("v") + ", type "
          + b.get("type"));
    }
    if (!(b.get("ddc") instanceof Long) || (Long) b.get("ddc") < 1) {
      throw new MalformedDataException("bundle.ddc must be a positive integer");
    }
    if (!(b.get("checkpoint") instanceof String)) {
      throw new MalformedDataException("bundle.checkpoint must be the signed note's text");
    }
    Map<?, ?> mint = object(b.get("mint"), "mint");
    members(mint, "mint", Set.of("seq", "event", "inclusion", "itemPath"));
    seq(mint, "mint");
    Map<?, ?> issuer = object(b.get("issuer"), "issuer");
    members(issuer, "issuer", Set.of("leaf", "path"));
    object(issuer.get("leaf"), "issuer.leaf");
    Map<?, ?> st = object(b.get("state"), "state");
    members(st, "state", Set.of("leaf", "path"));
    Map<?, ?> md = object(b.get("metadata"), "metadata");
    members(md, "metadata", Set.of("revealed", "hidden"));
    for (Object o : list(md.get("revealed"), "metadata.revealed")) {
      Map<?, ?> f = object(o, "metadata.revealed[]");
      members(f, "metadata.revealed[]", Set.of("path", "value", "salt"));
      if (!(f.get("path") instanceof String) || !(f.get("salt") instanceof String)) {
        throw new MalformedDataException("a revealed field needs a path and a salt");
      }
    }
    for (Object o : list(md.get("hidden"), "metadata.hidden")) {
      if (!(o instanceof String)) {
        throw new MalformedDataException("metadata.hidden holds digests (strings)");
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) b;
    return out;
  }

  private static void seq(Map<?, ?> m, String where) throws MalformedDataException {
    if (!(m.get("seq") instanceof Long) || (Long) m.get("seq") < 0) {
      throw new MalformedDataException(where + ".seq must be a non-negative integer");
    }
  }

  static Map<?, ?> object(Object v, String where) throws MalformedDataException {
    if (!(v instanceof Map)) {
      throw new MalformedDataException(where + " must be an object");
    }
    return (Map<?, ?>) v;
  }

  static List<?> list(Object v, String where) throws MalformedDataException {
    if (!(v instanceof List)) {
      throw new MalformedDataException(where + " must be an array");
    }
    return (List<?>) v;
  }

  private static void members(Map<?, ?> m, String where, Set<String> allowed) throws MalformedDataException {
    members(m, where, allowed, Set.of());
  }

  private static void members(Map<?, ?> m, String where, Set<String> allowed, Set<String> optional)
      throws MalformedDataException {
    for (Object k : m.keySet()) {
      if (!allowed.contains(k) && !optional.contains(k)) {
        throw new MalformedDataException(where + " has the unknown member \"" + k + "\"");
      }
    }
    for (String k : allowed) {
      if (!m.containsKey(k)) {
        throw new MalformedDataException(where + " lacks \"" + k + "\"");
      }
    }
  }

}
