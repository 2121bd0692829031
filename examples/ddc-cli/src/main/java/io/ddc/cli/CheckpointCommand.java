package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.ledger.Ledger;
import io.ddc.sign.Signers;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddc checkpoint --ledger L --key OPERATOR.pem [--first-checkpoint]}. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
    description = "Sign a checkpoint of the whole log with the Operator's key (--key, or the file the environment "
        + "variable DDC_CHECKPOINT_KEY names; never a path kept in the ledger) and print the signed note: origin, "
        + "size and root hash on its first three lines (C2SP). A ledger with events but no checkpoint is signed "
        + "only with --first-checkpoint.",
    footer = {"", "Example:", "  ddc checkpoint --ledger ddc.db --key operator.pem"})
final class CheckpointCommand extends LedgerAction {
  @Option(names = "--key", paramLabel = "OPERATOR.pem", defaultValue = "${env:DDC_CHECKPOINT_KEY}",
      description = "The Operator's private key (default: the file named by DDC_CHECKPOINT_KEY).")
  Path key;

  @Option(names = "--first-checkpoint",
      description = "Sign the first checkpoint of a ledger that holds events but no checkpoint: only for a log "
          + "trusted as it stands (its checkpoint history may have been deleted).")
  boolean firstCheckpoint;

  @Override
  public Integer call() throws DdcException, MalformedEncodingException {
    if (key == null || key.toString().isEmpty()) {
      throw new CliException(Main.EXIT_USAGE, "the Operator's key is needed: pass --key OPERATOR.pem or set "
          + Ledgers.CHECKPOINT_KEY_ENV + " to its file");
    }
    try (Ledger l = Ledgers.open(ledger, Signers.sm2(Inputs.privateKey(key)), firstCheckpoint)) {
      if (!firstCheckpoint && l.size() > 0 && l.latestCheckpoint().isEmpty()) {
        throw new CliException(Main.EXIT_USAGE, "the ledger " + Ledgers.shown(ledger) + " holds " + l.size()
            + " events but no checkpoint: its checkpoint history is missing (deleted?), so nothing shows that "
            + "this log is the one the key signed before; to start a history from this log as it stands, "
            + "pass --first-checkpoint");
      }
      out().print(l.checkpoint());
      out().flush();
    }
    return 0;
  }
}
