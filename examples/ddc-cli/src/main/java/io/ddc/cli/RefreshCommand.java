package io.ddc.cli;

import io.ddc.bundle.Bundle;
import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.VerificationReport;
import io.ddc.model.MalformedDataException;
import io.ddc.serve.BundleRefresh;
import io.ddc.serve.RefreshException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ddc refresh BUNDLE --from URL --out NEW [--trust PUB.pem]}. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
    description = "Get a fresh bundle of the same DDC from a ddc serve server: against its latest checkpoint, with "
        + "the consistency proof from the old bundle's checkpoint (checked here), the old bundle's hidden fields "
        + "still hidden. With --trust, also verify it as ddc verify --known would.",
    footer = {"", "Example:", "  ddc refresh diploma.json --from https://log.example/ --out diploma-2.json"})
final class RefreshCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The stale bundle.")
  Path bundle;

  @Option(names = "--from", required = true, paramLabel = "URL", description = "The server's base URL.")
  String from;

  @Option(names = "--out", required = true, paramLabel = "NEW", description = "Where to write the fresh bundle.")
  Path out;

  @Option(names = "--trust", paramLabel = "PUB.pem",
      description = "The Operator's public key: verify the fresh bundle (any age) knowing the old checkpoint.")
  Path trust;

  @Override
  public Integer call() throws IOException, io.ddc.crypto.sm.MalformedEncodingException {
    if (!from.startsWith("http://") && !from.startsWith("https://")) {
      throw new CliException(Main.EXIT_USAGE, "--from must be an http(s) URL, not " + from);
    }
    if (!Files.isRegularFile(bundle)) {
      throw new CliException(Main.EXIT_USAGE, bundle + " does not exist");
    }
    if (Files.size(bundle) > VerifyCommand.MAX_BUNDLE_FILE) {
      throw new CliException(Main.EXIT_USAGE, bundle + " is larger than a bundle may be ("
          + VerifyCommand.MAX_BUNDLE_FILE + " bytes)");
    }
    byte[] old = Files.readAllBytes(bundle);
    Bundle before;
    byte[] fresh;
    try {
      before = Bundle.parse(old);
      fresh = BundleRefresh.refresh(old, URI.create(from));
    } catch (MalformedDataException | Bundle.UnsupportedVersionException e) {
      throw new CliException(Main.EXIT_USAGE, bundle + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, "--from: " + e.getMessage());
    } catch (RefreshException e) {
      spec.commandLine().getOut().println("REFUSED: " + e.reason() + ": " + e.getMessage());
      spec.commandLine().getOut().flush();
      return Main.EXIT_NO;
    }
    Bundle after;
    try {
      after = Bundle.parse(fresh);
    } catch (MalformedDataException | Bundle.UnsupportedVersionException e) {
      throw new IllegalStateException("the refreshed bundle does not parse", e);
    }
    if (trust != null) {
      String origin = before.checkpoint().substring(0, before.checkpoint().indexOf('\n'));
      VerificationReport r = BundleVerifier.builder().trust(origin, Inputs.publicKey(trust)).anyAge().build()
          .verify(fresh, before.checkpoint());
      if (!r.valid()) {
        spec.commandLine().getOut().println("INVALID: " + r.code() + ": "
            + r.firstFailure().map(VerificationReport.Step::message).orElse(""));
        spec.commandLine().getOut().flush();
        return Main.EXIT_NO;
      }
    }
    Files.write(out, fresh);
    spec.commandLine().getOut().println("refreshed DDC " + before.ddc() + ": checkpoint " + size(before) + " -> "
        + size(after) + ", consistent" + (trust != null ? " and VALID" : "") + "; wrote " + out + " (" + fresh.length
        + " bytes)");
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String size(Bundle b) {
    return b.checkpoint().split("\n", 3)[1];
  }
}
