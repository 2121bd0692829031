package io.ddc.bench.bsn;

import io.ddc.engine.Engine;
import io.ddc.engine.KvState;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.StateMachine;
import io.ddc.engine.StateView;
import io.ddc.model.Event;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.SignedRequest;
import io.ddc.sign.SigningUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * ddc's side of the differential run: the real {@link Engine} over an in-memory state, with the
 * decision to apply an accepted request left to the caller (so that a request BSN rejected can be
 * dropped and both sides stay in the same state).
 */
public final class DdcSide {
  /** The ledger origin every request names. */
  public static final String LEDGER = "bsn-diff.ddc.io/ledger";
  private static final long T0 = 1_790_000_000_000L;

  private final Engine engine = Engine.create();
  private final Accounts accounts;
  private final List<List<Event>> applied = new ArrayList<>();
  private KvState state = KvState.inMemory();
  private long clock = T0;

  /** A fresh ledger initialised by the Operator (slot 0) with the default allow-list. */
  public DdcSide(Accounts accounts) {
    this.accounts = accounts;
    Evaluation init = evaluate(0, Operation.LEDGER_INIT,
        List.of(Items.ledgerInit("Operator", List.of(accounts.publicKey(0)))));
    if (!init.accepted()) {
      throw new IllegalStateException("ledger.init rejected: " + init.code() + ": " + init.message());
    }
    apply(init);
  }

  /** The state both sides are in. */
  public StateView state() {
    return state;
  }

  /**
   * What the engine decides for the actor in slot {@code actor} submitting {@code items} of
   * {@code op}, signed with the actor's key and the actor's next nonce; changes nothing.
   */
  public Evaluation evaluate(int actor, Operation op, List<Item> items) {
    clock += 1000;
    SignedRequest request;
    try {
      request = Request.builder(LEDGER, op, accounts.did(actor)).nonce(state.nextNonce(accounts.did(actor)))
          .items(items).build().sign(accounts.signer(actor));
    } catch (SigningUnavailableException | RuntimeException e) {
      return Evaluation.malformed(e.getMessage());
    }
    try {
      return Evaluation.accepted(engine.process(state, request, Math.max(clock, state.lastEventTime())));
    } catch (RequestRejectedException e) {
      return Evaluation.rejected(e.rule().name(), e.getMessage());
    }
  }

  /** Applies an accepted evaluation's events. */
  public void apply(Evaluation accepted) {
    if (!accepted.accepted()) {
      throw new IllegalArgumentException("not accepted: " + accepted.code());
    }
    for (Event e : accepted.events()) {
      StateMachine.apply(state, e);
    }
    applied.add(accepted.events());
  }

  /** Undoes the last {@link #apply}: the state is rebuilt from the events before it. */
  public void undoLast() {
    applied.remove(applied.size() - 1);
    KvState rebuilt = KvState.inMemory();
    for (List<Event> events : applied) {
      for (Event e : events) {
        StateMachine.apply(rebuilt, e);
      }
    }
    state = rebuilt;
  }

  /**
   * The engine's decision on one request: accepted with its events, rejected with a rule code, or
   * malformed (the request could not be built: {@link MalformedDataException} and the like, which
   * never reach the engine).
   */
  public record Evaluation(boolean accepted, String code, String message, List<Event> events) {
    static Evaluation accepted(List<Event> events) {
      return new Evaluation(true, "OK", "", List.copyOf(events));
    }

    static Evaluation rejected(String code, String message) {
      return new Evaluation(false, code, message, List.of());
    }

    static Evaluation malformed(String message) {
      return new Evaluation(false, "MALFORMED", message, List.of());
    }
  }
}
