package io.ddc.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.SignatureScheme;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.sign.SigningUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A witness cosigns only checkpoints that extend the last one it cosigned. */
class WitnessTest {
  static final String ORIGIN = "witness-test.ddc.io/log";
  final TreeHasher h = TreeHasher.sm3();
  final NoteSigner logSigner = NoteSigner.of(ORIGIN, Signers.sm2(Sm2PrivateKey.generate()));
  final NoteSigner witnessSigner = NoteSigner.of("witness.example/w1", Signers.sm2(Sm2PrivateKey.generate()));
  final MerkleLog log = MerkleLog.open(h, new InMemoryTileStore(), 0);

  String checkpoint(MerkleLog l) throws Exception {
    return Checkpoints.sign(new Checkpoint(ORIGIN, l.size(), l.root(), List.of()), List.of(logSigner));
  }

  void grow(MerkleLog l, int n, String tag) {
    for (int i = 0; i < n; i++) {
      l.append((tag + l.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  Witness witness(String state) throws Exception {
    return Witness.create(witnessSigner, logSigner.noteKey(), h, state);
  }

  @Test
  void cosigns_theFirstCheckpoint_thenOnlyProvenExtensions_andSurvivesARestart() throws Exception {
    Witness w = witness(null);
    grow(log, 5, "e");
    String c5 = checkpoint(log);
    String cosigned = w.cosign(c5, List.of());
    Checkpoints.verify(cosigned, List.of(logSigner.noteKey(), w.key()), List.of(), ORIGIN, 32);
    assertThat(w.cosign(cosigned, List.of())).as("the same checkpoint again: no second cosignature").isEqualTo(cosigned);
    grow(log, 7, "e");
    String c12 = checkpoint(log);
    assertThatThrownBy(() -> w.cosign(c12, List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.PROOF_NEEDED));
    String c12w = w.cosign(c12, log.consistencyProof(5, 12).hashes());
    Checkpoints.verify(c12w, List.of(logSigner.noteKey(), w.key()), List.of(), ORIGIN, 32);

    Witness restarted = witness(w.latest().get());
    assertThatThrownBy(() -> restarted.cosign(c5, List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.ROLLBACK));
    grow(log, 1, "e");
    restarted.cosign(checkpoint(log), log.consistencyProof(12, 13).hashes());
  }

  @Test
  void refuses_aFork_aBadProof_andNotesTheLogDidNotSign() throws Exception {
    Witness w = witness(null);
    grow(log, 6, "e");
    w.cosign(checkpoint(log), List.of());
    MerkleLog fork = MerkleLog.open(h, new InMemoryTileStore(), 0);
    grow(fork, 6, "f");
    assertThatThrownBy(() -> w.cosign(checkpoint(fork), List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT));
    grow(fork, 4, "f");
    assertThatThrownBy(() -> w.cosign(checkpoint(fork), fork.consistencyProof(6, 10).hashes()))
        .isInstanceOfSatisfying(WitnessException.class,
            e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT));
    NoteSigner stranger = NoteSigner.of(ORIGIN, Signers.sm2(Sm2PrivateKey.generate()));
    grow(log, 4, "e");
    String forged = Checkpoints.sign(new Checkpoint(ORIGIN, log.size(), log.root(), List.of()), List.of(stranger));
    assertThatThrownBy(() -> w.cosign(forged, log.consistencyProof(6, 10).hashes()))
        .isInstanceOfSatisfying(WitnessException.class,
            e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.NOT_SIGNED_BY_THE_LOG));
    assertThat(Checkpoints.verify(w.latest().get(), List.of(logSigner.noteKey()), List.of(), ORIGIN, 32).size())
        .as("refusals change nothing").isEqualTo(6);
    assertThatThrownBy(() -> witness("not a note")).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.NOT_SIGNED_BY_THE_LOG));
  }

  String checkpoint(MerkleLog l, String accounts, long time) throws Exception {
    return Checkpoints.sign(new Checkpoint(ORIGIN, l.size(), l.root(), List.of(
        "state 1 " + java.util.Base64.getEncoder().encodeToString(new byte[32]),
        "accounts 2 " + accounts, "time " + time)), List.of(logSigner));
  }

