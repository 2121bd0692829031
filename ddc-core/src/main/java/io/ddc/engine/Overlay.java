package io.ddc.engine;

import io.ddc.model.Account;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Pending changes over a read-only base: the engine applies a request's events here while it
 * checks the rest of the request, so later items see earlier items' effects, and throws the
 * overlay away. The base is never written.
 */
final class Overlay implements MutableState {
  private static final Object ABSENT = new Object();

  private final StateView base;
  private final Map<Object, Object> changes = new HashMap<>();
  private final Map<Long, Map<Did, Long>> balances = new HashMap<>();

  Overlay(StateView base) {
    this.base = base;
  }

  private Object get(Object key) {
    return changes.get(key);
  }

  @Override
  public Optional<String> origin() {
    Object v = get("origin");
    return v == null ? base.origin() : Optional.of((String) v);
  }

  @Override
  public long eventCount() {
    Object v = get("eventCount");
    return v == null ? base.eventCount() : (Long) v;
  }

  @Override
  public long lastEventTime() {
    Object v = get("lastEventTime");
    return v == null ? base.lastEventTime() : (Long) v;
  }

  @Override
  public void setLastEventTime(long millis) {
    changes.put("lastEventTime", millis);
  }

  @Override
  public Optional<Account> account(Did did) {
    Object v = get(List.of("account", did));
    return v == null ? base.account(did) : Optional.of((Account) v);
  }

  @Override
  public Optional<Ddc> ddc(long id) {
    Object v = get(List.of("ddc", id));
    return v == null ? base.ddc(id) : Optional.of((Ddc) v);
  }

  @Override
  public long accountCount() {
    Object v = get("accountCount");
    return v == null ? base.accountCount() : (Long) v;
  }

  @Override
  public void setAccountCount(long count) {
    changes.put("accountCount", count);
  }

  @Override
  public long latestDdcId() {
    Object v = get("latestDdcId");
    return v == null ? base.latestDdcId() : (Long) v;
  }

