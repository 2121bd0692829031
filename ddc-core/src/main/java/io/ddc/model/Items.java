package io.ddc.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Shorthands for common items; anything else through {@link Item#builder}. */
public final class Items {
  private Items() {}

  /** An item for {@code op} from alternating names and values ({@code null} values are left out). */
  public static Item of(Operation op, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs");
    }
    Item.Builder b = Item.builder(op);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.set((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /** The {@code ledger.init} item: the Operator's name and keys, and the default allow-list. */
  public static Item ledgerInit(String operatorName, List<byte[]> operatorKeys) {
    return of(Operation.LEDGER_INIT, "name", operatorName, "keys", operatorKeys, "permissions",
        defaultPermissions());
  }

  /** The default allow-list of platforms and consumers, as the {@code permissions} field holds it. */
  public static Map<String, Object> defaultPermissions() {
    Map<String, Object> m = new TreeMap<>();
    for (Role r : new Role[] {Role.PLATFORM, Role.CONSUMER}) {
      Set<Operation> ops = Operation.defaultPermissions(r);
      List<Object> l = new ArrayList<>();
      for (Operation o : ops) {
        l.add(o.id());
      }
      m.put(r.id(), l);
    }
    return m;
  }

  /** An {@code account.add} item. */
  public static Item addAccount(Did did, String name, Role role, Did leader, byte[] publicKey) {
    return of(Operation.ACCOUNT_ADD, "did", did, "name", name, "role", role, "leader", leader, "keys",
        List.of(publicKey));
  }

  /** A DDC-721 mint item. */
  public static Item mint721(Did to, String uri, Hash metadataRoot, String ref) {
    return of(Operation.DDC721_MINT, "to", to, "uri", uri, "metadataRoot", metadataRoot, "ref", ref);
  }

  /** A DDC-1155 mint item. */
  public static Item mint1155(Did to, long amount, String uri, Hash metadataRoot, String ref) {
    return of(Operation.DDC1155_MINT, "to", to, "amount", amount, "uri", uri, "metadataRoot", metadataRoot,
        "ref", ref);
  }

  /** An {@code account.addKey} item: {@code publicKey} (65-byte point) becomes valid for {@code did}. */
  public static Item addKey(Did did, byte[] publicKey) {
    return of(Operation.ACCOUNT_ADD_KEY, "did", did, "key", publicKey);
  }

  /** An {@code account.retireKey} item. */
  public static Item retireKey(Did did, byte[] publicKey) {
    return of(Operation.ACCOUNT_RETIRE_KEY, "did", did, "key", publicKey);
  }

  /** An {@code account.revokeKey} item: {@code publicKey} is compromised since {@code compromisedSince} (ms). */
  public static Item revokeKey(Did did, byte[] publicKey, long compromisedSince) {
    return of(Operation.ACCOUNT_REVOKE_KEY, "did", did, "key", publicKey, "compromisedSince", compromisedSince);
  }
}
