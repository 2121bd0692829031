package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and signatures cross between ddc and the OpenSSL 3 command line in both directions. */
class Sm2OpenSslInteropTest {
  private static final DistinguishingId[] IDS = {
    DistinguishingId.DEFAULT,
    DistinguishingId.EMPTY,
    DistinguishingId.utf8("ALICE123@YAHOO.COM"),
    DistinguishingId.utf8("did:bsn:platform-0001/issuer-with-a-rather-long-distinguishing-id")
  };
  private static final int[] SIZES = {1, 64, 1000, 70_000};

  @BeforeAll
  static void openssl() {
    OpenSsl.require();
  }

  private static List<String> distid(DistinguishingId id) {
    // The OpenSSL command line's default is the empty ID.
    return id.length() == 0
        ? List.of()
        : List.of("-pkeyopt", "distid:" + new String(id.toByteArray(), StandardCharsets.UTF_8));
  }

  @Test
  void opensslKey_loadsInDdc_andDdcSignaturesVerifyInOpenSsl(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("key.pem");
    OpenSsl.ok("genpkey", "-algorithm", "SM2", "-out", keyFile.toString());
    Path pubFile = dir.resolve("pub.pem");
    OpenSsl.ok("pkey", "-in", keyFile.toString(), "-pubout", "-out", pubFile.toString());
    Sm2PrivateKey key = Sm2PrivateKey.fromPem(Files.readString(keyFile));
    assertThat(Sm2PublicKey.fromPem(Files.readString(pubFile))).isEqualTo(key.publicKey());

    SplittableRandom random = new SplittableRandom(5);
    List<String> failures = new ArrayList<>();
    for (DistinguishingId id : IDS) {
      for (int size : SIZES) {
        byte[] msg = new byte[size];
        random.nextBytes(msg);
        Path msgFile = dir.resolve("msg");
        Path sigFile = dir.resolve("sig");
        Files.write(msgFile, msg);
        Files.write(sigFile, Sm2Signer.create(key, id).sign(msg));
        List<String> cmd = new ArrayList<>(List.of("pkeyutl", "-verify", "-rawin", "-digest", "sm3",
            "-pubin", "-inkey", pubFile.toString(), "-in", msgFile.toString(), "-sigfile", sigFile.toString()));
        cmd.addAll(distid(id));
        OpenSsl.Result r = OpenSsl.run(cmd.toArray(new String[0]));
        if (r.exitCode != 0 || !r.stdout.contains("Signature Verified Successfully")) {
          failures.add(id + " size " + size + ": " + r.stdout + r.stderr);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void opensslSignatures_verifyInDdc_andFailUnderAnotherId(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("key.pem");
    OpenSsl.ok("genpkey", "-algorithm", "SM2", "-out", keyFile.toString());
    Sm2PublicKey pub = Sm2PrivateKey.fromPem(Files.readString(keyFile)).publicKey();
    SplittableRandom random = new SplittableRandom(6);
    for (DistinguishingId id : IDS) {
      for (int size : SIZES) {
        byte[] msg = new byte[size];
        random.nextBytes(msg);
        Path msgFile = dir.resolve("msg");
        Path sigFile = dir.resolve("sig");
        Files.write(msgFile, msg);
        List<String> cmd = new ArrayList<>(List.of("pkeyutl", "-sign", "-rawin", "-digest", "sm3",
            "-inkey", keyFile.toString(), "-in", msgFile.toString(), "-out", sigFile.toString()));
        cmd.addAll(distid(id));
        OpenSsl.ok(cmd.toArray(new String[0]));
        byte[] sig = Files.readAllBytes(sigFile);
        Sm2Verifier.create(pub, id).verify(msg, sig);
        DistinguishingId other = id.equals(DistinguishingId.DEFAULT) ? DistinguishingId.EMPTY : DistinguishingId.DEFAULT;
        assertThat(Sm2Verifier.create(pub, other).isValid(msg, sig)).as("%s under %s", id, other).isFalse();
      }
    }
  }

  @Test
  void ddcKeys_loadInOpenSsl_withTheSamePublicKey(@TempDir Path dir) throws Exception {
    Sm2PrivateKey key = Sm2PrivateKey.generate();
    Path keyFile = dir.resolve("ours.pem");
    Files.writeString(keyFile, key.toPem(SecretAccess.get()));
    Path pubFile = dir.resolve("ours-pub.pem");
    Files.writeString(pubFile, key.publicKey().toPem());
    String text = OpenSsl.ok("pkey", "-in", keyFile.toString(), "-noout", "-text");
    assertThat(text).contains("SM2");
    String derivedPub = OpenSsl.ok("pkey", "-in", keyFile.toString(), "-pubout");
    assertThat(derivedPub).isEqualTo(key.publicKey().toPem());
    String pubAgain = OpenSsl.ok("pkey", "-pubin", "-in", pubFile.toString(), "-pubout");
    assertThat(pubAgain).isEqualTo(key.publicKey().toPem());
    String keyAgain = OpenSsl.ok("pkey", "-in", keyFile.toString());
    assertThat(keyAgain).isEqualTo(key.toPem(SecretAccess.get()));
  }
}
