package io.ddc.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.checkpoint.CheckpointException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of {@link SignedNote}'s strict parsing that PIT showed untested: each size limit at
 * its bound, the byte limit against a note of fewer characters, DEL, the exact rejection messages
 * (which line, which fault), non-canonical base64 and the shortest signature accepted.
 */
class SignedNoteMutationTest {
  /** A signature line of key "k" with key ID 01020304 and a 64-byte signature. */
  static final String SIG = "\u2014 k " + b64(new byte[] {1, 2, 3, 4}, new byte[64]) + "\n";

  static String b64(byte[] id, byte[] sig) {
    byte[] all = new byte[id.length + sig.length];
    System.arraycopy(id, 0, all, 0, id.length);
    System.arraycopy(sig, 0, all, id.length, sig.length);
    return Base64.getEncoder().encodeToString(all);
  }

  static CheckpointException rejected(String note) {
    try {
      SignedNote.parse(note);
    } catch (CheckpointException e) {
      return e;
    }
    throw new AssertionError("accepted: " + note);
  }

  static void assertRejected(String note, Reason reason, String message) {
    CheckpointException e = rejected(note);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void aNoteOfExactlyTheLimit_isParsed_inBytesAndInCharacters() throws Exception {
    String tail = "\n\n" + SIG;
    byte[] bytes = ("a".repeat(SignedNote.MAX_NOTE_BYTES - tail.getBytes(StandardCharsets.UTF_8).length) + tail)
        .getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isEqualTo(SignedNote.MAX_NOTE_BYTES);
    assertThat(SignedNote.parse(bytes).signatures()).hasSize(1);
    // the em dash is one character but three bytes: this string is exactly the limit in characters
    String chars = "a".repeat(SignedNote.MAX_NOTE_BYTES - tail.length()) + tail;
    assertThat(chars.length()).isEqualTo(SignedNote.MAX_NOTE_BYTES);
    assertThat(SignedNote.parse(chars).text().length()).isEqualTo(SignedNote.MAX_NOTE_BYTES - SIG.length() - 1);
  }

  @Test
  void aNoteOverTheByteLimit_inFewerCharacters_isTooLarge() {
    // 'é' is two bytes: 600,000 of them are 1.2 MB of UTF-8 but only 600,000 characters
    byte[] bytes = ("\u00e9".repeat(600_000) + "\n\n" + SIG).getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isGreaterThan(SignedNote.MAX_NOTE_BYTES);
    assertThatThrownBy(() -> SignedNote.parse(bytes)).isInstanceOfSatisfying(CheckpointException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(e.getMessage()).isEqualTo("note is " + bytes.length + " bytes, at most 1048576 accepted");
    });
  }

  @Test
  void aStringOverTheCharacterLimit_isTooLarge() {
    String note = "a".repeat(SignedNote.MAX_NOTE_BYTES - SIG.length() - 1) + "\n\n" + SIG;
    assertThat(note.length()).isEqualTo(SignedNote.MAX_NOTE_BYTES + 1);
    assertRejected(note, Reason.TOO_LARGE, "note is over 1048576 characters");
  }

  @Test
  void controlCharacters_andDel_areRejectedWithTheirOffset_spaceAndTildeAreNot() throws Exception {
    assertRejected("text\u007f\n\n" + SIG, Reason.INVALID_TEXT, "note holds control character U+007F at offset 4");
    assertRejected("te\tt\n\n" + SIG, Reason.INVALID_TEXT, "note holds control character U+0009 at offset 2");
    assertRejected("text\r\n\n" + SIG, Reason.INVALID_TEXT, "note holds control character U+000D at offset 4");
    assertThat(SignedNote.parse("a b~\u0080\n\n" + SIG).text()).isEqualTo("a b~\u0080\n");
  }

