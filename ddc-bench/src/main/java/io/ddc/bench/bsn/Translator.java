package io.ddc.bench.bsn;

import static io.ddc.bench.bsn.BsnCalls.AUTHORITY;
import static io.ddc.bench.bsn.BsnCalls.CHARGE;
import static io.ddc.bench.bsn.BsnCalls.DDC1155;
import static io.ddc.bench.bsn.BsnCalls.DDC721;

import io.ddc.bench.bsn.Bridge.Tx;
import io.ddc.engine.StateView;
import io.ddc.model.Account;
import io.ddc.model.AccountState;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates an {@link Op} into ddc's request (operation and items) and into the BSN
 * transactions docs/BSN.md maps it to. Both are built from the same state (both sides are kept in
 * the same one), the DDC ids through {@link DdcIds}.
 */
public final class Translator {
  private static final String NO_DATA = "0x";

  private final Accounts accounts;
  private final Map<String, String> contracts;

  /** A translator for these accounts and the deployed contracts' addresses (by name). */
  public Translator(Accounts accounts, Map<String, String> contracts) {
    this.accounts = accounts;
    this.contracts = Map.copyOf(contracts);
  }

  /** ddc's request for an operation: its {@link Operation} and items. */
  public record DdcRequest(Operation operation, List<Item> items) {}

  /** The name an account is added with, on both sides. */
  public static String name(int slot) {
    return "account " + slot;
  }

  /** ddc's request for {@code op}. */
  public DdcRequest ddc(Op op, StateView state, DdcIds ids) {
    List<Item> items = new ArrayList<>();
    Operation operation = switch (op.kind()) {
      case ADD_ACCOUNT -> {
        items.add(addItem(op.account(), op.other(), isPlatform(state, op.actor())));
        yield Operation.ACCOUNT_ADD;
      }
      case ADD_ACCOUNTS_BATCH -> {
        boolean byPlatform = isPlatform(state, op.actor());
        for (int i = 0; i < op.accounts().size(); i++) {
          items.add(addItem(op.accounts().get(i), op.amounts().get(i).intValue(), byPlatform));
        }
        yield Operation.ACCOUNT_ADD;
      }
      case SET_STATE -> {
        items.add(Items.of(Operation.ACCOUNT_SET_STATE, "did", did(op.account()), "state", newState(op),
            "platformState", op.flag()));
        yield Operation.ACCOUNT_SET_STATE;
      }
      case SET_SWITCH -> {
        items.add(Items.of(Operation.AUTHORITY_SET_SWITCH, "switch", switchOf(op), "on", op.flag()));
        yield Operation.AUTHORITY_SET_SWITCH;
      }
      case CROSS_PLATFORM -> {
        items.add(Items.of(Operation.AUTHORITY_CROSS_PLATFORM, "from", did(op.other()), "to", did(op.account()),
            "approved", op.flag()));
        yield Operation.AUTHORITY_CROSS_PLATFORM;
      }
      case MINT_721, SAFE_MINT_721, MINT_721_BATCH, MINT_1155, MINT_1155_BATCH -> {
        Operation o = switch (op.kind()) {
          case SAFE_MINT_721 -> Operation.DDC721_SAFE_MINT;
          case MINT_1155, MINT_1155_BATCH -> Operation.DDC1155_MINT;
          default -> Operation.DDC721_MINT;
        };
        for (int i = 0; i < op.uris().size(); i++) {
          String uri = op.uris().get(i).isEmpty() ? null : op.uris().get(i);
          Boolean locked = op.flag() ? Boolean.TRUE : null;
          items.add(o == Operation.DDC1155_MINT
              ? Items.of(o, "to", did(op.account()), "amount", op.amounts().get(i), "uri", uri, "locked", locked)
              : Items.of(o, "to", did(op.account()), "uri", uri, "locked", locked));
        }
        yield o;
      }
      case TRANSFER_721, SAFE_TRANSFER_721 -> {
        Operation o = op.kind() == OpKind.TRANSFER_721 ? Operation.DDC721_TRANSFER : Operation.DDC721_SAFE_TRANSFER;
        items.add(Items.of(o, "from", did(op.other()), "to", did(op.account()), "ddc",
            ddcId(op.ddc(), DdcKind.DDC_721, state, ids)));
        yield o;
      }
      case TRANSFER_1155, TRANSFER_1155_BATCH -> {
        for (int i = 0; i < op.ddcs().size(); i++) {
          items.add(Items.of(Operation.DDC1155_TRANSFER, "from", did(op.other()), "to", did(op.account()), "ddc",
              ddcId(op.ddcs().get(i), DdcKind.DDC_1155, state, ids), "amount", op.amounts().get(i)));
        }
        yield Operation.DDC1155_TRANSFER;
      }
      case APPROVE_721 -> {
        items.add(Items.of(Operation.DDC721_APPROVE, "to", did(op.account()), "ddc",
            ddcId(op.ddc(), DdcKind.DDC_721, state, ids)));
        yield Operation.DDC721_APPROVE;
      }
      case APPROVAL_FOR_ALL -> {
        Operation o = op.ddcKind() == DdcKind.DDC_721 ? Operation.DDC721_SET_APPROVAL_FOR_ALL
            : Operation.DDC1155_SET_APPROVAL_FOR_ALL;
        items.add(Items.of(o, "operator", did(op.account()), "approved", op.flag()));
        yield o;
      }
      case FREEZE, UNFREEZE -> {
        Operation o = freezeOperation(op);
        items.add(Items.of(o, "ddc", ddcId(op.ddc(), op.ddcKind(), state, ids)));
        yield o;
      }
      case BURN_721 -> {
        items.add(Items.of(Operation.DDC721_BURN, "ddc", ddcId(op.ddc(), DdcKind.DDC_721, state, ids)));
        yield Operation.DDC721_BURN;
      }
      case BURN_1155, BURN_1155_BATCH -> {
        for (int d : op.ddcs()) {
          items.add(Items.of(Operation.DDC1155_BURN, "owner", did(op.other()), "ddc",
              ddcId(d, DdcKind.DDC_1155, state, ids)));
        }
        yield Operation.DDC1155_BURN;
      }
      case SET_URI_721, SET_URI_1155 -> {
        DdcKind k = op.kind() == OpKind.SET_URI_721 ? DdcKind.DDC_721 : DdcKind.DDC_1155;
        Operation o = k == DdcKind.DDC_721 ? Operation.DDC721_SET_URI : Operation.DDC1155_SET_URI;
        items.add(Items.of(o, "ddc", ddcId(op.ddc(), k, state, ids), "uri", op.uri()));
        yield o;
      }
      case SELF_RECHARGE -> {
        items.add(Items.of(Operation.FEE_SELF_RECHARGE, "amount", op.amount()));
        yield Operation.FEE_SELF_RECHARGE;
      }
      case RECHARGE -> {
        items.add(Items.of(Operation.FEE_RECHARGE, "to", did(op.account()), "amount", op.amount()));
        yield Operation.FEE_RECHARGE;
      }
      case RECHARGE_BATCH -> {
        for (int i = 0; i < op.accounts().size(); i++) {
          items.add(Items.of(Operation.FEE_RECHARGE, "to", did(op.accounts().get(i)), "amount", op.amounts().get(i)));
        }
        yield Operation.FEE_RECHARGE;
      }
      case SET_FEE -> {
        items.add(Items.of(Operation.FEE_SET, "operation", op.feeOperation(), "amount", op.amount()));
        yield Operation.FEE_SET;
      }
      case DELETE_FEE -> {
        items.add(Items.of(Operation.FEE_DELETE, "operation", op.feeOperation()));
        yield Operation.FEE_DELETE;
      }
      case SETTLE -> {
        items.add(Items.of(Operation.FEE_SETTLE, "kind", op.ddcKind(), "amount", op.amount()));
        yield Operation.FEE_SETTLE;
      }
    };
    return new DdcRequest(operation, items);
  }

