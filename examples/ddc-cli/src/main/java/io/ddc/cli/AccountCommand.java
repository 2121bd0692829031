package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.model.Account;
import io.ddc.model.AccountLeaf;
import io.ddc.model.AccountState;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddc account add|add-batch|state|show|add-key|retire-key|revoke-key}. */
@Command(name = "account", mixinStandardHelpOptions = true,
    description = "Add accounts, change their states and keys, show them.",
    subcommands = {AccountCommand.Add.class, AccountCommand.AddBatch.class, AccountCommand.State.class,
        AccountCommand.Show.class, AccountCommand.AddKey.class, AccountCommand.RetireKey.class,
        AccountCommand.RevokeKey.class})
final class AccountCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "add, add-batch, state, show, add-key, retire-key or revoke-key is required");
  }

  /** {@code ddc account add}. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a platform (by the Operator) or a consumer (by the Operator, or by its platform when the "
          + "platformAddConsumer switch is on). Prints the new account as JSON.",
      footer = {"", "Example:", "  ddc account add --ledger ddc.db --key operator.pem --role platform "
          + "--did did:ddc:uni --name University --pub uni.pub.pem"})
  static final class Add extends LedgerAction.Actor {
    @Option(names = "--role", required = true, paramLabel = "platform|consumer", description = "The new account's role.")
    String role;

    @Option(names = "--did", required = true, paramLabel = "DID", description = "The new account's DID.")
    String did;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Its name.")
    String name;

    @Option(names = "--pub", required = true, paramLabel = "PUB.pem", description = "Its public key (PEM).")
    Path pub;

    @Option(names = "--leader", paramLabel = "DID", description = "A consumer's platform.")
    String leader;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Role r = role(role, false);
      Did d = did(did, "--did");
      Did lead = leader == null ? null : did(leader, "--leader");
      byte[] point = Inputs.publicKey(pub).toUncompressed();
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.ACCOUNT_ADD, Items.addAccount(d, name, r, lead, point));
        out().println(json(l, l.state().account(d).get()));
        out().flush();
      }
      return 0;
    }
  }

  /** {@code ddc account add-batch}. */
  @Command(name = "add-batch", mixinStandardHelpOptions = true,
      description = {"Add the accounts of a JSON Lines file in one request, all or nothing (BSN's "
          + "addBatchAccountByOperator and addBatchAccountByPlatform; more than one needs the batch switch): "
          + "{\"did\":..., \"name\":..., \"role\":\"platform|consumer\", \"leader\":..., \"pub\":\"PUB.pem\"} "
          + "(leader optional; pub is a public key file, relative to the input file's directory). Prints each new "
          + "account as JSON, one line each."},
      footer = {"", "Example:", "  ddc account add-batch --ledger ddc.db --key operator.pem --in accounts.jsonl"})
  static final class AddBatch extends LedgerAction.Actor {
    private static final java.util.Set<String> MEMBERS = java.util.Set.of("did", "name", "role", "leader", "pub");

    @Option(names = "--in", required = true, paramLabel = "FILE.jsonl", description = "The accounts, one per line.")
    Path in;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException, java.io.IOException {
      List<Item> items = new ArrayList<>();
      List<Did> dids = new ArrayList<>();
      List<String> lines;
      try {
        lines = java.nio.file.Files.readAllLines(in, StandardCharsets.UTF_8);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new CliException(Main.EXIT_USAGE, "input file " + in + " does not exist");
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new CliException(Main.EXIT_USAGE, "input file " + in + " is not UTF-8 text");
      }
      Path base = in.toAbsolutePath().getParent();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        if (items.size() == Operation.ACCOUNT_ADD.maxItems()) {
          throw new CliException(Main.EXIT_USAGE, in + " holds more than " + Operation.ACCOUNT_ADD.maxItems()
              + " accounts: at most that many in one request");
        }
        Item item = line(base, in + " line " + (i + 1), lines.get(i));
        items.add(item);
        dids.add(item.did("did"));
      }
      if (items.isEmpty()) {
        throw new CliException(Main.EXIT_USAGE, "input file " + in + " holds no account");
      }
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.ACCOUNT_ADD, items, Map.of());
        for (Did d : dids) {
          out().println(json(l, l.state().account(d).get()));
        }
        out().flush();
      }
      return 0;
    }

    private static Item line(Path base, String where, String text) throws MalformedEncodingException {
      Map<?, ?> m = Inputs.jsonObjectLine(where, text, MEMBERS, "did, name, role, leader, pub");
      Role r = role(text(m, "role", where, true), false);
      Did d = did(text(m, "did", where, true), where + ": did");
      String leaderText = text(m, "leader", where, false);
      Did lead = leaderText == null ? null : did(leaderText, where + ": leader");
      byte[] point = Inputs.publicKey(base.resolve(text(m, "pub", where, true))).toUncompressed();
      try {
        return Items.addAccount(d, text(m, "name", where, true), r, lead, point);
      } catch (IllegalArgumentException e) {
        throw new CliException(Main.EXIT_USAGE, where + ": " + e.getMessage());
      }
    }

    private static String text(Map<?, ?> m, String name, String where, boolean required) {
      Object v = m.get(name);
      if (v == null && !required) {
        return null;
      }
      if (!(v instanceof String)) {
        throw new CliException(Main.EXIT_USAGE, where + ": \"" + name + "\" must be a string"
            + (required ? " and is required" : ""));
      }
      return (String) v;
    }
  }

  /** {@code ddc account state}. */
  @Command(name = "state", mixinStandardHelpOptions = true,
      description = "Freeze or reactivate an account: the operator state (by the Operator), or with "
          + "--platform-state the platform state (by the Operator or the account's platform).",
      footer = {"", "Example:", "  ddc account state --ledger ddc.db --key operator.pem --did did:ddc:alice --frozen"})
  static final class State extends LedgerAction.Actor {
    @Option(names = "--did", required = true, paramLabel = "DID", description = "The account.")
    String did;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--frozen", required = true, description = "Freeze it.")
      boolean frozen;

      @Option(names = "--active", required = true, description = "Reactivate it.")
      boolean active;
    }

    @Option(names = "--platform-state", description = "Change the platform state rather than the operator state.")
    boolean platformState;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Did d = did(did, "--did");
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.ACCOUNT_SET_STATE, Items.of(Operation.ACCOUNT_SET_STATE, "did", d, "state",
            target.frozen ? AccountState.FROZEN : AccountState.ACTIVE, "platformState", platformState));
        out().println(json(l, l.state().account(d).get()));
        out().flush();
      }
      return 0;
    }
  }

  /** {@code ddc account show}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print an account as JSON (its account-tree leaf, business fields and points). Exit 1 when "
          + "there is no such account.",
      footer = {"", "Example:", "  ddc account show --ledger ddc.db --did did:ddc:alice"})
  static final class Show extends LedgerAction {
    @Option(names = "--did", required = true, paramLabel = "DID", description = "The account.")
    String did;

    @Override
    public Integer call() {
      Did d = did(did, "--did");
      try (Ledger l = Ledgers.open(ledger)) {
        Account a = l.state().account(d).orElse(null);
        if (a == null) {
          spec.commandLine().getErr().println("ddc account show: there is no account " + d + " in " + ledger);
          return Main.EXIT_NO;
        }
        out().println(json(l, a));
        out().flush();
      }
      return 0;
    }
  }

  static String json(Ledger l, Account a) {
    Map<String, Object> m = new TreeMap<>(AccountLeaf.toJson(a));
    m.remove("v");
    m.put("fields", new TreeMap<String, Object>(a.fields()));
    m.put("points", l.state().points(a.did()));
    return new String(CanonicalJson.write(m), StandardCharsets.UTF_8);
  }

  /** A key operation on account {@code --did} with public key {@code --pub}, printing the account afterwards. */
  abstract static class KeyAction extends LedgerAction.Actor {
    @Option(names = "--did", required = true, paramLabel = "DID", description = "The account.")
    String did;

    @Option(names = "--pub", required = true, paramLabel = "PUB.pem", description = "The public key (PEM).")
    Path pub;

    abstract Item item(Did d, byte[] point);

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Did d = did(did, "--did");
      byte[] point = Inputs.publicKey(pub).toUncompressed();
      Item item = item(d, point);
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, item.operation(), item);
        out().println(json(l, l.state().account(d).get()));
        out().flush();
      }
      return 0;
    }
  }

  /** {@code ddc account add-key}. */
  @Command(name = "add-key", mixinStandardHelpOptions = true,
      description = "Add a signing key to an account, valid from now (account.addKey; by the account, its platform "
          + "or the Operator). Rotation: add the new key, then retire the old one. Prints the account as JSON.",
      footer = {"", "Example:", "  ddc account add-key --ledger ddc.db --key uni.pem --did did:ddc:uni --pub new.pub.pem"})
  static final class AddKey extends KeyAction {
    @Override
    Item item(Did d, byte[] point) {
      return Items.addKey(d, point);
    }
  }

  /** {@code ddc account retire-key}. */
  @Command(name = "retire-key", mixinStandardHelpOptions = true,
      description = "Retire a key of an account (account.retireKey): it signs nothing from now on, and what it "
          + "signed stays valid. Another current key must remain. Prints the account as JSON.",
      footer = {"", "Example:", "  ddc account retire-key --ledger ddc.db --key new.pem --did did:ddc:uni --pub old.pub.pem"})
  static final class RetireKey extends KeyAction {
    @Override
    Item item(Did d, byte[] point) {
      return Items.retireKey(d, point);
    }
  }

  /** {@code ddc account revoke-key}. */
  @Command(name = "revoke-key", mixinStandardHelpOptions = true,
      description = "Revoke a compromised key of an account (account.revokeKey; docs/RULES.md §2 says who may): it "
          + "signs nothing from now on, and proofs of what the ledger accepted under it since --compromised-since "
          + "fail. Prints the account as JSON.",
      footer = {"", "Example:", "  ddc account revoke-key --ledger ddc.db --key operator.pem --did did:ddc:uni "
          + "--pub stolen.pub.pem --compromised-since 2026-03-01T00:00:00Z"})
  static final class RevokeKey extends KeyAction {
    @Option(names = "--compromised-since", required = true, paramLabel = "TIME",
        description = "Since when the key is compromised: an ISO-8601 instant (2026-03-01T00:00:00Z) or "
            + "milliseconds since the epoch; not in the future.")
    String since;

    @Override
    Item item(Did d, byte[] point) {
      long ms;
      try {
        ms = since.chars().allMatch(Character::isDigit) && !since.isEmpty() ? Long.parseLong(since)
            : java.time.Instant.parse(since).toEpochMilli();
      } catch (NumberFormatException | java.time.format.DateTimeParseException | ArithmeticException e) {
        throw new CliException(Main.EXIT_USAGE, "--compromised-since: expected an ISO-8601 instant or "
            + "milliseconds since the epoch, but found " + since);
      }
      return Items.revokeKey(d, point, ms);
    }
  }
}
