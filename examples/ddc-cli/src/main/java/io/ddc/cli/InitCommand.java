package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddc init --ledger L --origin NAME --key OPERATOR.pem [--did DID]}. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create a ledger: OPERATOR.pem's key becomes the Operator account and signs checkpoints "
        + "(ddc checkpoint is given the key each time). Prints the first checkpoint.",
    footer = {"", "Example:", "  ddc init --ledger ddc.db --origin example.org/ddc --key operator.pem"})
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ledger", required = true, paramLabel = "L",
      description = "Where: a SQLite file that does not exist yet, or an empty jdbc:postgresql:// database.")
  String ledger;

  @Option(names = "--origin", required = true, paramLabel = "NAME",
      description = "The log's origin (C2SP): a unique name such as example.org/ddc.")
  String origin;

  @Option(names = "--key", required = true, paramLabel = "OPERATOR.pem", description = "The Operator's private key.")
  Path key;

  @Option(names = "--did", defaultValue = "did:ddc:operator", paramLabel = "DID",
      description = "The Operator's DID (default: ${DEFAULT-VALUE}).")
  String did;

  @Option(names = "--name", defaultValue = "Operator", paramLabel = "NAME",
      description = "The Operator's name (default: ${DEFAULT-VALUE}).")
  String name;

  @Override
  public Integer call() throws DdcException, MalformedEncodingException {
    if (origin.isEmpty() || origin.contains("\n") || origin.contains(" ")) {
      throw new CliException(Main.EXIT_USAGE, "--origin must be one word without spaces, such as example.org/ddc");
    }
    Did operator = LedgerAction.did(did, "--did");
    Sm2PrivateKey k = Inputs.privateKey(key);
    Signer signer = Signers.sm2(k);
    try (Ledger l = Ledger.builder(Ledgers.create(ledger)).checkpointSigner(origin, signer).open()) {
      l.submit(Request.builder(origin, Operation.LEDGER_INIT, operator).nonce(1)
          .item(Items.ledgerInit(name, List.of(k.publicKey().toUncompressed()))).build().sign(signer));
      String note = l.checkpoint();
      spec.commandLine().getOut().print(note);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
