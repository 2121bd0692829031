package io.ddc.engine;

import io.ddc.json.CanonicalJson;
import io.ddc.model.Account;
import io.ddc.model.AccountKey;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole state in hash maps: the in-memory state store, and the reference the durable ledgers
 * are checked against. Not thread-safe; {@link DdcRegistry} guards it.
 */
public final class MemoryState implements MutableState {
  private String origin;
  private long eventCount;
  private final Map<Did, Account> accounts = new HashMap<>();
  private final Map<Long, Ddc> ddcs = new HashMap<>();
  private long latestDdcId;
  private long lastEventTime;
  private long accountCount;
  private final Map<Long, TreeMap<Did, Long>> balances = new HashMap<>();
  private final Map<Did, Long> ddcCounts = new HashMap<>();
  private final Set<List<Object>> approvals = new HashSet<>();
  private final Map<Did, Long> points = new HashMap<>();
  private final Map<DdcKind, Long> collected = new EnumMap<>(DdcKind.class);
  private long pointsIssued;
  private final Map<Operation, Long> fees = new EnumMap<>(Operation.class);
  private final Map<Did, Long> nonces = new HashMap<>();
  private final Map<List<Object>, Long> references = new HashMap<>();
  private final Map<Role, Set<Operation>> permissions = new EnumMap<>(Role.class);
  private final Set<Switch> switches = EnumSet.noneOf(Switch.class);
  private final Set<List<Did>> crossPlatform = new HashSet<>();
  private final Map<DdcKind, List<String>> names = new EnumMap<>(DdcKind.class);

  /** An empty state, before {@code ledger.init}. */
  public MemoryState() {
    for (Role r : Role.values()) {
      permissions.put(r, EnumSet.noneOf(Operation.class));
    }
  }

  @Override
  public Optional<String> origin() {
    return Optional.ofNullable(origin);
  }

  @Override
  public long eventCount() {
    return eventCount;
  }

  @Override
  public Optional<Account> account(Did did) {
    return Optional.ofNullable(accounts.get(did));
  }

  @Override
  public Optional<Ddc> ddc(long id) {
    return Optional.ofNullable(ddcs.get(id));
  }

  @Override
  public long accountCount() {
    return accountCount;
  }

  @Override
  public void setAccountCount(long count) {
    accountCount = count;
  }

  @Override
  public long lastEventTime() {
    return lastEventTime;
  }

  @Override
  public void setLastEventTime(long millis) {
    lastEventTime = millis;
  }

  @Override
  public long latestDdcId() {
    return latestDdcId;
  }

  @Override
  public long balance(long ddcId, Did owner) {
    Ddc d = ddcs.get(ddcId);
    if (d != null && d.kind() == DdcKind.DDC_721) {
      return !d.burned() && d.owner().equals(owner) ? 1 : 0;
    }
    TreeMap<Did, Long> m = balances.get(ddcId);
    return m == null ? 0 : m.getOrDefault(owner, 0L);
  }

