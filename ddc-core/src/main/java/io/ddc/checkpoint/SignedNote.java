package io.ddc.checkpoint;

import io.ddc.checkpoint.CheckpointException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one or more signature
 * lines {@code — <key name> base64(key ID ‖ signature)}. Parsing is strict and checks the form
 * only; {@link Checkpoints#verify} checks the signatures.
 */
public final class SignedNote {
  /** Largest note accepted, in bytes. */
  public static final int MAX_NOTE_BYTES = 1 << 20;
  /** Most signature lines accepted (C2SP requires at least 16). */
  public static final int MAX_SIGNATURES = 100;

  private static final String DASH = "\u2014 ";

  /** One signature line. */
  public static final class Signature {
    private final String keyName;
    private final int keyId;
    private final byte[] bytes;

    public Signature(String keyName, int keyId, byte[] bytes) {
      NoteKey.checkName(keyName);
      this.keyName = keyName;
      this.keyId = keyId;
      this.bytes = bytes.clone();
    }

    public String keyName() {
      return keyName;
    }

    public int keyId() {
      return keyId;
    }

    /** The signature bytes after the key ID. */
    public byte[] bytes() {
      return bytes.clone();
    }

    String line() {
      byte[] all = new byte[4 + bytes.length];
      all[0] = (byte) (keyId >>> 24);
      all[1] = (byte) (keyId >>> 16);
      all[2] = (byte) (keyId >>> 8);
      all[3] = (byte) keyId;
      System.arraycopy(bytes, 0, all, 4, bytes.length);
      return DASH + keyName + " " + Base64.getEncoder().encodeToString(all) + "\n";
    }

    @Override
    public String toString() {
      return String.format("Signature[%s, %08x, %d bytes]", keyName, keyId, bytes.length);
    }
  }

  private final String text;
  private final List<Signature> signatures;

  /** A note of {@code text} (ending in a newline) with these signatures. */
  public SignedNote(String text, List<Signature> signatures) {
    Objects.requireNonNull(text, "text");
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    this.text = text;
    this.signatures = Collections.unmodifiableList(new ArrayList<>(signatures));
  }

  public String text() {
    return text;
  }

  public List<Signature> signatures() {
    return signatures;
  }

  /** The note as text: the text, a blank line, the signature lines. */
  public String format() {
    StringBuilder sb = new StringBuilder(text).append('\n');
    for (Signature s : signatures) {
      sb.append(s.line());
    }
    return sb.toString();
  }

  /** Parses a signed note from its UTF-8 bytes. */
  public static SignedNote parse(byte[] utf8) throws CheckpointException {
    if (utf8.length > MAX_NOTE_BYTES) {
      throw new CheckpointException(Reason.TOO_LARGE,
          "note is " + utf8.length + " bytes, at most " + MAX_NOTE_BYTES + " accepted");
    }
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CheckpointException(Reason.INVALID_TEXT, "note is not valid UTF-8");
    }
    return parse(s);
  }

  /** Parses a signed note. */
  public static SignedNote parse(String note) throws CheckpointException {
    if (note.length() > MAX_NOTE_BYTES) {
      throw new CheckpointException(Reason.TOO_LARGE,
          "note is over " + MAX_NOTE_BYTES + " characters");
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        throw new CheckpointException(Reason.INVALID_TEXT,
            String.format("note holds control character U+%04X at offset %d", (int) c, i));
      }
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new CheckpointException(Reason.NO_SIGNATURES,
          "no blank line separates the note text from signatures");
    }
    String text = note.substring(0, split + 1);
    String sigs = note.substring(split + 2);
    if (sigs.isEmpty()) {
      throw new CheckpointException(Reason.NO_SIGNATURES, "the note has no signature lines");
    }
    if (!sigs.endsWith("\n")) {
      throw new CheckpointException(Reason.MALFORMED_SIGNATURE_LINE,
          "the last signature line does not end with a newline");
    }
    String[] lines = sigs.substring(0, sigs.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new CheckpointException(Reason.TOO_MANY_SIGNATURES,
          "the note has " + lines.length + " signatures, at most " + MAX_SIGNATURES + " accepted");
    }
    List<Signature> out = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      out.add(parseLine(lines[i], i + 1));
    }
    return new SignedNote(text, out);
  }

  private static Signature parseLine(String line, int n) throws CheckpointException {
    if (!line.startsWith(DASH)) {
      throw badLine(n, "does not start with an em dash and a space");
    }
    String rest = line.substring(DASH.length());
    int sp = rest.indexOf(' ');
    if (sp <= 0 || rest.indexOf(' ', sp + 1) >= 0) {
      throw badLine(n, "is not \"— <key name> <base64 signature>\"");
    }
    String name = rest.substring(0, sp);
    if (!NoteKey.validName(name)) {
      throw badLine(n, "has a key name with '+' or spaces");
    }
    byte[] raw;
    String b64 = rest.substring(sp + 1);
    try {
      raw = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw badLine(n, "has a signature that is not standard base64 (" + e.getMessage() + ")");
    }
    if (!Base64.getEncoder().encodeToString(raw).equals(b64)) {
      // the decoder ignores the padding bits of the last character: two texts, one signature
      throw badLine(n, "has a signature in non-canonical base64 (nonzero padding bits)");
    }
    if (raw.length < 5) {
      throw badLine(n, "has " + raw.length + " signature bytes; a key ID (4 bytes) and a signature are needed");
    }
    int id = ((raw[0] & 0xff) << 24) | ((raw[1] & 0xff) << 16) | ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
    return new Signature(name, id, Arrays.copyOfRange(raw, 4, raw.length));
  }

  private static CheckpointException badLine(int n, String what) {
    return new CheckpointException(Reason.MALFORMED_SIGNATURE_LINE, "signature line " + n + " " + what);
  }
}
