package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.ledger.Ledger;
import io.ddc.sign.Signers;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddc checkpoint --ledger L [--key OPERATOR.pem]}. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
    description = "Sign a checkpoint of the whole log with the Operator's key (the key file ddc init was given, "
        + "or --key) and print the signed note: origin, size and root hash on its first three lines (C2SP).",
    footer = {"", "Example:", "  ddc checkpoint --ledger ddc.db"})
final class CheckpointCommand extends LedgerAction {
  @Option(names = "--key", paramLabel = "OPERATOR.pem",
      description = "The Operator's private key (default: the file named at ddc init).")
  Path key;

  @Override
  public Integer call() throws DdcException, MalformedEncodingException {
    Path k = key;
    if (k == null) {
      try (Ledger l = Ledgers.open(ledger)) {
        k = Path.of(l.setting(Ledgers.CHECKPOINT_KEY).orElseThrow(() -> new CliException(Main.EXIT_USAGE,
            "the ledger does not name the Operator's key file; pass --key OPERATOR.pem")));
      }
    }
    try (Ledger l = Ledgers.open(ledger, Signers.sm2(Inputs.privateKey(k)))) {
      out().print(l.checkpoint());
      out().flush();
    }
    return 0;
  }
}
