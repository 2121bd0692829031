package io.ddc.ledger;

import io.ddc.engine.MutableState;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import io.ddc.ledger.spi.StoreReads;
import io.ddc.ledger.spi.StoreTransaction;
import io.ddc.model.Account;
import io.ddc.model.AccountKey;
import io.ddc.model.AccountState;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Hash;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ledger state as string keys and values in a store (layout in docs/LEDGER.md). Reads go to
 * {@link StoreReads}; writes to a {@link StoreTransaction}, or fail on a read-only view.
 */
final class KvState implements MutableState {
  private final StoreReads reads;
  private final StoreTransaction tx;
  /** Decoded accounts and DDCs by key, with the stored text they came from. */
  private final Map<String, Object[]> decoded = new java.util.HashMap<>();

  KvState(StoreReads reads) {
    this.reads = reads;
    this.tx = reads instanceof StoreTransaction ? (StoreTransaction) reads : null;
  }

  static String ddcKey(long id) {
    return "d/" + pad(id);
  }

  private static String balancePrefix(long id) {
    return "b/" + pad(id) + "/";
  }

  /** {@code id} in 16 decimal digits, zero-padded, so keys sort by id. */
  static String pad(long id) {
    String s = Long.toString(id);
    return "0000000000000000".substring(s.length()) + s;
  }

  private String get(String key) {
    return reads.get(key).orElse(null);
  }

  private long number(String key) {
    String v = get(key);
    return v == null ? 0 : Long.parseLong(v);
  }

  private void put(String key, String value) {
    if (tx == null) {
      throw new IllegalStateException("a read-only view of the ledger state");
    }
    tx.put(key, value);
  }

  private void putNumber(String key, long v) {
    put(key, v == 0 ? null : Long.toString(v));
  }

  private boolean flag(String key) {
    return get(key) != null;
  }

  private void putFlag(String key, boolean on) {
    put(key, on ? "1" : null);
  }

  @Override
  public Optional<String> origin() {
    return Optional.ofNullable(get("m/origin"));
  }

  @Override
  public long eventCount() {
    return number("m/events");
  }

  @Override
  public long lastEventTime() {
    return number("m/time");
  }

  @Override
  public void setLastEventTime(long millis) {
    putNumber("m/time", millis);
  }

  @Override
  public Optional<Account> account(Did did) {
    String k = "a/" + did.value();
    String v = get(k);
    if (v == null) {
      return Optional.empty();
    }
    Object[] c = decoded.get(k);
    if (c == null || c[0] != v) {
      c = new Object[] {v, decodeAccount(v)};
      decoded.put(k, c);
    }
    return Optional.of((Account) c[1]);
  }

  @Override
  public Optional<Ddc> ddc(long id) {
    String k = ddcKey(id);
    String v = get(k);
    if (v == null) {
      return Optional.empty();
    }
    Object[] c = decoded.get(k);
    if (c == null || c[0] != v) {
      c = new Object[] {v, decodeDdc(v)};
      decoded.put(k, c);
    }
    return Optional.of((Ddc) c[1]);
  }

  @Override
  public long latestDdcId() {
    return number("m/latest");
  }

  @Override
  public long accountCount() {
    return number("m/accounts");
  }

  @Override
  public void setAccountCount(long count) {
    putNumber("m/accounts", count);
  }

