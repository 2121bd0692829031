package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.ledger.Ledger;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The commands that act on one DDC: transfer, approve, freeze, unfreeze, burn, set-uri. */
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
      description = "Burn a DDC-721, or the acting account's whole balance of a DDC-1155.",
      footer = {"", "Example:", "  ddc burn --ledger ddc.db --key alice.pem --ddc 1"})
  static final class Burn extends OnDdc {
    @Override
    void act(Ledger l, Ddc d) throws DdcException, MalformedEncodingException {
      if (d.kind() == DdcKind.DDC_721) {
        submit(l, Operation.DDC721_BURN, Items.of(Operation.DDC721_BURN, "ddc", d.id()));
      } else {
        submit(l, Operation.DDC1155_BURN, Items.of(Operation.DDC1155_BURN, "owner", actor(l), "ddc", d.id()));
      }
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
