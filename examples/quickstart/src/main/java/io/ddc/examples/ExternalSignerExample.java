package io.ddc.examples;

import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.crypto.sm.Sm2Signature;
import io.ddc.engine.DdcRegistry;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.sign.SignatureScheme;
import io.ddc.sign.Signer;
import io.ddc.sign.SigningUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A custom {@link Signer}: the Operator's private key never enters the JVM. Here the key lives in
 * a PEM file that only the {@code openssl} command reads (stand-in for an HSM or a remote signing
 * service); ddc asks for the public key and for signatures, nothing else.
 */
public final class ExternalSignerExample {
  private ExternalSignerExample() {}

  /** Signs with {@code openssl pkeyutl} (SM2 with SM3, ID 1234567812345678). */
  static final class OpenSslSigner implements Signer {
    private final Path keyFile;
    private final byte[] publicKey;

    OpenSslSigner(Path keyFile) throws IOException, MalformedEncodingException {
      this.keyFile = keyFile;
      this.publicKey = Sm2PublicKey.fromPem(openssl(null, "pkey", "-in", keyFile.toString(), "-pubout"))
          .toUncompressed();
    }

    @Override
    public SignatureScheme scheme() {
      return SignatureScheme.SM2_SM3;
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] message) throws SigningUnavailableException {
      try {
        Path in = Files.createTempFile("ddc-msg", ".bin");
        Path out = Files.createTempFile("ddc-sig", ".der");
        try {
          Files.write(in, message);
          openssl(null, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", keyFile.toString(), "-in",
              in.toString(), "-out", out.toString(), "-pkeyopt", "distid:1234567812345678");
          return Sm2Signature.fromDer(Files.readAllBytes(out)).toRaw();
        } finally {
          Files.deleteIfExists(in);
          Files.deleteIfExists(out);
        }
      } catch (IOException | MalformedEncodingException e) {
        throw new SigningUnavailableException("openssl could not sign: " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return "OpenSslSigner[" + keyFile + "]";
    }
  }

  static String openssl(byte[] stdin, String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("openssl " + String.join(" ", args) + " failed: "
            + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("ddc-external-signer");
    Path key = dir.resolve("operator.pem");
    try {
      openssl(null, "genpkey", "-algorithm", "SM2", "-out", key.toString());
    } catch (IOException e) {
      System.out.println("no openssl with SM2 here: " + e.getMessage());
      return;
    }
    Signer operator = new OpenSslSigner(key);
    String origin = "hsm.ddc.example/ledger";
    Did op = Did.of("did:example:operator");
    DdcRegistry reg = DdcRegistry.inMemory();
    reg.submit(Request.builder(origin, Operation.LEDGER_INIT, op).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(operator.publicKey()))).build().sign(operator));
    reg.submit(Request.builder(origin, Operation.FEE_SELF_RECHARGE, op).nonce(2)
        .item(Items.of(Operation.FEE_SELF_RECHARGE, "amount", 7)).build().sign(operator));
    System.out.println("two requests signed by openssl, accepted by the engine; points " + reg.read(s -> s.points(op)));
    Files.delete(key);
    Files.delete(dir);
  }
}
