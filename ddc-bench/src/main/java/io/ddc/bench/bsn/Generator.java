package io.ddc.bench.bsn;

import io.ddc.engine.StateView;
import io.ddc.model.Account;
import io.ddc.model.AccountState;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws the operations of one sequence from a seeded {@link Random}, looking at the state both
 * sides are in so that most operations are plausible (an owner transferring its DDC) and some are
 * not (a stranger, a frozen account, an id never minted). The same seed and the same states give
 * the same operations.
 */
public final class Generator {
  /** The operations whose fee a {@link OpKind#SET_FEE} sets: those BSN's contracts charge first. */
  static final List<Operation> CHARGED = List.of(Operation.DDC721_MINT, Operation.DDC721_SAFE_MINT,
      Operation.DDC721_TRANSFER, Operation.DDC721_SAFE_TRANSFER, Operation.DDC721_BURN, Operation.DDC1155_MINT,
      Operation.DDC1155_TRANSFER, Operation.DDC1155_BURN);
  /** DDC operations BSN's contracts never charge for (a fee can still be set on them in both). */
  static final List<Operation> UNCHARGED = List.of(Operation.DDC721_APPROVE, Operation.DDC721_SET_APPROVAL_FOR_ALL,
      Operation.DDC721_SET_URI, Operation.DDC721_FREEZE, Operation.DDC1155_SET_APPROVAL_FOR_ALL,
      Operation.DDC1155_SET_URI, Operation.DDC1155_FREEZE);

  private final Random random;
  private final Accounts accounts;
  private final List<OpKind> kinds;
  private final int totalWeight;
  private int uriCounter;

  /** A generator over {@code accounts} drawing from {@code random}; {@code fees} includes the fee operations. */
  public Generator(Random random, Accounts accounts, boolean fees) {
    this.random = random;
    this.accounts = accounts;
    List<OpKind> k = new ArrayList<>();
    int w = 0;
    for (OpKind kind : OpKind.values()) {
      if (fees || !kind.fee()) {
        k.add(kind);
        w += kind.weight();
      }
    }
    this.kinds = List.copyOf(k);
    this.totalWeight = w;
  }

  /** The next operation, given the current state and DDCs. */
  public Op next(StateView state, DdcIds ids) {
    View v = new View(state, ids);
    OpKind kind = v.platforms().size() < 2 || v.consumers().size() < 3 && random.nextInt(2) == 0
        ? OpKind.ADD_ACCOUNT : drawKind();
    return switch (kind) {
      case ADD_ACCOUNT -> addAccount(v);
      case ADD_ACCOUNTS_BATCH -> addAccountsBatch(v);
      case SET_STATE -> setState(v);
      case SET_SWITCH -> setSwitch(v);
      case CROSS_PLATFORM -> crossPlatform(v);
      case MINT_721, SAFE_MINT_721, MINT_721_BATCH, MINT_1155, MINT_1155_BATCH -> mint(v, kind);
      case TRANSFER_721, SAFE_TRANSFER_721 -> transfer721(v, kind);
      case TRANSFER_1155, TRANSFER_1155_BATCH -> transfer1155(v, kind);
      case APPROVE_721 -> approve(v);
      case APPROVAL_FOR_ALL -> approvalForAll(v);
      case FREEZE, UNFREEZE -> freeze(v, kind);
      case BURN_721 -> burn721(v);
      case BURN_1155, BURN_1155_BATCH -> burn1155(v, kind);
      case SET_URI_721, SET_URI_1155 -> setUri(v, kind);
      case SELF_RECHARGE -> Op.of(kind, chance(90) ? 0 : v.anyAdded()).amounts(List.of(1L + random.nextInt(1000)))
          .build();
      case RECHARGE -> recharge(v);
      case RECHARGE_BATCH -> rechargeBatch(v);
      case SET_FEE -> Op.of(kind, chance(90) ? 0 : v.anyAdded()).feeOperation(feeOperation())
          .amounts(List.of((long) random.nextInt(21))).build();
      case DELETE_FEE -> Op.of(kind, chance(90) ? 0 : v.anyAdded()).feeOperation(feeOperation()).build();
      case SETTLE -> settle(v);
    };
  }

