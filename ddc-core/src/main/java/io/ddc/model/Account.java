package io.ddc.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An account of the Authority tree: its DID, name, role, leader (the Operator for a platform,
 * a platform for a consumer, itself for the Operator), its two states, its SM2 public keys
 * (65-byte uncompressed points in lowercase hex) and optional business fields.
 */
public record Account(Did did, String name, Role role, Did leader, AccountState platformState,
    AccountState operatorState, List<String> keys, Map<String, String> fields) {

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

  /** A copy with these states. */
  public Account withStates(AccountState platform, AccountState operator) {
    return new Account(did, name, role, leader, platform, operator, keys, fields);
  }
}
