package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.ledger.Ledger;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ddc authority switch|cross-platform|permission|permissions|show}: the Operator's switches,
 * cross-platform approvals and allow-list.
 */
@Command(name = "authority", mixinStandardHelpOptions = true,
    description = "The Operator's switches, cross-platform approvals and allow-list.",
    subcommands = {AuthorityCommand.SetSwitch.class, AuthorityCommand.CrossPlatform.class,
        AuthorityCommand.Permission.class, AuthorityCommand.Permissions.class, AuthorityCommand.Show.class})
final class AuthorityCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "switch, cross-platform, permission, permissions or show is required");
  }

  /** Exactly one of {@code --on} and {@code --off}. */
  static final class OnOff {
    @Option(names = "--on", required = true, description = "Turn it on.")
    boolean on;

    @Option(names = "--off", required = true, description = "Turn it off.")
    boolean off;
  }

  /** {@code ddc authority switch}. */
  @Command(name = "switch", mixinStandardHelpOptions = true,
      description = "Turn one of the Operator's switches on or off (authority.setSwitch; Operator only): "
          + "platformAddConsumer (platforms add consumers under themselves), batch (batch account.add and "
          + "fee.recharge), mintConsent (mints to another consumer need its consent). Prints the switch as JSON.",
      footer = {"", "Example:", "  ddc authority switch --ledger ddc.db --key operator.pem --name platformAddConsumer --on"})
  static final class SetSwitch extends LedgerAction.Actor {
    @Option(names = "--name", required = true, paramLabel = "platformAddConsumer|batch|mintConsent",
        description = "The switch.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    OnOff value;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Switch sw;
      try {
        sw = Switch.parse(name);
      } catch (MalformedDataException e) {
        throw new CliException(Main.EXIT_USAGE, "--name: " + e.getMessage());
      }
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.AUTHORITY_SET_SWITCH, Items.of(Operation.AUTHORITY_SET_SWITCH, "switch", sw.id(),
            "on", value.on));
        Map<String, Object> m = new TreeMap<>();
        m.put("switch", sw.id());
        m.put("on", l.state().switchOn(sw));
        printJson(m);
      }
      return 0;
    }
  }

  /** {@code ddc authority cross-platform}. */
  @Command(name = "cross-platform", mixinStandardHelpOptions = true,
      description = "Let DDCs go from the accounts of platform --from to those of platform --to "
          + "(authority.crossPlatformApproval; Operator only; one direction), or with --revoke stop it. "
          + "Prints the approval as JSON.",
      footer = {"", "Example:", "  ddc authority cross-platform --ledger ddc.db --key operator.pem "
          + "--from did:ddc:uni --to did:ddc:employer"})
  static final class CrossPlatform extends LedgerAction.Actor {
    @Option(names = "--from", required = true, paramLabel = "DID", description = "The platform DDCs leave.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DID", description = "The platform DDCs reach.")
    String to;

    @Option(names = "--revoke", description = "Withdraw the approval instead of giving it.")
    boolean revoke;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Did f = did(from, "--from");
      Did t = did(to, "--to");
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.AUTHORITY_CROSS_PLATFORM, Items.of(Operation.AUTHORITY_CROSS_PLATFORM, "from", f,
            "to", t, "approved", !revoke));
        Map<String, Object> m = new TreeMap<>();
        m.put("from", f.value());
        m.put("to", t.value());
        m.put("approved", l.state().crossPlatformApproved(f, t));
        printJson(m);
      }
      return 0;
    }
  }

  /** Exactly one of {@code --allow} and {@code --deny}. */
  static final class AllowDeny {
    @Option(names = "--allow", required = true, description = "Add the operation to the role's allow-list.")
    boolean allow;

    @Option(names = "--deny", required = true, description = "Remove it.")
    boolean deny;
  }

  /** {@code ddc authority permission}. */
  @Command(name = "permission", mixinStandardHelpOptions = true,
      description = "Add an operation to a role's allow-list, or remove it (authority.setPermission, BSN's "
          + "addFunction and delFunction; Operator only). Prints the permission as JSON.",
      footer = {"", "Example:", "  ddc authority permission --ledger ddc.db --key operator.pem --role consumer "
          + "--operation ddc721.burn --deny"})
  static final class Permission extends LedgerAction.Actor {
    @Option(names = "--role", required = true, paramLabel = "platform|consumer", description = "The role.")
    String role;

    @Option(names = "--operation", required = true, paramLabel = "OP",
        description = "The operation's full name, e.g. ddc721.mint (docs/RULES.md §1).")
    String operation;

    @ArgGroup(exclusive = true, multiplicity = "1")
    AllowDeny value;

    @Override
    public Integer call() throws DdcException, MalformedEncodingException {
      Role r = role(role, true);
      Operation op = operation(operation);
      try (Ledger l = Ledgers.open(ledger)) {
        submit(l, Operation.AUTHORITY_SET_PERMISSION, Items.of(Operation.AUTHORITY_SET_PERMISSION, "role", r,
            "operation", op, "allowed", value.allow));
        printJson(permission(l, r, op));
      }
      return 0;
    }

    static Map<String, Object> permission(Ledger l, Role r, Operation op) {
      Map<String, Object> m = new TreeMap<>();
      m.put("role", r.id());
      m.put("operation", op.id());
      m.put("allowed", l.state().permitted(r, op));
      return m;
    }
  }

  /** {@code ddc authority permissions}. */
  @Command(name = "permissions", mixinStandardHelpOptions = true,
      description = "Print a role's allow-list as JSON (BSN's getFunctions): the operations it may perform.",
      footer = {"", "Example:", "  ddc authority permissions --ledger ddc.db --role consumer"})
  static final class Permissions extends LedgerAction {
    @Option(names = "--role", required = true, paramLabel = "operator|platform|consumer", description = "The role.")
    String role;

    @Override
    public Integer call() {
      Role r = role(role, true);
      try (Ledger l = Ledgers.open(ledger)) {
        List<String> ops = new ArrayList<>();
        for (Operation o : l.state().permissions(r)) {
          ops.add(o.id());
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("role", r.id());
        m.put("operations", ops);
        printJson(m);
      }
      return 0;
    }
  }

  /** {@code ddc authority show}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print the Operator's switches as JSON (BSN's switcherStateOfPlatform and the batch switch).",
      footer = {"", "Example:", "  ddc authority show --ledger ddc.db"})
  static final class Show extends LedgerAction {
    @Override
    public Integer call() {
      try (Ledger l = Ledgers.open(ledger)) {
        Map<String, Object> switches = new TreeMap<>();
        for (Switch sw : Switch.values()) {
          switches.put(sw.id(), l.state().switchOn(sw));
        }
        printJson(Map.of("switches", switches));
      }
      return 0;
    }
  }
}