  @Override
  public long balance(long ddcId, Did owner) {
    Optional<Ddc> d = ddc(ddcId);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      return !d.get().burned() && d.get().owner().equals(owner) ? 1 : 0;
    }
    return number(balancePrefix(ddcId) + owner.value());
  }

  @Override
  public SortedMap<Did, Long> holders(long ddcId) {
    Optional<Ddc> d = ddc(ddcId);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      return d.get().burned() ? Collections.emptySortedMap() : new TreeMap<>(Map.of(d.get().owner(), 1L));
    }
    String prefix = balancePrefix(ddcId);
    TreeMap<Did, Long> out = new TreeMap<>();
    for (Map.Entry<String, String> e : reads.scan(prefix).entrySet()) {
      out.put(Did.of(e.getKey().substring(prefix.length())), Long.parseLong(e.getValue()));
    }
    return out;
  }

  @Override
  public long ddcCount(Did owner) {
    return number("c/" + owner.value());
  }

  @Override
  public boolean approvedForAll(DdcKind kind, Did owner, Did operator) {
    return flag("o/" + kind.id() + "/" + owner.value() + "/" + operator.value());
  }

  @Override
  public long points(Did did) {
    return number("p/" + did.value());
  }

  @Override
  public long collected(DdcKind kind) {
    return number("k/" + kind.id());
  }

  @Override
  public long pointsIssued() {
    return number("m/issued");
  }

  @Override
  public OptionalLong fee(Operation operation) {
    String v = get("f/" + operation.id());
    return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
  }

  @Override
  public long lastNonce(Did did) {
    return number("n/" + did.value());
  }

  @Override
  public OptionalLong reference(Did scope, String ref) {
    String v = get("r/" + scope.value() + "/" + ref);
    return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
  }

  @Override
  public boolean permitted(Role role, Operation operation) {
    if (role == Role.OPERATOR) {
      return operation != Operation.LEDGER_INIT;
    }
    return flag("g/" + role.id() + "/" + operation.id());
  }

  @Override
  public boolean switchOn(Switch s) {
    return flag("s/" + s.id());
  }

  @Override
  public boolean crossPlatformApproved(Did from, Did to) {
    return flag("x/" + from.value() + "/" + to.value());
  }

  @Override
  public Optional<List<String>> nameAndSymbol(DdcKind kind) {
    String v = get("y/" + kind.id());
    if (v == null) {
      return Optional.empty();
    }
    List<?> l = (List<?>) parse(v);
    return Optional.of(List.of((String) l.get(0), (String) l.get(1)));
  }

  @Override
  public void setOrigin(String origin) {
    put("m/origin", origin);
  }

  @Override
  public void setEventCount(long count) {
    putNumber("m/events", count);
  }

  @Override
  public void putAccount(Account a) {
    String k = "a/" + a.did().value();
    String v = encode(a);
    put(k, v);
    decoded.put(k, new Object[] {v, a});
  }

  @Override
  public void putDdc(Ddc d) {
    String k = ddcKey(d.id());
    String v = encode(d);
    put(k, v);
    decoded.put(k, new Object[] {v, d});
  }

  @Override
  public void setLatestDdcId(long id) {
    putNumber("m/latest", id);
  }

  @Override
  public void setBalance(long ddcId, Did owner, long amount) {
    putNumber(balancePrefix(ddcId) + owner.value(), amount);
  }

  @Override
  public void setDdcCount(Did owner, long count) {
    putNumber("c/" + owner.value(), count);
  }

  @Override
  public void setApprovedForAll(DdcKind kind, Did owner, Did operator, boolean approved) {
    putFlag("o/" + kind.id() + "/" + owner.value() + "/" + operator.value(), approved);
  }

  @Override
  public void setPoints(Did did, long p) {
    putNumber("p/" + did.value(), p);
  }

  @Override
  public void setCollected(DdcKind kind, long amount) {
    putNumber("k/" + kind.id(), amount);
  }

  @Override
  public void setPointsIssued(long total) {
    putNumber("m/issued", total);
  }

  @Override
  public void setFee(Operation operation, Long amount) {
    put("f/" + operation.id(), amount == null ? null : amount.toString());
  }

  @Override
  public void setLastNonce(Did did, long nonce) {
    putNumber("n/" + did.value(), nonce);
  }

  @Override
  public void putReference(Did scope, String ref, long ddcId) {
    put("r/" + scope.value() + "/" + ref, Long.toString(ddcId));
  }

  @Override
  public void setPermitted(Role role, Operation operation, boolean allowed) {
    putFlag("g/" + role.id() + "/" + operation.id(), allowed);
  }

  @Override
  public void setSwitch(Switch s, boolean on) {
    putFlag("s/" + s.id(), on);
  }

  @Override
  public void setCrossPlatformApproved(Did from, Did to, boolean approved) {
    putFlag("x/" + from.value() + "/" + to.value(), approved);
  }

  @Override
  public void setNameAndSymbol(DdcKind kind, String name, String symbol) {
    put("y/" + kind.id(), new String(CanonicalJson.write(List.of(name, symbol)),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  // ---- value encodings ----

  /** An account as stored: its account-tree leaf (without the version) plus its business fields. */
  static String encode(Account a) {
    Map<String, Object> m = io.ddc.model.AccountLeaf.toJson(a);
    m.remove("v");
    m.put("fields", new TreeMap<String, Object>(a.fields()));
    return new String(CanonicalJson.write(m), java.nio.charset.StandardCharsets.UTF_8);
  }

  static Account decodeAccount(String v) {
    Map<?, ?> m = (Map<?, ?>) parse(v);
    @SuppressWarnings("unchecked")
    Map<String, String> fields = (Map<String, String>) m.get("fields");
    try {
      List<AccountKey> keys = new ArrayList<>();
      for (Object k : (List<?>) m.get("keys")) {
        keys.add(AccountKey.fromJson(k, "a stored key"));
      }
      return new Account(Did.of((String) m.get("did")), (Long) m.get("index"), (String) m.get("name"),
          Role.parse((String) m.get("role")),
          Did.of((String) m.get("leader")), AccountState.parse((String) m.get("platformState")),
          AccountState.parse((String) m.get("operatorState")), keys, fields);
    } catch (MalformedDataException e) {
      throw new IllegalStateException("a stored account does not decode: " + e.getMessage(), e);
    }
  }

  static String encode(Ddc d) {
    Map<String, Object> m = new TreeMap<>();
    m.put("id", d.id());
    m.put("kind", d.kind().id());
    m.put("creator", d.creator().value());
    if (d.owner() != null) {
      m.put("owner", d.owner().value());
    }
    m.put("supply", d.supply());
    if (d.uri() != null) {
      m.put("uri", d.uri());
    }
    if (d.metadataRoot() != null) {
      m.put("metadataRoot", d.metadataRoot().hex());
    }
    if (d.ref() != null) {
      m.put("ref", d.ref());
    }
    if (d.approved() != null) {
      m.put("approved", d.approved().value());
    }
    m.put("frozen", d.frozen());
    m.put("locked", d.locked());
    m.put("burned", d.burned());
    m.put("lastSeq", d.lastSeq());
    return new String(CanonicalJson.write(m), java.nio.charset.StandardCharsets.UTF_8);
  }

  static Ddc decodeDdc(String v) {
    Map<?, ?> m = (Map<?, ?>) parse(v);
    try {
      return new Ddc((Long) m.get("id"), DdcKind.parse((String) m.get("kind")), Did.of((String) m.get("creator")),
          m.containsKey("owner") ? Did.of((String) m.get("owner")) : null, (Long) m.get("supply"),
          (String) m.get("uri"), m.containsKey("metadataRoot") ? Hash.fromHex((String) m.get("metadataRoot")) : null,
          (String) m.get("ref"), m.containsKey("approved") ? Did.of((String) m.get("approved")) : null,
          (Boolean) m.get("frozen"), (Boolean) m.get("locked"), (Boolean) m.get("burned"), (Long) m.get("lastSeq"));
    } catch (MalformedDataException e) {
      throw new IllegalStateException("a stored DDC does not decode: " + e.getMessage(), e);
    }
  }

  private static Object parse(String v) {
    try {
      return CanonicalJson.parse(v.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (JsonFormatException e) {
      throw new IllegalStateException("a stored value is not canonical JSON: " + e.getMessage(), e);
    }
  }
}
