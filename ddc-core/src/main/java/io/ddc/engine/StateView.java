package io.ddc.engine;

import io.ddc.model.Account;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;

/**
 * Read access to a ledger's current state: everything the {@link Engine} consults. Every value
 * is what replaying the ledger's events from empty gives. Implementations need not be
 * thread-safe unless they say so.
 */
public interface StateView {
  /** The ledger's origin, empty before {@code ledger.init}. */
  Optional<String> origin();

  /** The number of events applied: the next event's sequence number. */
  long eventCount();

  /**
   * The time of the latest event, in milliseconds since the epoch (0 before the first): the
   * floor of the next event's time, so that event times never go backwards (docs/LEDGER.md).
   */
  long lastEventTime();

  /** The account with this DID. */
  Optional<Account> account(Did did);

  /** The number of accounts ever created: the next account's {@link Account#index()}. */
  long accountCount();

  /** The DDC with this id (burned ones included). */
  Optional<Ddc> ddc(long id);

  /** The largest DDC id ever minted, 0 if none. */
  long latestDdcId();

  /** A DDC-1155 holder's balance; for a DDC-721, 1 if {@code owner} owns it and it is not burned. */
  long balance(long ddcId, Did owner);

  /** A DDC-1155's holders with their positive balances; for a DDC-721, its owner unless burned. */
  SortedMap<Did, Long> holders(long ddcId);

  /** The number of unburned DDC-721 an account owns (ERC-721 {@code balanceOf}). */
  long ddcCount(Did owner);

  /** Whether {@code operator} may act on all of {@code owner}'s DDCs of {@code kind}. */
  boolean approvedForAll(DdcKind kind, Did owner, Did operator);

  /** An account's business-fee points. */
  long points(Did did);

  /** Fees collected for a DDC kind and not yet settled. */
  long collected(DdcKind kind);

  /** All points the Operator has ever issued. */
  long pointsIssued();

  /** The fee of an operation, if one is set. */
  OptionalLong fee(Operation operation);

  /** The largest nonce of an account's accepted requests, 0 if none. */
  long lastNonce(Did did);

  /** The DDC minted with client reference {@code ref} in {@code scope} (the minter's platform). */
  OptionalLong reference(Did scope, String ref);

  /** Whether the allow-list lets {@code role} perform {@code operation}. */
  boolean permitted(Role role, Operation operation);

  /** Whether a switch is on. */
  boolean switchOn(Switch s);

  /** Whether transfers from accounts of platform {@code from} to those of platform {@code to} are approved. */
  boolean crossPlatformApproved(Did from, Did to);

  /** A collection's name and symbol, if set: a list of two strings. */
  Optional<List<String>> nameAndSymbol(DdcKind kind);

  /** ERC-1155 {@code balanceOfBatch}: {@code balance(ddcIds[i], owners[i])} for each i. */
  default long[] balanceOfBatch(List<Long> ddcIds, List<Did> owners) {
    if (ddcIds.size() != owners.size()) {
      throw new IllegalArgumentException(ddcIds.size() + " ids but " + owners.size() + " owners");
    }
    long[] out = new long[ddcIds.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = balance(ddcIds.get(i), owners.get(i));
    }
    return out;
  }

  /**
   * BSN {@code getFunctions}: the operations the allow-list lets {@code role} perform, in the order
   * of {@link Operation} (for the Operator, every operation but {@code ledger.init}). Unmodifiable.
   */
  default Set<Operation> permissions(Role role) {
    Set<Operation> out = EnumSet.noneOf(Operation.class);
    for (Operation o : Operation.values()) {
      if (permitted(role, o)) {
        out.add(o);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * ERC-721 {@code getApproved}: the account approved for DDC-721 {@code ddcId}; empty when there is
   * none, no such DDC, or it is a DDC-1155.
   */
  default Optional<Did> approved(long ddcId) {
    return ddc(ddcId).map(Ddc::approved);
  }

  /** The next nonce the account can use: {@link #lastNonce} + 1. */
  default long nextNonce(Did did) {
    return lastNonce(did) + 1;
  }
}
