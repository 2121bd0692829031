package io.ddc.checkpoint;

import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.sign.SigningUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Signs note text under a key name with a {@link Signer} (which may be an HSM or remote). */
public final class NoteSigner {
  private final String name;
  private final Signer signer;
  private final int keyId;

  private NoteSigner(String name, Signer signer) {
    this.name = name;
    this.signer = signer;
    this.keyId = NoteKey.keyId(name, signer.scheme(), signer.publicKey());
  }

  /** A note signer named {@code name}. */
  public static NoteSigner of(String name, Signer signer) {
    NoteKey.checkName(name);
    return new NoteSigner(name, Objects.requireNonNull(signer, "signer"));
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** The {@link NoteKey} that verifies this signer's notes. */
  public NoteKey noteKey() {
    try {
      return NoteKey.of(name, Signers.verifier(signer.scheme(), signer.publicKey()));
    } catch (MalformedEncodingException e) {
      throw new IllegalStateException("the signer " + signer + " reports an invalid public key: "
          + e.getMessage(), e);
    }
  }

  SignedNote.Signature sign(String text) throws SigningUnavailableException {
    return new SignedNote.Signature(name, keyId, signer.sign(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return String.format("NoteSigner[%s, %08x]", name, keyId);
  }
}
