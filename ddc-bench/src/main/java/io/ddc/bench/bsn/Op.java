package io.ddc.bench.bsn;

import io.ddc.model.DdcKind;
import io.ddc.model.Operation;
import java.util.List;
import java.util.Objects;

/**
 * One generated operation, in terms of account slots and DDC slots (the position of a DDC in the
 * sequence's list of minted DDCs, {@link DdcIds}; -1 names an id that was never minted), so that
 * it can be translated to both ddc and BSN. Which fields matter depends on the kind:
 *
 * @param kind what it does
 * @param actor the acting account's slot
 * @param account the target account (added, frozen, minted to, transferred to, approved, recharged)
 * @param other a second account: a consumer's leader, {@code from}, the 1155 burn's owner,
 *     a cross-platform approval's {@code from}
 * @param ddcKind the DDC kind of a kind-generic operation (approval for all, freeze, settle)
 * @param ddcs the DDC slots (one, or a batch's)
 * @param accounts a batch's account slots (account add, recharge)
 * @param amounts amounts (1155 mints and transfers, recharges, fees); for
 *     {@link OpKind#ADD_ACCOUNTS_BATCH}, each added account's leader slot (-1: a platform)
 * @param uris URIs (mints, setURI; an empty string is "none"); for {@link OpKind#SET_STATE}, the
 *     new state ({@code active} or {@code frozen})
 * @param flag approved / switch on / frozen / locked / platform state, by kind
 * @param feeOperation the operation of a fee rule
 * @param switchName the switch of {@link OpKind#SET_SWITCH}
 */
public record Op(OpKind kind, int actor, int account, int other, DdcKind ddcKind, List<Integer> ddcs,
    List<Integer> accounts, List<Long> amounts, List<String> uris, boolean flag, Operation feeOperation,
    String switchName) {

  /** Copies the lists. */
  public Op {
    Objects.requireNonNull(kind, "kind");
    ddcs = List.copyOf(ddcs);
    accounts = List.copyOf(accounts);
    amounts = List.copyOf(amounts);
    uris = List.copyOf(uris);
  }

  /** A builder for {@code kind} by the actor in {@code actor}. */
  public static Builder of(OpKind kind, int actor) {
    return new Builder(kind, actor);
  }

  /** The first DDC slot, -1 if none. */
  public int ddc() {
    return ddcs.isEmpty() ? -1 : ddcs.get(0);
  }

  /** The first amount, 0 if none. */
  public long amount() {
    return amounts.isEmpty() ? 0 : amounts.get(0);
  }

  /** The first URI, empty if none. */
  public String uri() {
    return uris.isEmpty() ? "" : uris.get(0);
  }

  /** A one-line description with slots written {@code s3} and DDC slots {@code d2}. */
  public String describe() {
    StringBuilder b = new StringBuilder(kind.name()).append(" actor=s").append(actor);
    if (account >= 0) {
      b.append(" account=s").append(account);
    }
    if (other >= 0) {
      b.append(" other=s").append(other);
    }
    if (ddcKind != null) {
      b.append(" kind=").append(ddcKind.id());
    }
    if (!ddcs.isEmpty()) {
      b.append(" ddcs=").append(ddcs.stream().map(d -> d < 0 ? "none" : "d" + d).toList());
    }
    if (!accounts.isEmpty()) {
      b.append(" accounts=").append(accounts.stream().map(s -> "s" + s).toList());
    }
    if (!amounts.isEmpty()) {
      b.append(" amounts=").append(amounts);
    }
    if (!uris.isEmpty()) {
      b.append(" uris=").append(uris.stream().map(u -> "\"" + u + "\"").toList());
    }
    if (feeOperation != null) {
      b.append(" fee=").append(feeOperation.id());
    }
    if (switchName != null) {
      b.append(" switch=").append(switchName);
    }
    return b.append(" flag=").append(flag).toString();
  }

  /** Builds an {@link Op}; unset slots are -1, unset lists empty. */
  public static final class Builder {
    private final OpKind kind;
    private final int actor;
    private int account = -1;
    private int other = -1;
    private DdcKind ddcKind;
    private List<Integer> ddcs = List.of();
    private List<Integer> accounts = List.of();
    private List<Long> amounts = List.of();
    private List<String> uris = List.of();
    private boolean flag;
    private Operation feeOperation;
    private String switchName;

    private Builder(OpKind kind, int actor) {
      this.kind = kind;
      this.actor = actor;
    }

    public Builder account(int slot) {
      this.account = slot;
      return this;
    }

    public Builder other(int slot) {
      this.other = slot;
      return this;
    }

    public Builder ddcKind(DdcKind k) {
      this.ddcKind = k;
      return this;
    }

    public Builder ddcs(List<Integer> slots) {
      this.ddcs = slots;
      return this;
    }

    public Builder accounts(List<Integer> slots) {
      this.accounts = slots;
      return this;
    }

    public Builder amounts(List<Long> values) {
      this.amounts = values;
      return this;
    }

    public Builder uris(List<String> values) {
      this.uris = values;
      return this;
    }

    public Builder flag(boolean value) {
      this.flag = value;
      return this;
    }

    public Builder feeOperation(Operation op) {
      this.feeOperation = op;
      return this;
    }

    public Builder switchName(String name) {
      this.switchName = name;
      return this;
    }

    public Op build() {
      return new Op(kind, actor, account, other, ddcKind, ddcs, accounts, amounts, uris, flag, feeOperation,
          switchName);
    }
  }
}
