package io.ddc.bench.bsn;

/** The kinds of operation a differential sequence draws from, with their relative weights. */
public enum OpKind {
  ADD_ACCOUNT(10, false),
  ADD_ACCOUNTS_BATCH(2, false),
  SET_STATE(5, false),
  SET_SWITCH(3, false),
  CROSS_PLATFORM(3, false),
  MINT_721(8, false),
  SAFE_MINT_721(2, false),
  MINT_721_BATCH(3, false),
  MINT_1155(7, false),
  MINT_1155_BATCH(3, false),
  TRANSFER_721(7, false),
  SAFE_TRANSFER_721(2, false),
  TRANSFER_1155(7, false),
  TRANSFER_1155_BATCH(2, false),
  APPROVE_721(5, false),
  APPROVAL_FOR_ALL(5, false),
  FREEZE(4, false),
  UNFREEZE(3, false),
  BURN_721(3, false),
  BURN_1155(3, false),
  BURN_1155_BATCH(1, false),
  SET_URI_721(3, false),
  SET_URI_1155(3, false),
  SELF_RECHARGE(2, true),
  RECHARGE(3, true),
  RECHARGE_BATCH(1, true),
  SET_FEE(4, true),
  DELETE_FEE(1, true),
  SETTLE(1, true);

  private final int weight;
  private final boolean fee;

  OpKind(int weight, boolean fee) {
    this.weight = weight;
    this.fee = fee;
  }

  /** The relative frequency of this kind in a sequence. */
  public int weight() {
    return weight;
  }

  /** Whether this is a business-fee operation (left out with {@code --no-fees}). */
  public boolean fee() {
    return fee;
  }
}
