package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.checkpoint.SignedNote;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: cosignatures kept with a checkpoint are verified (8b); a first checkpoint of a log
 * opened without one is signed only when allowed (7); what verifyOpen does not see (suspicion i).
 */
class CosignatureAndFirstCheckpointTest {
  static final String ORIGIN = "cosig.ddc.io/log";
  final Sm2PrivateKey opKey = Sm2PrivateKey.generate();
  final Signer op = Signers.sm2(opKey);
  final NoteSigner w1 = NoteSigner.of("w1.example", Signers.sm2(Sm2PrivateKey.generate()));

  Ledger initialised(MemoryLedgerStore store) throws Exception {
    Ledger l = Ledger.builder(store).checkpointSigner(ORIGIN, op).open();
    l.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, Did.of("did:t:op")).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op));
    return l;
  }

  /**
   * Attack (8b): a line under a witness's name and key ID with junk bytes, added first, was kept
   * unverified, and the witness's real cosignature added later was dropped as "already there".
   * Now a junk line is refused, and a kept junk line is replaced by a valid one.
   */
  @Test
  void addCosignatures_keepsOnlyVerifiedCosignatures() throws Exception {
    MemoryLedgerStore store = new MemoryLedgerStore();
    Ledger l = initialised(store);
    String note = l.checkpoint();
    SignedNote n = SignedNote.parse(note);
    List<SignedNote.Signature> sigs = new ArrayList<>(n.signatures());
    sigs.add(new SignedNote.Signature(w1.name(), w1.keyId(), new byte[64]));
    String junk = new SignedNote(n.text(), sigs).format();
    assertThatThrownBy(() -> l.addCosignatures(junk, List.of(w1.noteKey())))
        .isInstanceOfSatisfying(CheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(CheckpointException.Reason.SIGNATURE_MISMATCH))
        .hasMessageContaining("w1.example");
    assertThat(l.latestCheckpoint().get()).as("nothing kept").isEqualTo(note);
    String stranger = Checkpoints.cosign(note, List.of(NoteSigner.of("w9", Signers.sm2(Sm2PrivateKey.generate()))));
    assertThatThrownBy(() -> l.addCosignatures(stranger, List.of(w1.noteKey())))
        .isInstanceOfSatisfying(CheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(CheckpointException.Reason.UNKNOWN_SIGNER));

    // a junk line already in the store (a database writer put it there) gives way to the valid one
    String size = store.get("m/cpsize").get();
    store.write(tx -> {
      tx.put(String.format("cp/%016d", Long.parseLong(size)), junk);
      return null;
    });
    String merged = l.addCosignatures(Checkpoints.cosign(note, List.of(w1)), List.of(w1.noteKey()));
    NoteKey opNote = NoteSigner.of(ORIGIN, op).noteKey();
    Checkpoints.verify(merged, List.of(opNote, w1.noteKey()), List.of(), ORIGIN, 32);
    assertThat(Checkpoints.countCosigners(l.latestCheckpoint().get(), List.of(w1.noteKey()))).isEqualTo(1);
    assertThat(SignedNote.parse(merged).signatures()).hasSize(2);
    assertThat(l.addCosignatures(merged, List.of(w1.noteKey()))).as("adding the same again changes nothing")
        .isEqualTo(merged);
  }

  /**
   * Attack (finding 7, library side): a store that holds events but whose checkpoints were deleted
   * is opened with a signer; {@code checkpoint()} signed it with nothing to compare. Now only with
   * {@link Ledger.Builder#allowFirstCheckpoint}.
   */
  @Test
  void theFirstCheckpointOfANonEmptyLog_needsTheBuildersConsent() throws Exception {
    MemoryLedgerStore store = new MemoryLedgerStore();
    Ledger l = initialised(store);
    assertThat(l.latestCheckpoint()).isEmpty();
    Ledger reopened = Ledger.builder(store).checkpointSigner(ORIGIN, op).open();
    assertThatThrownBy(reopened::checkpoint).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 events but no checkpoint").hasMessageContaining("allowFirstCheckpoint");
    assertThat(reopened.latestCheckpoint()).isEmpty();
    String first = Ledger.builder(store).checkpointSigner(ORIGIN, op).allowFirstCheckpoint().open().checkpoint();
    assertThat(first).startsWith(ORIGIN + "\n1\n");
    assertThat(l.checkpoint()).as("a ledger opened empty signs freely").isEqualTo(first);
  }

  /**
   * Suspicion (i), proved: a stored value outside the committed trees (an account's points)
   * changed without touching any tile passes {@code verifyOpen}, which checks hashes, not the
   * replay; {@code audit} catches it. Documented in docs/SECURITY.md as a known limit.
   */
  @Test
  void aChangedValueWithoutTouchedTiles_passesVerifyOpen_butNotAudit() throws Exception {
    MemoryLedgerStore store = new MemoryLedgerStore();
    Ledger l = initialised(store);
    l.submit(Request.builder(ORIGIN, Operation.FEE_SELF_RECHARGE, Did.of("did:t:op")).nonce(2)
        .item(Items.of(Operation.FEE_SELF_RECHARGE, "amount", 10)).build().sign(op));
    l.checkpoint();
    store.write(tx -> {
      tx.put("p/did:t:op", "999999");
      return null;
    });
    l.verifyOpen(NoteSigner.of(ORIGIN, op).noteKey());
    assertThatThrownBy(l::audit).isInstanceOf(io.ddc.ledger.spi.LedgerCorruptException.class);
  }
}
