package io.ddc.bundle;

import static io.ddc.bundle.Forger.at;
import static io.ddc.bundle.Forger.data;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import io.ddc.model.Hash;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The Operator holds the checkpoint key, so it can rewrite any event, leaf and root and re-sign;
 * it cannot change what the issuer signed. Each test keeps a genuine issuer signature, edits what
 * the Operator writes, rebuilds every root and re-signs ({@link Forger}): each forgery must fail
 * with its own reason. Before bundle v2, every one of these verified.
 */
class OperatorForgeryTest extends BundleFixture {
  private void assertForgery(byte[] genuine, Consumer<Map<String, Object>> edit, String code) throws Exception {
    assertThat(verifier.verify(genuine).valid()).as("the genuine bundle").isTrue();
    byte[] forged = Forger.forge(genuine, op, edit);
    VerificationReport r = verifier.verify(forged);
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.claims()).isEmpty();
  }


  /** The Operator swaps the certificate's fields for Mallory's PhD, rewriting the mint's and the state's root. */
  @Test
  void otherMetadata_underTheIssuersSignature_isMintNotAsSigned() throws Exception {
    long id = mintDiploma();
    byte[] genuine = Bundles.prove(ledger, id);
    Metadata mallory = Metadata.create("{\"name\":\"Mallory\",\"degree\":\"PhD\"}".getBytes(StandardCharsets.UTF_8),
        new SecureRandom());
    Consumer<Map<String, Object>> swapFields = Forger.swapFields(mallory);
    assertForgery(genuine, swapFields.andThen(data("metadataRoot", mallory.root().hex())), "MINT_NOT_AS_SIGNED");
    // leaving the event alone: the fields do not give the root the issuer signed
    assertForgery(genuine, swapFields, "METADATA_MISMATCH");
  }

  @Test
  void metadataAddedToAMintThatSignedNone_isMintNotAsSigned() throws Exception {
    long id = ledger.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(aliceDid, null, null, "bare")))
        .mintedIds().get(0);
    Hash root = Metadata.rootOf(List.of());
    assertForgery(Bundles.prove(ledger, id), data("metadataRoot", root.hex()).andThen(
        b -> at(b, "state", "leaf").put("metadataRoot", root.hex())), "MINT_NOT_AS_SIGNED");
  }

  @Test
  void anotherRecipient_reference_uri_lock_or_creator_isMintNotAsSigned() throws Exception {
    long id = mintDiploma();
    byte[] genuine = Bundles.prove(ledger, id);
    assertForgery(genuine, data("to", bobDid.value()).andThen(b -> at(b, "state", "leaf").put("owner", bobDid.value())),
        "MINT_NOT_AS_SIGNED");
    assertForgery(genuine, data("ref", "forged-ref"), "MINT_NOT_AS_SIGNED");
    assertForgery(genuine, data("ref", null), "MINT_NOT_AS_SIGNED");
    assertForgery(genuine, data("uri", "https://evil.example/d/1"), "MINT_NOT_AS_SIGNED");
    assertForgery(genuine, data("locked", true).andThen(b -> at(b, "state", "leaf").put("locked", true)),
        "MINT_NOT_AS_SIGNED");
    assertForgery(genuine, data("creator", opDid.value()), "MINT_NOT_AS_SIGNED");
  }

  /** An issuer-signed DDC-1155 mint of 5 logged with amount 500, or as a DDC-721. */
  @Test
  void anotherAmount_orKind_isMintNotAsSigned() throws Exception {
    long id = ledger.submit(req(pDid, platform, Operation.DDC1155_MINT, Items.mint1155(aliceDid, 5, null, null,
        "tickets"))).mintedIds().get(0);
    ledger.checkpoint();
    byte[] genuine = Bundles.prove(ledger, id);
    VerificationReport ok = verifier.verify(genuine);
    assertThat(ok.valid()).as(ok.toString()).isTrue();
    assertThat(ok.claims().get().amount()).isEqualTo(5);
    assertThat(ok.claims().get().holders()).containsExactly(Map.entry(aliceDid, 5L));
    assertForgery(genuine, data("amount", 500L), "MINT_NOT_AS_SIGNED");
    assertForgery(genuine, data("kind", "721").andThen(data("amount", 1L)), "MINT_NOT_AS_SIGNED");
    // the Operator inflates the holder's balance in the state it commits to
    assertForgery(genuine, b -> {
      at(b, "state", "holders").put(aliceDid.value(), 500L);
      at(b, "state", "leaf").put("owners", Hash.of(Sm3.hash(("{\"" + aliceDid.value() + "\":500}")
          .getBytes(StandardCharsets.UTF_8))).hex());
    }, "HOLDERS_MISMATCH");
    assertForgery(genuine, b -> at(b, "state", "holders").put(aliceDid.value(), 4L), "HOLDERS_MISMATCH");
  }

  /** The state leaf's immutable facts must be the mint's. */
  @Test
  void aStateLeafThatContradictsTheMint_isStateMismatch() throws Exception {
    long id = mintDiploma();
    byte[] genuine = Bundles.prove(ledger, id);
    assertForgery(genuine, b -> at(b, "state", "leaf").put("metadataRoot", Hash.of(new byte[32]).hex()),
        "STATE_MISMATCH");
    assertForgery(genuine, b -> at(b, "state", "leaf").put("locked", true), "STATE_MISMATCH");
    assertForgery(genuine, b -> at(b, "state", "leaf").put("uriHash", Hash.of(new byte[32]).hex()), "STATE_MISMATCH");
    assertForgery(genuine, b -> at(b, "state", "leaf").put("lastSeq", 0L), "STATE_MISMATCH");
  }

  @Test
  void aMintLoggedAfterTheSignedDeadline_isDeadlinePassed() throws Exception {
    long id = ledger.submit(Request.builder(ORIGIN, Operation.DDC721_MINT, pDid).nonce(nonces.merge(pDid, 1L, Long::sum))
        .deadline(T0 + 1).item(Items.mint721(aliceDid, null, null, "due")).build().sign(platform)).mintedIds().get(0);
    byte[] genuine = Bundles.prove(ledger, id);
    assertThat(verifier.verify(genuine).valid()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> b = (Map<String, Object>) Forger.copy(CanonicalJson.parse(genuine));
    at(b, "mint", "event").put("at", T0 + 2);
    assertThat(verifier.verify(Forger.resign(b, op, T0 + 100)).code()).isEqualTo("DEADLINE_PASSED");
  }

  @Test
  void aMintDatedAfterItsCheckpoint_isMintAfterCheckpoint() throws Exception {
    long id = mintDiploma();
    assertForgery(Bundles.prove(ledger, id), b -> at(b, "mint", "event").put("at", T0 + 1), "MINT_AFTER_CHECKPOINT");
  }

  /** A checkpoint dated after the verifier's clock plus the skew is refused, and "fresh" no more. */
  @Test
  void aFutureCheckpoint_isFutureCheckpoint_withinTheSkewItPasses() throws Exception {
    long id = mintDiploma();
    @SuppressWarnings("unchecked")
    Map<String, Object> b = (Map<String, Object>) Forger.copy(CanonicalJson.parse(Bundles.prove(ledger, id)));
    byte[] future = Forger.resign(b, op, T0 + Duration.ofDays(400).toMillis());
    assertThat(verifier.verify(future).code()).isEqualTo("FUTURE_CHECKPOINT");
    byte[] slightly = Forger.resign(b, op, T0 + 60_000 + Duration.ofMinutes(4).toMillis());
    VerificationReport r = verifier.verify(slightly);
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(r.claims().get().checkpointAge()).isNegative();
  }

  /** Trust is (origin, key): the same key signing another log's checkpoint proves nothing about this one. */
  @Test
  void anotherOrigin_signedByATrustedKey_isUntrustedOrigin_orWrongLedger() throws Exception {
    long id = mintDiploma();
    byte[] genuine = Bundles.prove(ledger, id);
    @SuppressWarnings("unchecked")
    Map<String, Object> b = (Map<String, Object>) Forger.copy(CanonicalJson.parse(genuine));
    String note = (String) b.get("checkpoint");
    b.put("checkpoint", note.replace(ORIGIN, "other.ddc.io/ledger"));
    byte[] moved = Forger.resign(b, op, null);
    assertThat(verifier.verify(moved).code()).isEqualTo("UNTRUSTED_ORIGIN");
    BundleVerifier both = BundleVerifier.builder().trust(ORIGIN, opKey.publicKey())
        .trust("other.ddc.io/ledger", opKey.publicKey()).maxAge(Duration.ofDays(30))
        .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 60_000), ZoneOffset.UTC)).build();
    assertThat(both.verify(moved).code()).isEqualTo("WRONG_LEDGER");
  }

  /** The relayer's countersignature carries no trust: the issuer's signature covers the relayer's name. */
  @Test
  void theVerifierNeedsNoRelayerKey() throws Exception {
    ledger.submit(req(opDid, op, Operation.FEE_SELF_RECHARGE, Items.of(Operation.FEE_SELF_RECHARGE, "amount", 100L)));
    var unsigned = Request.builder(ORIGIN, Operation.DDC721_MINT, pDid).nonce(nonces.merge(pDid, 1L, Long::sum))
        .relayer(opDid).item(Items.mint721(aliceDid, null, null, "relayed")).build();
    long id = ledger.submit(unsigned.sign(platform).relay(op)).mintedIds().get(0);
    VerificationReport r = verifier.verify(Bundles.prove(ledger, id));
    assertThat(r.valid()).as(r.toString()).isTrue();
  }
}
