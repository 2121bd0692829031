package io.ddc.checkpoint;

import io.ddc.checkpoint.CheckpointException.Reason;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.sign.SignatureScheme;
import io.ddc.sign.Signers;
import io.ddc.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A key that verifies signed notes: a name, a 32-bit key ID and a {@link Verifier}.
 *
 * <p>The key ID follows the C2SP signed-note recommendation,
 * {@code SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]}. Ed25519 uses the registered type byte
 * {@code 0x01} and its 32-byte key. C2SP registers no SM2 type, so ddc uses the escape byte
 * {@code 0xff} followed by the ASCII identifier {@code io.ddc/sm2-sm3} as the type, and the
 * 65-byte uncompressed point as the key; its signatures are SM2 with SM3 under the GM/T 0009
 * default ID over the note text, as 64 bytes {@code r ‖ s}.
 *
 * <p>As text ("verifier key"), a key is {@code name+hex8(keyID)+base64(type ‖ public key)}, the
 * form Go's {@code golang.org/x/mod/sumdb/note} uses.
 */
public final class NoteKey {
  static final byte[] ED25519_TYPE = {0x01};
  static final byte[] SM2_TYPE = concat(new byte[] {(byte) 0xff}, "io.ddc/sm2-sm3".getBytes(StandardCharsets.US_ASCII));

  private final String name;
  private final int keyId;
  private final Verifier verifier;

  private NoteKey(String name, int keyId, Verifier verifier) {
    this.name = name;
    this.keyId = keyId;
    this.verifier = verifier;
  }

  /** The key named {@code name} for {@code verifier}, with the key ID computed from both. */
  public static NoteKey of(String name, Verifier verifier) {
    checkName(name);
    return new NoteKey(name, keyId(name, verifier.scheme(), verifier.publicKey()), verifier);
  }

  /** Parses a verifier key string {@code name+hex8+base64}. */
  public static NoteKey parse(String vkey) throws CheckpointException {
    Objects.requireNonNull(vkey, "vkey");
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3) {
      throw malformed("a verifier key is name+keyid+key, but \"" + abbreviate(vkey) + "\" has "
          + parts.length + " parts");
    }
    String name = parts[0];
    if (!validName(name)) {
      throw malformed("key name \"" + abbreviate(name) + "\" is empty or has spaces or '+'");
    }
    if (!parts[1].matches("[0-9a-f]{8}")) {
      throw malformed("key ID must be 8 lowercase hex digits, but is \"" + abbreviate(parts[1]) + "\"");
    }
    int id = Integer.parseUnsignedInt(parts[1], 16);
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw malformed("the key is not standard base64: " + e.getMessage());
    }
    SignatureScheme scheme;
    byte[] pub;
    if (startsWith(raw, SM2_TYPE)) {
      scheme = SignatureScheme.SM2_SM3;
      pub = Arrays.copyOfRange(raw, SM2_TYPE.length, raw.length);
    } else if (startsWith(raw, ED25519_TYPE)) {
      scheme = SignatureScheme.ED25519;
      pub = Arrays.copyOfRange(raw, 1, raw.length);
    } else {
      throw malformed(raw.length == 0 ? "the key is empty"
          : String.format("unknown signature type 0x%02x (ddc knows 0x01 Ed25519 and 0xff io.ddc/sm2-sm3)", raw[0] & 0xff));
    }
    Verifier v;
    try {
      v = Signers.verifier(scheme, pub);
    } catch (MalformedEncodingException e) {
      throw malformed("bad " + scheme + " public key: " + e.getMessage());
    }
    int computed = keyId(name, scheme, pub);
    if (computed != id) {
      throw malformed(String.format("key ID %08x does not match the name and key, which give %08x", id, computed));
    }
    return new NoteKey(name, id, v);
  }

  /** The verifier key string. */
  public String encode() {
    return name + "+" + String.format("%08x", keyId) + "+"
        + Base64.getEncoder().encodeToString(concat(typeBytes(verifier.scheme()), verifier.publicKey()));
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  public Verifier verifier() {
    return verifier;
  }

  static byte[] typeBytes(SignatureScheme scheme) {
    return scheme == SignatureScheme.SM2_SM3 ? SM2_TYPE : ED25519_TYPE;
  }

  static int keyId(String name, SignatureScheme scheme, byte[] publicKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0x0a);
      sha.update(typeBytes(scheme));
      sha.update(publicKey);
      byte[] h = sha.digest();
      return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static boolean validName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // C2SP: no Unicode spaces (as Go's unicode.IsSpace: also U+0085, U+00A0, U+2007, U+202F) and no '+'
      if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  static void checkName(String name) {
    if (!validName(name)) {
      throw new IllegalArgumentException("key name \"" + name + "\" must be non-empty, without spaces or '+'");
    }
  }

  private static boolean startsWith(byte[] a, byte[] prefix) {
    return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  private static CheckpointException malformed(String message) {
    return new CheckpointException(Reason.MALFORMED_KEY, message);
  }

  @Override
  public String toString() {
    return "NoteKey[" + encode() + "]";
  }
}
