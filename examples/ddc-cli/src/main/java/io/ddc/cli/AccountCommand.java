package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.model.Account;
import io.ddc.model.AccountLeaf;
import io.ddc.model.AccountState;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddc account add|state|show}. */
@Command(name = "account", mixinStandardHelpOptions = true,
    description = "Add accounts, change their states, show them.",
    subcommands = {AccountCommand.Add.class, AccountCommand.State.class, AccountCommand.Show.class})
final class AccountCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "add, state or show is required");
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
      Role r;
      switch (role) {
        case "platform":
          r = Role.PLATFORM;
          break;
        case "consumer":
          r = Role.CONSUMER;
          break;
        default:
          throw new CliException(Main.EXIT_USAGE, "--role must be platform or consumer, not " + role);
      }
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
}
