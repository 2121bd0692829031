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
    ledger.checkpoint();
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
    assertThat(step(r, "ISSUER_KEY").message()).isEqualTo("issuer " + pDid.value() + " (University) is account 1 "
        + "of the checkpoint's account tree, with 1 key record(s)");
    assertThat(step(r, "MINT_BINDING").message()).isEqualTo("the mint event says what the issuer signed: a "
        + "ddc721.mint of 1 to " + aliceDid.value());
    assertThat(step(r, "METADATA").message()).isEqualTo("5 field(s) revealed, 0 hidden; they give the metadata root "
        + "the issuer signed");
    assertThat(step(r, "FRESHNESS").message()).isEqualTo("the checkpoint is 1 min old (at most 43200 min accepted)");
  }
}
