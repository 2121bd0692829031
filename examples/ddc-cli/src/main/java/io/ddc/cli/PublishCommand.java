package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.ledger.Ledger;
import io.ddc.publish.PublishException;
import io.ddc.publish.Publisher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddc publish --ledger L --out DIR}: the log as C2SP tlog-tiles (docs/PUBLISH.md). */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Publish the ledger's event log up to its latest checkpoint as a C2SP tlog-tiles directory "
        + "(checkpoint, tile/<L>/<N>, tile/entries/<N>) that any static web server can serve. Incremental: a rerun "
        + "writes only what is new; the checkpoint is written last. Exit 1 with REFUSED: <REASON>: <message> when "
        + "DIR holds another log, a fork, a newer checkpoint or a tile that differs.",
    footer = {"", "Example:", "  ddc publish --ledger ddc.db --out /var/www/log"})
final class PublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ledger", required = true, paramLabel = "L",
      description = "The ledger: a SQLite file or a jdbc:postgresql:// URL.")
  String ledger;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to publish into.")
  Path out;

  @Option(names = "--ed25519-key", paramLabel = "FILE",
      description = "Also sign the published checkpoint with this Ed25519 note key (ddc note-keygen), named by the "
          + "origin, for witnesses that speak only Ed25519.")
  Path ed25519Key;

  @Override
  public Integer call() throws IOException, DdcException {
    try (Ledger l = Ledgers.open(ledger)) {
      Publisher.Result r;
      try {
        r = Publisher.publish(l, out, ed25519Key == null ? java.util.List.of()
            : java.util.List.of(NoteKeygenCommand.read(ed25519Key, l.state().origin().orElse(""))));
      } catch (PublishException e) {
        return refused(spec, e);
      }
      spec.commandLine().getOut().println(summary(r));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /**
   * Reports a refused publish: exit 2 (a usage error) without a checkpoint or while another
   * publisher holds the lock, otherwise {@code REFUSED: <REASON>: <message>} on stdout and exit 1.
   */
  static int refused(CommandSpec spec, PublishException e) {
    if (e.reason() == PublishException.Reason.NO_CHECKPOINT || e.reason() == PublishException.Reason.LOCKED) {
      throw new CliException(Main.EXIT_USAGE, e.getMessage());
    }
    spec.commandLine().getOut().println("REFUSED: " + e.reason() + ": " + e.getMessage());
    spec.commandLine().getOut().flush();
    return Main.EXIT_NO;
  }

  static String summary(Publisher.Result r) {
    return "published size " + r.size() + " (was " + r.previousSize() + "): " + r.tiles() + " tiles, " + r.bundles()
        + " entry bundles written, checkpoint " + (r.checkpointChanged() ? "updated" : "unchanged");
  }
}
