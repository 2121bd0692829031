package io.ddc.cli;

import io.ddc.bundle.Bundles;
import io.ddc.model.MalformedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ddc redact --in BUNDLE.json --hide POINTER[,POINTER...] --out BUNDLE2.json}. */
@Command(name = "redact", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc redact --in bundle.json --hide /gpa,/address/city --out bundle2.json"},
    description = "Hide metadata fields of a bundle (RFC 6901 JSON Pointers; a pointer hides every field below it). "
        + "The bundle still verifies; hidden fields leave only their salted digests.")
final class RedactCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "BUNDLE.json", description = "The bundle to redact.")
  Path in;

  @Option(names = "--hide", required = true, split = ",", paramLabel = "POINTER",
      description = "Fields to hide, e.g. /gpa,/address/city.")
  List<String> hide;

  @Option(names = "--out", required = true, paramLabel = "BUNDLE2.json", description = "Where to write the result.")
  Path out;

  @Override
  public Integer call() throws IOException {
    byte[] bundle;
    try {
      bundle = Files.readAllBytes(in);
    } catch (NoSuchFileException e) {
      throw new CliException(Main.EXIT_USAGE, "bundle " + in + " does not exist");
    }
    try {
      byte[] redacted = Bundles.redact(bundle, hide);
      Files.write(out, redacted);
    } catch (MalformedDataException e) {
      throw new CliException(Main.EXIT_USAGE, e.getMessage());
    }
    spec.commandLine().getOut().println("wrote " + out + " (hid " + String.join(", ", hide) + ")");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
