package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.ledger.Ledger;
import io.ddc.publish.PublishException;
import io.ddc.serve.LogServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddc serve --ledger L [--bind 127.0.0.1] [--port P] [--dir DIR]} (docs/PUBLISH.md, "Serving"). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the ledger read-only over HTTP: the published C2SP tlog-tiles log (/checkpoint, /tile/...), "
        + "republished every 10 s, and fresh proof bundles (/ddc/{id}/bundle[?hide=/a,/b][&from=SIZE]). "
        + "Runs until stopped (Ctrl-C).",
    footer = {"", "Example:", "  ddc serve --ledger ddc.db --port 8080 --dir /var/lib/ddc/log"})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ledger", required = true, paramLabel = "L",
      description = "The ledger: a SQLite file or a jdbc:postgresql:// URL.")
  String ledger;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "The address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
      description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the log is published and served from (default: a new temporary directory).")
  Path dir;

  /** Released to stop a running server (tests); otherwise the process runs until killed. */
  static volatile CountDownLatch stop = new CountDownLatch(1);

  @Option(names = "--ed25519-key", paramLabel = "FILE",
      description = "Also sign the published checkpoint with this Ed25519 note key (ddc note-keygen), named by the "
          + "origin, for witnesses that speak only Ed25519.")
  Path ed25519Key;

  @Override
  public Integer call() throws IOException, DdcException {
    if (port < 0 || port > 65535) {
      throw new CliException(Main.EXIT_USAGE, "--port is 0 to 65535, not " + port);
    }
    Path out = dir != null ? dir : Files.createTempDirectory("ddc-serve-");
    try (Ledger l = Ledgers.open(ledger)) {
      LogServer server;
      try {
        server = LogServer.builder(l, out).bind(bind).port(port).cosigners(ed25519Key == null ? java.util.List.of()
            : java.util.List.of(NoteKeygenCommand.read(ed25519Key, l.state().origin().orElse("")))).start();
      } catch (PublishException e) {
        return PublishCommand.refused(spec, e);
      } catch (java.net.BindException e) {
        throw new CliException(Main.EXIT_USAGE, "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      }
      try (server) {
        spec.commandLine().getOut().println("serving " + l.state().origin().orElse("?") + " at http://" + bind + ":"
            + server.port() + "/ (log published in " + out + ")");
        spec.commandLine().getOut().flush();
        Thread hook = new Thread(server::close);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          stop.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook closes the server
        }
      }
      return 0;
    }
  }
}
