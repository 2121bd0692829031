package io.ddc.cli;

import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ddc web-verifier --trust [ORIGIN=]PUBKEY.pem [--trust ...] [--origin ORIGIN] [--witness NAME=PUBKEY.pem ...
 * [--quorum N]] --out verify.html}: writes the static browser verifier (examples/web-verifier) with this trust
 * configuration built in.
 */
@Command(name = "web-verifier", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc web-verifier --origin example.ddc.io/ledger --trust operator.pub.pem --out verify.html"},
    description = "Write the offline browser verifier: one static HTML file (no network request, works from file://) "
        + "that verifies bundles against the trusted (origin, Operator key) pairs given here. Exit 2 for usage "
        + "errors, or when this ddc was built without Node (the page is then missing).")
final class WebVerifierCommand implements Callable<Integer> {
  /** Where the built page sits in the jar (module examples/web-verifier). */
  static final String PAGE = "/io/ddc/web/verify.html";
  /** The page's placeholder, replaced by the configuration JSON. */
  static final String PLACEHOLDER = "{\"ddcConfigPlaceholder\":true}";

  @Spec CommandSpec spec;

  @Option(names = "--trust", required = true, paramLabel = "[ORIGIN=]PUBKEY.pem",
      description = "A trusted Operator public key (PEM), for the log named by --origin or by ORIGIN=; repeat for "
          + "several keys or logs.")
  List<String> trust;

  @Option(names = "--origin", paramLabel = "ORIGIN",
      description = "The origin (log name) of the --trust keys given without ORIGIN=.")
  String origin;

  @Option(names = "--witness", paramLabel = "NAME=PUBKEY.pem",
      description = "A witness whose cosignature counts towards --quorum; repeat for several.")
  List<String> witness = new ArrayList<>();

  @Option(names = "--quorum", paramLabel = "N",
      description = "How many of the --witness keys must have cosigned (default: all of them).")
  Integer quorum;

  @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The page to write.")
  Path out;

  @Override
  public Integer call() throws IOException, MalformedEncodingException {
    StringBuilder json = new StringBuilder("{\"trust\":[");
    Set<String> trustedKeys = new HashSet<>();
    Set<String> pairs = new HashSet<>();
    for (String t : trust) {
      Inputs.Trust pair = Inputs.trust(t, origin);
      String o = pair.origin();
      if (o.isEmpty() || !o.codePoints().allMatch(c -> c > 0x20 && c != 0x7f)) {
        throw new CliException(Main.EXIT_USAGE, "the origin must be one word without spaces or control characters, "
            + "not \"" + o + "\"");
      }
      String key = hex(pair.key());
      if (!pairs.add(o + "\n" + key)) {
        throw new CliException(Main.EXIT_USAGE, "--trust: the key for " + o + " is given twice");
      }
      trustedKeys.add(key);
      json.append(pairs.size() > 1 ? "," : "").append("{\"origin\":").append(jsonString(o))
          .append(",\"key\":\"").append(key).append("\"}");
    }
    json.append("],\"witnesses\":[");
    if (quorum != null && witness.isEmpty()) {
      throw new CliException(Main.EXIT_USAGE, "--quorum needs at least one --witness");
    }
    Set<String> names = new HashSet<>();
    Set<String> witnessKeys = new HashSet<>();
    for (String w : witness) {
      int eq = w.indexOf('=');
      if (eq < 1 || eq == w.length() - 1) {
        throw new CliException(Main.EXIT_USAGE, "--witness must be NAME=PUBKEY.pem, not " + w);
      }
      String name = w.substring(0, eq);
      if (!name.codePoints().allMatch(c -> c > 0x20 && c != 0x7f && c != '+')) {
        throw new CliException(Main.EXIT_USAGE, "--witness: a key name has no spaces, '+' or control characters: " + name);
      }
      String key = hex(Inputs.publicKey(Path.of(w.substring(eq + 1))));
      if (!names.add(name)) {
        throw new CliException(Main.EXIT_USAGE, "--witness: the name " + name + " is given twice");
      }
      if (!witnessKeys.add(key)) {
        throw new CliException(Main.EXIT_USAGE, "--witness: the key of " + name + " is given twice");
      }
      if (trustedKeys.contains(key)) {
        throw new CliException(Main.EXIT_USAGE, "--witness: " + name + " has a trusted Operator key (the log's "
            + "signature would count as its cosignature)");
      }
      json.append(names.size() > 1 ? "," : "").append("{\"name\":").append(jsonString(name))
          .append(",\"key\":\"").append(key).append("\"}");
    }
    json.append("]");
    if (!witness.isEmpty()) {
      int q = quorum == null ? witness.size() : quorum;
      if (q < 1 || q > witness.size()) {
        throw new CliException(Main.EXIT_USAGE, "--quorum must be between 1 and " + witness.size() + ", not " + q);
      }
      json.append(",\"quorum\":").append(q);
    }
    json.append("}");

    String page = page();
    int at = page.indexOf(PLACEHOLDER);
    if (at < 0 || page.indexOf(PLACEHOLDER, at + 1) >= 0) {
      throw new CliException(Main.EXIT_USAGE, "the built page has no configuration placeholder: rebuild ddc");
    }
    String html = page.substring(0, at) + scriptSafe(json.toString()) + page.substring(at + PLACEHOLDER.length());
    Files.writeString(out, html, StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + out + " (" + html.getBytes(StandardCharsets.UTF_8).length
        + " bytes): trusts " + String.join(", ", pairs.stream().map(p -> p.substring(0, p.indexOf('\n'))).sorted()
            .distinct().toList())
        + (witness.isEmpty() ? "" : "; " + witness.size() + " witness(es)"));
    return 0;
  }

  /** The page from the jar; a CliException (exit 2) when ddc was built without Node. */
  static String page() throws IOException {
    try (InputStream in = WebVerifierCommand.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new CliException(Main.EXIT_USAGE, "this ddc was built without the web verifier page (Node and npm "
            + "were not found when it was built): install nodejs and npm, then rebuild (mvn -pl examples/ddc-cli -am "
            + "package)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String hex(Sm2PublicKey key) {
    return HexFormat.of().formatHex(key.toUncompressed());
  }

  /** A JSON string (RFC 8259), control characters escaped. */
  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /**
   * JSON that cannot leave its {@code <script type="application/json">} element: {@code <}, {@code >} and
   * {@code &} (so no {@code </script>} and no {@code <!--}) and U+2028/U+2029 as \\u escapes, which JSON reads as
   * the same characters.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }
}
