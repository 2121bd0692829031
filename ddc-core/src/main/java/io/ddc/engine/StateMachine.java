package io.ddc.engine;

import io.ddc.model.Account;
import io.ddc.model.AccountKey;
import io.ddc.model.AccountState;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.EventType;
import io.ddc.model.Operation;
import io.ddc.model.RequestHeader;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.List;
import java.util.Map;

/**
 * The one place that changes state: applies an event, which the engine has already checked.
 * Replaying a ledger's events through {@link #apply} from an empty state reproduces its state.
 */
public final class StateMachine {
  private StateMachine() {}

  /**
   * Applies {@code event} as the event with sequence number {@code s.eventCount()}. An event
   * that does not fit the state (an unknown account or DDC) is a corrupt log and throws
   * {@link IllegalStateException} before changing anything.
   */
  public static void apply(MutableState s, Event event) {
    long seq = s.eventCount();
    RequestHeader h = event.cause().header();
    switch (event.type()) {
      case LEDGER_INITIALIZED: {
        Did op = event.did("operator");
        s.setOrigin(h.ledger());
        if (s.accountCount() != 0) {
          throw new IllegalStateException("ledger.initialized after " + s.accountCount() + " accounts");
        }
        s.putAccount(new Account(op, 0, event.string("name"), Role.OPERATOR, op, AccountState.ACTIVE,
            AccountState.ACTIVE, Account.keysFrom(strings(event.raw("keys")), event.at()), Map.of()));
        s.setAccountCount(1);
        Map<?, ?> perms = (Map<?, ?>) event.raw("permissions");
        for (Map.Entry<?, ?> e : perms.entrySet()) {
          Role r = Ids.role((String) e.getKey());
          for (Object o : (List<?>) e.getValue()) {
            s.setPermitted(r, Ids.op((String) o), true);
          }
        }
        break;
      }
      case ACCOUNT_ADDED: {
        @SuppressWarnings("unchecked")
        Map<String, String> fields = event.raw("fields") == null ? Map.of() : (Map<String, String>) event.raw("fields");
        long index = s.accountCount();
        s.putAccount(new Account(event.did("did"), index, event.string("name"), Ids.role(event.string("role")),
            event.did("leader"), AccountState.ACTIVE, AccountState.ACTIVE,
            Account.keysFrom(strings(event.raw("keys")), event.at()), fields));
        s.setAccountCount(index + 1);
        break;
      }
      case KEY_ADDED: {
        Account a = account(s, event.did("did"));
        String key = event.string("key");
        if (a.key(key).isPresent()) {
          throw new IllegalStateException(a.did() + " already has key " + key);
        }
        List<AccountKey> keys = new java.util.ArrayList<>(a.keys());
        keys.add(AccountKey.current(key, event.at()));
        s.putAccount(a.withKeys(keys));
        break;
      }
      case KEY_RETIRED:
      case KEY_REVOKED: {
        Account a = account(s, event.did("did"));
        String key = event.string("key");
        List<AccountKey> keys = new java.util.ArrayList<>(a.keys());
        int i = keys.indexOf(a.key(key).orElseThrow(() -> new IllegalStateException(a.did() + " has no key "
            + key)));
        AccountKey k = keys.get(i);
        keys.set(i, event.type() == EventType.KEY_RETIRED ? k.retired(event.at())
            : k.revoked(event.at(), event.number("compromisedSince")));
        s.putAccount(a.withKeys(keys));
        break;
      }
      case ACCOUNT_STATE_CHANGED: {
        Account a = account(s, event.did("did"));
        s.putAccount(a.withStates(Ids.state(event.string("platformState")), Ids.state(event.string("operatorState"))));
        break;
      }
      case SWITCH_SET:
        s.setSwitch(Ids.toggle(event.string("switch")), event.flag("on"));
        break;
      case CROSS_PLATFORM_APPROVAL_SET:
        s.setCrossPlatformApproved(event.did("from"), event.did("to"), event.flag("approved"));
        break;
      case PERMISSION_SET:
        s.setPermitted(Ids.role(event.string("role")), Ids.op(event.string("operation")), event.flag("allowed"));
        break;
      case NAME_SYMBOL_SET:
        s.setNameAndSymbol(Ids.kind(event.string("kind")), event.string("name"), event.string("symbol"));
        break;
      case MINTED: {
        long id = event.number("ddc");
        DdcKind kind = Ids.kind(event.string("kind"));
        Did creator = event.did("creator");
        Did to = event.did("to");
        long amount = event.number("amount");
        String ref = event.optString("ref").orElse(null);
        if (id != s.latestDdcId() + 1) {
          throw new IllegalStateException("minted DDC " + id + " after " + s.latestDdcId());
        }
        Did scope = referenceScope(account(s, creator));
        s.putDdc(new Ddc(id, kind, creator, kind == DdcKind.DDC_721 ? to : null, amount,
            event.optString("uri").orElse(null), event.optHash("metadataRoot").orElse(null), ref, null, false,
            event.flag("locked"), false, seq));
        s.setLatestDdcId(id);
        if (kind == DdcKind.DDC_721) {
          s.setDdcCount(to, s.ddcCount(to) + 1);
        } else {
          s.setBalance(id, to, s.balance(id, to) + amount);
        }
        if (ref != null) {
          s.putReference(scope, ref, id);
        }
        break;
      }
      case TRANSFERRED: {
        Ddc d = ddc(s, event.number("ddc"));
        Did from = event.did("from");
        Did to = event.did("to");
        long amount = event.number("amount");
        if (d.kind() == DdcKind.DDC_721) {
          s.putDdc(d.withOwner(to, seq));
          s.setDdcCount(from, s.ddcCount(from) - 1);
          s.setDdcCount(to, s.ddcCount(to) + 1);
        } else {
          s.setBalance(d.id(), from, s.balance(d.id(), from) - amount);
          s.setBalance(d.id(), to, s.balance(d.id(), to) + amount);
          s.putDdc(d.touched(seq));
        }
        break;
      }
      case APPROVED: {
        Ddc d = ddc(s, event.number("ddc"));
        s.putDdc(d.withApproved(event.did("approved"), seq));
        break;
      }
      case APPROVAL_FOR_ALL_SET:
        s.setApprovedForAll(Ids.kind(event.string("kind")), event.did("owner"), event.did("operator"),
            event.flag("approved"));
        break;
      case FROZEN:
        s.putDdc(ddc(s, event.number("ddc")).withFrozen(true, seq));
        break;
      case UNFROZEN:
        s.putDdc(ddc(s, event.number("ddc")).withFrozen(false, seq));
        break;
      case BURNED: {
        Ddc d = ddc(s, event.number("ddc"));
        Did owner = event.did("owner");
        long amount = event.number("amount");
        if (d.kind() == DdcKind.DDC_721) {
          s.setDdcCount(owner, s.ddcCount(owner) - 1);
        } else {
          s.setBalance(d.id(), owner, s.balance(d.id(), owner) - amount);
        }
        s.putDdc(d.withSupply(d.supply() - amount, seq));
        break;
      }
      case URI_SET:
        s.putDdc(ddc(s, event.number("ddc")).withUri(event.string("uri"), seq));
        break;
      case POINTS_ISSUED: {
        Did to = event.did("to");
        s.setPoints(to, s.points(to) + event.number("amount"));
        s.setPointsIssued(s.pointsIssued() + event.number("amount"));
        break;
      }
      case RECHARGED: {
        Did from = event.did("from");
        Did to = event.did("to");
        long amount = event.number("amount");
        s.setPoints(from, s.points(from) - amount);
        s.setPoints(to, s.points(to) + amount);
        break;
      }
      case FEE_PAID: {
        Did payer = event.did("payer");
        long amount = event.number("amount");
        DdcKind kind = Ids.op(event.string("operation")).kind();
        s.setPoints(payer, s.points(payer) - amount);
        s.setCollected(kind, s.collected(kind) + amount);
        break;
      }
      case FEE_RULE_SET:
        s.setFee(Ids.op(event.string("operation")), event.number("amount"));
        break;
      case FEE_RULE_REMOVED:
        s.setFee(Ids.op(event.string("operation")), null);
        break;
      case SETTLED: {
        DdcKind kind = Ids.kind(event.string("kind"));
        Did to = event.did("to");
        long amount = event.number("amount");
        s.setCollected(kind, s.collected(kind) - amount);
        s.setPoints(to, s.points(to) + amount);
        break;
      }
      default:
        throw new AssertionError(event.type());
    }
    if (event.at() > s.lastEventTime()) {
      s.setLastEventTime(event.at());
    }
    if (h.nonce() > s.lastNonce(h.actor())) {
      s.setLastNonce(h.actor(), h.nonce());
    }
    s.setEventCount(seq + 1);
  }

  /** The scope of a minter's client references: its platform, or itself for the Operator. */
  public static Did referenceScope(Account minter) {
    Did p = minter.platform();
    return p == null ? minter.did() : p;
  }

  private static Account account(StateView s, Did did) {
    return s.account(did).orElseThrow(() -> new IllegalStateException("event names unknown account " + did));
  }

  private static Ddc ddc(StateView s, long id) {
    return s.ddc(id).orElseThrow(() -> new IllegalStateException("event names unknown DDC " + id));
  }

  private static List<String> strings(Object o) {
    @SuppressWarnings("unchecked")
    List<String> l = (List<String>) o;
    return l;
  }
}
