package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.checkpoint.Witness;
import io.ddc.checkpoint.WitnessException;
import io.ddc.ledger.Ledger;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.Signers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ddc witness --ledger L --key WITNESS.pem --name NAME --log-key OPERATOR.pub.pem --state FILE}:
 * cosigns the ledger's latest checkpoint as a witness if it extends the one recorded in
 * {@code FILE}, stores the cosignature with the checkpoint and records the new one.
 */
@Command(name = "witness", mixinStandardHelpOptions = true,
    description = "Act as a witness: cosign the ledger's latest checkpoint if it consistently extends the last one "
        + "this witness cosigned (kept in --state), and add the cosignature to the ledger so bundles carry it. "
        + "Prints the cosigned checkpoint. Exit 1 with REFUSED: <REASON>: <message> on a rollback or fork.",
    footer = {"", "Example:", "  ddc witness --ledger ddc.db --key w1.pem --name w1.example --log-key operator.pub.pem "
        + "--state w1.state"})
final class WitnessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ledger", required = true, paramLabel = "L",
      description = "The ledger: a SQLite file or a jdbc:postgresql:// URL.")
  String ledger;

  @Option(names = "--key", required = true, paramLabel = "WITNESS.pem", description = "The witness's private key.")
  Path key;

  @Option(names = "--name", required = true, paramLabel = "NAME",
      description = "The witness's key name (verifiers name it in --witness NAME=PUBKEY.pem).")
  String name;

  @Option(names = "--log-key", required = true, paramLabel = "OPERATOR.pub.pem",
      description = "The Operator's public key: the witness follows the log it signs.")
  Path logKey;

  @Option(names = "--state", required = true, paramLabel = "FILE",
      description = "The witness's memory: the last checkpoint it cosigned (created on first use).")
  Path state;

  @Override
  public Integer call() throws IOException, DdcException, io.ddc.crypto.sm.MalformedEncodingException {
    NoteSigner self = NoteSigner.of(name, Signers.sm2(Inputs.privateKey(key)));
    Path lockFile = state.resolveSibling(state.getFileName() + ".lock");
    try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      // one witness process at a time per state file: two that both read the old state could each
      // cosign one of two forks
      FileLock held;
      try {
        held = lock.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        held = null; // this JVM holds it already
      }
      if (held == null) {
        throw new CliException(Main.EXIT_USAGE, "another ddc witness holds " + lockFile + "; try again when it ends");
      }
      try {
        return cosign(self);
      } finally {
        held.release();
      }
    }
  }

  private int cosign(NoteSigner self) throws IOException, DdcException, io.ddc.crypto.sm.MalformedEncodingException {
    String last = Files.exists(state) ? Inputs.text(state, "witness state") : null;
    try (Ledger l = Ledgers.open(ledger)) {
      String origin = l.state().origin().orElseThrow(() -> new CliException(Main.EXIT_USAGE,
          "the ledger " + Ledgers.shown(ledger) + " has no ledger.init yet"));
      NoteKey log = NoteKey.of(origin, Signers.sm2(Inputs.publicKey(logKey)));
      String note = l.latestCheckpoint().orElseThrow(() -> new CliException(Main.EXIT_USAGE,
          "the ledger " + Ledgers.shown(ledger) + " has no checkpoint yet"));
      Witness w;
      try {
        w = Witness.create(self, log, TreeHasher.sm3(), last);
      } catch (WitnessException e) {
        throw new CliException(Main.EXIT_USAGE, e.reason() == WitnessException.Reason.SAME_KEY_AS_THE_LOG
            ? "--key is the log's key: " + e.getMessage()
            : "the state file " + state + " is not a checkpoint of this log cosigned by this witness: " + e.getMessage());
      }
      long size = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1), 32).size();
      List<byte[]> proof = List.of();
      if (last != null) {
        long from = Checkpoint.parse(last.substring(0, last.indexOf("\n\n") + 1), 32).size();
        if (from > 0 && from < size && size <= l.size()) {
          proof = l.snapshot(x -> x.consistencyProof(from, size)).hashes();
        }
      }
      String cosigned;
      try {
        cosigned = w.cosign(note, proof);
      } catch (WitnessException e) {
        spec.commandLine().getOut().println("REFUSED: " + e.reason() + ": " + e.getMessage());
        spec.commandLine().getOut().flush();
        return Main.EXIT_NO;
      }
      // the state first: a witness that cosigned must remember it even if the ledger write fails
      Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
      Files.write(tmp, cosigned.getBytes(StandardCharsets.UTF_8));
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      String merged = l.addCosignatures(cosigned, List.of(self.noteKey()));
      spec.commandLine().getOut().print(merged);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
