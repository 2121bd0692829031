package io.ddc.bundle;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.SignedNote;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.ProofException;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.AccountKey;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.EventType;
import io.ddc.model.Hash;
import io.ddc.model.Item;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.RequestHeader;
import io.ddc.model.StateLeaf;
import io.ddc.sign.Signers;
import io.ddc.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a version-2 proof bundle offline (docs/BUNDLE.md, the normative specification), against
 * nothing but the verifier's trusted (origin, Operator key) pairs: the checkpoint's signature, body
 * and time → consistency with a known checkpoint → the mint event's inclusion → the issuer's
 * account leaf with its key history → the issuer's request signature over the mint item, by a key
 * valid when the mint was logged → every fact of the mint event equal to what the issuer signed →
 * the revealed fields against the signed metadata root → the DDC's state leaf, bound to the mint →
 * its status → the checkpoint's age. Fail closed: the first failure stops the checks and the
 * later steps are reported SKIPPED. Thread-safe; build one with {@link #builder()}.
 */
public final class BundleVerifier {
  /** Largest bundle accepted, in bytes. */
  public static final int MAX_BUNDLE_BYTES = CanonicalJson.MAX_INPUT_BYTES;
  /** How far a checkpoint's time may be ahead of the verifier's clock unless the builder says otherwise. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

  /** The steps, in the order they run. */
  public static final List<String> STEPS = List.of("PARSE", "CHECKPOINT_SIGNATURE", "CONSISTENCY", "MINT_INCLUSION",
      "ISSUER_KEY", "REQUEST_SIGNATURE", "MINT_BINDING", "METADATA", "STATE_PROOF", "STATUS", "FRESHNESS");

  private final Map<String, List<NoteKey>> trusted;
  private final Duration maxAge;
  private final Duration skew;
  private final Clock clock;
  private final List<NoteKey> witnesses;
  private final int quorum;
  /** Checkpoint notes whose signatures and witness quorum were verified: many bundles share one checkpoint. */
  private final ConcurrentHashMap<String, Checkpoint> verifiedCheckpoints = new ConcurrentHashMap<>();
  /** SM2 verifiers are costly to set up (Z_A, the key's precomputation): one per key. */
  private final ConcurrentHashMap<String, Verifier> verifiers = new ConcurrentHashMap<>();

  private BundleVerifier(Builder b) {
    Map<String, List<NoteKey>> t = new TreeMap<>();
    b.trusted.forEach((origin, keys) -> {
      List<NoteKey> l = new ArrayList<>();
      for (Sm2PublicKey k : keys) {
        l.add(NoteKey.of(origin, Signers.sm2(k)));
      }
      t.put(origin, List.copyOf(l));
    });
    this.trusted = Map.copyOf(t);
    this.maxAge = b.maxAge;
    this.skew = b.skew;
    this.clock = b.clock;
    this.witnesses = List.copyOf(b.witnesses);
    this.quorum = b.quorum;
  }

  /** A builder: at least one trusted (origin, key) pair and an explicit freshness policy are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link BundleVerifier}. */
  public static final class Builder {
    private final Map<String, List<Sm2PublicKey>> trusted = new TreeMap<>();
    private Duration maxAge;
    private boolean anyAge;
    private Duration skew = DEFAULT_CLOCK_SKEW;
    private Clock clock = Clock.systemUTC();
    private List<NoteKey> witnesses = List.of();
    private int quorum;

    private Builder() {}

    /**
     * Trusts checkpoints of the log named {@code origin} signed by {@code operatorKey} (SM2, key
     * name = origin). Repeat for several keys (a key rotation's overlap) or several logs.
     */
    public Builder trust(String origin, Sm2PublicKey operatorKey) {
      Objects.requireNonNull(operatorKey, "operatorKey");
      if (origin == null || origin.isEmpty() || origin.indexOf('\n') >= 0 || origin.indexOf(' ') >= 0
          || origin.indexOf('+') >= 0) {
        throw new IllegalArgumentException("an origin is one non-empty line without spaces or '+', not "
            + (origin == null ? "null" : "\"" + Did.printable(origin) + "\""));
      }
      trusted.computeIfAbsent(origin, o -> new ArrayList<>()).add(operatorKey);
      return this;
    }

    /** Bundles whose checkpoint is older than {@code age} fail with {@code STALE_CHECKPOINT}. */
    public Builder maxAge(Duration age) {
      if (age.isNegative()) {
        throw new IllegalArgumentException("the maximum age must not be negative, but is " + age);
      }
      this.maxAge = age;
      this.anyAge = false;
      return this;
    }

    /**
     * Accepts checkpoints of any age: the report still states the checkpoint's time and age, and
     * the caller judges whether the status it proves is recent enough.
     */
    public Builder anyAge() {
      this.maxAge = null;
      this.anyAge = true;
      return this;
    }

    /** How far a checkpoint's time may lie after this verifier's clock (default {@link #DEFAULT_CLOCK_SKEW}). */
    public Builder clockSkew(Duration s) {
      if (s.isNegative()) {
        throw new IllegalArgumentException("the clock skew must not be negative, but is " + s);
      }
      this.skew = s;
      return this;
    }

    /** The verifier's clock (default: the system clock). */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Requires that at least {@code quorum} distinct {@code witnesses} cosigned the bundle's
     * checkpoint ({@code WITNESS_QUORUM_NOT_MET} otherwise). Names and keys must be distinct, and
     * no witness may use a trusted log key (its cosignature would be the log's own signature).
     */
    public Builder witnesses(List<NoteKey> witnesses, int quorum) {
      if (quorum < 1 || quorum > witnesses.size()) {
        throw new IllegalArgumentException("the quorum must be between 1 and the " + witnesses.size()
            + " witnesses, but is " + quorum);
      }
      Set<String> names = new HashSet<>();
      Set<String> keys = new HashSet<>();
      for (NoteKey w : witnesses) {
        if (!names.add(w.name())) {
          throw new IllegalArgumentException("witness " + w.name() + " is listed twice");
        }
        if (!keys.add(Hex.encode(w.verifier().publicKey()))) {
          throw new IllegalArgumentException("witness " + w.name() + " has the same public key as another listed "
              + "witness: one key counts once towards a quorum");
        }
      }
      this.witnesses = List.copyOf(witnesses);
      this.quorum = quorum;
      return this;
    }

    /** The verifier. */
    public BundleVerifier build() {
      if (trusted.isEmpty()) {
        throw new IllegalArgumentException("a verifier needs at least one trusted (origin, key) pair");
      }
      if (maxAge == null && !anyAge) {
        throw new IllegalStateException("choose a freshness policy: maxAge(Duration) or anyAge()");
      }
      Set<String> logKeys = new HashSet<>();
      trusted.values().forEach(l -> l.forEach(k -> logKeys.add(Hex.encode(k.toUncompressed()))));
      for (NoteKey w : witnesses) {
        if (logKeys.contains(Hex.encode(w.verifier().publicKey()))) {
          throw new IllegalArgumentException("witness " + w.name() + " uses the key of the log (a trusted Operator "
              + "key): its cosignature would prove nothing beyond the log's own signature");
        }
      }
      return new BundleVerifier(this);
    }
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
   * or null): the bundle's checkpoint must then be the same tree or a consistent extension of it,
   * proved by the bundle's {@code consistency} member ({@code FORKED_LOG}, {@code CONSISTENCY_UNPROVEN}).
   *
   * @throws IllegalArgumentException if {@code knownCheckpoint} is not signed by a trusted (origin, key)
   *     pair: it is the caller's own input, not the bundle's
   */
  public VerificationReport verify(byte[] bundle, String knownCheckpoint) {
    Checkpoint known = null;
    if (knownCheckpoint != null) {
      known = checkKnown(knownCheckpoint);
    }
    List<VerificationReport.Step> steps = new ArrayList<>();
    Run run = new Run(bundle, known);
    boolean failed = false;
    for (String step : STEPS) {
      if (failed) {
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
        failed = true;
        steps.add(new VerificationReport.Step(step, VerificationReport.Outcome.FAILED, f.code, f.getMessage()));
      } catch (RuntimeException e) {
        // every shape is checked while parsing; reaching this is a verifier defect, reported, never thrown
        failed = true;
        steps.add(new VerificationReport.Step(step, VerificationReport.Outcome.FAILED, "MALFORMED_BUNDLE",
            "the bundle does not have the expected shape: " + e.getClass().getSimpleName()));
      }
    }
    return new VerificationReport(steps, failed ? null : run.claims());
  }

  /** Parses and checks a known checkpoint given by the caller. */
  private Checkpoint checkKnown(String note) {
    String origin = note.split("\n", 2)[0];
    List<NoteKey> keys = trusted.get(origin);
    if (keys == null) {
      throw new IllegalArgumentException("the known checkpoint is of " + Bundle.show(origin)
          + ", which this verifier does not trust (trusted: " + trusted.keySet() + ")");
    }
    try {
      SignedNote n = SignedNote.parse(note);
      if (countValid(n, keys) == 0) {
        throw new IllegalArgumentException("the known checkpoint is not signed by a trusted key of " + origin);
      }
      return CheckpointBody.parse(n.text()).checkpoint();
    } catch (CheckpointException | MalformedDataException e) {
      throw new IllegalArgumentException("the known checkpoint is malformed: " + e.getMessage());
    }
  }

  /** How many of {@code keys} made a valid signature line of {@code n}, each key counted once. */
  private static int countValid(SignedNote n, List<NoteKey> keys) {
    byte[] text = n.text().getBytes(StandardCharsets.UTF_8);
    int count = 0;
    for (NoteKey k : keys) {
      for (SignedNote.Signature s : n.signatures()) {
        if (s.keyName().equals(k.name()) && s.keyId() == k.keyId() && k.verifier().isValid(text, s.bytes())) {
          count++;
          break;
        }
      }
    }
    return count;
  }

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

  /** The checks of one bundle, step by step. */
  private final class Run {
    private final byte[] raw;
    private final Checkpoint known;
    private final TreeHasher h = TreeHasher.sm3();
    private Bundle b;
    private CheckpointBody body;
    private Event mint;
    private Item item;
    private RequestHeader header;
    private String issuerKeyStatus;
    private SortedMap<String, Object> revealed;
    private SortedMap<Did, Long> holders;
    private long now;

    Run(byte[] raw, Checkpoint known) {
      this.raw = raw;
      this.known = known;
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
        case "MINT_BINDING":
          return binding();
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
        b = Bundle.parse(raw);
        return "a version-2 bundle for DDC " + b.ddc() + ", " + raw.length + " bytes";
      } catch (MalformedDataException e) {
        throw new Failed("MALFORMED_BUNDLE", e.getMessage());
      } catch (Bundle.UnsupportedVersionException e) {
        throw new Failed("UNSUPPORTED_VERSION", e.getMessage());
      }
    }

    private String checkpoint() throws Failed {
      now = clock.millis();
      String note = b.checkpoint();
      Checkpoint seen = verifiedCheckpoints.get(note);
      String how = " (verified before)";
      SignedNote n;
      try {
        n = SignedNote.parse(note);
      } catch (CheckpointException e) {
        throw new Failed("MALFORMED_CHECKPOINT", "the checkpoint is not a signed note: " + e.getMessage());
      }
      String origin = n.text().split("\n", 2)[0];
      List<NoteKey> keys = trusted.get(origin);
      if (keys == null) {
        throw new Failed("UNTRUSTED_ORIGIN", "the checkpoint is of the log " + Bundle.show(origin)
            + ", which this verifier does not trust (trusted: " + trusted.keySet() + ")");
      }
      if (seen == null) {
        how = "";
        if (countValid(n, keys) == 0) {
          throw new Failed("UNTRUSTED_CHECKPOINT", "no signature line of the checkpoint verifies with a trusted key "
              + "of " + origin);
        }
      }
      try {
        body = CheckpointBody.parse(n.text());
      } catch (CheckpointException | MalformedDataException e) {
        throw new Failed("MALFORMED_CHECKPOINT", e.getMessage());
      }
      if (body.time() > now + skew.toMillis()) {
        throw new Failed("FUTURE_CHECKPOINT", "the checkpoint is dated " + Instant.ofEpochMilli(body.time())
            + ", more than " + skew.toSeconds() + " s after this verifier's clock (" + Instant.ofEpochMilli(now)
            + ")");
      }
      String cosigned = seen == null ? witnessQuorum(n) : "";
      if (seen == null) {
        if (verifiedCheckpoints.size() >= 256) {
          verifiedCheckpoints.clear();
        }
        verifiedCheckpoints.put(note, body.checkpoint());
      }
      return "checkpoint of " + origin + " at size " + body.size() + ", dated " + Instant.ofEpochMilli(body.time())
          + ", signed by a trusted key" + how + cosigned;
    }

    /** Checks the witness quorum, if one is configured; describes it for the report. */
    private String witnessQuorum(SignedNote n) throws Failed {
      if (quorum == 0) {
        return "";
      }
      byte[] text = n.text().getBytes(StandardCharsets.UTF_8);
      List<String> cosigned = new ArrayList<>();
      for (NoteKey w : witnesses) {
        for (SignedNote.Signature sig : n.signatures()) {
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
      Optional<Bundle.Consistency> c = b.consistency();
      if (known == null) {
        throw new NotApplicable("no earlier checkpoint of this log is known"
            + (c.isEmpty() ? "" : "; the bundle's consistency proof was not needed"));
      }
      Checkpoint cp = body.checkpoint();
      if (!known.origin().equals(cp.origin())) {
        throw new Failed("CONSISTENCY_UNPROVEN", "the known checkpoint is of " + known.origin() + ", the bundle's of "
            + cp.origin());
      }
      if (known.size() == cp.size()) {
        // same size: every commitment (log root, state and accounts lines) must agree; only the time may differ
        if (!java.util.Arrays.equals(known.rootHash(), cp.rootHash())
            || !known.extensions().subList(0, 2).equals(cp.extensions().subList(0, 2))) {
          throw new Failed("FORKED_LOG", "two checkpoints of size " + known.size() + " that commit to different "
              + "things: " + known + " known, " + cp + " in the bundle");
        }
        return "the bundle's checkpoint commits to what the known one does";
      }
      if (known.size() > cp.size()) {
        throw new Failed("CONSISTENCY_UNPROVEN", "the bundle's checkpoint (" + cp.size()
            + ") is older than the known one (" + known.size() + "); ask for a bundle against a newer checkpoint");
      }
      if (c.isEmpty() || c.get().from() != known.size()) {
        throw new Failed("CONSISTENCY_UNPROVEN", "the bundle carries no consistency proof from the known size "
            + known.size() + " to " + cp.size());
      }
      try {
        MerkleProofs.verifyConsistency(h, known.size(), cp.size(), bytes(c.get().proof()), known.rootHash(),
            cp.rootHash());
      } catch (ProofException e) {
        throw new Failed("FORKED_LOG", "the log of checkpoint " + cp.size() + " does not extend the known one of "
            + known.size() + ": " + e.getMessage());
      }
      return "the log grew consistently from the known size " + known.size() + " to " + cp.size();
    }

    private String mintInclusion() throws Failed {
      Bundle.Mint m = b.mint();
      mint = m.event();
      if (mint.type() != EventType.MINTED || mint.number("ddc") != b.ddc()) {
        throw new Failed("NOT_THE_MINT", "mint.event is a " + mint.type().id() + " of DDC "
            + mint.optNumber("ddc").orElse(-1) + ", not the mint of DDC " + b.ddc());
      }
      try {
        MerkleProofs.verifyInclusion(h, m.seq(), body.size(), h.leafHash(mint.toBytes()), bytes(m.inclusion()),
            body.checkpoint().rootHash());
      } catch (ProofException x) {
        throw new Failed("MINT_NOT_IN_LOG", "the mint event at " + m.seq() + " is not in the log of checkpoint "
            + body.size() + ": " + x.getMessage());
      }
      if (mint.at() > body.time()) {
        throw new Failed("MINT_AFTER_CHECKPOINT", "the mint is dated " + mint.at() + " ms, after the checkpoint that "
            + "includes it (" + body.time() + " ms)");
      }
      return "the mint of DDC " + b.ddc() + " is event " + m.seq() + " of the log, logged at "
          + Instant.ofEpochMilli(mint.at());
    }

    private String issuer() throws Failed {
      Bundle.AccountLeafView leaf = b.issuer().leaf();
      header = mint.cause().header();
      if (!header.actor().equals(leaf.did())) {
        throw new Failed("ISSUER_MISMATCH", "issuer.leaf is the account of " + leaf.did()
            + ", but the mint was requested by " + header.actor());
      }
      try {
        MerkleProofs.verifyInclusion(h, leaf.index(), body.accountsSize(), h.leafHash(leaf.bytes()),
            bytes(b.issuer().path()), body.accountsRoot());
      } catch (ProofException x) {
        throw new Failed("ISSUER_NOT_PROVEN", "the issuer's account leaf is not in the checkpoint's account tree: "
            + x.getMessage());
      }
      return "issuer " + leaf.did() + " (" + leaf.name() + ") is account " + leaf.index()
          + " of the checkpoint's account tree, with " + leaf.keys().size() + " key record(s)";
    }

    private String requestSignature() throws Failed {
      if (!header.ledger().equals(body.origin())) {
        throw new Failed("WRONG_LEDGER", "the request is for " + header.ledger() + ", the log is " + body.origin());
      }
      List<Hash> path = b.mint().itemPath();
      try {
        mint.cause().verifyItem(path);
      } catch (ProofException x) {
        throw new Failed("ITEM_NOT_SIGNED", "the mint item is not in the signed request: " + x.getMessage());
      }
      byte[] signed = header.signingBytes();
      long at = mint.at();
      for (AccountKey k : b.issuer().leaf().keys()) {
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
        issuerKeyStatus = k.compromisedSince() != null ? "revoked" : k.until() != null ? "retired" : "current";
        return "the issuer's SM2 signature over the request verifies with a key valid when the mint was logged"
            + (issuerKeyStatus.equals("current") ? "" : " (the key was " + issuerKeyStatus + " later, at " + k.until()
                + " ms" + (k.compromisedSince() == null ? "" : ", compromised since " + k.compromisedSince() + " ms")
                + ")");
      }
      throw new Failed("BAD_REQUEST_SIGNATURE", "the request signature does not verify with the issuer's keys");
    }

    /** Every member of the mint event's data must be what the issuer signed (or, for the id, the bundle's). */
    private String binding() throws Failed {
      Operation op = header.operation();
      item = mint.cause().item();
      Map<String, Object> want = new LinkedHashMap<>();
      want.put("ddc", b.ddc());
      want.put("kind", op.kind().id());
      want.put("creator", header.actor().value());
      want.put("to", item.raw("to"));
      want.put("amount", op.kind() == DdcKind.DDC_721 ? Long.valueOf(1) : item.raw("amount"));
      want.put("uri", item.raw("uri"));
      want.put("metadataRoot", item.raw("metadataRoot"));
      want.put("ref", item.raw("ref"));
      want.put("locked", item.flag("locked"));
      Map<String, Object> got = mint.data();
      for (Map.Entry<String, Object> e : want.entrySet()) {
        if (!Objects.equals(e.getValue(), got.get(e.getKey()))) {
          throw new Failed("MINT_NOT_AS_SIGNED", "the mint event's " + e.getKey() + " is " + shown(got.get(e.getKey()))
              + ", but the issuer signed " + shown(e.getValue()));
        }
      }
      for (String k : got.keySet()) {
        if (!want.containsKey(k)) {
          throw new Failed("MINT_NOT_AS_SIGNED", "the mint event has " + k + ", which the issuer did not sign");
        }
      }
      if (header.deadline().isPresent() && mint.at() > header.deadline().getAsLong()) {
        throw new Failed("DEADLINE_PASSED", "the mint was logged at " + mint.at() + " ms, after the request's "
            + "deadline " + header.deadline().getAsLong() + " ms");
      }
      return "the mint event says what the issuer signed: a " + op.id() + " of " + want.get("amount") + " to "
          + want.get("to") + (header.deadline().isPresent() ? ", logged before the deadline" : "");
    }

    private String metadata() throws Failed {
      Bundle.Disclosure md = b.metadata();
      Optional<Hash> want = item.optHash("metadataRoot");
      revealed = new TreeMap<>();
      if (want.isEmpty()) {
        if (!md.revealed().isEmpty() || !md.hidden().isEmpty()) {
          throw new Failed("METADATA_MISMATCH", "the issuer signed no metadata root, but the bundle has fields");
        }
        return "the issuer signed no metadata";
      }
      List<Hash> salts = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Bundle.Field f : md.revealed()) {
        salts.add(f.salt());
        paths.add(f.path());
        values.add(f.canonicalValue());
        revealed.put(f.path(), f.value());
      }
      List<Hash> digests = new ArrayList<>(Metadata.fieldDigests(salts, paths, values));
      digests.addAll(md.hidden());
      Hash root = Metadata.rootOf(digests);
      if (!root.equals(want.get())) {
        throw new Failed("METADATA_MISMATCH", "the fields give metadata root " + root + ", the issuer signed "
            + want.get());
      }
      return md.revealed().size() + " field(s) revealed, " + md.hidden().size()
          + " hidden; they give the metadata root the issuer signed";
    }

    private String stateProof() throws Failed {
      Bundle.StateLeafView leaf = b.state().leaf();
      Operation op = header.operation();
      String differs = leaf.id() != b.ddc() ? "id " + leaf.id()
          : leaf.kind() != op.kind() ? "kind " + leaf.kind().id()
          : !leaf.metadataRoot().equals(item.optHash("metadataRoot")) ? "metadataRoot"
          : leaf.locked() != item.flag("locked") ? "locked"
          : item.optString("uri").isPresent() && !leaf.uriHash().equals(Optional.of(uriHash(item.string("uri"))))
              ? "uriHash"
          : leaf.lastSeq() < b.mint().seq() || leaf.lastSeq() >= body.size() ? "lastSeq " + leaf.lastSeq()
          : null;
      if (differs != null) {
        throw new Failed("STATE_MISMATCH", "the state leaf's " + differs + " does not agree with the signed mint "
            + "(or, for lastSeq, with the log)");
      }
      try {
        MerkleProofs.verifyInclusion(h, b.ddc() - 1, body.stateSize(), h.leafHash(leaf.bytes()),
            bytes(b.state().path()), body.stateRoot());
      } catch (ProofException x) {
        throw new Failed("STATE_NOT_PROVEN", "the state leaf is not in the checkpoint's state tree: " + x.getMessage());
      }
      if (leaf.kind() == DdcKind.DDC_1155) {
        holders = b.state().holders().orElseThrow();
        if (!StateLeaf.ownersDigest(holders).equals(leaf.owners().orElseThrow())) {
          throw new Failed("HOLDERS_MISMATCH", "state.holders does not give the state leaf's owners digest");
        }
        long total = 0;
        for (long v : holders.values()) {
          total += v;
        }
        if (total > mint.number("amount")) {
          throw new Failed("HOLDERS_MISMATCH", "the holders hold " + total + ", more than the " + mint.number("amount")
              + " minted");
        }
      } else {
        holders = new TreeMap<>(Map.of(leaf.owner().orElseThrow(), 1L));
      }
      return "the DDC's state at the checkpoint is leaf " + (b.ddc() - 1) + " of the state tree of "
          + body.stateSize();
    }

    private String status() throws Failed {
      String s = b.state().leaf().status();
      if ("frozen".equals(s)) {
        throw new Failed("DDC_FROZEN", "DDC " + b.ddc() + " is frozen as of the checkpoint");
      }
      if ("burned".equals(s)) {
        throw new Failed("DDC_BURNED", "DDC " + b.ddc() + " is burned as of the checkpoint");
      }
      return "DDC " + b.ddc() + " is active as of the checkpoint, held by " + holders;
    }

    private String freshness() throws Failed {
      long age = now - body.time();
      if (maxAge != null && age > maxAge.toMillis()) {
        throw new Failed("STALE_CHECKPOINT", "the checkpoint is " + Duration.ofMillis(age).toHours()
            + " h old; at most " + maxAge.toHours() + " h accepted: ask for a bundle against a newer checkpoint");
      }
      return "the checkpoint is " + Duration.ofMillis(Math.max(0, age)).toMinutes() + " min old"
          + (maxAge == null ? " (any age accepted)" : " (at most " + maxAge.toMinutes() + " min accepted)");
    }

    VerificationReport.Claims claims() {
      Bundle.AccountLeafView leaf = b.issuer().leaf();
      return new VerificationReport.Claims(b.ddc(), header.operation().kind(), mint.number("amount"), leaf.did(),
          leaf.name(), issuerKeyStatus, item.did("to"), Instant.ofEpochMilli(mint.at()), item.optString("uri"),
          item.optString("ref"), item.flag("locked"), holders, b.state().leaf().status(), body.origin(), body.size(),
          Instant.ofEpochMilli(body.time()), Duration.ofMillis(now - body.time()), revealed,
          b.metadata().hidden().size(), Hash.of(Sm3.hash(b.toBytes())));
    }
  }

  private static Hash uriHash(String uri) {
    return Hash.of(Sm3.hash(uri.getBytes(StandardCharsets.UTF_8)));
  }

  private static String shown(Object v) {
    return v == null ? "absent" : v instanceof String ? Bundle.show(v) : String.valueOf(v);
  }

  private static List<byte[]> bytes(List<Hash> hs) {
    List<byte[]> out = new ArrayList<>(hs.size());
    for (Hash x : hs) {
      out.add(x.toByteArray());
    }
    return out;
  }
}
