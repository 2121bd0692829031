package io.ddc.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offline bundles: round trips, status, redaction, trust, freshness, and every value tampered with. */
class BundleTest extends BundleFixture {
  @Test
  void mint_prove_verify_isValid_andReportsTheFacts() throws Exception {
    long id = mintDiploma();
    VerificationReport r = verifier.verify(Bundles.prove(ledger, id));
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(r.toString()).startsWith("VALID\n");
    VerificationReport.Claims c = r.claims().orElseThrow();
    assertThat(c.ddc()).isEqualTo(id);
    assertThat(c.owner()).contains(aliceDid);
    assertThat(c.recipient()).isEqualTo(aliceDid);
    assertThat(c.status()).isEqualTo("active");
    assertThat(c.issuer()).isEqualTo(pDid);
    assertThat(c.issuerName()).isEqualTo("University");
    assertThat(c.hiddenFields()).isZero();
    assertThat(c.amount()).isEqualTo(1);
    assertThat(c.uri()).contains("https://uni.example/d/1");
    assertThat(c.ref()).contains("diploma-1");
    assertThat(c.origin()).isEqualTo(ORIGIN);
    assertThat(c.checkpointAge()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.revealed()).containsKeys("/name", "/degree", "/gpa");
    assertThat(r.steps()).extracting(VerificationReport.Step::name).containsExactly("PARSE", "CHECKPOINT_SIGNATURE",
        "CONSISTENCY", "MINT_INCLUSION", "ISSUER_KEY", "REQUEST_SIGNATURE", "MINT_BINDING", "METADATA", "STATE_PROOF",
        "STATUS", "FRESHNESS");
    assertThat(r.steps().get(2).code()).isEqualTo("NOT_APPLICABLE");
    assertThat(r.toJson()).contains("\"valid\":true");
  }

  @Test
  void redaction_hidesFields_leaksOnlyTheirCount_andStillVerifies() throws Exception {
    long id = mintDiploma();
    byte[] b = Bundles.prove(ledger, id);
    byte[] hidden = Bundles.redact(b, List.of("/gpa", "/address"));
    String text = new String(hidden, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\"value\":385").doesNotContain("Wuhan").doesNotContain("Luoyu").doesNotContain("/gpa")
        .doesNotContain("/address");
    VerificationReport r = verifier.verify(hidden);
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(r.claims().get().hiddenFields()).isEqualTo(3);
    assertThat(r.claims().get().revealed().keySet()).containsExactly("/degree", "/name");
  }

  @Test
  void frozen_andBurned_areFailuresNamingTheStatus_transferShowsTheNewOwner() throws Exception {
    long id = mintDiploma();
    ledger.submit(req(aliceDid, alice, Operation.DDC721_TRANSFER,
        Items.of(Operation.DDC721_TRANSFER, "from", aliceDid, "to", bobDid, "ddc", id)));
    assertThat(verifier.verify(Bundles.prove(ledger, id)).claims().get().owner()).contains(bobDid);
    ledger.submit(req(opDid, op, Operation.DDC721_FREEZE, Items.of(Operation.DDC721_FREEZE, "ddc", id)));
    VerificationReport frozen = verifier.verify(Bundles.prove(ledger, id));
    assertThat(frozen.toString()).startsWith("INVALID: DDC_FROZEN: ");
    ledger.submit(req(opDid, op, Operation.DDC721_BURN, Items.of(Operation.DDC721_BURN, "ddc", id)));
    assertThat(verifier.verify(Bundles.prove(ledger, id)).firstFailure().get().code()).isEqualTo("DDC_BURNED");
  }

