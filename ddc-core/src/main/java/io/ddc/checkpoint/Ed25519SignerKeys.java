package io.ddc.checkpoint;

import io.ddc.sign.Signers;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 note signing keys in the text form of Go's {@code golang.org/x/mod/sumdb/note} (and so of
 * Tessera and the transparency-dev witnesses): {@code PRIVATE+KEY+<name>+<hex8 key ID>+<base64(0x01 ‖
 * 32-byte seed)>}, whose verifier key is {@link NoteKey#encode()}'s
 * {@code <name>+<hex8 key ID>+<base64(0x01 ‖ public key)>}. A log that talks to the public witness
 * network adds an Ed25519 signature with such a key to its checkpoints (docs/PUBLISH.md).
 */
public final class Ed25519SignerKeys {
  private static final String PREFIX = "PRIVATE+KEY+";

  private Ed25519SignerKeys() {}

  /**
   * A new key pair. {@code toString} shows only the verifier key.
   *
   * @param signerKey the private signer key text (keep it secret)
   * @param verifierKey the public verifier key text (give it to witnesses and monitors)
   */
  public record KeyPair(String signerKey, String verifierKey) {
    @Override
    public String toString() {
      return "KeyPair[" + verifierKey + "]";
    }
  }

  /** A new Ed25519 key named {@code name} (a log's key is named by its origin). */
  public static KeyPair generate(String name) {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    NoteSigner s = NoteSigner.of(name, Signers.ed25519(seed));
    byte[] typed = new byte[33];
    typed[0] = 0x01;
    System.arraycopy(seed, 0, typed, 1, 32);
    String skey = PREFIX + name + "+" + String.format("%08x", s.keyId()) + "+"
        + Base64.getEncoder().encodeToString(typed);
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(typed, (byte) 0);
    return new KeyPair(skey, s.noteKey().encode());
  }

  /**
   * The signer a signer key text names.
   *
   * @throws CheckpointException {@code MALFORMED_KEY} if it is not such a key, is of another type
   *     than Ed25519, or its key ID does not match its name and key (the message never shows the key)
   */
  public static NoteSigner parse(String signerKey) throws CheckpointException {
    String s = signerKey.strip();
    if (!s.startsWith(PREFIX)) {
      throw malformed("it does not start with " + PREFIX);
    }
    String[] parts = s.substring(PREFIX.length()).split("\\+", 3);
    if (parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("[0-9a-f]{8}")) {
      throw malformed("it is not PRIVATE+KEY+<name>+<8 hex digits>+<base64>");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw malformed("its key is not base64");
    }
    try {
      if (typed.length != 33 || typed[0] != 0x01) {
        throw malformed("it is not an Ed25519 key (type 0x01 and a 32-byte seed)");
      }
      byte[] seed = Arrays.copyOfRange(typed, 1, 33);
      NoteSigner signer;
      try {
        signer = NoteSigner.of(parts[0], Signers.ed25519(seed));
      } catch (IllegalArgumentException e) {
        throw malformed("its name is not a key name (" + e.getMessage() + ")");
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
      if (signer.keyId() != Integer.parseUnsignedInt(parts[1], 16)) {
        throw malformed("its key ID " + parts[1] + " is not the one its name and key give");
      }
      return signer;
    } finally {
      Arrays.fill(typed, (byte) 0);
    }
  }

  private static CheckpointException malformed(String why) {
    return new CheckpointException(CheckpointException.Reason.MALFORMED_KEY, "not an Ed25519 note signer key: " + why);
  }
}
