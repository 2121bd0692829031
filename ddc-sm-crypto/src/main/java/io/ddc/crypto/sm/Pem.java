package io.ddc.crypto.sm;

import io.ddc.crypto.sm.SmCryptoException.Reason;
import java.util.Base64;
import java.util.Objects;

/**
 * Strict RFC 7468 PEM: one block, {@code -----BEGIN label-----}, base64 lines,
 * {@code -----END label-----}. Blank space before and after the block is allowed; text,
 * headers or a second block are not.
 */
public final class Pem {
  /** PKCS#8 PrivateKeyInfo. */
  public static final String PRIVATE_KEY = "PRIVATE KEY";
  /** SEC 1 ECPrivateKey. */
  public static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
  /** PKCS#8 EncryptedPrivateKeyInfo (not decrypted here). */
  public static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
  /** X.509 SubjectPublicKeyInfo. */
  public static final String PUBLIC_KEY = "PUBLIC KEY";

  /** Largest PEM text accepted, far above any key. */
  public static final int MAX_LENGTH = 64 * 1024;

  private static final String DASHES = "-----";

  private Pem() {}

  /** A decoded PEM block. */
  public static final class Block {
    private final String label;
    private final byte[] der;

    Block(String label, byte[] der) {
      this.label = label;
      this.der = der;
    }

    /** The label between {@code BEGIN } and the dashes. */
    public String label() {
      return label;
    }

    /** A copy of the decoded bytes. */
    public byte[] der() {
      return der.clone();
    }

    /** Label and size only: the contents may be secret. */
    @Override
    public String toString() {
      return "Pem.Block[" + label + ", " + der.length + " bytes]";
    }
  }

  /** Encodes {@code der} under {@code label} with 64-character lines and LF line ends. */
  public static String encode(String label, byte[] der) {
    Objects.requireNonNull(label, "label");
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder sb = new StringBuilder(b64.length() + 2 * label.length() + 40);
    sb.append(DASHES).append("BEGIN ").append(label).append(DASHES).append('\n');
    for (int i = 0; i < b64.length(); i += 64) {
      sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    sb.append(DASHES).append("END ").append(label).append(DASHES).append('\n');
    return sb.toString();
  }

  /** Decodes a block that must carry {@code expectedLabel}. */
  public static Block decode(String text, String expectedLabel) throws MalformedEncodingException {
    Block b = decode(text);
    if (!b.label.equals(expectedLabel)) {
      if (b.label.equals(ENCRYPTED_PRIVATE_KEY)) {
        throw new MalformedEncodingException(Reason.ENCRYPTED_KEY,
            "the private key is password-encrypted; decrypt it first, e.g. with openssl pkey");
      }
      throw new MalformedEncodingException(Reason.UNEXPECTED_PEM_LABEL,
          "expected a PEM block labelled " + expectedLabel + ", but found " + b.label);
    }
    return b;
  }

  /** Decodes the single PEM block in {@code text}. */
  public static Block decode(String text) throws MalformedEncodingException {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new MalformedEncodingException(Reason.TOO_LARGE,
          "PEM text is " + text.length() + " characters, at most " + MAX_LENGTH + " accepted");
    }
    String[] lines = text.strip().split("\r?\n", -1);
    if (lines.length == 1 && lines[0].isEmpty()) {
      throw malformed("expected a PEM block (-----BEGIN ...-----), but the text is empty");
    }
    String first = lines[0].strip();
    if (!first.startsWith(DASHES + "BEGIN ") || !first.endsWith(DASHES)
        || first.length() < 2 * DASHES.length() + 7) {
      throw malformed("expected the first line to be -----BEGIN <label>-----, but it is \""
          + abbreviate(first) + "\"");
    }
    String label = first.substring(DASHES.length() + 6, first.length() - DASHES.length());
    checkLabel(label);
    int endLine = -1;
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].startsWith(DASHES)) {
        endLine = i;
        break;
      }
    }
    if (endLine < 0) {
      throw malformed("no -----END " + label + "----- line");
    }
    String last = lines[endLine].strip();
    String expectedEnd = DASHES + "END " + label + DASHES;
    if (!last.equals(expectedEnd)) {
      throw malformed("expected \"" + expectedEnd + "\", but found \"" + abbreviate(last) + "\"");
    }
    if (endLine != lines.length - 1) {
      throw malformed("text after the END line (" + (lines.length - 1 - endLine)
          + " more lines); exactly one PEM block is expected");
    }
    StringBuilder b64 = new StringBuilder();
    for (int i = 1; i < endLine; i++) {
      String line = lines[i].strip();
      if (line.indexOf(':') >= 0) {
        throw malformed("line " + (i + 1) + " is a header (\"" + abbreviate(line)
            + "\"); encrypted or annotated PEM is not supported");
      }
      for (int k = 0; k < line.length(); k++) {
        char c = line.charAt(k);
        boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '+' || c == '/' || c == '=';
        if (!ok) {
          throw malformed("line " + (i + 1) + " has " + Hex.describe(c)
              + ", which is not a base64 character");
        }
      }
      b64.append(line);
    }
    if (b64.length() == 0) {
      throw malformed("the " + label + " block has no content");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(b64.toString());
    } catch (IllegalArgumentException e) {
      throw malformed("the base64 content is invalid: " + e.getMessage());
    }
    return new Block(label, der);
  }

  private static void checkLabel(String label) throws MalformedEncodingException {
    if (label.isEmpty() || label.startsWith(" ") || label.endsWith(" ") || label.endsWith("-")) {
      throw malformed("the PEM label is empty or padded with spaces or dashes");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw malformed("the PEM label has " + Hex.describe(c) + ", which labels may not hold");
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static MalformedEncodingException malformed(String message) {
    return new MalformedEncodingException(Reason.MALFORMED_PEM, message);
  }
}
