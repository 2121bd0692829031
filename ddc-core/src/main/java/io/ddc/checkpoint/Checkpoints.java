package io.ddc.checkpoint;

import io.ddc.checkpoint.CheckpointException.Reason;
import io.ddc.sign.SigningUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Signing checkpoints as C2SP signed notes, and opening them under a trust policy. */
public final class Checkpoints {
  private Checkpoints() {}

  /** The signed note text of {@code checkpoint} signed by every signer, in order. */
  public static String sign(Checkpoint checkpoint, List<NoteSigner> signers) throws SigningUnavailableException {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("at least one signer is needed");
    }
    String body = checkpoint.body();
    List<SignedNote.Signature> sigs = new ArrayList<>();
    for (NoteSigner s : signers) {
      sigs.add(s.sign(body));
    }
    return new SignedNote(body, sigs).format();
  }

  /** Adds cosignatures (e.g. a witness's) to a signed note without changing its text. */
  public static String cosign(String signedNote, List<NoteSigner> cosigners)
      throws CheckpointException, SigningUnavailableException {
    SignedNote note = SignedNote.parse(signedNote);
    List<SignedNote.Signature> sigs = new ArrayList<>(note.signatures());
    for (NoteSigner s : cosigners) {
      sigs.add(s.sign(note.text()));
    }
    return new SignedNote(note.text(), sigs).format();
  }

  /**
   * Parses and verifies a signed checkpoint: every key in {@code required} must have signed
   * the note, and every signature by a key in {@code required} or {@code optional} must
   * verify; signatures by other keys are ignored, as C2SP requires. Then the body is parsed
   * with a root hash of {@code hashLength} bytes and, when {@code expectedOrigin} is not null,
   * its origin must be that.
   */
  public static Checkpoint verify(String signedNote, List<NoteKey> required, List<NoteKey> optional,
      String expectedOrigin, int hashLength) throws CheckpointException {
    Objects.requireNonNull(signedNote, "signedNote");
    if (required.isEmpty()) {
      throw new IllegalArgumentException("at least one required key is needed: an unsigned note proves nothing");
    }
    SignedNote note = SignedNote.parse(signedNote.getBytes(StandardCharsets.UTF_8));
    byte[] text = note.text().getBytes(StandardCharsets.UTF_8);
    List<NoteKey> known = new ArrayList<>(required);
    known.addAll(optional);
    Set<NoteKey> signed = new HashSet<>();
    for (SignedNote.Signature sig : note.signatures()) {
      for (NoteKey k : known) {
        if (k.name().equals(sig.keyName()) && k.keyId() == sig.keyId()) {
          byte[] bytes = sig.bytes();
          int want = 64; // SM2 r ‖ s and Ed25519 signatures are both 64 bytes
          if (bytes.length != want) {
            throw new CheckpointException(Reason.MALFORMED_SIGNATURE, String.format(
                "signature by %s (%08x) is %d bytes, want %d", k.name(), k.keyId(), bytes.length, want));
          }
          if (!k.verifier().isValid(text, bytes)) {
            throw new CheckpointException(Reason.SIGNATURE_MISMATCH, String.format(
                "signature by %s (%08x) does not verify", k.name(), k.keyId()));
          }
          signed.add(k);
        }
      }
    }
    for (NoteKey k : required) {
      if (!signed.contains(k)) {
        throw new CheckpointException(Reason.MISSING_REQUIRED_SIGNATURE, String.format(
            "no signature by required key %s (%08x); the note is signed by %s",
            k.name(), k.keyId(), describe(note.signatures())));
      }
    }
    Checkpoint c = Checkpoint.parse(note.text(), hashLength);
    if (expectedOrigin != null && !expectedOrigin.equals(c.origin())) {
      throw new CheckpointException(Reason.WRONG_ORIGIN,
          "checkpoint is for log \"" + NoteKey.abbreviate(c.origin()) + "\", want \"" + expectedOrigin + "\"");
    }
    return c;
  }

  /** Whether two note keys have the same public key (of the same scheme), whatever their names. */
  public static boolean sameKey(NoteKey a, NoteKey b) {
    return a.verifier().scheme() == b.verifier().scheme()
        && java.util.Arrays.equals(a.verifier().publicKey(), b.verifier().publicKey());
  }

  /**
   * Checks a verifier's witness list before it is used for a quorum: no key name twice, no public
   * key twice (under one name or two), and no witness with the key of a trusted log key (a note
   * signature is over the text only, so the log's own signature line could be relabelled under
   * the witness's name and count as a cosignature).
   *
   * @throws IllegalArgumentException naming the first repetition found
   */
  public static void requireDistinctWitnesses(List<NoteKey> witnesses, List<NoteKey> logKeys) {
    for (int i = 0; i < witnesses.size(); i++) {
      NoteKey w = witnesses.get(i);
      for (int j = 0; j < i; j++) {
        NoteKey v = witnesses.get(j);
        if (v.name().equals(w.name())) {
          throw new IllegalArgumentException("the witness name " + w.name() + " is given twice (witnesses "
              + (j + 1) + " and " + (i + 1) + "); each witness must be named once");
        }
        if (sameKey(v, w)) {
          throw new IllegalArgumentException("witnesses " + (j + 1) + " (" + v.name() + ") and " + (i + 1) + " ("
              + w.name() + ") have the same public key; a quorum counts distinct keys");
        }
      }
      for (NoteKey l : logKeys) {
        if (sameKey(l, w)) {
          throw new IllegalArgumentException("the witness " + w.name() + " has the key of the log " + l.name()
              + "; the log's own signature would count as its cosignature");
        }
      }
    }
  }

  /**
   * The number of distinct public keys among {@code witnesses} with a valid signature on the text
   * of {@code signedNote}: a key listed twice (under one name or two) counts once, a line under a
   * witness's name by another key or with bytes that do not verify counts for nothing.
   *
   * @throws CheckpointException if {@code signedNote} is not a signed note
   */
  public static int countCosigners(String signedNote, List<NoteKey> witnesses) throws CheckpointException {
    SignedNote note = SignedNote.parse(signedNote.getBytes(StandardCharsets.UTF_8));
    byte[] text = note.text().getBytes(StandardCharsets.UTF_8);
    List<NoteKey> counted = new ArrayList<>();
    for (NoteKey k : witnesses) {
      if (counted.stream().anyMatch(c -> sameKey(c, k))) {
        continue;
      }
      for (SignedNote.Signature sig : note.signatures()) {
        if (k.name().equals(sig.keyName()) && k.keyId() == sig.keyId() && k.verifier().isValid(text, sig.bytes())) {
          counted.add(k);
          break;
        }
      }
    }
    return counted.size();
  }

  private static String describe(List<SignedNote.Signature> sigs) {
    List<String> names = new ArrayList<>();
    for (SignedNote.Signature s : sigs) {
      names.add(String.format("%s (%08x)", s.keyName(), s.keyId()));
    }
    return String.join(", ", names);
  }
}
