package io.ddc.ledger;

import io.ddc.engine.MutableState;
import io.ddc.json.CanonicalJson;
import io.ddc.json.CanonicalWriter;
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
    return Optional.ofNullable(get(StorageLayout.ORIGIN));
  }

  @Override
  public long eventCount() {
    return number(StorageLayout.EVENTS);
  }

  @Override
  public long lastEventTime() {
    return number(StorageLayout.TIME);
  }

  @Override
  public void setLastEventTime(long millis) {
    putNumber(StorageLayout.TIME, millis);
  }

  @Override
  public Optional<Account> account(Did did) {
    String k = StorageLayout.account(did);
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
    String k = StorageLayout.ddc(id);
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
    return number(StorageLayout.LATEST_DDC);
  }

  @Override
  public long accountCount() {
    return number(StorageLayout.ACCOUNTS);
  }

  @Override
  public void setAccountCount(long count) {
    putNumber(StorageLayout.ACCOUNTS, count);
  }

  @Override
  public long balance(long ddcId, Did owner) {
    Optional<Ddc> d = ddc(ddcId);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      return !d.get().burned() && d.get().owner().equals(owner) ? 1 : 0;
    }
    return number(StorageLayout.balances(ddcId) + owner.value());
  }

  @Override
  public SortedMap<Did, Long> holders(long ddcId) {
    Optional<Ddc> d = ddc(ddcId);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      return d.get().burned() ? Collections.emptySortedMap() : new TreeMap<>(Map.of(d.get().owner(), 1L));
    }
    String prefix = StorageLayout.balances(ddcId);
    TreeMap<Did, Long> out = new TreeMap<>();
    for (Map.Entry<String, String> e : reads.scan(prefix).entrySet()) {
      out.put(Did.of(e.getKey().substring(prefix.length())), Long.parseLong(e.getValue()));
    }
    return out;
  }

  @Override
  public long ddcCount(Did owner) {
    return number(StorageLayout.ddcCount(owner));
  }

  @Override
  public boolean approvedForAll(DdcKind kind, Did owner, Did operator) {
    return flag(StorageLayout.approvedForAll(kind, owner, operator));
  }

  @Override
  public long points(Did did) {
    return number(StorageLayout.points(did));
  }

  @Override
  public long collected(DdcKind kind) {
    return number(StorageLayout.collected(kind));
  }

  @Override
  public long pointsIssued() {
    return number(StorageLayout.POINTS_ISSUED);
  }

  @Override
  public OptionalLong fee(Operation operation) {
    String v = get(StorageLayout.fee(operation));
    return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
  }

  @Override
  public long lastNonce(Did did) {
    return number(StorageLayout.nonce(did));
  }

  @Override
  public OptionalLong reference(Did scope, String ref) {
    String v = get(StorageLayout.reference(scope, ref));
    return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
  }

  @Override
  public boolean permitted(Role role, Operation operation) {
    if (role == Role.OPERATOR) {
      return operation != Operation.LEDGER_INIT;
    }
    return flag(StorageLayout.permitted(role, operation));
  }

  @Override
  public boolean switchOn(Switch s) {
    return flag(StorageLayout.switchOn(s));
  }

  @Override
  public boolean crossPlatformApproved(Did from, Did to) {
    return flag(StorageLayout.crossPlatform(from, to));
  }

  @Override
  public Optional<List<String>> nameAndSymbol(DdcKind kind) {
    String v = get(StorageLayout.nameAndSymbol(kind));
    if (v == null) {
      return Optional.empty();
    }
    List<?> l = (List<?>) parse(v);
    return Optional.of(List.of((String) l.get(0), (String) l.get(1)));
  }

  @Override
  public void setOrigin(String origin) {
    put(StorageLayout.ORIGIN, origin);
  }

  @Override
  public void setEventCount(long count) {
    putNumber(StorageLayout.EVENTS, count);
  }

  @Override
  public void putAccount(Account a) {
    String k = StorageLayout.account(a.did());
    String v = encode(a);
    put(k, v);
    decoded.put(k, new Object[] {v, a});
  }

  @Override
  public void putDdc(Ddc d) {
    String k = StorageLayout.ddc(d.id());
    String v = encode(d);
    put(k, v);
    decoded.put(k, new Object[] {v, d});
  }

  @Override
  public void setLatestDdcId(long id) {
    putNumber(StorageLayout.LATEST_DDC, id);
  }

  @Override
  public void setBalance(long ddcId, Did owner, long amount) {
    putNumber(StorageLayout.balances(ddcId) + owner.value(), amount);
  }

  @Override
  public void setDdcCount(Did owner, long count) {
    putNumber(StorageLayout.ddcCount(owner), count);
  }

  @Override
  public void setApprovedForAll(DdcKind kind, Did owner, Did operator, boolean approved) {
    putFlag(StorageLayout.approvedForAll(kind, owner, operator), approved);
  }

  @Override
  public void setPoints(Did did, long p) {
    putNumber(StorageLayout.points(did), p);
  }

  @Override
  public void setCollected(DdcKind kind, long amount) {
    putNumber(StorageLayout.collected(kind), amount);
  }

  @Override
  public void setPointsIssued(long total) {
    putNumber(StorageLayout.POINTS_ISSUED, total);
  }

  @Override
  public void setFee(Operation operation, Long amount) {
    put(StorageLayout.fee(operation), amount == null ? null : amount.toString());
  }

  @Override
  public void setLastNonce(Did did, long nonce) {
    putNumber(StorageLayout.nonce(did), nonce);
  }

  @Override
  public void putReference(Did scope, String ref, long ddcId) {
    put(StorageLayout.reference(scope, ref), Long.toString(ddcId));
  }

  @Override
  public void setPermitted(Role role, Operation operation, boolean allowed) {
    putFlag(StorageLayout.permitted(role, operation), allowed);
  }

  @Override
  public void setSwitch(Switch s, boolean on) {
    putFlag(StorageLayout.switchOn(s), on);
  }

  @Override
  public void setCrossPlatformApproved(Did from, Did to, boolean approved) {
    putFlag(StorageLayout.crossPlatform(from, to), approved);
  }

  @Override
  public void setNameAndSymbol(DdcKind kind, String name, String symbol) {
    put(StorageLayout.nameAndSymbol(kind), new String(CanonicalJson.write(List.of(name, symbol)),
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

  /**
   * A DDC's stored row: the canonical JSON object of its fields, written member by member in
   * canonical (sorted) order, without building a map.
   */
  static String encode(Ddc d) {
    CanonicalWriter w = new CanonicalWriter(320);
    w.ascii('{');
    if (d.approved() != null) {
      w.ascii("\"approved\":").string(d.approved().value()).ascii(',');
    }
    w.ascii("\"burned\":").value(d.burned())
        .ascii(",\"creator\":").string(d.creator().value())
        .ascii(",\"frozen\":").value(d.frozen())
        .ascii(",\"id\":").integer(d.id())
        .ascii(",\"kind\":").string(d.kind().id())
        .ascii(",\"lastSeq\":").integer(d.lastSeq())
        .ascii(",\"locked\":").value(d.locked());
    if (d.metadataRoot() != null) {
      w.ascii(",\"metadataRoot\":").string(d.metadataRoot().hex());
    }
    if (d.owner() != null) {
      w.ascii(",\"owner\":").string(d.owner().value());
    }
    if (d.ref() != null) {
      w.ascii(",\"ref\":").string(d.ref());
    }
    w.ascii(",\"supply\":").integer(d.supply());
    if (d.uri() != null) {
      w.ascii(",\"uri\":").string(d.uri());
    }
    return w.ascii('}').toString();
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
