package io.ddc.cli;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.VerificationReport;
import io.ddc.checkpoint.NoteKey;
import io.ddc.sign.Signers;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PublicKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ddc verify BUNDLE.json --trust [ORIGIN=]PUBKEY.pem [--trust ...] [--origin ORIGIN] [--max-age DURATION|any] [--json]
 * [--known CHECKPOINT] [--witness NAME=PUBKEY.pem ... [--quorum N]]}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc verify bundle.json --origin example.ddc.io/ledger --trust operator.pub.pem --max-age 7d"},
    description = "Verify a proof bundle offline against trusted Operator keys. First line VALID (exit 0) or "
        + "INVALID: <REASON_CODE>: <message> (exit 1); the report follows. Exit 2 for usage errors.")
final class VerifyCommand implements Callable<Integer> {
  /** Largest bundle file read. */
  static final long MAX_BUNDLE_FILE = BundleVerifier.MAX_BUNDLE_BYTES;
  /** The checkpoint age accepted unless --max-age says otherwise. */
  static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE.json", description = "The bundle.")
  Path bundle;

  @Option(names = "--trust", required = true, paramLabel = "[ORIGIN=]PUBKEY.pem",
      description = "A trusted Operator public key (PEM), for the log named by --origin or by ORIGIN=; repeat for "
          + "several keys or logs. Trust is a pair: a checkpoint of another origin is INVALID even when this key "
          + "signed it.")
  List<String> trust;

  @Option(names = "--origin", paramLabel = "ORIGIN",
      description = "The origin (log name) of the --trust keys given without ORIGIN=, e.g. example.ddc.io/ledger.")
  String origin;

  @Option(names = "--max-age", paramLabel = "DURATION",
      description = "Maximum checkpoint age: 30d, 12h, 90m, 45s or ISO-8601 (PT12H); 'any' accepts any age "
          + "(the report still states it). Default 30d.")
  String maxAge;

  @Option(names = "--json", description = "Print only the report, as one JSON object (valid, code, steps, and "
      + "the verified claims when valid); exit codes as without it.")
  boolean json;

  @Option(names = "--known", paramLabel = "CHECKPOINT",
      description = "A signed checkpoint of the same log seen before: the bundle must prove it extends it.")
  Path known;

  @Option(names = "--witness", paramLabel = "NAME=PUBKEY.pem",
      description = "A witness whose cosignature counts towards --quorum: its key name and public key (PEM); "
          + "repeat for several.")
  List<String> witness = new ArrayList<>();

  @Option(names = "--quorum", paramLabel = "N",
      description = "How many of the --witness keys must have cosigned the checkpoint (default: all of them).")
  Integer quorum;

  @Override
  public Integer call() throws IOException, MalformedEncodingException {
    BundleVerifier.Builder builder = BundleVerifier.builder();
    for (String t : trust) {
      Inputs.Trust pair = Inputs.trust(t, origin);
      try {
        builder.trust(pair.origin(), pair.key());
      } catch (IllegalArgumentException e) {
        throw new CliException(Main.EXIT_USAGE, e.getMessage());
      }
    }
    if (maxAge != null && maxAge.equals("any")) {
      builder.anyAge();
    } else {
      builder.maxAge(maxAge == null ? DEFAULT_MAX_AGE : duration(maxAge));
    }
    byte[] bytes;
    try {
      if (Files.size(bundle) > MAX_BUNDLE_FILE) {
        bytes = new byte[(int) MAX_BUNDLE_FILE + 1];
      } else {
        bytes = Files.readAllBytes(bundle);
      }
    } catch (NoSuchFileException e) {
      throw new CliException(Main.EXIT_USAGE, "bundle " + bundle + " does not exist");
    }
    String knownNote = known == null ? null : Inputs.text(known, "checkpoint");
    if (quorum != null && witness.isEmpty()) {
      throw new CliException(Main.EXIT_USAGE, "--quorum needs at least one --witness");
    }
    if (!witness.isEmpty()) {
      List<NoteKey> ws = new ArrayList<>();
      for (String w : witness) {
        int eq = w.indexOf('=');
        if (eq < 1 || eq == w.length() - 1) {
          throw new CliException(Main.EXIT_USAGE, "--witness must be NAME=PUBKEY.pem, not " + w);
        }
        ws.add(NoteKey.of(w.substring(0, eq), Signers.sm2(Inputs.publicKey(Path.of(w.substring(eq + 1))))));
      }
      int q = quorum == null ? ws.size() : quorum;
      if (q < 1 || q > ws.size()) {
        throw new CliException(Main.EXIT_USAGE, "--quorum must be between 1 and " + ws.size() + ", not " + q);
      }
      try {
        // a quorum counts distinct witnesses: no name or key twice, and never the log's own key (checked by build)
        builder.witnesses(ws, q);
      } catch (IllegalArgumentException e) {
        throw new CliException(Main.EXIT_USAGE, "--witness: " + e.getMessage());
      }
    }
    BundleVerifier verifier;
    try {
      verifier = builder.build();
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, (witness.isEmpty() ? "" : "--witness: ") + e.getMessage());
    }
    VerificationReport r;
    try {
      r = verifier.verify(bytes, knownNote);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, "--known: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? r.toJson() + "\n" : r.toString());
    out.flush();
    return r.valid() ? 0 : Main.EXIT_NO;
  }

  static Duration duration(String s) {
    try {
      if (s.startsWith("P") || s.startsWith("p")) {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      switch (s.charAt(s.length() - 1)) {
        case 'd':
          return Duration.ofDays(n);
        case 'h':
          return Duration.ofHours(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 's':
          return Duration.ofSeconds(n);
        default:
          break;
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      // reported below
    }
    throw new CliException(Main.EXIT_USAGE, "--max-age must look like 30d, 12h, 90m, 45s or PT12H, not " + s);
  }
}