  /** The BSN transactions for {@code op}, sent by the actor's address. */
  public List<Tx> bsn(Op op, StateView state, DdcIds ids) {
    String from = accounts.address(op.actor());
    List<Tx> txs = new ArrayList<>();
    switch (op.kind()) {
      case ADD_ACCOUNT -> {
        if (isPlatform(state, op.actor()) && op.other() >= 0) {
          txs.add(tx(from, AUTHORITY, "addAccountByPlatform(address,string,string)", address(op.account()),
              name(op.account()), didText(op.account())));
        } else {
          txs.add(tx(from, AUTHORITY, "addAccountByOperator(address,string,string,string)", address(op.account()),
              name(op.account()), didText(op.account()), op.other() < 0 ? "" : didText(op.other())));
        }
      }
      case ADD_ACCOUNTS_BATCH -> {
        List<Object> addrs = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        List<Object> dids = new ArrayList<>();
        List<Object> leaders = new ArrayList<>();
        for (int i = 0; i < op.accounts().size(); i++) {
          int s = op.accounts().get(i);
          int leader = op.amounts().get(i).intValue();
          addrs.add(address(s));
          names.add(name(s));
          dids.add(didText(s));
          leaders.add(leader < 0 ? "" : didText(leader));
        }
        if (isPlatform(state, op.actor())) {
          txs.add(tx(from, AUTHORITY, "addBatchAccountByPlatform(address[],string[],string[])", addrs, names, dids));
        } else {
          txs.add(tx(from, AUTHORITY, "addBatchAccountByOperator(address[],string[],string[],string[])", addrs, names,
              dids, leaders));
        }
      }
      case SET_STATE -> txs.add(tx(from, AUTHORITY, "updateAccountState(address,uint8,bool)", address(op.account()),
          newState(op) == AccountState.FROZEN ? 0L : 1L, op.flag()));
      case SET_SWITCH -> {
        if (switchOf(op) == Switch.PLATFORM_ADD_CONSUMER) {
          txs.add(tx(from, AUTHORITY, "setSwitcherStateOfPlatform(bool)", op.flag()));
        } else {
          txs.add(tx(from, AUTHORITY, "setSwitcherStateOfBatch(bool)", op.flag()));
          txs.add(tx(from, CHARGE, "setSwitcherStateOfBatch(bool)", op.flag()));
        }
      }
      case CROSS_PLATFORM -> txs.add(tx(from, AUTHORITY, "crossPlatformApproval(address,address,bool)",
          address(op.other()), address(op.account()), op.flag()));
      case MINT_721, SAFE_MINT_721, MINT_721_BATCH, MINT_1155, MINT_1155_BATCH -> mintTxs(op, from, ids, txs);
      case TRANSFER_721 -> txs.add(tx(from, DDC721, "transferFrom(address,address,uint256)", address(op.other()),
          address(op.account()), bsnId(op.ddc(), DdcKind.DDC_721, ids)));
      case SAFE_TRANSFER_721 -> txs.add(tx(from, DDC721, "safeTransferFrom(address,address,uint256,bytes)",
          address(op.other()), address(op.account()), bsnId(op.ddc(), DdcKind.DDC_721, ids), NO_DATA));
      case TRANSFER_1155 -> txs.add(tx(from, DDC1155, "safeTransferFrom(address,address,uint256,uint256,bytes)",
          address(op.other()), address(op.account()), bsnId(op.ddc(), DdcKind.DDC_1155, ids), op.amount(), NO_DATA));
      case TRANSFER_1155_BATCH -> txs.add(tx(from, DDC1155,
          "safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)", address(op.other()),
          address(op.account()), bsnIds(op.ddcs(), DdcKind.DDC_1155, ids), new ArrayList<Object>(op.amounts()),
          NO_DATA));
      case APPROVE_721 -> txs.add(tx(from, DDC721, "approve(address,uint256)", address(op.account()),
          bsnId(op.ddc(), DdcKind.DDC_721, ids)));
      case APPROVAL_FOR_ALL -> txs.add(tx(from, kindContract(op.ddcKind()), "setApprovalForAll(address,bool)",
          address(op.account()), op.flag()));
      case FREEZE -> txs.add(tx(from, kindContract(op.ddcKind()), "freeze(uint256)",
          bsnId(op.ddc(), op.ddcKind(), ids)));
      case UNFREEZE -> txs.add(tx(from, kindContract(op.ddcKind()), "unFreeze(uint256)",
          bsnId(op.ddc(), op.ddcKind(), ids)));
      case BURN_721 -> txs.add(tx(from, DDC721, "burn(uint256)", bsnId(op.ddc(), DdcKind.DDC_721, ids)));
      case BURN_1155 -> txs.add(tx(from, DDC1155, "burn(address,uint256)", address(op.other()),
          bsnId(op.ddc(), DdcKind.DDC_1155, ids)));
      case BURN_1155_BATCH -> txs.add(tx(from, DDC1155, "burnBatch(address,uint256[])", address(op.other()),
          bsnIds(op.ddcs(), DdcKind.DDC_1155, ids)));
      case SET_URI_721 -> txs.add(tx(from, DDC721, "setURI(uint256,string)", bsnId(op.ddc(), DdcKind.DDC_721, ids),
          op.uri()));
      // BSN's setURI names an owner; the actor names itself, as a holder fixing the URI would
      case SET_URI_1155 -> txs.add(tx(from, DDC1155, "setURI(address,uint256,string)", from,
          bsnId(op.ddc(), DdcKind.DDC_1155, ids), op.uri()));
      case SELF_RECHARGE -> txs.add(tx(from, CHARGE, "selfRecharge(uint256)", op.amount()));
      case RECHARGE -> txs.add(tx(from, CHARGE, "recharge(address,uint256)", address(op.account()), op.amount()));
      case RECHARGE_BATCH -> {
        List<Object> to = new ArrayList<>();
        for (int s : op.accounts()) {
          to.add(address(s));
        }
        txs.add(tx(from, CHARGE, "rechargeBatch(address[],uint256[])", to, new ArrayList<Object>(op.amounts())));
      }
      case SET_FEE -> {
        for (BsnCalls.Fn fn : BsnCalls.functions(op.feeOperation())) {
          txs.add(tx(from, CHARGE, "setFee(address,bytes4,uint32)", contracts.get(fn.contract()), fn.selector(),
              op.amount()));
        }
      }
      case DELETE_FEE -> {
        for (BsnCalls.Fn fn : BsnCalls.functions(op.feeOperation())) {
          txs.add(tx(from, CHARGE, "delFee(address,bytes4)", contracts.get(fn.contract()), fn.selector()));
        }
      }
      case SETTLE -> txs.add(tx(from, CHARGE, "settlement(address,uint256)",
          contracts.get(kindContract(op.ddcKind())), op.amount()));
    }
    return txs;
  }

