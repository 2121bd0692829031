package io.ddc.engine;

import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.List;

/**
 * The keys of the replayed state, as {@link KvState} keeps it in {@link KeyValues}: in memory, in a
 * request's pending changes and in a ledger store (table {@code ddc_state} of a SQL store).
 * docs/LEDGER.md, "State layout", describes the same keys for operators; a change here is a
 * change there. The ledger's other keys (checkpoints, indexes, metadata, settings), which no
 * replay produces, are {@code io.ddc.ledger.StorageLayout}'s.
 *
 * <p>Ledger-wide values are under {@code m/}; everything else has a one-letter prefix. DDC ids in
 * keys are 16 zero-padded digits, so keys sort by id.
 */
public final class StateLayout {
  private StateLayout() {}

  /** The ledger's origin (set by ledger.init). */
  public static final String ORIGIN = "m/origin";
  /** The number of events applied. */
  public static final String EVENTS = "m/events";
  /** The latest event's time, in ms: the floor of the ledger clock. */
  public static final String TIME = "m/time";
  /** The latest DDC id. */
  public static final String LATEST_DDC = "m/latest";
  /** Accounts ever created (the account tree's size). */
  public static final String ACCOUNTS = "m/accounts";
  /** Points ever issued. */
  public static final String POINTS_ISSUED = "m/issued";
  /** The prefix of the accounts. */
  public static final String ACCOUNT_PREFIX = "a/";
  /** The prefix of the DDCs. */
  public static final String DDC_PREFIX = "d/";

  /** The ledger-wide values. */
  private static final List<String> SINGLE_VALUES = List.of(ORIGIN, EVENTS, TIME, LATEST_DDC, ACCOUNTS, POINTS_ISSUED);

  /** The prefixes of the other state keys, one letter each. */
  private static final String PREFIX_LETTERS = "abcdfgknoprsxy";

  /** {@code id} in 16 decimal digits, zero-padded, so keys sort by id. */
  public static String pad(long id) {
    String s = Long.toString(id);
    return "0000000000000000".substring(s.length()) + s;
  }

  /** The state of DDC {@code id} (canonical JSON). */
  public static String ddc(long id) {
    return DDC_PREFIX + pad(id);
  }

  /** The prefix of DDC-1155 {@code id}'s balances, by holder DID. */
  public static String balances(long id) {
    return "b/" + pad(id) + "/";
  }

  /** Account {@code did} (canonical JSON). */
  public static String account(Did did) {
    return ACCOUNT_PREFIX + did.value();
  }

  /** The number of DDC-721s {@code owner} holds. */
  public static String ddcCount(Did owner) {
    return "c/" + owner.value();
  }

  /** Whether {@code operator} may act on all of {@code owner}'s DDCs of {@code kind}. */
  public static String approvedForAll(DdcKind kind, Did owner, Did operator) {
    return "o/" + kind.id() + "/" + owner.value() + "/" + operator.value();
  }

  /** {@code did}'s points. */
  public static String points(Did did) {
    return "p/" + did.value();
  }

  /** Fees collected for {@code kind}. */
  public static String collected(DdcKind kind) {
    return "k/" + kind.id();
  }

  /** The business fee of {@code operation}. */
  public static String fee(Operation operation) {
    return "f/" + operation.id();
  }

  /** {@code did}'s last nonce. */
  public static String nonce(Did did) {
    return "n/" + did.value();
  }

  /** The DDC id of client reference {@code ref} in {@code scope} (a platform). */
  public static String reference(Did scope, String ref) {
    return "r/" + scope.value() + "/" + ref;
  }

  /** Whether {@code role} may perform {@code operation} (the allow-list). */
  public static String permitted(Role role, Operation operation) {
    return "g/" + role.id() + "/" + operation.id();
  }

  /** Switch {@code s}. */
  public static String switchOn(Switch s) {
    return "s/" + s.id();
  }

  /** Whether accounts of platform {@code from} may reach platform {@code to}. */
  public static String crossPlatform(Did from, Did to) {
    return "x/" + from.value() + "/" + to.value();
  }

  /** The name and symbol of {@code kind}'s contract. */
  public static String nameAndSymbol(DdcKind kind) {
    return "y/" + kind.id();
  }

  /** Whether {@code key} is a key of the replayed state (one of the keys above). */
  public static boolean isStateKey(String key) {
    if (key.startsWith("m/")) {
      return SINGLE_VALUES.contains(key);
    }
    return key.length() > 2 && key.charAt(1) == '/' && PREFIX_LETTERS.indexOf(key.charAt(0)) >= 0;
  }
}
