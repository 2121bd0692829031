package io.ddc.ledger;

import io.ddc.crypto.sm.Hex;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;

/**
 * Where a ledger keeps what, in one place: every key of the state map (table {@code ddc_state} in
 * a SQL store, the map of the memory store), and the trees of the tile table. docs/LEDGER.md,
 * "State layout", describes the same keys for operators; a change here is a change there.
 *
 * <p>The replayed state (what {@link Ledger#audit} compares with a replay of the log) uses the
 * one-letter prefixes and {@code m/}; the side keys ({@link #isSideKey}) hold checkpoints,
 * indexes, metadata disclosures and settings, which no replay produces. DDC ids in keys are 16
 * zero-padded digits, so keys sort by id.
 *
 * <p>Tables of the SQL stores ({@code JdbcLedgerStore}): {@code ddc_meta} (schema version and
 * store facts), {@code ddc_head} (the committed event count), {@code ddc_state} (these keys),
 * {@code ddc_events} (the log's entries by sequence number) and {@code ddc_tiles} (tree, level,
 * index: 256-hash tiles of the log {@code 0}, the DDC state tree {@code 1} and the account tree
 * {@code 2}).
 */
public final class StorageLayout {
  private StorageLayout() {}

  // --- replayed state: ledger-wide values
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

  // --- side keys: checkpoints, indexes, metadata, settings
  /** The latest checkpoint's size. */
  public static final String CHECKPOINT_SIZE = "m/cpsize";
  /** The latest checkpoint's time. */
  public static final String CHECKPOINT_TIME = "m/cptime";
  /** Prefix of the signed checkpoint notes. */
  public static final String CHECKPOINTS = "cp/";
  /** Prefix of the indexes. */
  public static final String INDEXES = "ix/";
  /** Prefix of the kept metadata disclosures. */
  public static final String METADATA = "md/";
  /** Prefix of the application's settings. */
  public static final String SETTINGS = "cfg/";

  /** {@code id} in 16 decimal digits, zero-padded, so keys sort by id. */
  static String pad(long id) {
    String s = Long.toString(id);
    return "0000000000000000".substring(s.length()) + s;
  }

  /** The state of DDC {@code id} (canonical JSON). */
  static String ddc(long id) {
    return "d/" + pad(id);
  }

  /** The prefix of DDC-1155 {@code id}'s balances, by holder DID. */
  static String balances(long id) {
    return "b/" + pad(id) + "/";
  }

  /** The prefix of the accounts. */
  static final String ACCOUNT_PREFIX = "a/";

  /** Account {@code did} (canonical JSON). */
  static String account(Did did) {
    return ACCOUNT_PREFIX + did.value();
  }

  /** The number of DDC-721s {@code owner} holds. */
  static String ddcCount(Did owner) {
    return "c/" + owner.value();
  }

  /** Whether {@code operator} may act on all of {@code owner}'s DDCs of {@code kind}. */
  static String approvedForAll(DdcKind kind, Did owner, Did operator) {
    return "o/" + kind.id() + "/" + owner.value() + "/" + operator.value();
  }

  /** {@code did}'s points. */
  static String points(Did did) {
    return "p/" + did.value();
  }

  /** Fees collected for {@code kind}. */
  static String collected(DdcKind kind) {
    return "k/" + kind.id();
  }

  /** The business fee of {@code operation}. */
  static String fee(Operation operation) {
    return "f/" + operation.id();
  }

  /** {@code did}'s last nonce. */
  static String nonce(Did did) {
    return "n/" + did.value();
  }

  /** The DDC id of client reference {@code ref} in {@code scope} (a platform). */
  static String reference(Did scope, String ref) {
    return "r/" + scope.value() + "/" + ref;
  }

  /** Whether {@code role} may perform {@code operation} (the allow-list). */
  static String permitted(Role role, Operation operation) {
    return "g/" + role.id() + "/" + operation.id();
  }

  /** Switch {@code s}. */
  static String switchOn(Switch s) {
    return "s/" + s.id();
  }

  /** Whether accounts of platform {@code from} may reach platform {@code to}. */
  static String crossPlatform(Did from, Did to) {
    return "x/" + from.value() + "/" + to.value();
  }

  /** The name and symbol of {@code kind}'s contract. */
  static String nameAndSymbol(DdcKind kind) {
    return "y/" + kind.id();
  }

  /** The signed checkpoint note of {@code size} events. */
  static String checkpoint(long size) {
    return CHECKPOINTS + pad(size);
  }

  /** The log size of a key under {@link #CHECKPOINTS}. */
  static long checkpointSize(String key) {
    return Long.parseLong(key.substring(CHECKPOINTS.length()));
  }

  /** The sequence number of the event that minted DDC {@code id}. */
  static String mintIndex(long id) {
    return "ix/mint/" + pad(id);
  }

  /** The sequence number of the event that created account {@code did}. */
  static String accountIndex(Did did) {
    return "ix/account/" + did.value();
  }

  /** The prefix of the accounts that have (or had) SM2 key {@code point}, by DID. */
  static String keyIndex(byte[] point) {
    return "ix/key/" + Hex.encode(point) + "/";
  }

  /** As {@link #keyIndex(byte[])}, for a key in hex, and account {@code did}. */
  static String keyIndex(String pointHex, Did did) {
    return "ix/key/" + pointHex + "/" + did.value();
  }

  /** The metadata disclosure kept for DDC {@code id}. */
  static String metadata(long id) {
    return METADATA + pad(id);
  }

  /** Setting {@code name} of the application running the ledger. */
  static String setting(String name) {
    return SETTINGS + name;
  }

  /** Whether {@code key} is a side key: not part of the replayed state, left out of the audit's comparison. */
  static boolean isSideKey(String key) {
    return key.startsWith(CHECKPOINTS) || key.equals(CHECKPOINT_SIZE) || key.equals(CHECKPOINT_TIME)
        || key.startsWith(INDEXES) || key.startsWith(METADATA) || key.startsWith(SETTINGS);
  }
}