  private void mintTxs(Op op, String from, DdcIds ids, List<Tx> txs) {
    String to = address(op.account());
    List<Object> uris = new ArrayList<>(op.uris());
    DdcKind kind;
    switch (op.kind()) {
      case MINT_721 -> txs.add(tx(from, DDC721, "mint(address,string)", to, op.uri()));
      case SAFE_MINT_721 -> txs.add(tx(from, DDC721, "safeMint(address,string,bytes)", to, op.uri(), NO_DATA));
      case MINT_721_BATCH -> txs.add(tx(from, DDC721, "mintBatch(address,string[])", to, uris));
      case MINT_1155 -> txs.add(tx(from, DDC1155, "safeMint(address,uint256,string,bytes)", to, op.amount(), op.uri(),
          NO_DATA));
      default -> txs.add(tx(from, DDC1155, "safeMintBatch(address,uint256[],string[],bytes)", to,
          new ArrayList<Object>(op.amounts()), uris, NO_DATA));
    }
    kind = op.kind() == OpKind.MINT_1155 || op.kind() == OpKind.MINT_1155_BATCH ? DdcKind.DDC_1155 : DdcKind.DDC_721;
    if (op.flag()) {
      // ddc locks at mint; BSN locks afterwards: the minter locks the DDC it just minted
      txs.add(tx(from, kindContract(kind), BsnCalls.LOCK, ids.bsnLatest(kind) + 1));
    }
  }

