package io.ddc.checkpoint;

import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.ProofException;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.SigningUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A witness: an independent party that cosigns a log's checkpoints only when each one extends the
 * last it cosigned, so a log cannot show different histories to different verifiers without
 * also fooling every witness a verifier's quorum names. It follows one log (an origin and its
 * key), remembers the last checkpoint it cosigned, and needs the consistency proof from that one
 * to each new one. The cosignature is an ordinary signed-note signature by the witness's key over
 * the checkpoint text (docs/BUNDLE.md).
 *
 * <p>It cosigns a checkpoint only if, against the last one it cosigned: the size is not smaller;
 * at the same size every commitment (log root, {@code state} and {@code accounts} lines: the whole
 * body but the {@code time} line) is identical; at a larger size a consistency proof verifies; and
 * the time does not go backwards. Anything else is refused and leaves the state unchanged.
 *
 * <p>Where it starts: {@link #create} with {@code null} starts from the empty state (it has
 * cosigned nothing, and any history extends the empty one, so the first checkpoint it is shown
 * is the one it starts from); with a note, that note must carry this witness's own valid
 * cosignature (it is the state this witness persisted), so a note the log merely signed cannot
 * be passed off as what the witness saw. {@link #startingFrom} starts from a checkpoint the
 * witness's operator trusts for another reason (obtained out of band). Persist {@link #latest()}
 * after each cosignature and pass it to {@link #create} on restart; a witness that forgets its
 * state can be led onto a fork. A witness whose key is the log's key is refused: its cosignature
 * would be the log's own signature under another name. Thread-safe.
 */
public final class Witness {
  private final NoteSigner self;
  private final NoteKey log;
  private final TreeHasher hasher;
  private String latest;
  private Checkpoint latestCheckpoint;

  private Witness(NoteSigner self, NoteKey log, TreeHasher hasher) throws WitnessException {
    this.self = Objects.requireNonNull(self, "self");
    this.log = Objects.requireNonNull(log, "log");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    NoteKey mine = self.noteKey();
    if (Checkpoints.sameKey(mine, log)) {
      throw new WitnessException(WitnessException.Reason.SAME_KEY_AS_THE_LOG, "the witness " + self.name()
          + " has the same key as the log " + NoteKey.abbreviate(log.name())
          + " it follows; a witness needs its own key");
    }
  }

  /**
   * A witness signing as {@code self}, following the log whose checkpoints {@code log} signs (its
   * name is the origin), that last cosigned {@code lastCosigned}: a signed note carrying the log's
   * signature and this witness's own valid cosignature (what {@link #latest()} returned), or null
   * for a new witness, which starts from the empty state.
   *
   * @throws WitnessException {@code STATE_NOT_COSIGNED} if {@code lastCosigned} lacks this witness's
   *     valid cosignature, {@code NOT_SIGNED_BY_THE_LOG} if the log did not sign it,
   *     {@code SAME_KEY_AS_THE_LOG} if {@code self} has the log's key
   */
  public static Witness create(NoteSigner self, NoteKey log, TreeHasher hasher, String lastCosigned)
      throws WitnessException {
    Witness w = new Witness(self, log, hasher);
    if (lastCosigned != null) {
      w.latestCheckpoint = w.open(lastCosigned);
      if (!w.cosignedByMe(lastCosigned)) {
        throw new WitnessException(WitnessException.Reason.STATE_NOT_COSIGNED, "the state is a checkpoint of size "
            + w.latestCheckpoint.size() + " without a valid cosignature by this witness (" + self.name()
            + "); a witness starts from its own last cosigned checkpoint, or from none");
      }
      w.latest = lastCosigned;
    }
    return w;
  }

  /**
   * A witness that starts from {@code trusted}, a checkpoint signed by the log that the caller
   * trusts (e.g. obtained out of band), whether or not this witness cosigned it. It does not
   * cosign {@code trusted} itself: {@link #latest()} stays empty until the first cosignature.
   */
  public static Witness startingFrom(NoteSigner self, NoteKey log, TreeHasher hasher, String trusted)
      throws WitnessException {
    Witness w = new Witness(self, log, hasher);
    w.latestCheckpoint = w.open(Objects.requireNonNull(trusted, "trusted"));
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

  private boolean cosignedByMe(String note) {
    try {
      Checkpoints.verify(note, List.of(self.noteKey()), List.of(), null, hasher.digestLength());
      return true;
    } catch (CheckpointException e) {
      return false;
    }
  }

  private static WitnessException inconsistent(String message) {
    return new WitnessException(WitnessException.Reason.INCONSISTENT, message);
  }

  private static OptionalLong time(Checkpoint c) throws WitnessException {
    try {
      return c.time();
    } catch (CheckpointException e) {
      throw inconsistent("checkpoint " + c.size() + ": " + e.getMessage());
    }
  }

  /**
   * Cosigns {@code signedNote} if it extends the last cosigned checkpoint, proved by
   * {@code consistencyProof} (from the last size to the new one; empty for the same size or the
   * first checkpoint), and returns the note with this witness's valid cosignature: a note that
   * already carries one is returned as it is (without any other line under this witness's name and
   * key ID); one whose line under this witness's name and key ID does not verify gets a valid one
   * instead. The state advances only with a valid cosignature.
   */
  public synchronized String cosign(String signedNote, List<byte[]> consistencyProof)
      throws WitnessException, SigningUnavailableException {
    Checkpoint c = open(signedNote);
    Checkpoint last = latestCheckpoint;
    OptionalLong time = time(c);
    if (last != null) {
      OptionalLong lastTime = time(last);
      if (lastTime.isPresent() && (time.isEmpty() || time.getAsLong() < lastTime.getAsLong())) {
        throw inconsistent("checkpoint " + c.size() + " has time "
            + (time.isPresent() ? Long.toString(time.getAsLong()) : "(none)") + ", before the cosigned checkpoint "
            + last.size() + "'s " + lastTime.getAsLong() + ": time went backwards");
      }
      if (c.size() < last.size()) {
        throw new WitnessException(WitnessException.Reason.ROLLBACK, "checkpoint of size " + c.size()
            + " is older than the cosigned " + last.size());
      }
      if (c.size() == last.size()) {
        if (!Arrays.equals(c.rootHash(), last.rootHash())) {
          throw inconsistent("two checkpoints of size " + c.size() + " with different roots: a fork");
        }
        if (!c.commitments().equals(last.commitments())) {
          throw inconsistent("two checkpoints of size " + c.size() + " with the same log root but different "
              + "commitments: expected every line but time to equal the cosigned checkpoint's, found the "
              + describeDiff(last, c) + " line(s) differ: an equivocation");
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
          throw inconsistent("checkpoint " + c.size() + " does not extend the cosigned " + last.size() + ": "
              + e.getMessage());
        }
      }
    }
    String cosigned;
    try {
      SignedNote parsed = SignedNote.parse(signedNote);
      NoteKey mine = self.noteKey();
      byte[] text = parsed.text().getBytes(StandardCharsets.UTF_8);
      List<SignedNote.Signature> kept = new ArrayList<>();
      boolean valid = false;
      for (SignedNote.Signature s : parsed.signatures()) {
        if (s.keyName().equals(self.name()) && s.keyId() == self.keyId()) {
          if (!valid && mine.verifier().isValid(text, s.bytes())) {
            valid = true;
            kept.add(s);
          }
          // any other line under this witness's name and key ID is junk or a duplicate: dropped
        } else {
          kept.add(s);
        }
      }
      SignedNote out = new SignedNote(parsed.text(), kept);
      cosigned = valid ? out.format() : Checkpoints.cosign(out.format(), List.of(self));
      if (!cosignedByMe(cosigned)) {
        throw new SigningUnavailableException("the witness's signer produced a signature that does not verify "
            + "with its own key; nothing was cosigned", null);
      }
    } catch (CheckpointException e) {
      throw new AssertionError("a note that verified does not parse", e);
    }
    latest = cosigned;
    latestCheckpoint = c;
    return cosigned;
  }

  private static String describeDiff(Checkpoint a, Checkpoint b) {
    List<String> x = new ArrayList<>(List.of(a.commitments().split("\n")));
    List<String> y = new ArrayList<>(List.of(b.commitments().split("\n")));
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (String l : y) {
      if (!x.contains(l)) {
        names.add(NoteKey.abbreviate(l.split(" ")[0]));
      }
    }
    for (String l : x) {
      if (!y.contains(l)) {
        names.add(NoteKey.abbreviate(l.split(" ")[0]));
      }
    }
    return String.join(", ", names);
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
