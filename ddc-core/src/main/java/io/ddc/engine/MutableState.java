package io.ddc.engine;

import io.ddc.model.Account;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;

/**
 * A state that events can be applied to. Only {@link StateMachine#apply} writes to it, so that
 * every state is the replay of its events.
 */
public interface MutableState extends StateView {
  /** Sets the ledger's origin. */
  void setOrigin(String origin);

  /** Sets the number of applied events. */
  void setEventCount(long count);

  /** Sets the time of the latest event. */
  void setLastEventTime(long millis);

  /** Adds or replaces an account. */
  void putAccount(Account account);

  /** Sets the number of accounts. */
  void setAccountCount(long count);

  /** Adds or replaces a DDC. */
  void putDdc(Ddc ddc);

  /** Sets the largest minted id. */
  void setLatestDdcId(long id);

  /** Sets a DDC-1155 balance; 0 removes the holder. */
  void setBalance(long ddcId, Did owner, long amount);

  /** Sets an owner's DDC-721 count. */
  void setDdcCount(Did owner, long count);

  /** Sets or clears an approval for all. */
  void setApprovedForAll(DdcKind kind, Did owner, Did operator, boolean approved);

  /** Sets an account's points. */
  void setPoints(Did did, long points);

  /** Sets the collected fees of a kind. */
  void setCollected(DdcKind kind, long amount);

  /** Sets the total of issued points. */
  void setPointsIssued(long total);

  /** Sets an operation's fee, or removes it when {@code amount} is null. */
  void setFee(Operation operation, Long amount);

  /** Sets an account's last nonce. */
  void setLastNonce(Did did, long nonce);

  /** Records a client reference. */
  void putReference(Did scope, String ref, long ddcId);

  /** Adds or removes an operation from a role's allow-list. */
  void setPermitted(Role role, Operation operation, boolean allowed);

  /** Turns a switch on or off. */
  void setSwitch(Switch s, boolean on);

  /** Sets or clears a cross-platform approval. */
  void setCrossPlatformApproved(Did from, Did to, boolean approved);

  /** Sets a collection's name and symbol. */
  void setNameAndSymbol(DdcKind kind, String name, String symbol);
}
