package io.ddc.cli;

import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.SignatureEncoding;
import io.ddc.crypto.sm.Sm2Signer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ddc sign --key PRIVATE.pem [--id ID] [--encoding der|raw] --out SIG [FILE]}. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc sign --key uni.pem --out diploma.sig diploma.json"},
    description = "Sign FILE (standard input when absent) with SM2 and write the signature bytes to SIG.")
final class SignCommand implements Callable<Integer> {
  enum Encoding { der, raw }

  @Option(names = "--key", required = true, paramLabel = "PRIVATE.pem", description = "SM2 private key (PKCS#8 or SEC 1 PEM).")
  Path key;

  @Option(names = "--id", defaultValue = "1234567812345678", paramLabel = "ID",
      description = "Distinguishing ID, UTF-8 (default: ${DEFAULT-VALUE}, the GM/T 0009 default; "
          + "note that the OpenSSL command line defaults to the empty ID).")
  String id;

  @Option(names = "--encoding", defaultValue = "der",
      description = "Signature encoding: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; raw is r||s, 64 bytes).")
  Encoding encoding;

  @Option(names = "--out", required = true, paramLabel = "SIG", description = "Signature file to write.")
  Path out;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "File to sign; standard input when absent.")
  Path file;

  @Override
  public Integer call() throws IOException, MalformedEncodingException {
    Sm2Signer signer = Sm2Signer.create(Inputs.privateKey(key), Inputs.id(id),
        encoding == Encoding.der ? SignatureEncoding.DER : SignatureEncoding.RAW);
    byte[] sig;
    try (InputStream in = Inputs.open(file)) {
      sig = signer.sign(in);
    }
    Files.write(out, sig);
    return 0;
  }
}