  @Test
  void untrustedKey_staleCheckpoint_andTruncatedBundle_areInvalid() throws Exception {
    long id = mintDiploma();
    byte[] b = Bundles.prove(ledger, id);
    BundleVerifier other = create(pKey.publicKey(), Duration.ofDays(30),
        Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
    assertThat(other.verify(b).firstFailure().get().code()).isEqualTo("UNTRUSTED_CHECKPOINT");
    BundleVerifier later = create(opKey.publicKey(), Duration.ofDays(1),
        Clock.fixed(Instant.ofEpochMilli(T0 + Duration.ofDays(2).toMillis()), ZoneOffset.UTC));
    assertThat(later.verify(b).firstFailure().get().code()).isEqualTo("STALE_CHECKPOINT");
    for (int cut : new int[] {0, 1, 10, b.length / 2, b.length - 1}) {
      VerificationReport r = verifier.verify(java.util.Arrays.copyOf(b, cut));
      assertThat(r.valid()).isFalse();
      assertThat(r.firstFailure().get().code()).isEqualTo("MALFORMED_BUNDLE");
      assertThat(r.steps().get(10).outcome()).isEqualTo(VerificationReport.Outcome.SKIPPED);
    }
  }

  @Test
  void aKnownCheckpoint_needsAConsistencyProof_andAForkIsCaught() throws Exception {
    long id = mintDiploma();
    byte[] first = Bundles.prove(ledger, id);
    String known = ledger.latestCheckpoint().get();
    long knownSize = ledger.size();
    assertThat(verifier.verify(first, known).steps().get(2).message()).contains("commits to what the known one does");
    ledger.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(bobDid, null, null, "later")));
    ledger.checkpoint();
    byte[] without = Bundles.prove(ledger, id, java.util.OptionalLong.empty());
    assertThat(verifier.verify(without, known).firstFailure().get().code()).isEqualTo("CONSISTENCY_UNPROVEN");
    byte[] with = Bundles.prove(ledger, id, java.util.OptionalLong.empty(), java.util.OptionalLong.of(knownSize));
    VerificationReport ok = verifier.verify(with, known);
    assertThat(ok.valid()).as(ok.toString()).isTrue();
    assertThat(ok.steps().get(2).outcome()).isEqualTo(VerificationReport.Outcome.PASSED);
    assertThat(verifier.verify(first, ledger.latestCheckpoint().get()).firstFailure().get().code())
        .isEqualTo("CONSISTENCY_UNPROVEN");

