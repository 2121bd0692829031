package io.ddc.cli;

import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2Signer;
import io.ddc.crypto.sm.Sm2Verifier;
import io.ddc.crypto.sm.Sm3;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ddc demo}: a short tour of what the library does, with nothing written to disk. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "A short demonstration: SM3 hashing, SM2 key generation, signing and verification.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    byte[] certificate = "{\"name\":\"Li Hua\",\"degree\":\"BSc\",\"year\":2026}".getBytes(StandardCharsets.UTF_8);
    out.println("1. SM3 (GB/T 32905) of a certificate record:");
    out.println("   record   " + new String(certificate, StandardCharsets.UTF_8));
    out.println("   sm3      " + Hex.encode(Sm3.hash(certificate)));
    byte[] leaf = new byte[32];
    Sm3.merkleLeaf(certificate, 0, certificate.length, leaf, 0);
    out.println("   leaf     " + Hex.encode(leaf) + "  (RFC 9162 leaf: SM3(0x00 || record))");

    Sm2PrivateKey issuer = Sm2PrivateKey.generate();
    out.println("2. A fresh SM2 key pair (GB/T 32918) for the issuer:");
    out.println("   public   " + Hex.encode(issuer.publicKey().toCompressed()));

    DistinguishingId id = DistinguishingId.DEFAULT;
    byte[] sig = Sm2Signer.create(issuer, id).sign(certificate);
    out.println("3. The issuer signs the record (ID " + id + ", DER):");
    out.println("   sig      " + Hex.encode(sig));

    Sm2Verifier verifier = Sm2Verifier.create(issuer.publicKey(), id);
    out.println("4. Anyone with the public key verifies it offline:");
    out.println("   genuine  " + (verifier.isValid(certificate, sig) ? "VALID" : "INVALID"));
    byte[] forged = "{\"name\":\"Li Hua\",\"degree\":\"PhD\",\"year\":2026}".getBytes(StandardCharsets.UTF_8);
    out.println("   altered  " + (verifier.isValid(forged, sig) ? "VALID" : "INVALID") + "  (degree changed to PhD)");
    out.println("   SM3 multi-buffer path in this JVM: " + Sm3.multiBufferImplementation());
    out.flush();
    return verifier.isValid(certificate, sig) && !verifier.isValid(forged, sig) ? 0 : Main.EXIT_INTERNAL;
  }
}
