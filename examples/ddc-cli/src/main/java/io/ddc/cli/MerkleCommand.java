package io.ddc.cli;

import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.merkle.HashAlgorithm;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ddc merkle root|inclusion|consistency}: RFC 9162 trees over a file of hex leaves. */
@Command(name = "merkle", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc merkle root leaves.txt"},
    description = "RFC 9162 Merkle trees over LEAVES: a text file (standard input when absent) with "
        + "one leaf per line, the leaf's bytes in hex; an empty line is an empty leaf.",
    subcommands = {MerkleCommand.Root.class, MerkleCommand.Inclusion.class, MerkleCommand.Consistency.class})
final class MerkleCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: root, inclusion or consistency");
  }

  enum Alg { sm3, sha256 }

  /** Options every merkle subcommand shares. */
  static class TreeOptions {
    @Option(names = "--alg", defaultValue = "sm3",
        description = "Tree hash: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Alg alg;

    @Option(names = "--size", paramLabel = "N", description = "Use the first N leaves (default: all).")
    Long size;

    @Parameters(arity = "0..1", paramLabel = "LEAVES", description = "Leaves file; standard input when absent.")
    Path leaves;

    MerkleLog tree() throws IOException {
      List<byte[]> list = readLeaves(leaves);
      long n = size == null ? list.size() : size;
      if (n < 0) {
        throw new CliException(Main.EXIT_USAGE, "--size must be >= 0, but is " + n);
      }
      if (n > list.size()) {
        throw new CliException(Main.EXIT_USAGE,
            "--size " + n + " is beyond the " + list.size() + " leaves given");
      }
      MerkleLog log = MerkleLog.open(
          TreeHasher.of(alg == Alg.sm3 ? HashAlgorithm.SM3 : HashAlgorithm.SHA256), new InMemoryTileStore(), 0);
      log.appendAll(list.subList(0, (int) n));
      return log;
    }
  }

  static List<byte[]> readLeaves(Path file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (InputStream in = Inputs.open(file);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int lineNo = 0;
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        try {
          out.add(Hex.decode(line));
        } catch (MalformedEncodingException e) {
          throw new CliException(Main.EXIT_USAGE, "leaves line " + lineNo + ": " + e.getMessage());
        }
      }
    }
    return out;
  }

  static void print(PrintWriter out, List<byte[]> hashes) {
    for (byte[] h : hashes) {
      out.print(Hex.encode(h) + "\n");
    }
    out.flush();
  }

  @Command(name = "root", mixinStandardHelpOptions = true,
      description = "Print the root hash (hex) of the tree of the first N leaves.")
  static final class Root implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin TreeOptions tree = new TreeOptions();

    @Override
    public Integer call() throws IOException {
      print(spec.commandLine().getOut(), List.of(tree.tree().root()));
      return 0;
    }
  }

  @Command(name = "inclusion", mixinStandardHelpOptions = true,
      description = "Print the inclusion proof of leaf I in the tree of the first N leaves, one hex "
          + "hash per line (nothing for a one-leaf tree).")
  static final class Inclusion implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin TreeOptions tree = new TreeOptions();

    @Option(names = "--index", required = true, paramLabel = "I", description = "Leaf index, from 0.")
    long index;

    @Override
    public Integer call() throws IOException {
      MerkleLog log = tree.tree();
      if (index < 0 || index >= log.size()) {
        throw new CliException(Main.EXIT_USAGE,
            "--index " + index + " is not below the tree size " + log.size());
      }
      print(spec.commandLine().getOut(), log.inclusionProof(index, log.size()).hashes());
      return 0;
    }
  }

  @Command(name = "consistency", mixinStandardHelpOptions = true,
      description = "Print the consistency proof from the tree of the first M leaves to that of the "
          + "first N, one hex hash per line (nothing when M = N).")
  static final class Consistency implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin TreeOptions tree = new TreeOptions();

    @Option(names = "--old", required = true, paramLabel = "M", description = "The older tree size, 1 <= M <= N.")
    long old;

    @Override
    public Integer call() throws IOException {
      MerkleLog log = tree.tree();
      if (old == 0) {
        throw new CliException(Main.EXIT_USAGE, "--old must be at least 1: a proof from the empty tree proves nothing");
      }
      if (old < 0 || old > log.size()) {
        throw new CliException(Main.EXIT_USAGE,
            "--old " + old + " is greater than the tree size " + log.size());
      }
      print(spec.commandLine().getOut(), log.consistencyProof(old, log.size()).hashes());
      return 0;
    }
  }
}