  private OpKind drawKind() {
    int r = random.nextInt(totalWeight);
    for (OpKind k : kinds) {
      r -= k.weight();
      if (r < 0) {
        return k;
      }
    }
    throw new IllegalStateException("weights");
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private String uri() {
    return "ipfs://u" + (++uriCounter);
  }

  private Operation feeOperation() {
    return chance(60) ? pick(CHARGED) : pick(UNCHARGED);
  }

  // ---- accounts ----

  private Op addAccount(View v) {
    int target = v.unadded().isEmpty() || chance(8) ? v.anySlot() : pick(v.unadded());
    boolean platform = v.platforms().size() < 2 || chance(35);
    int actor;
    if (chance(75) || v.platforms().isEmpty()) {
      actor = chance(95) ? 0 : v.anySlot();
    } else {
      actor = pick(v.platforms());
      platform = chance(10) && platform;
    }
    int leader = -1;
    if (!platform) {
      leader = v.platforms().isEmpty() || chance(7) ? v.anySlot() : pick(v.platforms());
    }
    return Op.of(OpKind.ADD_ACCOUNT, actor).account(target).other(leader).build();
  }

  private Op addAccountsBatch(View v) {
    List<Integer> targets = new ArrayList<>();
    List<Integer> leaders = new ArrayList<>();
    int actor = chance(70) || v.platforms().isEmpty() ? 0 : pick(v.platforms());
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      targets.add(v.unadded().isEmpty() || chance(10) ? v.anySlot() : pick(v.unadded()));
      if (actor != 0) {
        leaders.add(actor);
      } else {
        leaders.add(v.platforms().isEmpty() || chance(30) ? -1 : pick(v.platforms()));
      }
    }
    return Op.of(OpKind.ADD_ACCOUNTS_BATCH, actor).accounts(targets).ddcs(List.of()).amounts(
        leaders.stream().map(Long::valueOf).toList()).build();
  }

  private Op setState(View v) {
    int actor;
    int target;
    if (chance(60) || v.platforms().isEmpty()) {
      actor = chance(95) ? 0 : v.anyAdded();
      target = chance(5) ? 0 : v.anyAdded();
    } else {
      actor = pick(v.platforms());
      List<Integer> own = v.consumersOf(actor);
      target = own.isEmpty() || chance(15) ? v.anyAdded() : pick(own);
    }
    Account t = v.account(target);
    boolean platformState = chance(50);
    boolean active = t == null || (platformState ? t.platformState() : t.operatorState()) == AccountState.ACTIVE;
    boolean freeze = active ? chance(80) : chance(15);
    return Op.of(OpKind.SET_STATE, actor).account(target).flag(platformState)
        .uris(List.of(freeze ? "frozen" : "active")).build();
  }

  private Op setSwitch(View v) {
    Switch s = chance(60) ? Switch.PLATFORM_ADD_CONSUMER : Switch.BATCH;
    boolean on = v.state.switchOn(s) ? chance(10) : chance(90);
    return Op.of(OpKind.SET_SWITCH, chance(90) ? 0 : v.anyAdded()).switchName(s.id()).flag(on).build();
  }

  private Op crossPlatform(View v) {
    int from = v.platforms().isEmpty() || chance(10) ? v.anyAdded() : pick(v.platforms());
    int to = v.platforms().isEmpty() || chance(10) ? v.anyAdded() : pick(v.platforms());
    return Op.of(OpKind.CROSS_PLATFORM, chance(92) ? 0 : v.anyAdded()).other(from).account(to).flag(chance(80))
        .build();
  }

  // ---- DDCs ----

