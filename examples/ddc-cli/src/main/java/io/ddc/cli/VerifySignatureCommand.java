package io.ddc.cli;

import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.SignatureEncoding;
import io.ddc.crypto.sm.SignatureVerificationException;
import io.ddc.crypto.sm.Sm2Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ddc verify-signature --pub KEY.pem --sig SIG [--id ID] [--encoding der|raw] [FILE]}. */
@Command(name = "verify-signature", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc verify-signature --pub uni.pub.pem --sig diploma.sig diploma.json"},
    description = "Verify an SM2 signature over FILE (standard input when absent). Prints OK and "
        + "exits 0 when valid; prints one line with the reason and exits 1 when the signature does "
        + "not verify; exits 2 for usage errors and unreadable or malformed keys or signatures.")
final class VerifySignatureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--pub", required = true, paramLabel = "KEY.pem",
      description = "SM2 public key PEM; a private key PEM is accepted too.")
  Path pub;

  @Option(names = "--sig", required = true, paramLabel = "SIG", description = "Signature file.")
  Path sig;

  @Option(names = "--id", defaultValue = "1234567812345678", paramLabel = "ID",
      description = "Distinguishing ID, UTF-8 (default: ${DEFAULT-VALUE}).")
  String id;

  @Option(names = "--encoding", defaultValue = "der",
      description = "Signature encoding: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SignCommand.Encoding encoding;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "Signed file; standard input when absent.")
  Path file;

  @Override
  public Integer call() throws IOException, MalformedEncodingException {
    Sm2Verifier verifier = Sm2Verifier.create(Inputs.publicKey(pub), Inputs.id(id),
        encoding == SignCommand.Encoding.der ? SignatureEncoding.DER : SignatureEncoding.RAW);
    byte[] signature = Inputs.smallFile(sig, "signature");
    try (InputStream in = Inputs.open(file)) {
      verifier.verify(in, signature);
    } catch (MalformedEncodingException e) {
      throw new MalformedEncodingException(e.reason(), "signature " + sig + ": " + e.getMessage());
    } catch (SignatureVerificationException e) {
      spec.commandLine().getOut().println("FAILED: " + e.getMessage());
      spec.commandLine().getOut().flush();
      return Main.EXIT_NO;
    }
    spec.commandLine().getOut().println("OK");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
