package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.ledger.Ledger;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The commands that act on one DDC (transfer, approve, freeze, unfreeze, burn, set-uri), and approve-all. */
final class DdcCommands {
  private DdcCommands() {}

  /** A command on DDC {@code --ddc}, printing the DDC as JSON afterwards. */
  abstract static class OnDdc extends LedgerAction.Actor {
    @Option(names = "--ddc", required = true, paramLabel = "ID", description = "The DDC id.")
    long ddc;

    abstract void act(Ledger l, Ddc d) throws DdcException, MalformedEncodingException;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      try (Ledger l = Ledgers.open(ledger)) {
        Ddc d = l.state().ddc(ddc).orElseThrow(() -> new CliException(Main.EXIT_USAGE, "there is no DDC " + ddc
            + " in " + Ledgers.shown(ledger)));
        act(l, d);
        out().println(ShowCommand.json(l, l.state().ddc(ddc).get()));
        out().flush();
      }
      return 0;
    }

    static Operation pick(Ddc d, Operation for721, Operation for1155) {
      return d.kind() == DdcKind.DDC_721 ? for721 : for1155;
    }
  }

  @Command(name = "transfer", mixinStandardHelpOptions = true,
      description = "Transfer a DDC-721 (by its owner, an approved account or an operator for all), or with --amount "
          + "part of the acting account's DDC-1155 balance.",
      footer = {"", "Example:", "  ddc transfer --ledger ddc.db --key alice.pem --ddc 1 --to did:ddc:bob"})
  static final class Transfer extends OnDdc {
    @Option(names = "--to", required = true, paramLabel = "DID", description = "The receiver.")
    String to;

    @Option(names = "--amount", paramLabel = "N", description = "How much of a DDC-1155 (required for one).")
    Long amount;

    @Override
    void act(Ledger l, Ddc d) throws DdcException, MalformedEncodingException {
      Did receiver = did(to, "--to");
      if (d.kind() == DdcKind.DDC_721) {
        if (amount != null && amount != 1) {
          throw new CliException(Main.EXIT_USAGE, "DDC " + d.id() + " is a DDC-721: there is no amount to choose");
        }
        submit(l, Operation.DDC721_TRANSFER, Items.of(Operation.DDC721_TRANSFER, "from", d.owner(), "to", receiver,
            "ddc", d.id()));
      } else {
        if (amount == null) {
          throw new CliException(Main.EXIT_USAGE, "DDC " + d.id() + " is a DDC-1155: give --amount");
        }
        submit(l, Operation.DDC1155_TRANSFER, Items.of(Operation.DDC1155_TRANSFER, "from", actor(l), "to", receiver,
            "ddc", d.id(), "amount", amount));
      }
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve one account to transfer or burn a DDC-721.",
      footer = {"", "Example:", "  ddc approve --ledger ddc.db --key alice.pem --ddc 1 --to did:ddc:bob"})
  static final class Approve extends OnDdc {
    @Option(names = "--to", required = true, paramLabel = "DID", description = "The approved account.")
    String to;

    @Override
    void act(Ledger l, Ddc d) throws DdcException, MalformedEncodingException {
      if (d.kind() != DdcKind.DDC_721) {
        throw new CliException(Main.EXIT_USAGE, "DDC " + d.id() + " is a DDC-1155: approvals are per DDC-721 "
            + "(DDC-1155 holders approve operators for all)");
      }
      submit(l, Operation.DDC721_APPROVE, Items.of(Operation.DDC721_APPROVE, "to", did(to, "--to"), "ddc", d.id()));
    }
  }

  @Command(name = "freeze", mixinStandardHelpOptions = true, description = "Freeze a DDC (Operator only).",
      footer = {"", "Example:", "  ddc freeze --ledger ddc.db --key operator.pem --ddc 1"})
  static final class Freeze extends OnDdc {
    @Override
    void act(Ledger l, Ddc d) throws DdcException, MalformedEncodingException {
      Operation op = pick(d, Operation.DDC721_FREEZE, Operation.DDC1155_FREEZE);
      submit(l, op, Items.of(op, "ddc", d.id()));
    }
  }

  @Command(name = "unfreeze", mixinStandardHelpOptions = true, description = "Unfreeze a DDC (Operator only).",
      footer = {"", "Example:", "  ddc unfreeze --ledger ddc.db --key operator.pem --ddc 1"})
  static final class Unfreeze extends OnDdc {
    @Override
    void act(Ledger l, Ddc d) throws DdcException, MalformedEncodingException {
      Operation op = pick(d, Operation.DDC721_UNFREEZE, Operation.DDC1155_UNFREEZE);
      submit(l, op, Items.of(op, "ddc", d.id()));
    }
  }

  @Command(name = "burn", mixinStandardHelpOptions = true,
      description = "Burn a DDC-721, or the whole DDC-1155 balance of --owner (default: the acting account; "
          + "another holder's by its operator for all). The Operator burning a frozen DDC-1155 as its own owner "
          + "burns every holder's balance.",
      footer = {"", "Example:", "  ddc burn --ledger ddc.db --key alice.pem --ddc 1",
          "  ddc burn --ledger ddc.db --key bob.pem --ddc 2 --owner did:ddc:alice"})
  static final class Burn extends OnDdc {
    @Option(names = "--owner", paramLabel = "DID",
        description = "The DDC-1155 holder whose balance is burned (default: the acting account).")
    String owner;

    @Override
    void act(Ledger l, Ddc d) throws DdcException, MalformedEncodingException {
      if (d.kind() == DdcKind.DDC_721) {
        if (owner != null) {
          throw new CliException(Main.EXIT_USAGE, "DDC " + d.id() + " is a DDC-721: it has one owner, drop --owner");
        }
        submit(l, Operation.DDC721_BURN, Items.of(Operation.DDC721_BURN, "ddc", d.id()));
      } else {
        Did holder = owner == null ? actor(l) : did(owner, "--owner");
        submit(l, Operation.DDC1155_BURN, Items.of(Operation.DDC1155_BURN, "owner", holder, "ddc", d.id()));
      }
    }
  }

  @Command(name = "approve-all", mixinStandardHelpOptions = true,
      description = "Approve an account as operator for all the acting account's DDCs of one kind (setApprovalForAll), "
          + "or with --revoke withdraw it. Prints the approval as JSON.",
      footer = {"", "Example:", "  ddc approve-all --ledger ddc.db --key alice.pem --kind 1155 --operator did:ddc:bob"})
  static final class ApproveAll extends LedgerAction.Actor {
    @Option(names = "--kind", required = true, paramLabel = "721|1155", description = "The DDC kind.")
    String kind;

    @Option(names = "--operator", required = true, paramLabel = "DID", description = "The approved account.")
    String operator;

    @Option(names = "--revoke", description = "Withdraw the approval instead of giving it.")
    boolean revoke;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      DdcKind k;
      switch (kind) {
        case "721":
          k = DdcKind.DDC_721;
          break;
        case "1155":
          k = DdcKind.DDC_1155;
          break;
        default:
          throw new CliException(Main.EXIT_USAGE, "--kind must be 721 or 1155, not " + kind);
      }
      Did op = did(operator, "--operator");
      Operation a = k == DdcKind.DDC_721 ? Operation.DDC721_SET_APPROVAL_FOR_ALL : Operation.DDC1155_SET_APPROVAL_FOR_ALL;
      try (Ledger l = Ledgers.open(ledger)) {
        Did me = actor(l);
        submit(l, a, Items.of(a, "operator", op, "approved", !revoke));
        Map<String, Object> m = new TreeMap<>();
        m.put("kind", k.id());
        m.put("owner", me.value());
        m.put("operator", op.value());
        m.put("approved", l.state().approvedForAll(k, me, op));
        printJson(m);
      }
      return 0;
    }
  }

  @Command(name = "set-uri", mixinStandardHelpOptions = true,
      description = "Set a DDC's URI, once, while it is empty.",
      footer = {"", "Example:", "  ddc set-uri --ledger ddc.db --key uni.pem --ddc 1 --uri https://uni.example/d/1"})
  static final class SetUri extends OnDdc {
    @Option(names = "--uri", required = true, paramLabel = "URI", description = "The URI.")
    String uri;

    @Override
    void act(Ledger l, Ddc d) throws DdcException, MalformedEncodingException {
      Operation op = pick(d, Operation.DDC721_SET_URI, Operation.DDC1155_SET_URI);
      submit(l, op, Items.of(op, "ddc", d.id(), "uri", uri));
    }
  }
}
