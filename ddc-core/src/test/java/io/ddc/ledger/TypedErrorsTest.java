package io.ddc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.bundle.Bundles;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.RuleCode;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: errors say what happened. A ledger opened with another origin or Operator key is a
 * {@link LedgerMismatchException}, not corruption; a rejection's message names its rule; proving
 * what is not there is a {@link NotFoundException} and changes nothing.
 */
class TypedErrorsTest {
  static final String ORIGIN = "errors.ddc.example/log";
  final Sm2PrivateKey opKey = Sm2PrivateKey.generate();
  final Signer op = Signers.sm2(opKey);
  final Did operator = Did.of("did:t:op");

  Ledger initialised(MemoryLedgerStore store) throws Exception {
    Ledger l = Ledger.builder(store).checkpointSigner(ORIGIN, op).open();
    l.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, operator).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op));
    return l;
  }

  @Test
  void reopenedWithAnotherOperatorKey_isAMismatch_notCorruption() throws Exception {
    MemoryLedgerStore store = new MemoryLedgerStore();
    initialised(store).checkpoint();
    Signer other = Signers.sm2(Sm2PrivateKey.generate());
    assertThatThrownBy(() -> Ledger.builder(store).checkpointSigner(ORIGIN, other).open())
        .isInstanceOfSatisfying(LedgerMismatchException.class,
            e -> assertThat(e.reason()).isEqualTo(LedgerMismatchException.Reason.WRONG_CHECKPOINT_KEY))
        .hasMessageContaining("did not sign this ledger's latest checkpoint").hasMessageContaining(ORIGIN)
        .isNotInstanceOf(LedgerCorruptException.class);
    assertThat(Ledger.builder(store).checkpointSigner(ORIGIN, op).open().size()).as("the right key opens it")
        .isEqualTo(1);
  }

  @Test
  void reopenedWithAnotherOrigin_isAMismatch_evenBeforeAnyCheckpoint() throws Exception {
    MemoryLedgerStore store = new MemoryLedgerStore();
    initialised(store);
    assertThatThrownBy(() -> Ledger.builder(store).checkpointSigner("other.example/log", op).open())
        .isInstanceOfSatisfying(LedgerMismatchException.class,
            e -> assertThat(e.code()).isEqualTo("WRONG_ORIGIN"))
        .hasMessageContaining("\"" + ORIGIN + "\"").hasMessageContaining("\"other.example/log\"");
  }

  @Test
  void aTamperedCheckpointSignature_isStillCorruption() throws Exception {
    MemoryLedgerStore store = new MemoryLedgerStore();
    Ledger l = initialised(store);
    String note = l.checkpoint();
    // flip one bit of the Operator's signature: its key ID still names the Operator, so this is
    // not another key's checkpoint but a stored checkpoint that does not verify
    String sigLine = note.substring(note.lastIndexOf("\u2014 "));
    String b64 = sigLine.substring(sigLine.indexOf(' ', 2) + 1).trim();
    byte[] raw = java.util.Base64.getDecoder().decode(b64);
    raw[raw.length - 1] ^= 1;
    String bad = note.replace(b64, java.util.Base64.getEncoder().encodeToString(raw));
    store.write(tx -> {
      tx.put(String.format("cp/%016d", 1), bad);
      return null;
    });
    assertThatThrownBy(() -> Ledger.builder(store).checkpointSigner(ORIGIN, op).open())
        .isInstanceOf(LedgerCorruptException.class).hasMessageContaining("does not verify");
  }

  @Test
  void aRejection_namesItsRuleInTheMessage() throws Exception {
    Ledger l = initialised(new MemoryLedgerStore());
    assertThatThrownBy(() -> l.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, operator).nonce(2)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
          assertThat(e.rule()).isEqualTo(RuleCode.ALREADY_INITIALIZED);
          assertThat(e.getMessage()).isEqualTo("ALREADY_INITIALIZED: " + e.detail());
          assertThat(e.detail()).isNotBlank().doesNotContain("ALREADY_INITIALIZED");
        });
  }

  @Test
  void provingAnUnknownDdc_isNotFound_andSignsNoCheckpoint() throws Exception {
    Ledger l = initialised(new MemoryLedgerStore());
    assertThat(l.latestCheckpoint()).isEmpty();
    assertThatThrownBy(() -> Bundles.prove(l, 7))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.what()).isEqualTo(NotFoundException.What.UNKNOWN_DDC))
        .hasMessage("no DDC 7 in this ledger");
    assertThat(l.latestCheckpoint()).as("a failed call changes nothing").isEmpty();
    assertThatThrownBy(() -> Bundles.prove(l, 7, OptionalLong.empty()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("NO_CHECKPOINT"))
        .hasMessageContaining("no checkpoint yet");
    l.checkpoint();
    assertThatThrownBy(() -> Bundles.prove(l, 7, OptionalLong.of(99)))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("NO_CHECKPOINT"))
        .hasMessageContaining("no checkpoint of size 99");
    assertThatThrownBy(() -> Bundles.prove(l, 7, OptionalLong.empty()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_DDC"));
  }
}
