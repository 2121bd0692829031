package io.ddc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.crypto.sm.Sm2Verifier;
import io.ddc.crypto.sm.SignatureEncoding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact command-line contract of the crypto commands. */
class DdcCliTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run ddc(InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), stdin);
    return new Run(code, out.toString(), err.toString());
  }

  static Run ddc(String... args) {
    return ddc(new ByteArrayInputStream(new byte[0]), args);
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void hash_fileAndStdin_sm3AndSha256() throws Exception {
    Files.writeString(dir.resolve("abc"), "abc");
    assertThat(ddc("hash", p("abc"))).isEqualTo(new Run(0,
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0\n", ""));
    assertThat(ddc(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), "hash").out())
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0\n");
    assertThat(ddc("hash", "--alg", "sha256", p("abc")).out())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
    assertThat(ddc("hash", "--alg", "sha256").out())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
  }

  @Test
  void hash_missingFileOrBadAlgorithm_exit2() {
    Run missing = ddc("hash", p("nope"));
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist").doesNotContain("Exception");
    assertThat(ddc("hash", "--alg", "md5").code()).isEqualTo(2);
  }

  @Test
  void keygenSignVerify_roundTrip_defaultIdDer() throws Exception {
    assertThat(ddc("keygen", "--out", p("k.pem"), "--pub", p("p.pem")).code()).isZero();
    assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(dir.resolve("p.pem"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(dir.resolve("k.pem")))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    Files.writeString(dir.resolve("m"), "a certificate");
    assertThat(ddc("sign", "--key", p("k.pem"), "--out", p("s"), p("m")).code()).isZero();
    assertThat(ddc("verify-signature", "--pub", p("p.pem"), "--sig", p("s"), p("m")))
        .isEqualTo(new Run(0, "OK\n", ""));
    // The library sees the same: DER under the GM/T 0009 default ID.
    Sm2PublicKey pub = Sm2PublicKey.fromPem(Files.readString(dir.resolve("p.pem")));
    Sm2Verifier.create(pub, DistinguishingId.DEFAULT, SignatureEncoding.DER)
        .verify("a certificate".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("s")));
  }

  @Test
  void signAndVerify_rawEncodingCustomIdAndStdin() throws Exception {
    ddc("keygen", "--out", p("k.pem"));
    byte[] msg = "stdin message".getBytes(StandardCharsets.UTF_8);
    assertThat(ddc(new ByteArrayInputStream(msg), "sign", "--key", p("k.pem"), "--id", "ALICE",
        "--encoding", "raw", "--out", p("s")).code()).isZero();
    assertThat(Files.size(dir.resolve("s"))).isEqualTo(64);
    // A private-key PEM is accepted where a public key is expected.
    assertThat(ddc(new ByteArrayInputStream(msg), "verify-signature", "--pub", p("k.pem"), "--sig", p("s"),
        "--id", "ALICE", "--encoding", "raw").code()).isZero();
  }

  @Test
  void verify_wrongIdOrMessage_exit1WithOneLine() throws Exception {
    ddc("keygen", "--out", p("k.pem"), "--pub", p("p.pem"));
    Files.writeString(dir.resolve("m"), "original");
    Files.writeString(dir.resolve("m2"), "tampered");
    ddc("sign", "--key", p("k.pem"), "--out", p("s"), p("m"));
    for (Run r : new Run[] {
        ddc("verify-signature", "--pub", p("p.pem"), "--sig", p("s"), p("m2")),
        ddc("verify-signature", "--pub", p("p.pem"), "--sig", p("s"), "--id", "", p("m"))}) {
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out().lines()).hasSize(1);
      assertThat(r.out()).startsWith("FAILED: signature does not verify");
    }
  }

  @Test
  void verify_malformedSignatureKeyOrUsage_exit2WithoutStackTrace() throws Exception {
    ddc("keygen", "--out", p("k.pem"), "--pub", p("p.pem"));
    Files.writeString(dir.resolve("m"), "x");
    ddc("sign", "--key", p("k.pem"), "--out", p("s"), p("m"));
    byte[] sig = Files.readAllBytes(dir.resolve("s"));
    Files.write(dir.resolve("s-trailing"), java.util.Arrays.copyOf(sig, sig.length + 1));
    Files.writeString(dir.resolve("junk.pem"), "not a key");
    Run trailing = ddc("verify-signature", "--pub", p("p.pem"), "--sig", p("s-trailing"), p("m"));
    assertThat(trailing.code()).isEqualTo(2);
    assertThat(trailing.err()).contains("unexpected bytes after the last field");
    Run raw = ddc("verify-signature", "--pub", p("p.pem"), "--sig", p("s"), "--encoding", "raw", p("m"));
    assertThat(raw.code()).isEqualTo(2);
    assertThat(raw.err()).contains("must be 64 bytes");
    Run junkKey = ddc("verify-signature", "--pub", p("junk.pem"), "--sig", p("s"), p("m"));
    assertThat(junkKey.code()).isEqualTo(2);
    assertThat(junkKey.err()).contains("junk.pem").doesNotContain("\tat ");
    Run usage = ddc("verify-signature", "--sig", p("s"), p("m"));
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required option: '--pub=KEY.pem'");
    Run missingSig = ddc("verify-signature", "--pub", p("p.pem"), "--sig", p("none"), p("m"));
    assertThat(missingSig.code()).isEqualTo(2);
    Run verbose = ddc("verify-signature", "--pub", p("junk.pem"), "--sig", p("s"), "--verbose", p("m"));
    assertThat(verbose.err()).contains("\tat ");
  }

  @Test
  void keygen_refusesToOverwriteUnlessForced() throws Exception {
    assertThat(ddc("keygen", "--out", p("k.pem")).code()).isZero();
    String first = Files.readString(dir.resolve("k.pem"));
    Run again = ddc("keygen", "--out", p("k.pem"));
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
    assertThat(Files.readString(dir.resolve("k.pem"))).isEqualTo(first);
    assertThat(ddc("keygen", "--out", p("k.pem"), "--force").code()).isZero();
    assertThat(Files.readString(dir.resolve("k.pem"))).isNotEqualTo(first);
    Sm2PrivateKey.fromPem(Files.readString(dir.resolve("k.pem")));
  }

  @Test
  void everyCommandHasHelp_withAnExample_andNoCommandIsAUsageError() {
    String[][] commands = {{"hash"}, {"keygen"}, {"sign"}, {"verify-signature"}, {"demo"}, {"init"},
        {"account", "add"}, {"account", "state"}, {"account", "show"}, {"mint"}, {"batch-mint"}, {"transfer"},
        {"approve"}, {"freeze"}, {"unfreeze"}, {"burn"}, {"set-uri"}, {"recharge"}, {"fee", "set"}, {"balance"},
        {"show"}, {"checkpoint"}, {"prove"}, {"redact"}, {"verify"}, {"witness"}, {"merkle"},
        // issue 19: every BSN operation reachable
        {"account", "add-batch"}, {"account", "add-key"}, {"account", "retire-key"}, {"account", "revoke-key"},
        {"authority", "switch"}, {"authority", "cross-platform"}, {"authority", "permission"},
        {"authority", "permissions"}, {"authority", "show"}, {"approve-all"}, {"recharge-batch"}, {"fee", "delete"},
        {"fee", "show"}, {"fee", "settle"}, {"points"}, {"latest-id"}, {"name-symbol", "show"},
        {"name-symbol", "set"}};
    for (String[] c : commands) {
      String[] args = java.util.Arrays.copyOf(c, c.length + 1);
      args[c.length] = "--help";
      Run r = ddc(args);
      String name = String.join(" ", c);
      assertThat(r.code()).as(name).isZero();
      assertThat(r.out()).as(name).contains("Usage: ddc " + name);
      assertThat(r.out()).as(name).contains("Example:");
    }
    assertThat(ddc("--help").out()).contains("verify-signature").contains("batch-mint");
    assertThat(ddc().code()).isEqualTo(2);
  }

  @Test
  void demo_tellsTheWholeStory_andEndsWithAValidReport() {
    Run r = ddc("demo");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("$ ddc init --ledger ddc.db").contains("REJECTED: DUPLICATE_REFERENCE")
        .contains("INVALID: METADATA_MISMATCH").contains("3 field(s) revealed, 3 hidden")
        .doesNotContain("unexpected exit code");
    String last = r.out().substring(r.out().lastIndexOf("$ ddc verify"));
    assertThat(last).contains("\n   VALID\n");
  }
}
