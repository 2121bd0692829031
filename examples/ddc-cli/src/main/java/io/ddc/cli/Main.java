package io.ddc.cli;

import io.ddc.crypto.sm.SmCryptoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ddc} command-line tool. Exit codes: 0 success, 1 a check said no (e.g. a
 * signature does not verify), 2 usage errors and unreadable or malformed input, 3 an internal
 * error (a bug: rerun with {@code --verbose} and report the stack trace).
 */
@Command(
    name = "ddc",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Distributed digital certificates: issue them on a ledger, prove them offline, verify the proofs.",
    subcommands = {
      HashCommand.class,
      KeygenCommand.class,
      SignCommand.class,
      VerifySignatureCommand.class,
      MerkleCommand.class,
      InitCommand.class,
      AccountCommand.class,
      AuthorityCommand.class,
      MintCommand.class,
      BatchMintCommand.class,
      DdcCommands.Transfer.class,
      DdcCommands.Approve.class,
      DdcCommands.ApproveAll.class,
      DdcCommands.Freeze.class,
      DdcCommands.Unfreeze.class,
      DdcCommands.Burn.class,
      DdcCommands.SetUri.class,
      DdcCommands.NameSymbol.class,
      DdcCommands.LatestId.class,
      FeeCommands.Recharge.class,
      FeeCommands.RechargeBatch.class,
      FeeCommands.Fee.class,
      FeeCommands.Balance.class,
      FeeCommands.Points.class,
      ShowCommand.class,
      CheckpointCommand.class,
      ProveCommand.class,
      WitnessCommand.class,
      PublishCommand.class,
      MonitorCommand.class,
      ServeCommand.class,
      RefreshCommand.class,
      NoteKeygenCommand.class,
      RedactCommand.class,
      VerifyCommand.class,
      WebVerifierCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check said no: the rules rejected the request (REJECTED: RULE_CODE: message), the bundle is INVALID, "
          + "the signature does not verify, or there is no such DDC or account",
      "2:usage error, or unreadable or malformed input",
      "3:internal error (rerun with --verbose and report it)"
    })
public final class Main implements Runnable {
  /** Exit code when a check fails. */
  public static final int EXIT_NO = 1;
  /** Exit code for usage errors and bad input. */
  public static final int EXIT_USAGE = 2;
  /** Exit code for internal errors. */
  public static final int EXIT_INTERNAL = 3;

  @Spec CommandSpec spec;

  /** Shared by every subcommand. */
  static final class Common {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
        description = "Print stack traces of errors.")
    boolean verbose;
  }

  @CommandLine.Mixin Common common = new Common();

  /** Standard input for the commands that read it; replaced in tests. */
  static InputStream stdin = System.in;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err, System.in);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the tool in this JVM and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
    stdin = in;
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(Main::handle);
    return cli.execute(args);
  }

  /**
   * Whether {@code e} is the data model refusing a value the user gave (an amount out of range, too
   * many items, data too long): thrown by {@code io.ddc.model}'s checks, not by a bug elsewhere.
   */
  static boolean isInputCheck(Exception e) {
    if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)) {
      return false;
    }
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("io.ddc.model.");
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    // every error line goes through here: a JDBC URL's password never reaches the user's terminal or logs
    PrintWriter err = new PrintWriter(new java.io.Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] c, int off, int len) {
        line.append(c, off, len);
      }

      @Override
      public void flush() {
        cmd.getErr().print(Ledgers.shown(line.toString()));
        line.setLength(0);
        cmd.getErr().flush();
      }

      @Override
      public void close() {
        flush();
      }
    });
    String name = cmd.getCommandSpec().qualifiedName();
    boolean verbose = parsed.hasMatchedOption("--verbose")
        || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
    int code;
    if (e instanceof CliException) {
      err.println(name + ": " + e.getMessage());
      code = ((CliException) e).exitCode();
    } else if (e instanceof io.ddc.engine.RequestRejectedException) {
      io.ddc.engine.RequestRejectedException r = (io.ddc.engine.RequestRejectedException) e;
      cmd.getOut().println("REJECTED: " + r.code() + ": " + r.detail());
      cmd.getOut().flush();
      code = EXIT_NO;
    } else if (e instanceof io.ddc.DdcException) {
      err.println(name + ": " + e.getMessage());
      code = EXIT_USAGE;
    } else if (e instanceof SmCryptoException) {
      err.println(name + ": " + e.getMessage());
      code = EXIT_USAGE;
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      err.println(name + ": " + e.getMessage());
      code = EXIT_USAGE;
    } else if (isInputCheck(e)) {
      // the model's checks of a request's values (Items, fields, the request builder): the user's input
      err.println(name + ": " + e.getMessage());
      code = EXIT_USAGE;
    } else {
      err.println(name + ": internal error: " + e
          + (verbose ? "" : " (rerun with --verbose for details)"));
      code = EXIT_INTERNAL;
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ddc " + (v == null ? "(development build)" : v)};
    }
  }
}
