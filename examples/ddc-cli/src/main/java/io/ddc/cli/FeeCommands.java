package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Business-fee points: recharge, fee set, balance. */
final class FeeCommands {
  private FeeCommands() {}

  @Command(name = "recharge", mixinStandardHelpOptions = true,
      description = "Move business-fee points to an account under BSN's recharge rules; the Operator recharging "
          + "itself issues new points. Prints the receiver's balance as JSON.",
      footer = {"", "Example:", "  ddc recharge --ledger ddc.db --key operator.pem --to did:ddc:uni --amount 1000"})
  static final class Recharge extends LedgerAction.Actor {
    @Option(names = "--to", required = true, paramLabel = "DID", description = "The receiver.")
    String to;

    @Option(names = "--amount", required = true, paramLabel = "N", description = "Points.")
    long amount;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Did receiver = did(to, "--to");
      try (Ledger l = Ledgers.open(ledger)) {
        Did me = actor(l);
        boolean issue = me.equals(receiver) && l.state().account(me).get().role() == Role.OPERATOR;
        if (issue) {
          submit(l, Operation.FEE_SELF_RECHARGE, Items.of(Operation.FEE_SELF_RECHARGE, "amount", amount));
        } else {
          submit(l, Operation.FEE_RECHARGE, Items.of(Operation.FEE_RECHARGE, "to", receiver, "amount", amount));
        }
        out().println(balance(l, receiver));
        out().flush();
      }
      return 0;
    }
  }

  @Command(name = "fee", mixinStandardHelpOptions = true, description = "Business fees of DDC operations.",
      subcommands = {FeeCommands.Set.class})
  static final class Fee implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "set is required");
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set the fee of a DDC operation (Operator only); OP is its name within the kind (mint, safeMint, "
          + "transfer, burn, ...) or its full name (ddc721.mint).",
      footer = {"", "Example:", "  ddc fee set --ledger ddc.db --key operator.pem --kind 721 --operation mint --amount 2"})
  static final class Set extends LedgerAction.Actor {
    @Option(names = "--kind", required = true, paramLabel = "721|1155", description = "The DDC kind.")
    String kind;

    @Option(names = "--operation", required = true, paramLabel = "OP", description = "The operation.")
    String operation;

    @Option(names = "--amount", required = true, paramLabel = "N", description = "The fee in points (0: free).")
    long amount;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      if (!kind.equals("721") && !kind.equals("1155")) {
        throw new CliException(Main.EXIT_USAGE, "--kind must be 721 or 1155, not " + kind);
      }
      Operation op = operation(kind, operation);
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.FEE_SET, Items.of(Operation.FEE_SET, "operation", op, "amount", amount));
        out().println(op.id() + " " + l.state().fee(op).getAsLong());
        out().flush();
      }
      return 0;
    }

    static Operation operation(String kind, String name) {
      String full = name.contains(".") ? name : "ddc" + kind + "." + name;
      try {
        return Operation.parse(full);
      } catch (MalformedDataException e) {
        if (kind.equals("1155") && !name.contains(".")) {
          try {
            return Operation.parse("ddc1155.safe" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
          } catch (MalformedDataException again) {
            // reported below
          }
        }
        throw new CliException(Main.EXIT_USAGE, "--operation: no operation " + full);
      }
    }
  }

  @Command(name = "balance", mixinStandardHelpOptions = true,
      description = "Print an account's business-fee points and the number of DDC-721 it owns, as JSON.",
      footer = {"", "Example:", "  ddc balance --ledger ddc.db --did did:ddc:uni"})
  static final class Balance extends LedgerAction {
    @Option(names = "--did", required = true, paramLabel = "DID", description = "The account.")
    String did;

    @Override
    public Integer call() {
      Did d = did(did, "--did");
      try (Ledger l = Ledgers.open(ledger)) {
        if (l.state().account(d).isEmpty()) {
          throw new CliException(Main.EXIT_USAGE, "there is no account " + d + " in " + Ledgers.shown(ledger));
        }
        out().println(balance(l, d));
        out().flush();
      }
      return 0;
    }
  }

  static String balance(Ledger l, Did d) {
    Map<String, Object> m = new TreeMap<>();
    m.put("did", d.value());
    m.put("points", l.state().points(d));
    m.put("ddc721", l.state().ddcCount(d));
    return new String(CanonicalJson.write(m), StandardCharsets.UTF_8);
  }
}
