package io.ddc.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An account of the Authority tree: its DID, its number in creation order ({@code index}: 0 for
 * the Operator; its leaf in the ledger's account tree), name, role, leader (the Operator for a
 * platform, a platform for a consumer, itself for the Operator), its two states, its SM2 public
 * keys with their validity windows (never deleted) and optional business fields.
 */
public record Account(Did did, long index, String name, Role role, Did leader, AccountState platformState,
    AccountState operatorState, List<AccountKey> keys, Map<String, String> fields) {

  /** Checks nulls and copies the collections. */
  public Account {
    Objects.requireNonNull(did, "did");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(leader, "leader");
    Objects.requireNonNull(platformState, "platformState");
    Objects.requireNonNull(operatorState, "operatorState");
    keys = List.copyOf(keys);
    fields = Map.copyOf(fields);
  }

  /** Whether both states are active, so the account may act and receive. */
  public boolean active() {
    return platformState == AccountState.ACTIVE && operatorState == AccountState.ACTIVE;
  }

  /** The platform the account belongs to: itself for a platform, its leader for a consumer, none for the Operator. */
  public Did platform() {
    switch (role) {
      case PLATFORM:
        return did;
      case CONSUMER:
        return leader;
      default:
        return null;
    }
  }

  /** The keys (hex points) that may sign a request accepted at {@code t}. */
  public List<String> keysAt(long t) {
    List<String> out = new ArrayList<>(keys.size());
    for (AccountKey k : keys) {
      if (k.validAt(t)) {
        out.add(k.key());
      }
    }
    return out;
  }

  /** The record of {@code key}, if the account ever had it. */
  public java.util.Optional<AccountKey> key(String key) {
    return keys.stream().filter(k -> k.key().equals(key)).findFirst();
  }

  /** A copy with these states. */
  public Account withStates(AccountState platform, AccountState operator) {
    return new Account(did, index, name, role, leader, platform, operator, keys, fields);
  }

  /** A copy with these key records. */
  public Account withKeys(List<AccountKey> newKeys) {
    return new Account(did, index, name, role, leader, platformState, operatorState, newKeys, fields);
  }

  /** Key records for {@code hexKeys}, each valid from {@code from}. */
  public static List<AccountKey> keysFrom(List<String> hexKeys, long from) {
    return hexKeys.stream().map(k -> AccountKey.current(k, from)).toList();
  }
}
