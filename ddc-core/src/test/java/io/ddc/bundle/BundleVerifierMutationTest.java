package io.ddc.bundle;

import static io.ddc.bundle.Forger.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.json.CanonicalJson;
import io.ddc.model.Hash;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Checks of the bundle verifier that mutation testing (docs/RELIABILITY.md, "Mutation testing")
 * found no test for: each bound at its exact edge, each check that another check would otherwise
 * hide, and the report's step messages.
 */
class BundleVerifierMutationTest extends BundleFixture {
  static final String OTHER = "other.ddc.io/ledger";

  private static Clock clockAt(long millis) {
    return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(byte[] bundle) throws Exception {
    return (Map<String, Object>) Forger.copy(CanonicalJson.parse(bundle));
  }

  private static VerificationReport.Step step(VerificationReport r, String name) {
    return r.steps().get(BundleVerifier.STEPS.indexOf(name));
  }

  // ---- CHECKPOINT_SIGNATURE: the skew ----

  @Test
  void aCheckpointDatedExactlyTheSkewAhead_passes_oneMillisecondMore_isFuture() throws Exception {
    long id = mintDiploma();
    Map<String, Object> b = tree(Bundles.prove(ledger, id));
    long now = T0 + 60_000;
    long skew = BundleVerifier.DEFAULT_CLOCK_SKEW.toMillis();
    VerificationReport edge = verifier.verify(Forger.resign(b, op, now + skew));
    assertThat(edge.valid()).as(edge.toString()).isTrue();
    assertThat(edge.claims().get().checkpointAge()).isEqualTo(Duration.ofMillis(-skew));
    assertThat(step(edge, "FRESHNESS").message()).startsWith("the checkpoint is 0 min old");
    VerificationReport beyond = verifier.verify(Forger.resign(b, op, now + skew + 1));
    assertThat(beyond.code()).isEqualTo("FUTURE_CHECKPOINT");
    assertThat(beyond.firstFailure().get().message()).contains("more than 300 s after this verifier's clock");
  }

  // ---- FRESHNESS: the maximum age ----

  @Test
  void aCheckpointExactlyMaxAgeOld_isFresh_oneMillisecondOlder_isStale() throws Exception {
    long id = mintDiploma();
    byte[] b = Bundles.prove(ledger, id);
    VerificationReport edge = create(opKey.publicKey(), Duration.ofMinutes(1), clockAt(T0 + 60_000)).verify(b);
    assertThat(edge.valid()).as(edge.toString()).isTrue();
    assertThat(step(edge, "FRESHNESS").message()).isEqualTo("the checkpoint is 1 min old (at most 1 min accepted)");
    VerificationReport stale = create(opKey.publicKey(), Duration.ofMinutes(1), clockAt(T0 + 60_001)).verify(b);
    assertThat(stale.code()).isEqualTo("STALE_CHECKPOINT");
    VerificationReport any = BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).anyAge()
        .clock(clockAt(T0 + Duration.ofDays(3650).toMillis())).build().verify(b);
    assertThat(any.valid()).as(any.toString()).isTrue();
    assertThat(step(any, "FRESHNESS").message()).isEqualTo("the checkpoint is " + Duration.ofDays(3650).toMinutes()
        + " min old (any age accepted)");
  }

  // ---- MINT_BINDING: the deadline ----

  @Test
  void aMintLoggedAtItsDeadline_isValid_andTheReportSaysSo() throws Exception {
    long id = ledger.submit(Request.builder(ORIGIN, Operation.DDC721_MINT, pDid).nonce(nonces.merge(pDid, 1L, Long::sum))
        .deadline(T0).item(Items.mint721(aliceDid, null, null, "due-now")).build().sign(platform)).mintedIds().get(0);
    VerificationReport r = verifier.verify(Bundles.prove(ledger, id));
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(step(r, "MINT_BINDING").message()).isEqualTo("the mint event says what the issuer signed: a "
        + "ddc721.mint of 1 to " + aliceDid.value() + ", logged before the deadline");
    assertThat(step(r, "METADATA").message()).isEqualTo("the issuer signed no metadata");
  }

