package io.ddc.cli;

import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.Sm3Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ddc hash [--alg sm3|sha256] [FILE]}. */
@Command(name = "hash", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc hash diploma.json"},
    description = "Print the lowercase hex digest of FILE (standard input when absent).")
final class HashCommand implements Callable<Integer> {
  enum Alg { sm3, sha256 }

  @Spec CommandSpec spec;

  @Option(names = "--alg", defaultValue = "sm3",
      description = "Hash algorithm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Alg alg;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "File to hash; standard input when absent.")
  Path file;

  @Override
  public Integer call() throws IOException, NoSuchAlgorithmException {
    byte[] digest;
    try (InputStream in = Inputs.open(file)) {
      if (alg == Alg.sm3) {
        digest = new Sm3Digest().update(in).digest();
      } else {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), d));
        digest = d.digest();
      }
    }
    spec.commandLine().getOut().print(Hex.encode(digest) + "\n");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
