package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.bundle.Bundles;
import io.ddc.ledger.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ddc prove --ledger L --ddc ID [--checkpoint latest|SIZE] --out BUNDLE.json}. */
@Command(name = "prove", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc prove --ledger ddc.db --ddc 1 --out bundle.json"},
    description = "Write the offline proof bundle of a DDC against a kept checkpoint that covers the whole "
        + "log (sign one with the Operator's key first if the ledger has grown).")
final class ProveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ledger", required = true, paramLabel = "L",
      description = "The ledger: a SQLite file or a jdbc:postgresql:// URL.")
  String ledger;

  @Option(names = "--ddc", required = true, paramLabel = "ID", description = "The DDC id.")
  long ddc;

  @Option(names = "--checkpoint", defaultValue = "latest", paramLabel = "latest|SIZE",
      description = "The checkpoint to prove against (default: ${DEFAULT-VALUE}).")
  String checkpoint;

  @Option(names = "--out", required = true, paramLabel = "BUNDLE.json", description = "Where to write the bundle.")
  Path out;

  @Option(names = "--consistency-from", paramLabel = "SIZE",
      description = "Also carry the consistency proof from this earlier checkpoint size (one the verifier holds).")
  Long consistencyFrom;

  @Override
  public Integer call() throws IOException {
    OptionalLong size = OptionalLong.empty();
    if (!checkpoint.equals("latest")) {
      try {
        size = OptionalLong.of(Long.parseLong(checkpoint));
      } catch (NumberFormatException e) {
        throw new CliException(Main.EXIT_USAGE, "--checkpoint must be latest or a log size, not " + checkpoint);
      }
    }
    try (Ledger l = Ledgers.open(ledger)) {
      if (l.state().ddc(ddc).isEmpty()) {
        throw new CliException(Main.EXIT_USAGE, "there is no DDC " + ddc + " in " + Ledgers.shown(ledger));
      }
      byte[] bundle;
      try {
        bundle = Bundles.prove(l, ddc, size,
            consistencyFrom == null ? OptionalLong.empty() : OptionalLong.of(consistencyFrom));
      } catch (IllegalArgumentException e) {
        throw new CliException(Main.EXIT_USAGE, e.getMessage());
      } catch (DdcException e) {
        throw new CliException(Main.EXIT_USAGE, e.getMessage());
      }
      Files.write(out, bundle);
      spec.commandLine().getOut().println("wrote " + out + " (" + bundle.length + " bytes, DDC " + ddc + ")");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