  @Test
  void aBlankLineAtTheVeryStart_splitsAnEmptyLineOfText_asGoNoteOpenDoes() throws Exception {
    SignedNote n = SignedNote.parse("\n\n" + SIG);
    assertThat(n.text()).isEqualTo("\n");
    assertThat(n.signatures()).extracting(SignedNote.Signature::keyName).containsExactly("k");
    assertThat(n.format()).isEqualTo("\n\n" + SIG);
  }

  @Test
  void theStructuralFaults_eachHaveTheirMessage() {
    assertRejected("text\n" + SIG, Reason.NO_SIGNATURES, "no blank line separates the note text from signatures");
    assertRejected("text\n\n", Reason.NO_SIGNATURES, "the note has no signature lines");
    assertRejected("text\n\n" + SIG.substring(0, SIG.length() - 1), Reason.MALFORMED_SIGNATURE_LINE,
        "the last signature line does not end with a newline");
  }

  @Test
  void aHundredSignatures_areAccepted_aHundredAndOneAreNot() throws Exception {
    assertThat(SignedNote.parse("text\n\n" + SIG.repeat(SignedNote.MAX_SIGNATURES)).signatures()).hasSize(100);
    assertRejected("text\n\n" + SIG.repeat(SignedNote.MAX_SIGNATURES + 1), Reason.TOO_MANY_SIGNATURES,
        "the note has 101 signatures, at most 100 accepted");
  }

  @Test
  void aBadLine_isNamedByItsNumber_andItsFault() {
    String valid = b64(new byte[] {1, 2, 3, 4}, new byte[8]);
    String[][] cases = {
        {"- k " + valid, "does not start with an em dash and a space"},
        {"\u2014k " + valid, "does not start with an em dash and a space"},
        {"\u2014 k" + valid, "is not \"\u2014 <key name> <base64 signature>\""},
        {"\u2014  " + valid, "is not \"\u2014 <key name> <base64 signature>\""},
        {"\u2014 k " + valid + " x", "is not \"\u2014 <key name> <base64 signature>\""},
        {"\u2014 k+1 " + valid, "has a key name with '+' or spaces"},
        {"\u2014 k\u00a0 " + valid, "has a key name with '+' or spaces"},
        {"\u2014 k AAAAAAF=", "has a signature in non-canonical base64 (nonzero padding bits)"},
        {"\u2014 k " + b64(new byte[] {1, 2, 3, 4}, new byte[0]), "has 4 signature bytes; a key ID (4 bytes) and a "
            + "signature are needed"},
    };
    for (String[] c : cases) {
      assertRejected("text\n\n" + SIG + c[0] + "\n" + SIG, Reason.MALFORMED_SIGNATURE_LINE, "signature line 2 " + c[1]);
    }
    assertThat(rejected("text\n\n\u2014 k !!!!\n").getMessage())
        .startsWith("signature line 1 has a signature that is not standard base64 (");
  }

  @Test
  void theShortestSignature_isAKeyIdAndOneByte_andTheKeyIdIsBigEndianUnsigned() throws Exception {
    SignedNote n = SignedNote.parse("text\n\n\u2014 k " + b64(new byte[] {(byte) 0x80, (byte) 0xff, 1, 0x7f},
        new byte[] {0x42}) + "\n");
    SignedNote.Signature s = n.signatures().get(0);
    assertThat(s.keyId()).isEqualTo(0x80ff017f);
    assertThat(s.bytes()).containsExactly(0x42);
    assertThat(s).hasToString("Signature[k, 80ff017f, 1 bytes]");
  }

  @Test
  void aSignatureNeedsAValidKeyName_andNoteTextEndsInANewline() {
    assertThatThrownBy(() -> new SignedNote.Signature("a b", 1, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without spaces or '+'");
    assertThatThrownBy(() -> new SignedNote.Signature("a+b", 1, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedNote("no newline", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("note text must end with a newline");
    assertThat(new SignedNote("text\n", List.of()).format()).isEqualTo("text\n\n");
  }
}