  // ---- METADATA ----

  @Test
  void hiddenDigests_onAMintThatSignedNoMetadata_areMetadataMismatch() throws Exception {
    long id = ledger.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(aliceDid, null, null, "bare")))
        .mintedIds().get(0);
    Map<String, Object> b = tree(Bundles.prove(ledger, id));
    at(b, "metadata").put("hidden", List.of(Hash.of(new byte[32]).hex()));
    VerificationReport r = verifier.verify(CanonicalJson.write(b));
    assertThat(r.code()).as(r.toString()).isEqualTo("METADATA_MISMATCH");
    assertThat(r.firstFailure().get().message()).contains("signed no metadata root");
  }

  // ---- CONSISTENCY ----

  /** A known checkpoint of another trusted log, of the same size: not a fork of this log, just unrelated. */
  @Test
  void aKnownCheckpointOfAnotherTrustedLog_isConsistencyUnproven_notAFork() throws Exception {
    long id = mintDiploma();
    byte[] genuine = Bundles.prove(ledger, id);
    Map<String, Object> b = tree(genuine);
    b.put("checkpoint", ((String) b.get("checkpoint")).replace(ORIGIN, OTHER));
    String otherNote = (String) tree(Forger.resign(b, op, null)).get("checkpoint");
    BundleVerifier both = BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).trust(OTHER, opKey.publicKey())
        .maxAge(Duration.ofDays(30)).clock(clockAt(T0 + 60_000)).build();
    VerificationReport r = both.verify(genuine, otherNote);
    assertThat(r.code()).as(r.toString()).isEqualTo("CONSISTENCY_UNPROVEN");
    assertThat(r.firstFailure().get().message()).isEqualTo("the known checkpoint is of " + OTHER
        + ", the bundle's of " + ORIGIN);
  }

  @Test
  void aConsistencyProof_fromAnotherSizeThanTheKnown_isUnproven_andATamperedOne_isAFork() throws Exception {
    long id = mintDiploma();
    byte[] first = Bundles.prove(ledger, id);
    String known = ledger.latestCheckpoint().get();
    long knownSize = ledger.size();
    ledger.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(bobDid, null, null, "later-1")));
    ledger.checkpoint();
    long middle = ledger.size();
    ledger.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(bobDid, null, null, "later-2")));
    ledger.checkpoint();
    long latest = ledger.size();

    byte[] fromMiddle = Bundles.prove(ledger, id, OptionalLong.empty(), OptionalLong.of(middle));
    VerificationReport r = verifier.verify(fromMiddle, known);
    assertThat(r.code()).as(r.toString()).isEqualTo("CONSISTENCY_UNPROVEN");
    assertThat(r.firstFailure().get().message()).isEqualTo("the bundle carries no consistency proof from the known "
        + "size " + knownSize + " to " + latest);
    // alone, the bundle does not need its proof, and says so
    VerificationReport alone = verifier.verify(fromMiddle);
    assertThat(alone.valid()).as(alone.toString()).isTrue();
    assertThat(step(alone, "CONSISTENCY").message()).isEqualTo("no earlier checkpoint of this log is known; the "
        + "bundle's consistency proof was not needed");
    assertThat(step(verifier.verify(Bundles.prove(ledger, id, OptionalLong.empty())), "CONSISTENCY").message())
        .isEqualTo("no earlier checkpoint of this log is known");

    // and an older bundle against the newer known checkpoint says to fetch a newer bundle
    VerificationReport older = verifier.verify(first, ledger.latestCheckpoint().get());
    assertThat(older.code()).isEqualTo("CONSISTENCY_UNPROVEN");
    assertThat(older.firstFailure().get().message()).isEqualTo("the bundle's checkpoint (" + knownSize
        + ") is older than the known one (" + latest + "); ask for a bundle against a newer checkpoint");

    byte[] fromKnown = Bundles.prove(ledger, id, OptionalLong.empty(), OptionalLong.of(knownSize));
    VerificationReport ok = verifier.verify(fromKnown, known);
    assertThat(ok.valid()).as(ok.toString()).isTrue();
    assertThat(step(ok, "CONSISTENCY").message()).isEqualTo("the log grew consistently from the known size "
        + knownSize + " to " + latest);

    Map<String, Object> b = tree(fromKnown);
    @SuppressWarnings("unchecked")
    List<Object> proof = new ArrayList<>((List<Object>) at(b, "consistency").get("proof"));
    assertThat(proof).isNotEmpty();
    proof.set(0, Hash.of(new byte[32]).hex());
    at(b, "consistency").put("proof", proof);
    VerificationReport forked = verifier.verify(CanonicalJson.write(b), known);
    assertThat(forked.code()).as(forked.toString()).isEqualTo("FORKED_LOG");
    assertThat(forked.firstFailure().get().message()).startsWith("the log of checkpoint " + latest
        + " does not extend the known one of " + knownSize + ": ");
  }

  // ---- the report of a valid bundle ----

  @Test
  void aValidBundle_reportsWhatEachStepChecked() throws Exception {
    long id = mintDiploma();
    VerificationReport r = verifier.verify(Bundles.prove(ledger, id));
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(step(r, "PARSE").message()).isEqualTo("a version-2 bundle for DDC " + id + ", "
        + Bundles.prove(ledger, id).length + " bytes");
    assertThat(step(r, "MINT_INCLUSION").message()).isEqualTo("the mint of DDC " + id + " is event 5 of the log, "
        + "logged at " + Instant.ofEpochMilli(T0));
    assertThat(step(r, "CHECKPOINT_SIGNATURE").message()).isEqualTo("checkpoint of " + ORIGIN + " at size 7, dated "
        + Instant.ofEpochMilli(T0) + ", signed by a trusted key");
    assertThat(step(r, "STATE_PROOF").message()).isEqualTo("the DDC's state at the checkpoint is leaf " + (id - 1)
        + " of the state tree of 3");
    assertThat(step(r, "STATUS").message()).isEqualTo("DDC " + id + " is active as of the checkpoint, held by {"
        + aliceDid.value() + "=1}");
    assertThat(step(r, "REQUEST_SIGNATURE").message()).isEqualTo("the issuer's SM2 signature over the request "
        + "verifies with a key valid when the mint was logged");
    assertThat(step(r, "ISSUER_KEY").message()).isEqualTo("issuer " + pDid.value() + " (University) is account 1 "
        + "of the checkpoint's account tree, with 1 key record(s)");
    assertThat(step(r, "MINT_BINDING").message()).isEqualTo("the mint event says what the issuer signed: a "
        + "ddc721.mint of 1 to " + aliceDid.value());
    assertThat(step(r, "METADATA").message()).isEqualTo("5 field(s) revealed, 0 hidden; they give the metadata root "
        + "the issuer signed");
    assertThat(step(r, "FRESHNESS").message()).isEqualTo("the checkpoint is 1 min old (at most 43200 min accepted)");
  }

  // ---- REQUEST_SIGNATURE: the compromise time ----

  /** Signed at exactly the declared compromise time: void (the compromise covers its own instant). */
  @Test
  void aMintSignedAtTheInstantOfTheKeysCompromise_isKeyRevoked() throws Exception {
    long id = mintDiploma();
    io.ddc.crypto.sm.Sm2PrivateKey k2 = io.ddc.crypto.sm.Sm2PrivateKey.generate(new java.security.SecureRandom());
    ledger.submit(req(pDid, platform, Operation.ACCOUNT_ADD_KEY, Items.addKey(pDid, k2.publicKey().toUncompressed())));
    ledger.submit(req(pDid, io.ddc.sign.Signers.sm2(k2), Operation.ACCOUNT_REVOKE_KEY, Items.revokeKey(pDid,
        pKey.publicKey().toUncompressed(), T0)));
    VerificationReport r = verifier.verify(Bundles.prove(ledger, id));
    assertThat(r.code()).as(r.toString()).isEqualTo("KEY_REVOKED");
    assertThat(r.firstFailure().get().message()).contains("signed at " + T0 + " ms").contains("compromised since "
        + T0 + " ms");
  }

  // ---- the cache of verified checkpoints ----

  /**
   * Checkpoints verified once are remembered (the report says "verified before"), at most 256 of
   * them: the 257th empties the cache. Re-verifying a remembered one changes nothing.
   */
  @Test
  void verifiedCheckpoints_areRemembered_upTo256() throws Exception {
    long id = mintDiploma();
    Map<String, Object> b = tree(Bundles.prove(ledger, id));
    List<byte[]> bundles = new ArrayList<>();
    for (int i = 0; i < 257; i++) {
      bundles.add(Forger.resign(b, op, T0 + i));
    }
    BundleVerifier v = BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).anyAge().clock(clockAt(T0 + 1_000)).build();
    for (int i = 0; i < 256; i++) {
      VerificationReport r = v.verify(bundles.get(i));
      assertThat(r.valid()).as(r.toString()).isTrue();
      assertThat(step(r, "CHECKPOINT_SIGNATURE").message()).as("checkpoint %d", i).doesNotContain("verified before");
    }
    assertThat(step(v.verify(bundles.get(0)), "CHECKPOINT_SIGNATURE").message()).endsWith("signed by a trusted key "
        + "(verified before)");
    assertThat(step(v.verify(bundles.get(1)), "CHECKPOINT_SIGNATURE").message()).contains("(verified before)");
    assertThat(step(v.verify(bundles.get(256)), "CHECKPOINT_SIGNATURE").message()).doesNotContain("verified before");
    assertThat(step(v.verify(bundles.get(2)), "CHECKPOINT_SIGNATURE").message()).as("the 257th emptied the cache")
        .doesNotContain("verified before");
    assertThat(step(v.verify(bundles.get(256)), "CHECKPOINT_SIGNATURE").message()).contains("(verified before)");
  }

  // ---- forgeries the conformance corpus does not hold ----

  private VerificationReport forged(byte[] genuine, java.util.function.Consumer<Map<String, Object>> edit)
      throws Exception {
    return verifier.verify(Forger.forge(genuine, op, edit));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> issuerKey(Map<String, Object> b) {
    return (Map<String, Object>) ((List<Object>) at(b, "issuer", "leaf").get("keys")).get(0);
  }

  /** A DDC-721 mint whose state leaf the Operator rewrites into a DDC-1155 with consistent holders. */
  @Test
  void aStateLeafOfAnotherKind_isStateMismatch() throws Exception {
    long id = mintDiploma();
    VerificationReport r = forged(Bundles.prove(ledger, id), b -> {
      Map<String, Object> leaf = at(b, "state", "leaf");
      leaf.remove("owner");
      leaf.put("kind", "1155");
      leaf.put("owners", io.ddc.model.StateLeaf.ownersDigest(new java.util.TreeMap<>(Map.of(aliceDid, 1L))).hex());
      at(b, "state").put("holders", new java.util.TreeMap<>(Map.of(aliceDid.value(), 1L)));
    });
    assertThat(r.code()).as(r.toString()).isEqualTo("STATE_MISMATCH");
    assertThat(r.firstFailure().get().message()).startsWith("the state leaf's kind 1155 does not agree");
  }

  /** The state leaf's last event must be an event of the checkpoint's log: seq below its size. */
  @Test
  void aStateLeafWhoseLastEventIsBeyondTheLog_isStateMismatch() throws Exception {
    long id = mintDiploma();
    byte[] genuine = Bundles.prove(ledger, id);
    VerificationReport atEnd = forged(genuine, b -> at(b, "state", "leaf").put("lastSeq", 6L));
    assertThat(atEnd.valid()).as("the log's last event: %s", atEnd).isTrue();
    VerificationReport beyond = forged(genuine, b -> at(b, "state", "leaf").put("lastSeq", 7L));
    assertThat(beyond.code()).as(beyond.toString()).isEqualTo("STATE_MISMATCH");
    assertThat(beyond.firstFailure().get().message()).startsWith("the state leaf's lastSeq 7 does not agree");
  }

  /** A key retired at the very instant of the mint no longer signs it; one retired later did. */
  @Test
  void aKeyRetiredAtTheMintsInstant_isKeyNotValid_oneRetiredLater_isReportedSo() throws Exception {
    long id = mintDiploma();
    byte[] genuine = Bundles.prove(ledger, id);
    VerificationReport at = forged(genuine, b -> issuerKey(b).put("until", T0));
    assertThat(at.code()).as(at.toString()).isEqualTo("KEY_NOT_VALID");
    assertThat(at.firstFailure().get().message()).endsWith("with a key valid from " + T0 + " until " + T0 + " ms");
    VerificationReport later = forged(genuine, b -> issuerKey(b).put("until", T0 + 1));
    assertThat(later.valid()).as(later.toString()).isTrue();
    assertThat(later.claims().get().issuerKey()).isEqualTo("retired");
    assertThat(step(later, "REQUEST_SIGNATURE").message()).endsWith(" (the key was retired later, at " + (T0 + 1)
        + " ms)");
    VerificationReport compromised = forged(genuine, b -> {
      issuerKey(b).put("until", T0 + 1);
      issuerKey(b).put("compromisedSince", T0 + 1);
    });
    assertThat(compromised.valid()).as(compromised.toString()).isTrue();
    assertThat(step(compromised, "REQUEST_SIGNATURE").message()).endsWith(" (the key was revoked later, at "
        + (T0 + 1) + " ms, compromised since " + (T0 + 1) + " ms)");
    VerificationReport before = forged(genuine, b -> issuerKey(b).put("from", T0 + 1));
    assertThat(before.code()).isEqualTo("KEY_NOT_VALID");
    assertThat(before.firstFailure().get().message()).endsWith("with a key valid from " + (T0 + 1) + " ms");
  }

  /** A quorum not met names the witnesses that did cosign. */
  @Test
  void aQuorumNotMet_namesTheWitnessesThatCosigned() throws Exception {
    long id = mintDiploma();
    String note = ledger.checkpoint();
    io.ddc.checkpoint.NoteKey logKey = io.ddc.checkpoint.NoteSigner.of(ORIGIN, op).noteKey();
    io.ddc.checkpoint.Witness w1 = io.ddc.checkpoint.Witness.create(io.ddc.checkpoint.NoteSigner.of("w1.example",
        io.ddc.sign.Signers.sm2(io.ddc.crypto.sm.Sm2PrivateKey.generate())), logKey, io.ddc.merkle.TreeHasher.sm3(),
        null);
    io.ddc.checkpoint.Witness w2 = io.ddc.checkpoint.Witness.create(io.ddc.checkpoint.NoteSigner.of("w2.example",
        io.ddc.sign.Signers.sm2(io.ddc.crypto.sm.Sm2PrivateKey.generate())), logKey, io.ddc.merkle.TreeHasher.sm3(),
        null);
    BundleVerifier both = BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).maxAge(Duration.ofDays(30))
        .clock(clockAt(T0 + 60_000)).witnesses(List.of(w1.key(), w2.key()), 2).build();
    assertThat(both.verify(Bundles.prove(ledger, id, OptionalLong.empty())).firstFailure().get().message())
        .isEqualTo("2 of 2 witnesses must cosign the checkpoint; 0 did");
    ledger.addCosignatures(w1.cosign(note, List.of()), List.of(w1.key()));
    VerificationReport r = both.verify(Bundles.prove(ledger, id, OptionalLong.empty()));
    assertThat(r.code()).as(r.toString()).isEqualTo("WITNESS_QUORUM_NOT_MET");
    assertThat(r.firstFailure().get().message()).isEqualTo("2 of 2 witnesses must cosign the checkpoint; 1 did "
        + "(w1.example)");
  }
}
