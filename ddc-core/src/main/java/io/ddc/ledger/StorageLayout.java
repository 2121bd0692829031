package io.ddc.ledger;

import io.ddc.crypto.sm.Hex;
import io.ddc.engine.StateLayout;
import io.ddc.model.Did;

/**
 * Where a ledger keeps what, besides the replayed state: the side keys of the state map (table
 * {@code ddc_state} in a SQL store, the map of the memory store), which hold checkpoints, indexes,
 * metadata disclosures and settings that no replay produces, and the trees of the tile table.
 * The replayed state's keys (what {@link Ledger#audit} compares with a replay of the log) are
 * {@link StateLayout}'s, beside the state's encoding in the engine. docs/LEDGER.md, "State
 * layout", describes both for operators; a change in either class is a change there. Every key of
 * a store is either a state key or a side key ({@link #isSideKey}), never both.
 *
 * <p>Tables of the SQL stores ({@code JdbcLedgerStore}): {@code ddc_meta} (schema version and
 * store facts), {@code ddc_head} (the committed event count), {@code ddc_state} (these keys),
 * {@code ddc_events} (the log's entries by sequence number) and {@code ddc_tiles} (tree, level,
 * index: 256-hash tiles of the log {@code 0}, the DDC state tree {@code 1} and the account tree
 * {@code 2}).
 */
public final class StorageLayout {
  private StorageLayout() {}

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

  /** The signed checkpoint note of {@code size} events. */
  static String checkpoint(long size) {
    return CHECKPOINTS + StateLayout.pad(size);
  }

  /** The log size of a key under {@link #CHECKPOINTS}. */
  static long checkpointSize(String key) {
    return Long.parseLong(key.substring(CHECKPOINTS.length()));
  }

  /** The sequence number of the event that minted DDC {@code id}. */
  static String mintIndex(long id) {
    return "ix/mint/" + StateLayout.pad(id);
  }

  /** The item-group roots ({@link io.ddc.model.ItemGroups}) of the minting request with item root {@code itemsRoot}. */
  static String itemGroups(io.ddc.model.Hash itemsRoot) {
    return "ix/items/" + itemsRoot.hex();
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
    return METADATA + StateLayout.pad(id);
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
