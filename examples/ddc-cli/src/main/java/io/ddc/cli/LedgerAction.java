package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.client.DdcClient;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.engine.Receipt;
import io.ddc.ledger.Ledger;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.sign.Signers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command on a ledger ({@code --ledger}). */
abstract class LedgerAction implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ledger", required = true, paramLabel = "L",
      description = "The ledger: a SQLite file or a jdbc:postgresql:// URL.")
  String ledger;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints {@code fields} as one line of canonical JSON, and flushes. */
  void printJson(Map<String, Object> fields) {
    out().println(new String(io.ddc.json.CanonicalJson.write(fields), java.nio.charset.StandardCharsets.UTF_8));
    out().flush();
  }

  static Did did(String value, String what) {
    try {
      return Did.parse(value);
    } catch (MalformedDataException e) {
      throw new CliException(Main.EXIT_USAGE, what + ": " + e.getMessage());
    }
  }

  /** The DDC kind {@code value} ({@code 721} or {@code 1155}) of {@code --kind}, or a usage error. */
  static DdcKind kind(String value) {
    try {
      return DdcKind.parse(value);
    } catch (MalformedDataException e) {
      throw new CliException(Main.EXIT_USAGE, "--kind must be 721 or 1155, not " + value);
    }
  }

  /** The role {@code value} of {@code --role} ({@code platform}, {@code consumer}, or {@code operator} when allowed). */
  static Role role(String value, boolean operatorToo) {
    try {
      Role r = Role.parse(value);
      if (r != Role.OPERATOR || operatorToo) {
        return r;
      }
    } catch (MalformedDataException e) {
      // reported below
    }
    throw new CliException(Main.EXIT_USAGE, "--role must be " + (operatorToo ? "operator, " : "")
        + "platform or consumer, not " + value);
  }

  /** The operation with the full name {@code value} (e.g. {@code ddc721.mint}) of {@code --operation}. */
  static Operation operation(String value) {
    try {
      return Operation.parse(value);
    } catch (MalformedDataException e) {
      throw new CliException(Main.EXIT_USAGE, "--operation: " + e.getMessage());
    }
  }

  /** The bytes of hex {@code value} given to {@code what}, or null when it is null. */
  static byte[] hex(String value, String what) {
    if (value == null) {
      return null;
    }
    try {
      return io.ddc.crypto.sm.Hex.decode(value.startsWith("0x") ? value.substring(2) : value);
    } catch (MalformedEncodingException e) {
      throw new CliException(Main.EXIT_USAGE, what + ": " + e.getMessage());
    }
  }

  /** A command that acts as the account registered with {@code --key}'s public key. */
  abstract static class Actor extends LedgerAction {
    @Option(names = "--key", required = true, paramLabel = "KEY.pem",
        description = "The acting account's private key (PEM); the account is the one registered with its public key.")
    Path key;

    @Option(names = "--as", paramLabel = "DID",
        description = "The acting account, when the key belongs to several accounts.")
    String as;

    @Option(names = "--relayer-key", paramLabel = "KEY.pem",
        description = "Relay the request through the account registered with this key (BSN's meta-transactions): "
            + "it countersigns the request and pays its fees.")
    Path relayerKey;

    @Option(names = "--relayer", paramLabel = "DID",
        description = "The relaying account, when the --relayer-key belongs to several accounts.")
    String relayer;

    private Sm2PrivateKey privateKey;

    Sm2PrivateKey privateKey() throws MalformedEncodingException {
      if (privateKey == null) {
        privateKey = Inputs.privateKey(key);
      }
      return privateKey;
    }

    /** The account that acts: the one with the key's public key (or {@code --as}, which must have it). */
    Did actor(Ledger l) throws MalformedEncodingException {
      return accountOf(l, privateKey(), key, as, "--as", "acting");
    }

    /** The account with {@code k}'s public key (read from {@code file}), or {@code chosen}, which must have it. */
    private Did accountOf(Ledger l, Sm2PrivateKey k, Path file, String chosen, String flag, String role) {
      List<Did> owners = l.accountsWithKey(k.publicKey().toUncompressed());
      if (chosen != null) {
        Did d = did(chosen, flag);
        if (!owners.contains(d)) {
          throw new CliException(Main.EXIT_USAGE, "the account " + d + " does not have the key " + file);
        }
        return d;
      }
      if (owners.isEmpty()) {
        throw new CliException(Main.EXIT_USAGE, "no account of " + Ledgers.shown(ledger) + " has the public key of " + file);
      }
      if (owners.size() > 1) {
        throw new CliException(Main.EXIT_USAGE, "the key " + file + " belongs to several accounts (" + owners
            + "); name the " + role + " one with " + flag + " DID");
      }
      return owners.get(0);
    }

    /**
     * Signs a request of {@code op} over {@code items} as the actor and submits it, through
     * {@link DdcClient}: the nonce is the actor's next one, chosen under the ledger's append lock,
     * and a {@code BAD_NONCE} (another writer of the same account) is retried, so several
     * processes may act for one account at once.
     */
    Receipt submit(Ledger l, Operation op, List<Item> items, Map<Integer, Metadata> metadata)
        throws DdcException, MalformedEncodingException {
      String origin = l.state().origin().orElseThrow(() -> new CliException(Main.EXIT_USAGE,
          "the ledger " + Ledgers.shown(ledger) + " has no ledger.init yet"));
      Did actor = actor(l);
      DdcClient.Builder b = DdcClient.builder(l, actor, Signers.sm2(privateKey())).origin(origin);
      if (relayerKey != null) {
        Sm2PrivateKey rk = Inputs.privateKey(relayerKey);
        b.relayer(accountOf(l, rk, relayerKey, relayer, "--relayer", "relaying"), Signers.sm2(rk));
      } else if (relayer != null) {
        throw new CliException(Main.EXIT_USAGE, "--relayer goes with --relayer-key");
      }
      return b.build().submit(op, items, metadata);
    }

    Receipt submit(Ledger l, Operation op, Item... items) throws DdcException, MalformedEncodingException {
      return submit(l, op, List.of(items), Map.of());
    }
  }
}
