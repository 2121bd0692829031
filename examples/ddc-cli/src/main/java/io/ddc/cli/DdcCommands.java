package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.ledger.Ledger;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The commands that act on DDCs (transfer, approve, freeze, unfreeze, burn, set-uri), approve-all,
 * latest-id and name-symbol.
 */
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

  /**
   * A command on one or more DDCs ({@code --ddc}, repeatable: a batch), printing each afterwards as
   * JSON, one line each.
   */
  abstract static class OnDdcs extends LedgerAction.Actor {
    @Option(names = "--ddc", required = true, paramLabel = "ID",
        description = "The DDC id; repeat it for a batch (one request, all or nothing).")
    List<Long> ddcs;

    abstract void act(Ledger l, List<Ddc> targets) throws DdcException, MalformedEncodingException;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      try (Ledger l = Ledgers.open(ledger)) {
        List<Ddc> targets = new ArrayList<>();
        for (long id : ddcs) {
          targets.add(l.state().ddc(id).orElseThrow(() -> new CliException(Main.EXIT_USAGE, "there is no DDC " + id
              + " in " + Ledgers.shown(ledger))));
        }
        act(l, targets);
        for (long id : new LinkedHashSet<>(ddcs)) {
          out().println(ShowCommand.json(l, l.state().ddc(id).get()));
        }
        out().flush();
      }
      return 0;
    }

    /** The DDC-1155s of a batch: every one of {@code targets} must be one. */
    static void all1155(List<Ddc> targets, String what) {
      for (Ddc d : targets) {
        if (d.kind() != DdcKind.DDC_1155) {
          throw new CliException(Main.EXIT_USAGE, "DDC " + d.id() + " is a DDC-721: " + what);
        }
      }
    }

    /** The bytes of {@code --data}, which needs {@code --safe}. */
    static byte[] data(String data, boolean safe) {
      if (data != null && !safe) {
        throw new CliException(Main.EXIT_USAGE, "--data goes with --safe (the receiver check is given it)");
      }
      return hex(data, "--data");
    }
  }

  @Command(name = "transfer", mixinStandardHelpOptions = true,
      description = "Transfer a DDC-721 (by its owner, an approved account or an operator for all), or with --amount "
          + "part of the acting account's DDC-1155 balance. Repeat --ddc with --amount (paired by position) for a "
          + "DDC-1155 batch transfer to one receiver (BSN's safeBatchTransferFrom). --safe asks the ledger's receiver "
          + "check (BSN's safeTransferFrom; DDC-1155 transfers always do), with --data.",
      footer = {"", "Example:", "  ddc transfer --ledger ddc.db --key alice.pem --ddc 1 --to did:ddc:bob",
          "  ddc transfer --ledger ddc.db --key alice.pem --ddc 2 --amount 3 --ddc 4 --amount 1 --to did:ddc:bob"})
  static final class Transfer extends OnDdcs {
    @Option(names = "--to", required = true, paramLabel = "DID", description = "The receiver.")
    String to;

    @Option(names = "--amount", paramLabel = "N",
        description = "How much of a DDC-1155 (required for one; one per --ddc in a batch).")
    List<Long> amounts;

    @Option(names = "--safe", description = "A safe transfer: the receiver check must accept it.")
    boolean safe;

    @Option(names = "--data", paramLabel = "HEX", description = "Bytes for the receiver check (with --safe).")
    String data;

    @Override
    void act(Ledger l, List<Ddc> targets) throws DdcException, MalformedEncodingException {
      Did receiver = did(to, "--to");
      byte[] bytes = data(data, safe);
      if (targets.size() > 1) {
        all1155(targets, "a batch transfer is of DDC-1155s (BSN's safeBatchTransferFrom)");
        if (amounts == null || amounts.size() != targets.size()) {
          throw new CliException(Main.EXIT_USAGE, targets.size() + " --ddc but " + (amounts == null ? 0
              : amounts.size()) + " --amount: give one --amount per --ddc");
        }
        Did from = actor(l);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
          items.add(Items.of(Operation.DDC1155_TRANSFER, "from", from, "to", receiver, "ddc", targets.get(i).id(),
              "amount", amounts.get(i), "data", bytes));
        }
        submit(l, Operation.DDC1155_TRANSFER, items, Map.of());
        return;
      }
      Ddc d = targets.get(0);
      Long amount = amounts == null ? null : amounts.get(0);
      if (amounts != null && amounts.size() > 1) {
        throw new CliException(Main.EXIT_USAGE, "1 --ddc but " + amounts.size() + " --amount: give one --amount per --ddc");
      }
      if (d.kind() == DdcKind.DDC_721) {
        if (amount != null && amount != 1) {
          throw new CliException(Main.EXIT_USAGE, "DDC " + d.id() + " is a DDC-721: there is no amount to choose");
        }
        Operation op = safe ? Operation.DDC721_SAFE_TRANSFER : Operation.DDC721_TRANSFER;
        submit(l, op, Items.of(op, "from", d.owner(), "to", receiver, "ddc", d.id(), "data", bytes));
      } else {
        if (amount == null) {
          throw new CliException(Main.EXIT_USAGE, "DDC " + d.id() + " is a DDC-1155: give --amount");
        }
        submit(l, Operation.DDC1155_TRANSFER, Items.of(Operation.DDC1155_TRANSFER, "from", actor(l), "to", receiver,
            "ddc", d.id(), "amount", amount, "data", bytes));
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
          + "burns every holder's balance. Repeat --ddc to burn several DDCs of one kind in one request (BSN's "
          + "DDC-1155 burnBatch).",
      footer = {"", "Example:", "  ddc burn --ledger ddc.db --key alice.pem --ddc 1",
          "  ddc burn --ledger ddc.db --key bob.pem --ddc 2 --owner did:ddc:alice",
          "  ddc burn --ledger ddc.db --key alice.pem --ddc 2 --ddc 3"})
  static final class Burn extends OnDdcs {
    @Option(names = "--owner", paramLabel = "DID",
        description = "The DDC-1155 holder whose balance is burned (default: the acting account).")
    String owner;

    @Override
    void act(Ledger l, List<Ddc> targets) throws DdcException, MalformedEncodingException {
      DdcKind kind = targets.get(0).kind();
      for (Ddc d : targets) {
        if (d.kind() != kind) {
          throw new CliException(Main.EXIT_USAGE, "DDC " + d.id() + " is a DDC-" + d.kind().id() + " but DDC "
              + targets.get(0).id() + " a DDC-" + kind.id() + ": one request burns one kind");
        }
      }
      List<Item> items = new ArrayList<>();
      if (kind == DdcKind.DDC_721) {
        if (owner != null) {
          throw new CliException(Main.EXIT_USAGE, "DDC " + targets.get(0).id()
              + " is a DDC-721: it has one owner, drop --owner");
        }
        for (Ddc d : targets) {
          items.add(Items.of(Operation.DDC721_BURN, "ddc", d.id()));
        }
        submit(l, Operation.DDC721_BURN, items, Map.of());
      } else {
        Did holder = owner == null ? actor(l) : did(owner, "--owner");
        for (Ddc d : targets) {
          items.add(Items.of(Operation.DDC1155_BURN, "owner", holder, "ddc", d.id()));
        }
        submit(l, Operation.DDC1155_BURN, items, Map.of());
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
      DdcKind k = kind(kind);
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

  @Command(name = "latest-id", mixinStandardHelpOptions = true,
      description = "Print the largest DDC id ever minted, 0 if none (BSN's getLatestDDCId; ids are shared by "
          + "DDC-721 and DDC-1155).",
      footer = {"", "Example:", "  ddc latest-id --ledger ddc.db"})
  static final class LatestId extends LedgerAction {
    @Override
    public Integer call() {
      try (Ledger l = Ledgers.open(ledger)) {
        out().println(l.state().latestDdcId());
        out().flush();
      }
      return 0;
    }
  }

  @Command(name = "name-symbol", mixinStandardHelpOptions = true,
      description = "The DDC-721 collection's name and symbol (BSN's DDC721 name, symbol and setNameAndSymbol; "
          + "DDC-1155 has none, as in BSN).",
      subcommands = {DdcCommands.NameSymbolShow.class, DdcCommands.NameSymbolSet.class})
  static final class NameSymbol implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "show or set is required");
    }

    static Map<String, Object> json(Ledger l) {
      Map<String, Object> m = new TreeMap<>();
      l.state().nameAndSymbol(DdcKind.DDC_721).ifPresent(ns -> {
        m.put("name", ns.get(0));
        m.put("symbol", ns.get(1));
      });
      return m;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print the DDC-721 name and symbol as JSON, {\"name\":...,\"symbol\":...}, or {} before they are set.",
      footer = {"", "Example:", "  ddc name-symbol show --ledger ddc.db"})
  static final class NameSymbolShow extends LedgerAction {
    @Override
    public Integer call() {
      try (Ledger l = Ledgers.open(ledger)) {
        printJson(NameSymbol.json(l));
      }
      return 0;
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set the DDC-721 name and symbol (ddc721.setNameAndSymbol; Operator only). Prints them as JSON.",
      footer = {"", "Example:", "  ddc name-symbol set --ledger ddc.db --key operator.pem --name Diplomas --symbol DIP"})
  static final class NameSymbolSet extends LedgerAction.Actor {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "The symbol.")
    String symbol;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Item item;
      try {
        item = Items.of(Operation.DDC721_SET_NAME_SYMBOL, "name", name, "symbol", symbol);
      } catch (IllegalArgumentException e) {
        throw new CliException(Main.EXIT_USAGE, e.getMessage());
      }
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.DDC721_SET_NAME_SYMBOL, item);
        printJson(NameSymbol.json(l));
      }
      return 0;
    }
  }
}