  static final String ACCOUNTS_A = java.util.Base64.getEncoder().encodeToString(new byte[32]);
  static final String ACCOUNTS_B = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(new byte[] {1}, 32));

  /**
   * Attack (issue 14, finding 3): the Operator re-signs size N with the same log root but another
   * {@code accounts} root (one that hides a key revocation) and gets it cosigned, since the witness
   * compared only log roots at equal size. Every commitment but the time must be identical.
   */
  @Test
  void refuses_aSecondCheckpointOfTheSameSize_withOtherStateOrAccounts() throws Exception {
    Witness w = witness(null);
    grow(log, 4, "e");
    w.cosign(checkpoint(log, ACCOUNTS_A, 1000), List.of());
    String equivocation = checkpoint(log, ACCOUNTS_B, 2000);
    assertThatThrownBy(() -> w.cosign(equivocation, List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> {
          assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT);
          assertThat(e.getMessage()).contains("accounts").contains("size 4");
        });
    String otherState = Checkpoints.sign(new Checkpoint(ORIGIN, log.size(), log.root(), List.of(
        "state 2 " + ACCOUNTS_A, "accounts 2 " + ACCOUNTS_A, "time 3000")), List.of(logSigner));
    assertThatThrownBy(() -> w.cosign(otherState, List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT));
    String extraLine = Checkpoints.sign(new Checkpoint(ORIGIN, log.size(), log.root(), List.of(
        "state 1 " + ACCOUNTS_A, "accounts 2 " + ACCOUNTS_A, "time 3000", "note hi")), List.of(logSigner));
    assertThatThrownBy(() -> w.cosign(extraLine, List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT));
    assertThat(Checkpoint.parse(SignedNote.parse(w.latest().get()).text(), 32).extensions()).as("unchanged")
        .contains("time 1000");
    // the same commitments signed again later: cosigned, and the state moves to the later time
    w.cosign(checkpoint(log, ACCOUNTS_A, 2000), List.of());
    assertThat(w.latest().get()).contains("time 2000");
  }

  /** Attack: a checkpoint whose time goes backwards, at the same size or at a larger one, is refused. */
  @Test
  void refuses_aCheckpointWhoseTimeGoesBackwards() throws Exception {
    Witness w = witness(null);
    grow(log, 4, "e");
    w.cosign(checkpoint(log, ACCOUNTS_A, 5000), List.of());
    String earlier = checkpoint(log, ACCOUNTS_A, 4999);
    assertThatThrownBy(() -> w.cosign(earlier, List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT));
    grow(log, 3, "e");
    List<byte[]> proof = log.consistencyProof(4, 7).hashes();
    assertThatThrownBy(() -> w.cosign(checkpoint(log, ACCOUNTS_A, 4000), proof))
        .isInstanceOfSatisfying(WitnessException.class, e -> {
          assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT);
          assertThat(e.getMessage()).contains("4000").contains("5000");
        });
    String noTime = Checkpoints.sign(new Checkpoint(ORIGIN, log.size(), log.root(), List.of()), List.of(logSigner));
    assertThatThrownBy(() -> w.cosign(noTime, proof)).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT));
    w.cosign(checkpoint(log, ACCOUNTS_A, 5000), proof);
    assertThat(Checkpoint.parse(SignedNote.parse(w.latest().get()).text(), 32).size()).isEqualTo(7);
  }

  /**
   * Attack (finding 8a): a line under the witness's name and key ID with junk bytes made
   * {@code cosign} skip signing while advancing its state. Now the witness signs, and what it
   * returns and keeps carries its valid cosignature.
   */
  @Test
  void aJunkLineUnderTheWitnessName_isReplacedByAValidCosignature() throws Exception {
    Witness w = witness(null);
    grow(log, 3, "e");
    String note = checkpoint(log);
    SignedNote parsed = SignedNote.parse(note);
    List<SignedNote.Signature> sigs = new java.util.ArrayList<>(parsed.signatures());
    sigs.add(new SignedNote.Signature(witnessSigner.name(), witnessSigner.keyId(), new byte[64]));
    String junk = new SignedNote(parsed.text(), sigs).format();
    String cosigned = w.cosign(junk, List.of());
    Checkpoints.verify(cosigned, List.of(logSigner.noteKey(), w.key()), List.of(), ORIGIN, 32);
    Checkpoints.verify(w.latest().get(), List.of(logSigner.noteKey(), w.key()), List.of(), ORIGIN, 32);
    assertThat(SignedNote.parse(cosigned).signatures()).hasSize(2);
    assertThat(witness(w.latest().get()).latest()).as("the kept state restarts the witness").isPresent();
  }

  /**
   * Attack (finding 8e): a starting state the log signed but the witness never cosigned (say, a
   * forked checkpoint written into its state file) was trusted as what it saw. Now the state must
   * carry the witness's own cosignature; an out-of-band trusted start is explicit.
   */
  @Test
  void startsOnlyFromItsOwnCosignedState_orAnExplicitlyTrustedCheckpoint() throws Exception {
    grow(log, 3, "e");
    String logSignedOnly = checkpoint(log);
    assertThatThrownBy(() -> witness(logSignedOnly)).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.STATE_NOT_COSIGNED));
    NoteSigner other = NoteSigner.of(witnessSigner.name(), Signers.sm2(Sm2PrivateKey.generate()));
    String cosignedByAnother = Checkpoints.cosign(logSignedOnly, List.of(other));
    assertThatThrownBy(() -> witness(cosignedByAnother)).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.STATE_NOT_COSIGNED));
    Witness trusted = Witness.startingFrom(witnessSigner, logSigner.noteKey(), h, logSignedOnly);
    assertThat(trusted.latest()).isEmpty();
    MerkleLog fork = MerkleLog.open(h, new InMemoryTileStore(), 0);
    grow(fork, 3, "f");
    assertThatThrownBy(() -> trusted.cosign(checkpoint(fork), List.of())).isInstanceOfSatisfying(
        WitnessException.class, e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT));
    grow(log, 2, "e");
    trusted.cosign(checkpoint(log), log.consistencyProof(3, 5).hashes());
  }

  /**
   * Suspicion (iii), proved: a note signature covers only the text, so when a witness has the log's
   * key the log's own signature line, relabelled under the witness's name and key ID, verifies as
   * its cosignature. Such a witness is refused.
   */
  @Test
  void aWitnessWithTheLogsKey_isRefused_becauseTheLogsSignatureRelabelsAsItsCosignature() throws Exception {
    Sm2PrivateKey shared = Sm2PrivateKey.generate();
    NoteSigner logWithShared = NoteSigner.of(ORIGIN, Signers.sm2(shared));
    NoteSigner witnessWithShared = NoteSigner.of("witness.example/same", Signers.sm2(shared));
    grow(log, 2, "e");
    String note = Checkpoints.sign(new Checkpoint(ORIGIN, log.size(), log.root(), List.of()), List.of(logWithShared));
    SignedNote n = SignedNote.parse(note);
    SignedNote.Signature op = n.signatures().get(0);
    String relabelled = new SignedNote(n.text(), List.of(op,
        new SignedNote.Signature(witnessWithShared.name(), witnessWithShared.keyId(), op.bytes()))).format();
    assertThat(Checkpoints.countCosigners(relabelled, List.of(witnessWithShared.noteKey()))).isEqualTo(1);
    assertThatThrownBy(() -> Witness.create(witnessWithShared, logWithShared.noteKey(), h, null))
        .isInstanceOfSatisfying(WitnessException.class,
            e -> assertThat(e.reason()).isEqualTo(WitnessException.Reason.SAME_KEY_AS_THE_LOG));
    assertThatThrownBy(() -> Checkpoints.requireDistinctWitnesses(List.of(witnessWithShared.noteKey()),
        List.of(logWithShared.noteKey()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key of the log");
  }

  /** Finding 8c: a quorum counts distinct keys; a witness listed twice or one key under two names counts once. */
  @Test
  void countCosigners_countsDistinctKeysWithAValidCosignature() throws Exception {
    grow(log, 2, "e");
    Sm2PrivateKey k2 = Sm2PrivateKey.generate();
    NoteSigner w2 = NoteSigner.of("witness.example/w2", Signers.sm2(k2));
    NoteSigner w2alias = NoteSigner.of("witness.example/w2-alias", Signers.sm2(k2));
    NoteSigner w3 = NoteSigner.of("witness.example/w3", Signers.sm2(Sm2PrivateKey.generate()));
    String note = Checkpoints.cosign(checkpoint(log), List.of(witnessSigner, w2, w2alias));
    List<NoteKey> keys = List.of(witnessSigner.noteKey(), witnessSigner.noteKey(), w2.noteKey(), w2alias.noteKey(),
        w3.noteKey(), logSigner.noteKey());
    assertThat(Checkpoints.countCosigners(note, keys.subList(0, 5))).isEqualTo(2);
    assertThat(Checkpoints.countCosigners(note, List.of(w3.noteKey()))).isZero();
    SignedNote n = SignedNote.parse(note);
    String junk = new SignedNote(n.text(), List.of(n.signatures().get(0),
        new SignedNote.Signature(w3.name(), w3.keyId(), new byte[64]))).format();
    assertThat(Checkpoints.countCosigners(junk, List.of(w3.noteKey()))).as("junk bytes count for nothing").isZero();
    assertThatThrownBy(() -> Checkpoints.requireDistinctWitnesses(keys.subList(0, 2), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
    assertThatThrownBy(() -> Checkpoints.requireDistinctWitnesses(keys.subList(2, 4), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same public key");
    Checkpoints.requireDistinctWitnesses(List.of(witnessSigner.noteKey(), w2.noteKey(), w3.noteKey()),
        List.of(logSigner.noteKey()));
  }

  /** The refusal says which fault it found: a fork of the log, or which commitment lines differ. */
  @Test
  void aForkOfTheSameSize_isNamedAFork_andAnEquivocationNamesTheLinesThatDiffer() throws Exception {
    Witness w = witness(null);
    grow(log, 6, "e");
    w.cosign(checkpoint(log, ACCOUNTS_A, 1000), List.of());
    MerkleLog fork = MerkleLog.open(h, new InMemoryTileStore(), 0);
    grow(fork, 6, "f");
    assertThatThrownBy(() -> w.cosign(checkpoint(fork, ACCOUNTS_A, 1000), List.of()))
        .isInstanceOfSatisfying(WitnessException.class, e -> {
          assertThat(e.reason()).isEqualTo(WitnessException.Reason.INCONSISTENT);
          assertThat(e.getMessage()).isEqualTo("two checkpoints of size 6 with different roots: a fork");
        });
    String prefix = "two checkpoints of size 6 with the same log root but different commitments: expected every "
        + "line but time to equal the cosigned checkpoint's, found the ";
    assertThatThrownBy(() -> w.cosign(checkpoint(log, ACCOUNTS_B, 2000), List.of()))
        .isInstanceOfSatisfying(WitnessException.class,
            e -> assertThat(e.getMessage()).isEqualTo(prefix + "accounts line(s) differ: an equivocation"));
    // a line only in the new checkpoint, and a line only in the cosigned one
    String extra = Checkpoints.sign(new Checkpoint(ORIGIN, log.size(), log.root(), List.of(
        "state 1 " + ACCOUNTS_A, "accounts 2 " + ACCOUNTS_A, "time 3000", "note hi")), List.of(logSigner));
    assertThatThrownBy(() -> w.cosign(extra, List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.getMessage()).isEqualTo(prefix + "note line(s) differ: an equivocation"));
    String fewer = Checkpoints.sign(new Checkpoint(ORIGIN, log.size(), log.root(), List.of(
        "accounts 2 " + ACCOUNTS_A, "time 3000")), List.of(logSigner));
    assertThatThrownBy(() -> w.cosign(fewer, List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> assertThat(e.getMessage()).isEqualTo(prefix + "state line(s) differ: an equivocation"));
  }

  /** Every tree extends the empty one: after a size-0 checkpoint, the next needs no proof. */
  /** The refusal messages name the fault (found by PIT: a fork took the equivocation path unnoticed). */
  @Test
  void afterTheEmptyTree_aLargerCheckpointNeedsNoProof() throws Exception {
    Witness w = witness(null);
    String empty = w.cosign(checkpoint(log), List.of());
    assertThat(Checkpoint.parse(SignedNote.parse(empty).text(), 32).size()).isZero();
    grow(log, 3, "e");
    String c3 = w.cosign(checkpoint(log), List.of());
    Checkpoints.verify(c3, List.of(logSigner.noteKey(), w.key()), List.of(), ORIGIN, 32);
    grow(log, 2, "e");
    assertThatThrownBy(() -> w.cosign(checkpoint(log), List.of())).isInstanceOfSatisfying(WitnessException.class,
        e -> {
          assertThat(e.reason()).isEqualTo(WitnessException.Reason.PROOF_NEEDED);
          assertThat(e.getMessage()).isEqualTo("a consistency proof from 3 to 5 is needed");
        });
  }

  /** A signer (say a remote one) that returns a signature its own key does not verify: nothing is cosigned. */
  @Test
  void aSignerWhoseSignatureDoesNotVerify_cosignsNothing_andTheStateStays() throws Exception {
    Signer real = Signers.sm2(Sm2PrivateKey.generate());
    Signer broken = new Signer() {
      @Override
      public SignatureScheme scheme() {
        return real.scheme();
      }

      @Override
      public byte[] publicKey() {
        return real.publicKey();
      }

      @Override
      public byte[] sign(byte[] message) throws SigningUnavailableException {
        byte[] s = real.sign(message);
        s[s.length - 1] ^= 1;
        return s;
      }
    };
    Witness w = Witness.create(NoteSigner.of("witness.example/broken", broken), logSigner.noteKey(), h, null);
    grow(log, 2, "e");
    assertThatThrownBy(() -> w.cosign(checkpoint(log), List.of())).isInstanceOf(SigningUnavailableException.class)
        .hasMessageContaining("does not verify with its own key");
    assertThat(w.latest()).isEmpty();
    assertThat(w).hasToString("Witness[witness.example/broken of " + ORIGIN + "]");
  }
}
