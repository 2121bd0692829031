package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Business-fee points: recharge, recharge-batch, fee set|delete|show|settle, balance, points. */
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

  @Command(name = "recharge-batch", mixinStandardHelpOptions = true,
      description = "Move business-fee points to several accounts in one request, all or nothing (BSN's "
          + "rechargeBatch; more than one needs the batch switch): each --to is paired with the --amount at the same "
          + "position. Prints each receiver's balance as JSON, one line each.",
      footer = {"", "Example:", "  ddc recharge-batch --ledger ddc.db --key operator.pem --to did:ddc:uni --amount 1000 "
          + "--to did:ddc:emp --amount 500"})
  static final class RechargeBatch extends LedgerAction.Actor {
    @Option(names = "--to", required = true, paramLabel = "DID", description = "A receiver (repeatable).")
    List<String> to;

    @Option(names = "--amount", required = true, paramLabel = "N", description = "Its points (repeatable).")
    List<Long> amounts;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      if (to.size() != amounts.size()) {
        throw new CliException(Main.EXIT_USAGE, to.size() + " --to but " + amounts.size() + " --amount: give one "
            + "--amount per --to");
      }
      if (to.size() > Operation.FEE_RECHARGE.maxItems()) {
        throw new CliException(Main.EXIT_USAGE, "at most " + Operation.FEE_RECHARGE.maxItems() + " receivers");
      }
      List<Did> receivers = new ArrayList<>();
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < to.size(); i++) {
        Did d = did(to.get(i), "--to");
        receivers.add(d);
        items.add(Items.of(Operation.FEE_RECHARGE, "to", d, "amount", amounts.get(i)));
      }
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.FEE_RECHARGE, items, Map.of());
        for (Did d : receivers) {
          out().println(balance(l, d));
        }
        out().flush();
      }
      return 0;
    }
  }

  @Command(name = "fee", mixinStandardHelpOptions = true, description = "Business fees of DDC operations.",
      subcommands = {FeeCommands.Set.class, FeeCommands.Delete.class, FeeCommands.Show.class, FeeCommands.Settle.class})
  static final class Fee implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "set, delete, show or settle is required");
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
        if (kind.equals("1155") && !name.isEmpty() && !name.contains(".")) {
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

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Remove the fee of a DDC operation (BSN's delFee; Operator only); OP as for fee set. Prints "
          + "'<operation> none'.",
      footer = {"", "Example:", "  ddc fee delete --ledger ddc.db --key operator.pem --kind 721 --operation mint"})
  static final class Delete extends LedgerAction.Actor {
    @Option(names = "--kind", required = true, paramLabel = "721|1155", description = "The DDC kind.")
    String kind;

    @Option(names = "--operation", required = true, paramLabel = "OP", description = "The operation.")
    String operation;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Operation op = Set.operation(kind(kind).id(), operation);
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.FEE_DELETE, Items.of(Operation.FEE_DELETE, "operation", op));
        out().println(feeLine(l, op));
        out().flush();
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print fees (BSN's queryFee): with --operation that operation's, '<operation> <fee>' or "
          + "'<operation> none'; without, every fee set ('<operation> <fee>' a line, nothing when none is), of "
          + "--kind only when given.",
      footer = {"", "Example:", "  ddc fee show --ledger ddc.db --kind 721 --operation mint"})
  static final class Show extends LedgerAction {
    @Option(names = "--kind", paramLabel = "721|1155", description = "The DDC kind.")
    String kind;

    @Option(names = "--operation", paramLabel = "OP",
        description = "The operation: its name within --kind, or its full name (ddc721.mint).")
    String operation;

    @Override
    public Integer call() {
      DdcKind k = kind == null ? null : kind(kind);
      Operation one = null;
      if (operation != null) {
        if (k == null && !operation.contains(".")) {
          throw new CliException(Main.EXIT_USAGE, "--operation " + operation + " needs --kind, or give its full "
              + "name (ddc721." + operation + ")");
        }
        one = Set.operation(k == null ? "" : k.id(), operation);
      }
      try (Ledger l = Ledgers.open(ledger)) {
        if (one != null) {
          out().println(feeLine(l, one));
        } else {
          for (Operation o : Operation.values()) {
            if (o.kind() != null && (k == null || o.kind() == k) && l.state().fee(o).isPresent()) {
              out().println(feeLine(l, o));
            }
          }
        }
        out().flush();
      }
      return 0;
    }
  }

  @Command(name = "settle", mixinStandardHelpOptions = true,
      description = "Move fees collected for a DDC kind to the Operator (BSN's settlement; Operator only). Prints "
          + "what is left collected and the Operator's points as JSON.",
      footer = {"", "Example:", "  ddc fee settle --ledger ddc.db --key operator.pem --kind 721 --amount 100"})
  static final class Settle extends LedgerAction.Actor {
    @Option(names = "--kind", required = true, paramLabel = "721|1155", description = "The DDC kind.")
    String kind;

    @Option(names = "--amount", required = true, paramLabel = "N", description = "Points to settle.")
    long amount;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      DdcKind k = kind(kind);
      try (Ledger l = Ledgers.open(ledger)) {
        Did me = actor(l);
        submit(l, Operation.FEE_SETTLE, Items.of(Operation.FEE_SETTLE, "kind", k, "amount", amount));
        Map<String, Object> m = new TreeMap<>();
        m.put("kind", k.id());
        m.put("collected", l.state().collected(k));
        m.put("operator", me.value());
        m.put("points", l.state().points(me));
        printJson(m);
      }
      return 0;
    }
  }

  @Command(name = "points", mixinStandardHelpOptions = true,
      description = "Print the ledger's points as JSON: all the Operator ever issued (BSN's Charge totalSupply) and "
          + "the fees collected for each DDC kind and not yet settled.",
      footer = {"", "Example:", "  ddc points --ledger ddc.db"})
  static final class Points extends LedgerAction {
    @Override
    public Integer call() {
      try (Ledger l = Ledgers.open(ledger)) {
        Map<String, Object> collected = new TreeMap<>();
        for (DdcKind k : DdcKind.values()) {
          collected.put(k.id(), l.state().collected(k));
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("issued", l.state().pointsIssued());
        m.put("collected", collected);
        printJson(m);
      }
      return 0;
    }
  }

  static String feeLine(Ledger l, Operation op) {
    java.util.OptionalLong fee = l.state().fee(op);
    return op.id() + " " + (fee.isPresent() ? Long.toString(fee.getAsLong()) : "none");
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
