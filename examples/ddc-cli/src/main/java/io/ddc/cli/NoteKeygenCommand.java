package io.ddc.cli;

import io.ddc.checkpoint.Ed25519SignerKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddc note-keygen --name NAME --out FILE}: an Ed25519 note signing key in Go's note format. */
@Command(name = "note-keygen", mixinStandardHelpOptions = true,
    description = "Generate an Ed25519 note signing key (Go's golang.org/x/mod/sumdb/note format, "
        + "PRIVATE+KEY+<name>+<id>+<key>) for the log's Ed25519 checkpoint signature (ddc publish / ddc serve "
        + "--ed25519-key). Writes the private key to --out (mode 600) and prints the verifier key for witnesses.",
    footer = {"", "Example:", "  ddc note-keygen --name log.example/ddc --out log-ed25519.key"})
final class NoteKeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--name", required = true, paramLabel = "NAME",
      description = "The key name: the log's origin for the log's own key.")
  String name;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The private key file to write.")
  Path out;

  @Option(names = "--force", description = "Overwrite an existing file.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    if (name.isEmpty() || name.contains("+") || name.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new CliException(Main.EXIT_USAGE, "--name must be non-empty, without '+', spaces or control characters");
    }
    Ed25519SignerKeys.KeyPair k = Ed25519SignerKeys.generate(name);
    KeygenCommand.writeFile(out, k.signerKey() + "\n", true, force);
    spec.commandLine().getOut().println(k.verifierKey());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The log's signer key in {@code file}, named by the log's {@code origin}, or a usage error. */
  static io.ddc.checkpoint.NoteSigner read(Path file, String origin) {
    io.ddc.checkpoint.NoteSigner s;
    try {
      s = Ed25519SignerKeys.parse(Inputs.text(file, "Ed25519 signer key"));
    } catch (io.ddc.checkpoint.CheckpointException e) {
      throw new CliException(Main.EXIT_USAGE, file + ": " + e.getMessage());
    }
    if (!s.name().equals(origin)) {
      throw new CliException(Main.EXIT_USAGE, file + " is a key named " + s.name() + "; the log's key is named by its "
          + "origin, " + origin);
    }
    return s;
  }
}
