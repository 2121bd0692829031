package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.ledger.Ledger;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Operation;
import io.ddc.model.Switch;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddc authority switch|cross-platform}: the Operator's switches and cross-platform approvals. */
@Command(name = "authority", mixinStandardHelpOptions = true,
    description = "The Operator's switches and cross-platform approvals.",
    subcommands = {AuthorityCommand.SetSwitch.class, AuthorityCommand.CrossPlatform.class})
final class AuthorityCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "switch or cross-platform is required");
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
}
