package io.ddc.cli;

import io.ddc.checkpoint.NoteKey;
import io.ddc.monitor.Monitor;
import io.ddc.monitor.MonitorException;
import io.ddc.publish.LogSource;
import io.ddc.sign.Signers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddc monitor --from URL|DIR --trust PUB.pem --origin O --state FILE} (docs/PUBLISH.md, "Monitoring"). */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Follow a published log: verify its checkpoint's signature and its consistency with the last one "
        + "seen (kept in --state), fetch the entries and tiles, replay the events through the rules and compare the "
        + "state and account roots with the checkpoint. Exit 0 with one line OK ...; exit 1 with DIVERGED: <REASON>: "
        + "<message> naming the first divergence (the state file is then unchanged).",
    footer = {"", "Example:", "  ddc monitor --from https://log.example/ddc/ --trust operator.pub.pem "
        + "--origin log.example/ddc --state monitor.state"})
final class MonitorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "URL|DIR",
      description = "The published log: an http(s):// URL prefix or a directory.")
  String from;

  @Option(names = "--trust", required = true, paramLabel = "PUB.pem", description = "The Operator's public key.")
  Path trust;

  @Option(names = "--origin", required = true, paramLabel = "O", description = "The log's origin.")
  String origin;

  @Option(names = "--state", required = true, paramLabel = "FILE",
      description = "The monitor's memory: the last checkpoint it verified (created on first use).")
  Path state;

  @Override
  public Integer call() throws IOException, io.ddc.crypto.sm.MalformedEncodingException {
    NoteKey key = NoteKey.of(origin, Signers.sm2(Inputs.publicKey(trust)));
    if (!from.startsWith("http://") && !from.startsWith("https://") && !java.nio.file.Files.isDirectory(Path.of(from))) {
      throw new CliException(Main.EXIT_USAGE, "--from " + from + " is neither an http(s) URL nor a directory");
    }
    LogSource source;
    try {
      source = LogSource.of(from);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, "--from is neither a directory nor an http(s) URL: " + e.getMessage());
    }
    Monitor.Result r;
    try {
      r = new Monitor(source, origin, key).follow(state);
    } catch (IllegalStateException e) {
      throw new CliException(Main.EXIT_USAGE, e.getMessage());
    } catch (MonitorException e) {
      if (e.reason() == MonitorException.Reason.BAD_STATE) {
        throw new CliException(Main.EXIT_USAGE, "the state file " + state + " is not a checkpoint of this log: "
            + e.getMessage());
      }
      spec.commandLine().getOut().println("DIVERGED: " + e.reason() + ": " + e.getMessage());
      spec.commandLine().getOut().flush();
      return Main.EXIT_NO;
    }
    spec.commandLine().getOut().println("OK " + origin + " size " + r.size() + " (was " + r.previousSize() + "): "
        + r.fetched() + " tiles fetched, " + r.cached() + " from cache, events replayed, state " + r.roots().ddcCount() + " " + r.roots().stateRoot().hex() + ", accounts "
        + r.roots().accountCount() + " " + r.roots().accountRoot().hex());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