  @Override
  public long balance(long ddcId, Did owner) {
    Optional<Ddc> d = ddc(ddcId);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      return !d.get().burned() && d.get().owner().equals(owner) ? 1 : 0;
    }
    Map<Did, Long> m = balances.get(ddcId);
    if (m != null && m.containsKey(owner)) {
      return m.get(owner);
    }
    return base.balance(ddcId, owner);
  }

  @Override
  public SortedMap<Did, Long> holders(long ddcId) {
    Optional<Ddc> d = ddc(ddcId);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      return d.get().burned() ? Collections.emptySortedMap() : new TreeMap<>(Map.of(d.get().owner(), 1L));
    }
    TreeMap<Did, Long> out = new TreeMap<>(base.holders(ddcId));
    Map<Did, Long> m = balances.get(ddcId);
    if (m != null) {
      m.forEach((k, v) -> {
        if (v == 0) {
          out.remove(k);
        } else {
          out.put(k, v);
        }
      });
    }
    return out;
  }

  @Override
  public long ddcCount(Did owner) {
    Object v = get(List.of("ddcCount", owner));
    return v == null ? base.ddcCount(owner) : (Long) v;
  }

  @Override
  public boolean approvedForAll(DdcKind kind, Did owner, Did operator) {
    Object v = get(List.of("approval", kind, owner, operator));
    return v == null ? base.approvedForAll(kind, owner, operator) : (Boolean) v;
  }

  @Override
  public long points(Did did) {
    Object v = get(List.of("points", did));
    return v == null ? base.points(did) : (Long) v;
  }

  @Override
  public long collected(DdcKind kind) {
    Object v = get(List.of("collected", kind));
    return v == null ? base.collected(kind) : (Long) v;
  }

  @Override
  public long pointsIssued() {
    Object v = get("pointsIssued");
    return v == null ? base.pointsIssued() : (Long) v;
  }

  @Override
  public OptionalLong fee(Operation operation) {
    Object v = get(List.of("fee", operation));
    if (v == null) {
      return base.fee(operation);
    }
    return v == ABSENT ? OptionalLong.empty() : OptionalLong.of((Long) v);
  }

  @Override
  public long lastNonce(Did did) {
    Object v = get(List.of("nonce", did));
    return v == null ? base.lastNonce(did) : (Long) v;
  }

  @Override
  public OptionalLong reference(Did scope, String ref) {
    Object v = get(List.of("ref", scope, ref));
    return v == null ? base.reference(scope, ref) : OptionalLong.of((Long) v);
  }

  @Override
  public boolean permitted(Role role, Operation operation) {
    Object v = get(List.of("perm", role, operation));
    return v == null ? base.permitted(role, operation) : (Boolean) v;
  }

  @Override
  public boolean switchOn(Switch s) {
    Object v = get(List.of("switch", s));
    return v == null ? base.switchOn(s) : (Boolean) v;
  }

  @Override
  public boolean crossPlatformApproved(Did from, Did to) {
    Object v = get(List.of("cross", from, to));
    return v == null ? base.crossPlatformApproved(from, to) : (Boolean) v;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<List<String>> nameAndSymbol(DdcKind kind) {
    Object v = get(List.of("name", kind));
    return v == null ? base.nameAndSymbol(kind) : Optional.of((List<String>) v);
  }

  /**
   * Writes the final value of everything this overlay changed into {@code target}, which must be
   * the state the overlay was made over: the same state replaying its events would give.
   */
  @SuppressWarnings("unchecked")
  void applyTo(MutableState target) {
    for (Map.Entry<Object, Object> e : changes.entrySet()) {
      Object k = e.getKey();
      Object v = e.getValue();
      if (k instanceof String) {
        switch ((String) k) {
          case "origin":
            target.setOrigin((String) v);
            break;
          case "eventCount":
            target.setEventCount((Long) v);
            break;
          case "latestDdcId":
            target.setLatestDdcId((Long) v);
            break;
          case "lastEventTime":
            target.setLastEventTime((Long) v);
            break;
          case "accountCount":
            target.setAccountCount((Long) v);
            break;
          case "pointsIssued":
            target.setPointsIssued((Long) v);
            break;
          default:
            throw new AssertionError(k);
        }
        continue;
      }
      List<Object> key = (List<Object>) k;
      switch ((String) key.get(0)) {
        case "account":
          target.putAccount((Account) v);
          break;
        case "ddc":
          target.putDdc((Ddc) v);
          break;
        case "ddcCount":
          target.setDdcCount((Did) key.get(1), (Long) v);
          break;
        case "approval":
          target.setApprovedForAll((DdcKind) key.get(1), (Did) key.get(2), (Did) key.get(3), (Boolean) v);
          break;
        case "points":
          target.setPoints((Did) key.get(1), (Long) v);
          break;
        case "collected":
          target.setCollected((DdcKind) key.get(1), (Long) v);
          break;
        case "fee":
          target.setFee((Operation) key.get(1), v == ABSENT ? null : (Long) v);
          break;
        case "nonce":
          target.setLastNonce((Did) key.get(1), (Long) v);
          break;
        case "ref":
          target.putReference((Did) key.get(1), (String) key.get(2), (Long) v);
          break;
        case "perm":
          target.setPermitted((Role) key.get(1), (Operation) key.get(2), (Boolean) v);
          break;
        case "switch":
          target.setSwitch((Switch) key.get(1), (Boolean) v);
          break;
        case "cross":
          target.setCrossPlatformApproved((Did) key.get(1), (Did) key.get(2), (Boolean) v);
          break;
        case "name":
          List<String> ns = (List<String>) v;
          target.setNameAndSymbol((DdcKind) key.get(1), ns.get(0), ns.get(1));
          break;
        default:
          throw new AssertionError(key);
      }
    }
    balances.forEach((id, m) -> m.forEach((owner, amount) -> target.setBalance(id, owner, amount)));
  }

  @Override
  public void setOrigin(String origin) {
    changes.put("origin", origin);
  }

  @Override
  public void setEventCount(long count) {
    changes.put("eventCount", count);
  }

  @Override
  public void putAccount(Account account) {
    changes.put(List.of("account", account.did()), account);
  }

  @Override
  public void putDdc(Ddc ddc) {
    changes.put(List.of("ddc", ddc.id()), ddc);
  }

  @Override
  public void setLatestDdcId(long id) {
    changes.put("latestDdcId", id);
  }

  @Override
  public void setBalance(long ddcId, Did owner, long amount) {
    balances.computeIfAbsent(ddcId, k -> new HashMap<>()).put(owner, amount);
  }

  @Override
  public void setDdcCount(Did owner, long count) {
    changes.put(List.of("ddcCount", owner), count);
  }

  @Override
  public void setApprovedForAll(DdcKind kind, Did owner, Did operator, boolean approved) {
    changes.put(List.of("approval", kind, owner, operator), approved);
  }

  @Override
  public void setPoints(Did did, long p) {
    changes.put(List.of("points", did), p);
  }

  @Override
  public void setCollected(DdcKind kind, long amount) {
    changes.put(List.of("collected", kind), amount);
  }

  @Override
  public void setPointsIssued(long total) {
    changes.put("pointsIssued", total);
  }

  @Override
  public void setFee(Operation operation, Long amount) {
    changes.put(List.of("fee", operation), amount == null ? ABSENT : amount);
  }

  @Override
  public void setLastNonce(Did did, long nonce) {
    changes.put(List.of("nonce", did), nonce);
  }

  @Override
  public void putReference(Did scope, String ref, long ddcId) {
    changes.put(List.of("ref", scope, ref), ddcId);
  }

  @Override
  public void setPermitted(Role role, Operation operation, boolean allowed) {
    changes.put(List.of("perm", role, operation), allowed);
  }

  @Override
  public void setSwitch(Switch s, boolean on) {
    changes.put(List.of("switch", s), on);
  }

  @Override
  public void setCrossPlatformApproved(Did from, Did to, boolean approved) {
    changes.put(List.of("cross", from, to), approved);
  }

  @Override
  public void setNameAndSymbol(DdcKind kind, String name, String symbol) {
    changes.put(List.of("name", kind), List.of(name, symbol));
  }
}