  private Op mint(View v, OpKind kind) {
    int actor = chance(60) && !v.platforms().isEmpty() ? pick(v.platforms()) : chance(50) ? 0 : v.anyAdded();
    int to;
    List<Integer> own = v.sameScope(actor);
    if (chance(65) && !own.isEmpty()) {
      to = pick(own);
    } else {
      to = chance(95) ? v.anyAdded() : v.anySlot();
      // (a third of the mints go to any account: most of those cross platforms)
    }
    int n = kind == OpKind.MINT_721_BATCH || kind == OpKind.MINT_1155_BATCH ? 1 + random.nextInt(3) : 1;
    List<String> uris = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      uris.add(chance(60) ? uri() : "");
      amounts.add(1L + random.nextInt(10));
    }
    boolean batch = n > 1 || kind == OpKind.MINT_721_BATCH || kind == OpKind.MINT_1155_BATCH;
    boolean locked = !batch && chance(8);
    return Op.of(kind, actor).account(to).uris(uris).amounts(amounts).flag(locked).build();
  }

  private int ddcOf(View v, DdcKind kind) {
    List<Integer> slots = v.ids.slotsOf(kind);
    return slots.isEmpty() || chance(4) ? -1 : pick(slots);
  }

  private Op transfer721(View v, OpKind kind) {
    int d = ddcOf(v, DdcKind.DDC_721);
    Ddc ddc = v.ddc(d);
    int owner = ddc == null ? v.anyAdded() : v.slot(ddc.owner());
    int from = chance(90) ? owner : v.anyAdded();
    int actor = actorFor(v, DdcKind.DDC_721, owner, ddc);
    int to = chance(60) && !v.sameScope(owner).isEmpty() ? pick(v.sameScope(owner)) : v.anyAdded();
    return Op.of(kind, actor).other(from).account(to).ddcs(List.of(d)).build();
  }

  /** An owner, its approved account, an operator-for-all, the Operator or anyone. */
  private int actorFor(View v, DdcKind kind, int owner, Ddc ddc) {
    int r = random.nextInt(100);
    if (r < 55) {
      return owner;
    }
    if (r < 70 && ddc != null && ddc.approved() != null) {
      return v.slot(ddc.approved());
    }
    if (r < 85) {
      List<Integer> operators = v.operatorsFor(kind, owner);
      if (!operators.isEmpty()) {
        return pick(operators);
      }
    }
    return r < 90 ? 0 : v.anyAdded();
  }

  private Op transfer1155(View v, OpKind kind) {
    int n = kind == OpKind.TRANSFER_1155_BATCH ? 1 + random.nextInt(3) : 1;
    int first = ddcOf(v, DdcKind.DDC_1155);
    List<Integer> holders = first < 0 ? List.of() : v.holders(first);
    int from = holders.isEmpty() || chance(12) ? v.anyAdded() : pick(holders);
    List<Integer> ddcs = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    ddcs.add(first);
    for (int i = 1; i < n; i++) {
      List<Integer> held = v.heldBy(from);
      ddcs.add(held.isEmpty() || chance(20) ? ddcOf(v, DdcKind.DDC_1155) : pick(held));
    }
    for (int d : ddcs) {
      long balance = d < 0 ? 0 : v.state.balance(v.ids.get(d).ddcId(), accounts.did(from));
      amounts.add(balance > 0 && chance(85) ? 1 + (long) random.nextInt((int) Math.min(balance, 1000)) : 1 + balance);
    }
    int actor = actorFor(v, DdcKind.DDC_1155, from, null);
    int to = chance(60) && !v.sameScope(from).isEmpty() ? pick(v.sameScope(from)) : v.anyAdded();
    return Op.of(kind, actor).other(from).account(to).ddcs(ddcs).amounts(amounts).build();
  }

  private Op approve(View v) {
    int d = ddcOf(v, DdcKind.DDC_721);
    Ddc ddc = v.ddc(d);
    int owner = ddc == null ? v.anyAdded() : v.slot(ddc.owner());
    int actor = chance(70) ? owner : actorFor(v, DdcKind.DDC_721, owner, ddc);
    int to = chance(70) && !v.sameScope(owner).isEmpty() ? pick(v.sameScope(owner)) : v.anyAdded();
    return Op.of(OpKind.APPROVE_721, actor).account(to).ddcs(List.of(d)).build();
  }

  private Op approvalForAll(View v) {
    int actor = chance(90) ? v.anyAdded() : 0;
    int operator = chance(75) && !v.sameScope(actor).isEmpty() ? pick(v.sameScope(actor)) : v.anyAdded();
    return Op.of(OpKind.APPROVAL_FOR_ALL, actor).account(operator)
        .ddcKind(chance(50) ? DdcKind.DDC_721 : DdcKind.DDC_1155).flag(chance(75)).build();
  }

  private Op freeze(View v, OpKind kind) {
    DdcKind k = chance(50) ? DdcKind.DDC_721 : DdcKind.DDC_1155;
    int d = ddcOf(v, k);
    if (kind == OpKind.UNFREEZE && chance(70)) {
      List<Integer> frozen = v.frozen(k);
      d = frozen.isEmpty() ? d : pick(frozen);
    }
    return Op.of(kind, chance(85) ? 0 : v.anyAdded()).ddcKind(k).ddcs(List.of(d)).build();
  }

  private Op burn721(View v) {
    int d = ddcOf(v, DdcKind.DDC_721);
    Ddc ddc = v.ddc(d);
    int owner = ddc == null ? v.anyAdded() : v.slot(ddc.owner());
    int actor = ddc != null && ddc.frozen() && chance(60) ? 0 : actorFor(v, DdcKind.DDC_721, owner, ddc);
    return Op.of(OpKind.BURN_721, actor).ddcs(List.of(d)).build();
  }

  private Op burn1155(View v, OpKind kind) {
    int first = ddcOf(v, DdcKind.DDC_1155);
    Ddc ddc = v.ddc(first);
    List<Integer> holders = first < 0 ? List.of() : v.holders(first);
    int owner;
    int actor;
    if (ddc != null && ddc.frozen() && chance(60)) {
      actor = 0;
      owner = chance(80) ? 0 : holders.isEmpty() ? v.anyAdded() : pick(holders);
    } else {
      owner = holders.isEmpty() || chance(10) ? v.anyAdded() : pick(holders);
      actor = actorFor(v, DdcKind.DDC_1155, owner, null);
    }
    List<Integer> ddcs = new ArrayList<>();
    ddcs.add(first);
    if (kind == OpKind.BURN_1155_BATCH) {
      List<Integer> held = v.heldBy(owner);
      for (int i = random.nextInt(2); i < 2; i++) {
        ddcs.add(held.isEmpty() || chance(20) ? ddcOf(v, DdcKind.DDC_1155) : pick(held));
      }
    }
    return Op.of(kind, actor).other(owner).ddcs(ddcs).build();
  }

  private Op setUri(View v, OpKind kind) {
    DdcKind k = kind == OpKind.SET_URI_721 ? DdcKind.DDC_721 : DdcKind.DDC_1155;
    int d = ddcOf(v, k);
    Ddc ddc = v.ddc(d);
    int actor;
    if (ddc == null) {
      actor = v.anyAdded();
    } else if (k == DdcKind.DDC_721) {
      actor = actorFor(v, k, v.slot(ddc.owner()), ddc);
    } else {
      List<Integer> holders = v.holders(d);
      int r = random.nextInt(100);
      actor = r < 40 ? v.slot(ddc.creator()) : r < 75 && !holders.isEmpty() ? pick(holders) : r < 85 ? 0 : v.anyAdded();
    }
    return Op.of(kind, actor).ddcs(List.of(d)).uris(List.of(uri())).build();
  }

  // ---- fees ----

  private Op recharge(View v) {
    List<Integer> funded = v.withPoints();
    int actor = funded.isEmpty() || chance(15) ? (chance(50) ? 0 : v.anyAdded()) : pick(funded);
    int to = v.anyAdded();
    long have = v.state.points(accounts.did(actor));
    long amount = have > 0 && chance(85) ? 1 + random.nextInt((int) Math.min(have, 1000)) : have + 1;
    return Op.of(OpKind.RECHARGE, actor).account(to).amounts(List.of(amount)).build();
  }

  private Op rechargeBatch(View v) {
    List<Integer> targets = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      targets.add(v.anyAdded());
      amounts.add(1L + random.nextInt(50));
    }
    return Op.of(OpKind.RECHARGE_BATCH, chance(80) ? 0 : v.anyAdded()).accounts(targets).amounts(amounts).build();
  }

  private Op settle(View v) {
    DdcKind k = chance(50) ? DdcKind.DDC_721 : DdcKind.DDC_1155;
    long collected = v.state.collected(k);
    long amount = collected > 0 && chance(80) ? 1 + random.nextInt((int) Math.min(collected, 1000)) : collected + 1;
    return Op.of(OpKind.SETTLE, chance(90) ? 0 : v.anyAdded()).ddcKind(k).amounts(List.of(amount)).build();
  }

  /** The state seen through slots. */
  private final class View {
    private final StateView state;
    private final DdcIds ids;
    private final List<Integer> added = new ArrayList<>();
    private final List<Integer> unadded = new ArrayList<>();
    private final List<Integer> platforms = new ArrayList<>();
    private final List<Integer> consumers = new ArrayList<>();

    View(StateView state, DdcIds ids) {
      this.state = state;
      this.ids = ids;
      for (int i = 0; i < accounts.size(); i++) {
        Account a = account(i);
        if (a == null) {
          unadded.add(i);
          continue;
        }
        added.add(i);
        if (a.role() == Role.PLATFORM) {
          platforms.add(i);
        } else if (a.role() == Role.CONSUMER) {
          consumers.add(i);
        }
      }
    }

    Account account(int slot) {
      return state.account(accounts.did(slot)).orElse(null);
    }

    int slot(Did did) {
      for (int i = 0; i < accounts.size(); i++) {
        if (accounts.did(i).equals(did)) {
          return i;
        }
      }
      throw new IllegalStateException("no slot for " + did);
    }

    List<Integer> unadded() {
      return unadded;
    }

    List<Integer> platforms() {
      return platforms;
    }

    List<Integer> consumers() {
      return consumers;
    }

    int anyAdded() {
      return pick(added);
    }

    int anySlot() {
      return random.nextInt(accounts.size());
    }

    List<Integer> consumersOf(int platform) {
      List<Integer> out = new ArrayList<>();
      for (int c : consumers) {
        if (account(c).leader().equals(accounts.did(platform))) {
          out.add(c);
        }
      }
      return out;
    }

    /** The other accounts on the slot's platform (for the Operator: every other account). */
    List<Integer> sameScope(int slot) {
      Account a = account(slot);
      List<Integer> out = new ArrayList<>();
      for (int s : added) {
        Account b = account(s);
        if (s != slot && a != null && (a.platform() == null || java.util.Objects.equals(a.platform(), b.platform()))) {
          out.add(s);
        }
      }
      return out;
    }

    Ddc ddc(int slot) {
      return slot < 0 ? null : state.ddc(ids.get(slot).ddcId()).orElse(null);
    }

    List<Integer> holders(int slot) {
      List<Integer> out = new ArrayList<>();
      for (Map.Entry<Did, Long> e : state.holders(ids.get(slot).ddcId()).entrySet()) {
        out.add(slot(e.getKey()));
      }
      return out;
    }

    List<Integer> heldBy(int owner) {
      List<Integer> out = new ArrayList<>();
      for (int d : ids.slotsOf(DdcKind.DDC_1155)) {
        if (state.balance(ids.get(d).ddcId(), accounts.did(owner)) > 0) {
          out.add(d);
        }
      }
      return out;
    }

    List<Integer> operatorsFor(DdcKind kind, int owner) {
      List<Integer> out = new ArrayList<>();
      for (int s : added) {
        if (state.approvedForAll(kind, accounts.did(owner), accounts.did(s))) {
          out.add(s);
        }
      }
      return out;
    }

    List<Integer> frozen(DdcKind kind) {
      List<Integer> out = new ArrayList<>();
      for (int d : ids.slotsOf(kind)) {
        if (ddc(d).frozen()) {
          out.add(d);
        }
      }
      return out;
    }

    List<Integer> withPoints() {
      List<Integer> out = new ArrayList<>();
      for (int s : added) {
        if (state.points(accounts.did(s)) > 0) {
          out.add(s);
        }
      }
      return out;
    }
  }
}