    // the same Operator key signs a second history of the same origin: a fork
    Map<Did, Long> saved = new HashMap<>(nonces);
    nonces.clear();
    Ledger fork = openLedger(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
    fork.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(aliceDid, null, null, "forked-1"),
        Items.mint721(aliceDid, null, null, "forked-2"), Items.mint721(aliceDid, null, null, "forked-3")));
    nonces.putAll(saved);
    assertThat(fork.size()).isEqualTo(knownSize);
    byte[] forked = Bundles.prove(fork, 2);
    assertThat(verifier.verify(forked).valid()).as("alone, a forked log's bundle looks fine").isTrue();
    assertThat(verifier.verify(forked, known).firstFailure().get().code()).isEqualTo("FORKED_LOG");
  }

  /**
   * Key rotation keeps what the old key signed valid; revoking a key as compromised since a time
   * voids what it signed from then on, and only that; the verifier learns both from the bundle.
   */
  @Test
  void rotation_keepsOldCertificatesValid_andRevocationVoidsThoseSignedAfterTheCompromise() throws Exception {
    MutableClock clock = new MutableClock(T0);
    nonces.clear();
    ledger = openLedger(clock);
    Sm2PrivateKey k2 = Sm2PrivateKey.generate(new SecureRandom());
    Signer platform2 = Signers.sm2(k2);
    clock.set(T0 + 1_000);
    long oldKey = ledger.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(aliceDid, null, null, "a")))
        .mintedIds().get(0);
    clock.set(T0 + 2_000);
    ledger.submit(req(pDid, platform, Operation.ACCOUNT_ADD_KEY, Items.addKey(pDid, k2.publicKey().toUncompressed())));
    ledger.submit(req(pDid, platform2, Operation.ACCOUNT_RETIRE_KEY, Items.retireKey(pDid,
        pKey.publicKey().toUncompressed())));
    clock.set(T0 + 3_000);
    long early = ledger.submit(req(pDid, platform2, Operation.DDC721_MINT, Items.mint721(aliceDid, null, null, "b")))
        .mintedIds().get(0);
    clock.set(T0 + 5_000);
    long late = ledger.submit(req(pDid, platform2, Operation.DDC721_MINT, Items.mint721(aliceDid, null, null, "c")))
        .mintedIds().get(0);
    ledger.checkpoint();
    BundleVerifier v = create(opKey.publicKey(), Duration.ofDays(30),
        Clock.fixed(Instant.ofEpochMilli(T0 + 60_000), ZoneOffset.UTC));

    VerificationReport r = v.verify(Bundles.prove(ledger, oldKey, java.util.OptionalLong.empty()));
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(r.claims().get().issuerKey()).isEqualTo("retired");
    assertThat(r.steps().get(5).message()).contains("retired later");
    r = v.verify(Bundles.prove(ledger, late, java.util.OptionalLong.empty()));
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(r.claims().get().issuerKey()).isEqualTo("current");

    // k2 leaks; the platform learns it was compromised at T0 + 4000 and revokes it with the old key's successor
    Sm2PrivateKey k3 = Sm2PrivateKey.generate(new SecureRandom());
    clock.set(T0 + 9_000);
    ledger.submit(req(opDid, op, Operation.ACCOUNT_ADD_KEY, Items.addKey(pDid, k3.publicKey().toUncompressed())));
    ledger.submit(req(pDid, Signers.sm2(k3), Operation.ACCOUNT_REVOKE_KEY, Items.revokeKey(pDid,
        k2.publicKey().toUncompressed(), T0 + 4_000)));
    ledger.checkpoint();
    r = v.verify(Bundles.prove(ledger, early, java.util.OptionalLong.empty()));
    assertThat(r.valid()).as("signed before the compromise: %s", r).isTrue();
    assertThat(r.claims().get().issuerKey()).isEqualTo("revoked");
    r = v.verify(Bundles.prove(ledger, late, java.util.OptionalLong.empty()));
    assertThat(r.valid()).isFalse();
    assertThat(r.firstFailure().get().code()).as(r.toString()).isEqualTo("KEY_REVOKED");
    assertThat(r.firstFailure().get().message()).contains("compromised since " + (T0 + 4_000));
    assertThat(v.verify(Bundles.prove(ledger, oldKey, java.util.OptionalLong.empty())).valid()).isTrue();
  }

  /**
   * Defence in depth against an Operator that logged a mint its rules should have refused: the
   * verifier checks the signing key's window itself. The test plays that Operator: it changes the
   * issuer's key window in the account leaf, recomputes the account root and re-signs the checkpoint.
   */
  @Test
  void aSignatureOutsideTheKeysWindow_isRejected_evenUnderAValidCheckpoint() throws Exception {
    long id = mintDiploma();
    byte[] b = Bundles.prove(ledger, id);
    assertThat(verifier.verify(b).valid()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> bundle = new TreeMap<>((Map<String, Object>) CanonicalJson.parse(b));
    @SuppressWarnings("unchecked")
    Map<String, Object> issuer = new TreeMap<>((Map<String, Object>) bundle.get("issuer"));
    @SuppressWarnings("unchecked")
    Map<String, Object> leaf = new TreeMap<>((Map<String, Object>) issuer.get("leaf"));
    @SuppressWarnings("unchecked")
    Map<String, Object> key = new TreeMap<>((Map<String, Object>) ((List<?>) leaf.get("keys")).get(0));
    key.put("from", T0 + 1);
    leaf.put("keys", List.of(key));
    issuer.put("leaf", leaf);
    bundle.put("issuer", issuer);
    io.ddc.merkle.TreeHasher h = io.ddc.merkle.TreeHasher.sm3();
    List<byte[]> path = new ArrayList<>();
    for (Object x : (List<?>) issuer.get("path")) {
      path.add(io.ddc.crypto.sm.Hex.decode((String) x));
    }
    String note = (String) bundle.get("checkpoint");
    io.ddc.checkpoint.Checkpoint cp = io.ddc.checkpoint.Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1),
        32);
    List<String> ext = new ArrayList<>();
    for (String e : cp.extensions()) {
      if (e.startsWith("accounts ")) {
        long n = Long.parseLong(e.split(" ")[1]);
        byte[] root = io.ddc.merkle.MerkleProofs.rootFromInclusion(h, (Long) leaf.get("index"), n,
            h.leafHash(CanonicalJson.write(leaf)), path);
        e = "accounts " + n + " " + java.util.Base64.getEncoder().encodeToString(root);
      }
      ext.add(e);
    }
    bundle.put("checkpoint", io.ddc.checkpoint.Checkpoints.sign(new io.ddc.checkpoint.Checkpoint(cp.origin(), cp.size(),
        cp.rootHash(), ext), List.of(io.ddc.checkpoint.NoteSigner.of(ORIGIN, op))));
    VerificationReport r = verifier.verify(CanonicalJson.write(bundle));
    assertThat(r.steps().get(4).outcome()).as(r.toString()).isEqualTo(VerificationReport.Outcome.PASSED);
    assertThat(r.firstFailure().get().code()).as(r.toString()).isEqualTo("KEY_NOT_VALID");
  }

  /** Witness cosignatures kept with the checkpoint travel in bundles; a verifier can require a quorum. */
  @Test
  void witnessQuorum_isMetOnlyByCosignaturesOfTheNamedWitnesses() throws Exception {
    long id = mintDiploma();
    String note = ledger.checkpoint();
    io.ddc.checkpoint.NoteKey logKey = io.ddc.checkpoint.NoteSigner.of(ORIGIN, op).noteKey();
    io.ddc.checkpoint.Witness w1 = io.ddc.checkpoint.Witness.create(io.ddc.checkpoint.NoteSigner.of("w1.example",
        Signers.sm2(Sm2PrivateKey.generate())), logKey, io.ddc.merkle.TreeHasher.sm3(), null);
    io.ddc.checkpoint.Witness w2 = io.ddc.checkpoint.Witness.create(io.ddc.checkpoint.NoteSigner.of("w2.example",
        Signers.sm2(Sm2PrivateKey.generate())), logKey, io.ddc.merkle.TreeHasher.sm3(), null);
    BundleVerifier one = BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).maxAge(Duration.ofDays(30))
        .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 60_000), ZoneOffset.UTC)).witnesses(List.of(w1.key(), w2.key()), 1)
        .build();
    BundleVerifier both = BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).maxAge(Duration.ofDays(30))
        .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 60_000), ZoneOffset.UTC)).witnesses(List.of(w1.key(), w2.key()), 2)
        .build();

    VerificationReport r = one.verify(Bundles.prove(ledger, id, java.util.OptionalLong.empty()));
    assertThat(r.firstFailure().get().code()).as(r.toString()).isEqualTo("WITNESS_QUORUM_NOT_MET");
    assertThat(r.firstFailure().get().message()).contains("1 of 2 witnesses must cosign the checkpoint; 0 did");

    ledger.addCosignatures(w1.cosign(note, List.of()), List.of(w1.key()));
    byte[] b = Bundles.prove(ledger, id, java.util.OptionalLong.empty());
    r = one.verify(b);
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(r.steps().get(1).message()).contains("cosigned by 1 of 2 witnesses (w1.example), quorum 1");
    assertThat(verifier.verify(b).valid()).as("cosignatures do not bother a verifier without a quorum").isTrue();
    assertThat(both.verify(b).firstFailure().get().code()).isEqualTo("WITNESS_QUORUM_NOT_MET");

    ledger.addCosignatures(w2.cosign(note, List.of()), List.of(w2.key()));
    assertThat(ledger.latestCheckpoint().get()).contains("w1.example").contains("w2.example");
    r = both.verify(Bundles.prove(ledger, id, java.util.OptionalLong.empty()));
    assertThat(r.valid()).as(r.toString()).isTrue();

    // a "cosignature" under w1's name by another key counts for nothing
    io.ddc.checkpoint.NoteSigner impostor = io.ddc.checkpoint.NoteSigner.of("w1.example",
        Signers.sm2(Sm2PrivateKey.generate()));
    String fake = io.ddc.checkpoint.Checkpoints.cosign(note, List.of(impostor));
    ledger.addCosignatures(fake, List.of(impostor.noteKey()));
    assertThat(both.verify(Bundles.prove(ledger, id, java.util.OptionalLong.empty())).valid()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.addCosignatures(note.replace("\n\n",
        "\nextra\n\n"), List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text differs");
  }

  /** Every value of a valid bundle changed one at a time is rejected; the test counts them. */
  @Test
  void everyValueChangedOneAtATime_isRejected() throws Exception {
    long id = mintDiploma();
    byte[] b = Bundles.redact(Bundles.prove(ledger, id), List.of("/gpa"));
    Object tree = CanonicalJson.parse(b);
    List<List<Object>> paths = new ArrayList<>();
    collect(tree, new ArrayList<>(), paths);
    int rejected = 0;
    for (List<Object> path : paths) {
      Object mutated = mutate(tree, path, 0);
      byte[] m = CanonicalJson.write(mutated);
      VerificationReport r = verifier.verify(m);
      assertThat(r.valid()).as("changed %s", path).isFalse();
      rejected++;
    }
    // this bundle holds 86 values and array elements; the floor catches a collector that finds nothing
    assertThat(rejected).as("values changed").isEqualTo(paths.size()).isGreaterThan(80);
  }

  /** Seeded byte mutations: the verifier always answers with a report, never an exception, and quickly. */
  @Test
  void randomByteMutations_alwaysGiveAReport() throws Exception {
    long id = mintDiploma();
    byte[] b = Bundles.prove(ledger, id);
    java.util.Random rnd = new java.util.Random(42);
    int valid = 0;
    long worst = 0;
    for (int i = 0; i < 1500; i++) {
      byte[] m = b.clone();
      int n = 1 + rnd.nextInt(3);
      for (int k = 0; k < n; k++) {
        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
      }
      long t0 = System.nanoTime();
      VerificationReport r = verifier.verify(m);
      worst = Math.max(worst, System.nanoTime() - t0);
      assertThat(r.steps()).hasSize(11);
      if (r.valid()) {
        valid++;
        assertThat(CanonicalJson.canonicalize(m)).as("a mutation that verifies changed no value")
            .isEqualTo(b);
      }
    }
    assertThat(valid).isLessThan(15);
    assertThat(worst).as("slowest verification, ns").isLessThan(2_000_000_000L);
  }

  /** Paths to every scalar, plus every array element (to drop). */
  static void collect(Object v, List<Object> at, List<List<Object>> out) {
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        List<Object> p = new ArrayList<>(at);
        p.add(e.getKey());
        collect(e.getValue(), p, out);
      }
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        List<Object> p = new ArrayList<>(at);
        p.add(i);
        List<Object> drop = new ArrayList<>(p);
        drop.add("DROP");
        out.add(drop);
        collect(l.get(i), p, out);
      }
    } else {
      out.add(at);
    }
  }

  static Object mutate(Object v, List<Object> path, int depth) {
    if (depth == path.size()) {
      if (v instanceof String) {
        String s = (String) v;
        if (s.isEmpty()) {
          return "x";
        }
        int at = s.length() / 2;
        char c = s.charAt(at);
        char d = c == 'a' ? 'b' : c == '\n' ? ' ' : 'a';
        return s.substring(0, at) + d + s.substring(at + 1);
      }
      if (v instanceof Long) {
        return (Long) v + 1;
      }
      if (v instanceof Boolean) {
        return !(Boolean) v;
      }
      return "x";
    }
    Object key = path.get(depth);
    if (v instanceof Map) {
      Map<String, Object> m = new TreeMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put((String) k, k.equals(key) ? mutate(x, path, depth + 1) : x));
      return m;
    }
    List<Object> l = new ArrayList<>((List<?>) v);
    int i = (Integer) key;
    if (depth + 1 < path.size() && "DROP".equals(path.get(depth + 1))) {
      l.remove(i);
      return l;
    }
    l.set(i, mutate(l.get(i), path, depth + 1));
    return l;
  }
}
