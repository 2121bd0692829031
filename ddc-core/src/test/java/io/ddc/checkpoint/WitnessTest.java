package io.ddc.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.Signers;
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
}
