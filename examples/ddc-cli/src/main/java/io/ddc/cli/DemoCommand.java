package io.ddc.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddc demo}: the whole story on the embedded ledger in a temporary directory, each step a
 * real {@code ddc} command whose output is shown, ending with the offline verification report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The whole story in a temporary directory: keys, a SQLite ledger, an Operator, a university, "
        + "a graduate, a diploma minted with metadata, a checkpoint, a proof bundle verified offline, a tampered "
        + "copy rejected, fields hidden and the bundle verified again. Each step is a ddc command, printed with "
        + "its output.",
    footer = {"", "Example:", "  ddc demo --keep"})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--keep", description = "Keep the temporary directory (its path is printed) to explore it.")
  boolean keep;

  private Path dir;
  private PrintWriter out;
  private int step;

  @Override
  public Integer call() throws IOException {
    out = spec.commandLine().getOut();
    dir = Files.createTempDirectory("ddc-demo-");
    try {
      return story();
    } finally {
      if (keep) {
        out.println("The files are in " + dir);
      } else {
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
      out.flush();
    }
  }

  private int story() throws IOException {
    out.println("ddc demo: a university issues a diploma as a DDC on an embedded ledger; the graduate proves it");
    out.println("offline to an employer who trusts nothing but the Operator's public key.");
    out.println("(working in a temporary directory; file names below are relative to it)");
    say("Keys: the Operator runs the ledger, the university (a platform) issues, Alice (a consumer) holds.");
    for (String who : List.of("operator", "university", "alice")) {
      if (!run(0, "keygen", "--out", f(who + ".pem"), "--pub", f(who + ".pub.pem"))) {
        return Main.EXIT_INTERNAL;
      }
    }
    say("Create the ledger (a SQLite file): the Operator's key signs its checkpoints.");
    String db = f("ddc.db");
    boolean ok = run(0, "init", "--ledger", db, "--origin", "demo.ddc.example/ledger", "--key", f("operator.pem"),
        "--did", "did:ddc:operator")
        && say("Register the university and Alice.")
        && run(0, "account", "add", "--ledger", db, "--key", f("operator.pem"), "--role", "platform", "--did",
            "did:ddc:university", "--name", "Wuhan University", "--pub", f("university.pub.pem"))
        && run(0, "account", "add", "--ledger", db, "--key", f("operator.pem"), "--role", "consumer", "--did",
            "did:ddc:alice", "--name", "Alice", "--pub", f("alice.pub.pem"), "--leader", "did:ddc:university");
    if (!ok) {
      return Main.EXIT_INTERNAL;
    }
    Files.writeString(dir.resolve("diploma.json"), "{\"name\":\"Li Wei\",\"degree\":\"BSc Computer Science\","
        + "\"gpa\":385,\"graduated\":\"2026-07-01\",\"address\":{\"city\":\"Wuhan\",\"street\":\"Luoyu Rd 1037\"}}");
    say("The university mints the diploma to Alice; its fields are committed to by salted SM3 digests.");
    out.println("   diploma.json: " + Files.readString(dir.resolve("diploma.json")));
    String bundle = f("bundle.json");
    ok = run(0, "mint", "--ledger", db, "--key", f("university.pem"), "--to", "did:ddc:alice", "--metadata",
        f("diploma.json"), "--uri", "https://diplomas.example/2026/001", "--ref", "diploma-2026-001")
        && run(0, "show", "--ledger", db, "--ddc", "1")
        && say("Minting the same reference again is refused: batches can be re-run safely.")
        && run(1, "mint", "--ledger", db, "--key", f("university.pem"), "--to", "did:ddc:alice", "--ref",
            "diploma-2026-001")
        && say("The Operator signs a checkpoint: the log root, the state root and the account root.")
        && run(0, "checkpoint", "--ledger", db, "--key", f("operator.pem"))
        && say("Alice gets a proof bundle: everything an offline verifier needs.")
        && run(0, "prove", "--ledger", db, "--ddc", "1", "--out", bundle)
        && say("An employer verifies it with no network and no ledger, trusting only the Operator's key.")
        && run(0, "verify", bundle, "--origin", "demo.ddc.example/ledger", "--trust", f("operator.pub.pem"));
    if (!ok) {
      return Main.EXIT_INTERNAL;
    }
    say("A copy with the grade changed is rejected.");
    String text = Files.readString(dir.resolve("bundle.json"));
    Files.writeString(dir.resolve("tampered.json"), text.replace("\"value\":385", "\"value\":395"));
    ok = run(1, "verify", f("tampered.json"), "--origin", "demo.ddc.example/ledger", "--trust", f("operator.pub.pem"))
        && say("Alice hides her grade and address; the rest still verifies, and only the number of hidden fields shows.")
        && run(0, "redact", "--in", bundle, "--hide", "/gpa,/address", "--out", f("bundle-redacted.json"))
        && run(0, "verify", f("bundle-redacted.json"), "--origin", "demo.ddc.example/ledger", "--trust", f("operator.pub.pem"));
    if (!ok) {
      return Main.EXIT_INTERNAL;
    }
    out.println();
    out.println("Done: the last report above is what an employer sees.");
    return 0;
  }

  private String f(String name) {
    return dir.resolve(name).toString();
  }

  private boolean say(String what) {
    out.println();
    out.println(++step + ". " + what);
    return true;
  }

  /** Runs {@code ddc args}, shows it and its output, and checks its exit code. */
  private boolean run(int expected, String... args) {
    List<String> shown = new ArrayList<>();
    for (String a : args) {
      String x = a.startsWith(dir.toString()) ? dir.relativize(Path.of(a)).toString() : a;
      shown.add(x.contains(" ") ? "'" + x + "'" : x);
    }
    out.println("   $ ddc " + String.join(" ", shown));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true),
        new ByteArrayInputStream(new byte[0]));
    for (String line : (o.toString() + e.toString()).replace(dir.toString() + "/", "").split("\n", -1)) {
      if (!line.isEmpty()) {
        out.println("   " + line);
      }
    }
    if (code != expected) {
      out.println("   (unexpected exit code " + code + ", expected " + expected + ")");
      return false;
    }
    out.flush();
    return true;
  }
}
