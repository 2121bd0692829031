package io.ddc.bench.bsn;

import io.ddc.bench.bsn.Bridge.BridgeException;
import io.ddc.bench.bsn.Bridge.Call;
import io.ddc.bench.bsn.Bridge.ReadResult;
import io.ddc.engine.StateView;
import io.ddc.model.Account;
import io.ddc.model.AccountState;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Switch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the observable state of both sides: every account (role, leader, states), fee
 * balances and totals, DDC-721 counts, and every DDC (owner, approval and URI of a DDC-721, every
 * slot's balance and the URI of a DDC-1155), plus the approval-for-all an operation set. A
 * DDC's frozen and locked flags and the batch switch have no getter in BSN's contracts: they
 * are compared through the outcomes of later operations only.
 */
public final class Observer {
  /** The value expected of a read that reverts. */
  public static final String REVERT = "REVERT";
  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  private final Accounts accounts;
  private final Map<String, String> contracts;

  /** An observer of these accounts and contracts. */
  public Observer(Accounts accounts, Map<String, String> contracts) {
    this.accounts = accounts;
    this.contracts = Map.copyOf(contracts);
  }

  /** One read and what ddc's state says it should give. */
  record Check(String what, Call call, String expected) {}

  /** The differences between ddc's state and the chain's, one line each; empty when they agree. */
  public List<String> compare(Bridge bridge, StateView state, DdcIds ids, Op op) throws BridgeException {
    List<Check> checks = checks(state, ids, op);
    List<Call> calls = new ArrayList<>();
    for (Check c : checks) {
      calls.add(c.call());
    }
    List<ReadResult> results = bridge.read(calls);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      String actual = normalise(results.get(i));
      if (!actual.equals(checks.get(i).expected())) {
        out.add(checks.get(i).what() + ": ddc " + checks.get(i).expected() + ", BSN " + actual);
      }
    }
    return out;
  }

  /** The checks for the state after {@code op} (which adds the approval-for-all it set). */
  List<Check> checks(StateView state, DdcIds ids, Op op) {
    List<Check> checks = new ArrayList<>();
    for (int s = 0; s < accounts.size(); s++) {
      Did did = accounts.did(s);
      String addr = accounts.address(s);
      Optional<Account> a = state.account(did);
      checks.add(new Check("account s" + s, call(BsnCalls.AUTHORITY, "getAccount(address)", addr),
          a.map(Observer::accountRow).orElse("||0||0|0|")));
      checks.add(new Check("points s" + s, call(BsnCalls.CHARGE, "balanceOf(address)", addr),
          Long.toString(state.points(did))));
      checks.add(new Check("ddc721 count s" + s, call(BsnCalls.DDC721, "balanceOf(address)", addr),
          Long.toString(state.ddcCount(did))));
    }
    for (DdcKind k : DdcKind.values()) {
      String contract = Translator.kindContract(k);
      checks.add(new Check("collected " + k.id(), call(BsnCalls.CHARGE, "balanceOf(address)", contracts.get(contract)),
          Long.toString(state.collected(k))));
      checks.add(new Check("latest id " + k.id(), call(contract, "getLatestDDCId()"), Long.toString(ids.bsnLatest(k))));
    }
    checks.add(new Check("points issued", call(BsnCalls.CHARGE, "totalSupply()"), Long.toString(state.pointsIssued())));
    checks.add(new Check("switch platformAddConsumer", call(BsnCalls.AUTHORITY, "switcherStateOfPlatform()"),
        Boolean.toString(state.switchOn(Switch.PLATFORM_ADD_CONSUMER))));
    for (int slot = 0; slot < ids.size(); slot++) {
      DdcIds.Entry e = ids.get(slot);
      Ddc d = state.ddc(e.ddcId()).orElseThrow();
      String name = "d" + slot + " (" + e.kind().id() + " ddc #" + e.ddcId() + ", BSN #" + e.bsnId() + ")";
      if (e.kind() == DdcKind.DDC_721) {
        checks.add(new Check(name + " owner", call(BsnCalls.DDC721, "ownerOf(uint256)", e.bsnId()),
            d.burned() ? REVERT : address(d.owner())));
        checks.add(new Check(name + " approved", call(BsnCalls.DDC721, "getApproved(uint256)", e.bsnId()),
            d.burned() ? REVERT : d.approved() == null ? ZERO : address(d.approved())));
        checks.add(new Check(name + " uri", call(BsnCalls.DDC721, "ddcURI(uint256)", e.bsnId()),
            d.burned() ? REVERT : nullToEmpty(d.uri())));
      } else {
        for (int s = 0; s < accounts.size(); s++) {
          checks.add(new Check(name + " balance s" + s,
              call(BsnCalls.DDC1155, "balanceOf(address,uint256)", accounts.address(s), e.bsnId()),
              Long.toString(state.balance(e.ddcId(), accounts.did(s)))));
        }
        checks.add(new Check(name + " uri", call(BsnCalls.DDC1155, "ddcURI(uint256)", e.bsnId()), nullToEmpty(d.uri())));
      }
    }
    if (op.kind() == OpKind.APPROVAL_FOR_ALL) {
      checks.add(new Check("approved for all " + op.ddcKind().id() + " s" + op.actor() + " -> s" + op.account(),
          call(Translator.kindContract(op.ddcKind()), "isApprovedForAll(address,address)",
              accounts.address(op.actor()), accounts.address(op.account())),
          Boolean.toString(state.approvedForAll(op.ddcKind(), accounts.did(op.actor()), accounts.did(op.account())))));
    }
    return checks;
  }

  private static String accountRow(Account a) {
    int role = switch (a.role()) {
      case OPERATOR -> 0;
      case PLATFORM -> 1;
      case CONSUMER -> 2;
    };
    return String.join("|", a.did().value(), a.name(), Integer.toString(role), a.leader().value(),
        a.platformState() == AccountState.ACTIVE ? "1" : "0", a.operatorState() == AccountState.ACTIVE ? "1" : "0", "");
  }

  private String address(Did did) {
    for (int s = 0; s < accounts.size(); s++) {
      if (accounts.did(s).equals(did)) {
        return accounts.address(s).toLowerCase(Locale.ROOT);
      }
    }
    return "unknown " + did;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String normalise(ReadResult r) {
    if (!r.ok()) {
      return REVERT;
    }
    List<String> parts = new ArrayList<>();
    for (Object v : r.value()) {
      String s = String.valueOf(v);
      parts.add(s.startsWith("0x") ? s.toLowerCase(Locale.ROOT) : s);
    }
    return String.join("|", parts);
  }

  private static Call call(String contract, String fn, Object... args) {
    return new Call(contract, fn, List.of(args));
  }
}
