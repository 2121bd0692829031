package io.ddc.engine;

import io.ddc.json.CanonicalJson;
import io.ddc.json.CanonicalWriter;
import io.ddc.json.JsonFormatException;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state, typed, over string {@link KeyValues}: the one encoding of the state. The same class
 * is the in-memory state ({@link #inMemory()}), a request's pending changes ({@link #overlay()})
 * and a ledger store's state ({@link #over}), so a new state field is added here and in
 * {@link StateLayout} only. Keys are {@link StateLayout}'s; values are decimal numbers, {@code "1"}
 * for a flag that is on, and canonical JSON for accounts, DDCs and names (docs/LEDGER.md, "State
 * layout"). A zero number or a flag that is off is no key at all, so two equal states hold equal
 * key-values. Not thread-safe.
 */
public final class KvState implements MutableState {
  private final KeyValues values;
  /**
   * Decoded accounts and DDCs by key, with the stored text they came from (compared by identity,
   * so a changed value is decoded again); null in a {@link #view}.
   */
  private final Map<String, Object[]> decoded;
  /**
   * An overlay's base's decoded values, read but never written here, so that a rejected request
   * leaves nothing in its base; null when this is not an overlay.
   */
  private final Map<String, Object[]> baseDecoded;

  private KvState(KeyValues values, Map<String, Object[]> decoded, Map<String, Object[]> baseDecoded) {
    this.values = values;
    this.decoded = decoded;
    this.baseDecoded = baseDecoded;
  }

  /**
   * The state held in {@code values}; writes go to {@code values} too. It remembers the accounts
   * and DDCs it decodes for as long as it lives, so it is meant for one transaction, or for an
   * in-memory state: use {@link #view} for a long-lived view of a store.
   */
  public static KvState over(KeyValues values) {
    return new KvState(java.util.Objects.requireNonNull(values, "values"), new HashMap<>(), null);
  }

  /**
   * As {@link #over}, remembering nothing: every read decodes what {@code values} holds now. For a
   * long-lived view of a store that others write to, which would otherwise keep a decoded copy of
   * every account and DDC it was ever asked for.
   */
  public static KvState view(KeyValues values) {
    return new KvState(java.util.Objects.requireNonNull(values, "values"), null, null);
  }

  /** An empty state in memory, before {@code ledger.init}. */
  public static KvState inMemory() {
    return over(KeyValues.inMemory());
  }

  /**
   * A state that reads through to this one and keeps its own writes apart, until
   * {@link #commitTo} writes them into a target: how the engine checks a request's later items
   * against its earlier items' effects, and throws them away if the request is rejected. This
   * state must not change while the overlay is in use.
   */
  KvState overlay() {
    return new KvState(new PendingValues(values), new HashMap<>(), decoded);
  }

  /**
   * Writes this overlay's changes into {@code target}, which must hold the state the overlay was
   * made over (the same state replaying its events would give): one write per changed key.
   *
   * @throws IllegalStateException if this state is not an {@link #overlay()}
   */
  void commitTo(KvState target) {
    if (!(values instanceof PendingValues)) {
      throw new IllegalStateException("not an overlay");
    }
    ((PendingValues) values).writeTo(target.values);
    if (target.decoded != null) {
      target.decoded.putAll(decoded);
    }
  }

  /** The remembered decoding of {@code key}'s value {@code v} (same text, by identity), or null. */
  private Object remembered(String key, String v) {
    Object[] c = decoded.get(key);
    if (c == null && baseDecoded != null) {
      c = baseDecoded.get(key);
    }
    return c != null && c[0] == v ? c[1] : null;
  }

  /**
   * The whole replayed state as canonical JSON, an object of every {@link StateLayout} key and
   * its value: two states are equal exactly when these bytes are. Used to check that replay
   * reproduces a state and that a rejected request changed nothing.
   */
  public byte[] snapshot() {
    Map<String, Object> m = new TreeMap<>();
    values.scan("").forEach((k, v) -> {
      if (StateLayout.isStateKey(k)) {
        m.put(k, v);
      }
    });
    return CanonicalJson.write(m);
  }

  /** Whether a DDC could have id {@code id}: ids are in [1, 2^53 − 1], so other numbers name nothing. */
  private static boolean possibleId(long id) {
    return id > 0 && id <= CanonicalJson.MAX_SAFE_INTEGER;
  }

  private String get(String key) {
    return values.get(key);
  }

  private long number(String key) {
    String v = get(key);
    return v == null ? 0 : Long.parseLong(v);
  }

  private void put(String key, String value) {
    values.put(key, value);
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
    return Optional.ofNullable(get(StateLayout.ORIGIN));
  }

  @Override
  public long eventCount() {
    return number(StateLayout.EVENTS);
  }

  @Override
  public long lastEventTime() {
    return number(StateLayout.TIME);
  }

  @Override
  public void setLastEventTime(long millis) {
    putNumber(StateLayout.TIME, millis);
  }

  @Override
  public Optional<Account> account(Did did) {
    String k = StateLayout.account(did);
    String v = get(k);
    if (v == null) {
      return Optional.empty();
    }
    if (decoded == null) {
      return Optional.of(decodeAccount(v));
    }
    Object a = remembered(k, v);
    if (a == null) {
      a = decodeAccount(v);
      decoded.put(k, new Object[] {v, a});
    }
    return Optional.of((Account) a);
  }

  @Override
  public Optional<Ddc> ddc(long id) {
    if (!possibleId(id)) {
      return Optional.empty();
    }
    String k = StateLayout.ddc(id);
    String v = get(k);
    if (v == null) {
      return Optional.empty();
    }
    if (decoded == null) {
      return Optional.of(decodeDdc(v));
    }
    Object d = remembered(k, v);
    if (d == null) {
      d = decodeDdc(v);
      decoded.put(k, new Object[] {v, d});
    }
    return Optional.of((Ddc) d);
  }

  @Override
  public long latestDdcId() {
    return number(StateLayout.LATEST_DDC);
  }

  @Override
  public long accountCount() {
    return number(StateLayout.ACCOUNTS);
  }

  @Override
  public void setAccountCount(long count) {
    putNumber(StateLayout.ACCOUNTS, count);
  }

  @Override
  public long balance(long ddcId, Did owner) {
    if (!possibleId(ddcId)) {
      return 0;
    }
    Optional<Ddc> d = ddc(ddcId);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      return !d.get().burned() && d.get().owner().equals(owner) ? 1 : 0;
    }
    return number(StateLayout.balances(ddcId) + owner.value());
  }

  @Override
  public SortedMap<Did, Long> holders(long ddcId) {
    if (!possibleId(ddcId)) {
      return Collections.emptySortedMap();
    }
    Optional<Ddc> d = ddc(ddcId);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      return d.get().burned() ? Collections.emptySortedMap() : new TreeMap<>(Map.of(d.get().owner(), 1L));
    }
    String prefix = StateLayout.balances(ddcId);
    TreeMap<Did, Long> out = new TreeMap<>();
    for (Map.Entry<String, String> e : values.scan(prefix).entrySet()) {
      out.put(Did.of(e.getKey().substring(prefix.length())), Long.parseLong(e.getValue()));
    }
    return out;
  }

  @Override
  public long ddcCount(Did owner) {
    return number(StateLayout.ddcCount(owner));
  }

  @Override
  public boolean approvedForAll(DdcKind kind, Did owner, Did operator) {
    return flag(StateLayout.approvedForAll(kind, owner, operator));
  }

  @Override
  public long points(Did did) {
    return number(StateLayout.points(did));
  }

  @Override
  public long collected(DdcKind kind) {
    return number(StateLayout.collected(kind));
  }

  @Override
  public long pointsIssued() {
    return number(StateLayout.POINTS_ISSUED);
  }

  @Override
  public OptionalLong fee(Operation operation) {
    String v = get(StateLayout.fee(operation));
    return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
  }

  @Override
  public long lastNonce(Did did) {
    return number(StateLayout.nonce(did));
  }

  @Override
  public OptionalLong reference(Did scope, String ref) {
    String v = get(StateLayout.reference(scope, ref));
    return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
  }

  @Override
  public boolean permitted(Role role, Operation operation) {
    if (role == Role.OPERATOR) {
      return operation != Operation.LEDGER_INIT;
    }
    return flag(StateLayout.permitted(role, operation));
  }

  @Override
  public boolean switchOn(Switch s) {
    return flag(StateLayout.switchOn(s));
  }

  @Override
  public boolean crossPlatformApproved(Did from, Did to) {
    return flag(StateLayout.crossPlatform(from, to));
  }

  @Override
  public Optional<List<String>> nameAndSymbol(DdcKind kind) {
    String v = get(StateLayout.nameAndSymbol(kind));
    if (v == null) {
      return Optional.empty();
    }
    List<?> l = (List<?>) parse(v);
    return Optional.of(List.of((String) l.get(0), (String) l.get(1)));
  }

  @Override
  public void setOrigin(String origin) {
    put(StateLayout.ORIGIN, origin);
  }

  @Override
  public void setEventCount(long count) {
    putNumber(StateLayout.EVENTS, count);
  }

  @Override
  public void putAccount(Account a) {
    String k = StateLayout.account(a.did());
    String v = encode(a);
    put(k, v);
    if (decoded != null) {
      decoded.put(k, new Object[] {v, a});
    }
  }

  @Override
  public void putDdc(Ddc d) {
    String k = StateLayout.ddc(d.id());
    String v = encode(d);
    put(k, v);
    if (decoded != null) {
      decoded.put(k, new Object[] {v, d});
    }
  }

  @Override
  public void setLatestDdcId(long id) {
    putNumber(StateLayout.LATEST_DDC, id);
  }

  @Override
  public void setBalance(long ddcId, Did owner, long amount) {
    putNumber(StateLayout.balances(ddcId) + owner.value(), amount);
  }

  @Override
  public void setDdcCount(Did owner, long count) {
    putNumber(StateLayout.ddcCount(owner), count);
  }

  @Override
  public void setApprovedForAll(DdcKind kind, Did owner, Did operator, boolean approved) {
    putFlag(StateLayout.approvedForAll(kind, owner, operator), approved);
  }

  @Override
  public void setPoints(Did did, long p) {
    putNumber(StateLayout.points(did), p);
  }

  @Override
  public void setCollected(DdcKind kind, long amount) {
    putNumber(StateLayout.collected(kind), amount);
  }

  @Override
  public void setPointsIssued(long total) {
    putNumber(StateLayout.POINTS_ISSUED, total);
  }

  @Override
  public void setFee(Operation operation, Long amount) {
    put(StateLayout.fee(operation), amount == null ? null : amount.toString());
  }

  @Override
  public void setLastNonce(Did did, long nonce) {
    putNumber(StateLayout.nonce(did), nonce);
  }

  @Override
  public void putReference(Did scope, String ref, long ddcId) {
    put(StateLayout.reference(scope, ref), Long.toString(ddcId));
  }

  @Override
  public void setPermitted(Role role, Operation operation, boolean allowed) {
    putFlag(StateLayout.permitted(role, operation), allowed);
  }

  @Override
  public void setSwitch(Switch s, boolean on) {
    putFlag(StateLayout.switchOn(s), on);
  }

  @Override
  public void setCrossPlatformApproved(Did from, Did to, boolean approved) {
    putFlag(StateLayout.crossPlatform(from, to), approved);
  }

  @Override
  public void setNameAndSymbol(DdcKind kind, String name, String symbol) {
    put(StateLayout.nameAndSymbol(kind), new String(CanonicalJson.write(List.of(name, symbol)),
        StandardCharsets.UTF_8));
  }

  // ---- value encodings ----

  /** An account as stored: its account-tree leaf (without the version) plus its business fields. */
  public static String encode(Account a) {
    Map<String, Object> m = io.ddc.model.AccountLeaf.toJson(a);
    m.remove("v");
    m.put("fields", new TreeMap<String, Object>(a.fields()));
    return new String(CanonicalJson.write(m), StandardCharsets.UTF_8);
  }

  /**
   * An account from its stored value.
   *
   * @throws IllegalStateException if {@code v} is not a stored account (a damaged store)
   */
  public static Account decodeAccount(String v) {
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
  public static String encode(Ddc d) {
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

  /**
   * A DDC from its stored row.
   *
   * @throws IllegalStateException if {@code v} is not a stored DDC row (a damaged store)
   */
  public static Ddc decodeDdc(String v) {
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
      return CanonicalJson.parse(v.getBytes(StandardCharsets.UTF_8));
    } catch (JsonFormatException e) {
      throw new IllegalStateException("a stored value is not canonical JSON: " + e.getMessage(), e);
    }
  }
}
