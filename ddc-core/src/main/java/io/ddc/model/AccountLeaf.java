package io.ddc.model;

import io.ddc.json.CanonicalJson;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leaf of the account tree for one account (leaf index {@link Account#index()}): the
 * canonical JSON of {@code {"v":1,"index","did","name","role","leader","platformState",
 * "operatorState","keys":[key records]}}. Business fields stay out of it. A proof bundle carries
 * the minter's leaf so a verifier learns, offline, which keys the minter had and when each was
 * valid, retired or revoked. See docs/LEDGER.md.
 */
public final class AccountLeaf {
  /** The encoding version. */
  public static final int VERSION = 1;

  private AccountLeaf() {}

  /** The leaf's canonical JSON object. */
  public static Map<String, Object> toJson(Account a) {
    Map<String, Object> m = new TreeMap<>();
    m.put("v", (long) VERSION);
    m.put("index", a.index());
    m.put("did", a.did().value());
    m.put("name", a.name());
    m.put("role", a.role().id());
    m.put("leader", a.leader().value());
    m.put("platformState", a.platformState().id());
    m.put("operatorState", a.operatorState().id());
    m.put("keys", AccountKey.toJson(a.keys()));
    return m;
  }

  /** The leaf bytes. */
  public static byte[] bytes(Account a) {
    return CanonicalJson.write(toJson(a));
  }
}