  @Override
  public SortedMap<Did, Long> holders(long ddcId) {
    Ddc d = ddcs.get(ddcId);
    if (d != null && d.kind() == DdcKind.DDC_721) {
      return d.burned() ? Collections.emptySortedMap() : new TreeMap<>(Map.of(d.owner(), 1L));
    }
    TreeMap<Did, Long> m = balances.get(ddcId);
    return m == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(m));
  }

  @Override
  public long ddcCount(Did owner) {
    return ddcCounts.getOrDefault(owner, 0L);
  }

  @Override
  public boolean approvedForAll(DdcKind kind, Did owner, Did operator) {
    return approvals.contains(List.of(kind, owner, operator));
  }

  @Override
  public long points(Did did) {
    return points.getOrDefault(did, 0L);
  }

  @Override
  public long collected(DdcKind kind) {
    return collected.getOrDefault(kind, 0L);
  }

  @Override
  public long pointsIssued() {
    return pointsIssued;
  }

  @Override
  public OptionalLong fee(Operation operation) {
    Long f = fees.get(operation);
    return f == null ? OptionalLong.empty() : OptionalLong.of(f);
  }

  @Override
  public long lastNonce(Did did) {
    return nonces.getOrDefault(did, 0L);
  }

  @Override
  public OptionalLong reference(Did scope, String ref) {
    Long id = references.get(List.of(scope, ref));
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  @Override
  public boolean permitted(Role role, Operation operation) {
    if (role == Role.OPERATOR) {
      return operation != Operation.LEDGER_INIT;
    }
    return permissions.get(role).contains(operation);
  }

  @Override
  public boolean switchOn(Switch s) {
    return switches.contains(s);
  }

  @Override
  public boolean crossPlatformApproved(Did from, Did to) {
    return crossPlatform.contains(List.of(from, to));
  }

  @Override
  public Optional<List<String>> nameAndSymbol(DdcKind kind) {
    return Optional.ofNullable(names.get(kind));
  }

  @Override
  public void setOrigin(String origin) {
    this.origin = origin;
  }

  @Override
  public void setEventCount(long count) {
    this.eventCount = count;
  }

  @Override
  public void putAccount(Account account) {
    accounts.put(account.did(), account);
  }

  @Override
  public void putDdc(Ddc ddc) {
    ddcs.put(ddc.id(), ddc);
  }

  @Override
  public void setLatestDdcId(long id) {
    latestDdcId = id;
  }

  @Override
  public void setBalance(long ddcId, Did owner, long amount) {
    TreeMap<Did, Long> m = balances.computeIfAbsent(ddcId, k -> new TreeMap<>());
    if (amount == 0) {
      m.remove(owner);
      if (m.isEmpty()) {
        balances.remove(ddcId);
      }
    } else {
      m.put(owner, amount);
    }
  }

  @Override
  public void setDdcCount(Did owner, long count) {
    if (count == 0) {
      ddcCounts.remove(owner);
    } else {
      ddcCounts.put(owner, count);
    }
  }

  @Override
  public void setApprovedForAll(DdcKind kind, Did owner, Did operator, boolean approved) {
    if (approved) {
      approvals.add(List.of(kind, owner, operator));
    } else {
      approvals.remove(List.of(kind, owner, operator));
    }
  }

  @Override
  public void setPoints(Did did, long p) {
    if (p == 0) {
      points.remove(did);
    } else {
      points.put(did, p);
    }
  }

  @Override
  public void setCollected(DdcKind kind, long amount) {
    collected.put(kind, amount);
  }

  @Override
  public void setPointsIssued(long total) {
    pointsIssued = total;
  }

  @Override
  public void setFee(Operation operation, Long amount) {
    if (amount == null) {
      fees.remove(operation);
    } else {
      fees.put(operation, amount);
    }
  }

  @Override
  public void setLastNonce(Did did, long nonce) {
    nonces.put(did, nonce);
  }

  @Override
  public void putReference(Did scope, String ref, long ddcId) {
    references.put(List.of(scope, ref), ddcId);
  }

  @Override
  public void setPermitted(Role role, Operation operation, boolean allowed) {
    if (allowed) {
      permissions.get(role).add(operation);
    } else {
      permissions.get(role).remove(operation);
    }
  }

  @Override
  public void setSwitch(Switch s, boolean on) {
    if (on) {
      switches.add(s);
    } else {
      switches.remove(s);
    }
  }

  @Override
  public void setCrossPlatformApproved(Did from, Did to, boolean approved) {
    if (approved) {
      crossPlatform.add(List.of(from, to));
    } else {
      crossPlatform.remove(List.of(from, to));
    }
  }

  @Override
  public void setNameAndSymbol(DdcKind kind, String name, String symbol) {
    names.put(kind, List.of(name, symbol));
  }

  /**
   * The whole state as canonical JSON: two states are equal exactly when these bytes are. Used
   * to check that replay reproduces a state and that a rejected request changed nothing.
   */
  public byte[] snapshot() {
    Map<String, Object> m = new TreeMap<>();
    m.put("origin", origin == null ? CanonicalJson.NULL : origin);
    m.put("eventCount", eventCount);
    Map<String, Object> acc = new TreeMap<>();
    accounts.forEach((k, a) -> acc.put(k.value(), List.of(a.index(), a.name(), a.role().id(), a.leader().value(),
        a.platformState().id(), a.operatorState().id(), AccountKey.toJson(a.keys()), new TreeMap<>(a.fields()))));
    m.put("accountCount", accountCount);
    m.put("accounts", acc);
    Map<String, Object> ds = new TreeMap<>();
    ddcs.forEach((k, d) -> ds.put(String.format("%016d", k), List.of(d.kind().id(), d.creator().value(),
        str(d.owner()), d.supply(), str(d.uri()), str(d.metadataRoot()), str(d.ref()), str(d.approved()),
        d.frozen(), d.locked(), d.burned(), d.lastSeq())));
    m.put("ddcs", ds);
    m.put("latestDdcId", latestDdcId);
    m.put("lastEventTime", lastEventTime);
    Map<String, Object> bal = new TreeMap<>();
    balances.forEach((k, v) -> {
      Map<String, Object> h = new TreeMap<>();
      v.forEach((o, a) -> h.put(o.value(), a));
      bal.put(String.format("%016d", k), h);
    });
    m.put("balances", bal);
    m.put("ddcCounts", didMap(ddcCounts));
    m.put("approvals", sortedStrings(approvals));
    m.put("points", didMap(points));
    Map<String, Object> col = new TreeMap<>();
    collected.forEach((k, v) -> col.put(k.id(), v));
    m.put("collected", col);
    m.put("pointsIssued", pointsIssued);
    Map<String, Object> f = new TreeMap<>();
    fees.forEach((k, v) -> f.put(k.id(), v));
    m.put("fees", f);
    m.put("nonces", didMap(nonces));
    Map<String, Object> refs = new TreeMap<>();
    references.forEach((k, v) -> refs.put(k.get(0) + " " + k.get(1), v));
    m.put("references", refs);
    Map<String, Object> perms = new TreeMap<>();
    permissions.forEach((r, ops) -> {
      List<Object> l = new ArrayList<>();
      ops.forEach(o -> l.add(o.id()));
      perms.put(r.id(), l);
    });
    m.put("permissions", perms);
    List<Object> sw = new ArrayList<>();
    switches.forEach(s -> sw.add(s.id()));
    m.put("switches", sw);
    m.put("crossPlatform", sortedStrings(crossPlatform));
    Map<String, Object> n = new TreeMap<>();
    names.forEach((k, v) -> n.put(k.id(), v));
    m.put("names", n);
    return CanonicalJson.write(m);
  }

  private static Object str(Object o) {
    return o == null ? CanonicalJson.NULL : o.toString();
  }

  private static Map<String, Object> didMap(Map<Did, Long> m) {
    Map<String, Object> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k.value(), v));
    return out;
  }

  private static List<Object> sortedStrings(Set<? extends List<?>> s) {
    List<String> l = new ArrayList<>();
    for (List<?> x : s) {
      l.add(x.toString());
    }
    Collections.sort(l);
    return new ArrayList<>(l);
  }
}
