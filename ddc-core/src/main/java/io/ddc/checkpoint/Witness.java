package io.ddc.checkpoint;

import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.ProofException;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.SigningUnavailableException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A witness: an independent party that cosigns a log's checkpoints only when each one extends the
 * last it cosigned, so a log cannot show different histories to different verifiers without
 * also fooling every witness a verifier's quorum names. It follows one log (an origin and its
 * key), remembers the last checkpoint it cosigned, and needs the consistency proof from that one
 * to each new one. The cosignature is an ordinary signed-note signature by the witness's key over
 * the checkpoint text (docs/BUNDLE.md). The first checkpoint it sees is trusted on first use.
 *
 * <p>Persist {@link #latest()} after each cosignature and pass it to {@link #create} on restart;
 * a witness that forgets its state can be led onto a fork. Thread-safe.
 */
public final class Witness {
  private final NoteSigner self;
  private final NoteKey log;
  private final TreeHasher hasher;
  private String latest;
  private Checkpoint latestCheckpoint;

  private Witness(NoteSigner self, NoteKey log, TreeHasher hasher) {
    this.self = Objects.requireNonNull(self, "self");
    this.log = Objects.requireNonNull(log, "log");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  /**
   * A witness signing as {@code self}, following the log whose checkpoints {@code log} signs (its
   * name is the origin), that last cosigned {@code lastCosigned} (a signed note, or null for a new
   * witness).
   */
  public static Witness create(NoteSigner self, NoteKey log, TreeHasher hasher, String lastCosigned)
      throws WitnessException {
    Witness w = new Witness(self, log, hasher);
    if (lastCosigned != null) {
      w.latestCheckpoint = w.open(lastCosigned);
      w.latest = lastCosigned;
    }
    return w;
  }

  private Checkpoint open(String note) throws WitnessException {
    try {
      return Checkpoints.verify(note, List.of(log), List.of(), log.name(), hasher.digestLength());
    } catch (CheckpointException e) {
      throw new WitnessException(WitnessException.Reason.NOT_SIGNED_BY_THE_LOG, "not a checkpoint of "
          + NoteKey.abbreviate(log.name()) + " signed by its key: " + e.getMessage());
    }
  }

  /**
   * Cosigns {@code signedNote} if it extends the last cosigned checkpoint, proved by
   * {@code consistencyProof} (from the last size to the new one; empty for the same size or the
   * first checkpoint), and returns the note with the cosignature added.
   */
  public synchronized String cosign(String signedNote, List<byte[]> consistencyProof)
      throws WitnessException, SigningUnavailableException {
    Checkpoint c = open(signedNote);
    Checkpoint last = latestCheckpoint;
    if (last != null) {
      if (c.size() < last.size()) {
        throw new WitnessException(WitnessException.Reason.ROLLBACK, "checkpoint of size " + c.size()
            + " is older than the cosigned " + last.size());
      }
      if (c.size() == last.size()) {
        if (!Arrays.equals(c.rootHash(), last.rootHash())) {
          throw new WitnessException(WitnessException.Reason.INCONSISTENT, "two checkpoints of size " + c.size()
              + " with different roots: a fork");
        }
      } else if (last.size() > 0) {
        if (consistencyProof == null || consistencyProof.isEmpty()) {
          throw new WitnessException(WitnessException.Reason.PROOF_NEEDED, "a consistency proof from "
              + last.size() + " to " + c.size() + " is needed");
        }
        try {
          MerkleProofs.verifyConsistency(hasher, last.size(), c.size(), consistencyProof, last.rootHash(),
              c.rootHash());
        } catch (ProofException e) {
          throw new WitnessException(WitnessException.Reason.INCONSISTENT, "checkpoint " + c.size()
              + " does not extend the cosigned " + last.size() + ": " + e.getMessage());
        }
      }
    }
    String cosigned;
    try {
      boolean already = SignedNote.parse(signedNote).signatures().stream()
          .anyMatch(s -> s.keyName().equals(self.name()) && s.keyId() == self.keyId());
      cosigned = already ? signedNote : Checkpoints.cosign(signedNote, List.of(self));
    } catch (CheckpointException e) {
      throw new AssertionError("a note that verified does not parse", e);
    }
    latest = cosigned;
    latestCheckpoint = c;
    return cosigned;
  }

  /** The last checkpoint this witness cosigned, with its cosignature: the state to persist. */
  public synchronized Optional<String> latest() {
    return Optional.ofNullable(latest);
  }

  /** The witness's verifier key, for verifiers' quorums. */
  public NoteKey key() {
    return self.noteKey();
  }

  @Override
  public String toString() {
    return "Witness[" + self.name() + " of " + log.name() + "]";
  }
}