  private Item addItem(int target, int leader, boolean byPlatform) {
    if (byPlatform && leader >= 0) {
      return Items.addAccount(did(target), name(target), Role.CONSUMER, null, accounts.publicKey(target));
    }
    return Items.addAccount(did(target), name(target), leader < 0 ? Role.PLATFORM : Role.CONSUMER,
        leader < 0 ? null : did(leader), accounts.publicKey(target));
  }

  private static boolean isPlatform(StateView state, Did did) {
    return state.account(did).map(Account::role).orElse(null) == Role.PLATFORM;
  }

  private boolean isPlatform(StateView state, int slot) {
    return isPlatform(state, did(slot));
  }

  private static AccountState newState(Op op) {
    return "frozen".equals(op.uri()) ? AccountState.FROZEN : AccountState.ACTIVE;
  }

  private static Switch switchOf(Op op) {
    for (Switch s : Switch.values()) {
      if (s.id().equals(op.switchName())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown switch " + op.switchName());
  }

  private static Operation freezeOperation(Op op) {
    boolean freeze = op.kind() == OpKind.FREEZE;
    if (op.ddcKind() == DdcKind.DDC_721) {
      return freeze ? Operation.DDC721_FREEZE : Operation.DDC721_UNFREEZE;
    }
    return freeze ? Operation.DDC1155_FREEZE : Operation.DDC1155_UNFREEZE;
  }

  /** The BSN contract of a DDC kind. */
  public static String kindContract(DdcKind kind) {
    return kind == DdcKind.DDC_721 ? DDC721 : DDC1155;
  }

  private static long ddcId(int slot, DdcKind kind, StateView state, DdcIds ids) {
    return slot < 0 ? state.latestDdcId() + 1 : ids.get(slot).ddcId();
  }

  private static long bsnId(int slot, DdcKind kind, DdcIds ids) {
    return slot < 0 ? ids.bsnLatest(kind) + 1 : ids.get(slot).bsnId();
  }

  private static List<Object> bsnIds(List<Integer> slots, DdcKind kind, DdcIds ids) {
    List<Object> out = new ArrayList<>();
    for (int s : slots) {
      out.add(bsnId(s, kind, ids));
    }
    return out;
  }

  private Did did(int slot) {
    return accounts.did(slot);
  }

  private String didText(int slot) {
    return accounts.did(slot).value();
  }

  private String address(int slot) {
    return accounts.address(slot);
  }

  private static Tx tx(String from, String contract, String fn, Object... args) {
    return new Tx(from, contract, fn, List.of(args));
  }
}
