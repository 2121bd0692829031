package io.ddc.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.engine.Fixture.Party;
import io.ddc.model.DdcKind;
import io.ddc.model.Event;
import io.ddc.model.EventType;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The state machine on its own: an event that does not fit the state is a corrupt log and changes
 * nothing, and the effects the engine's tests do not read back (settlement points, a DDC-1155's
 * last event) are what they should be.
 */
class StateMachineTest {
  private final Fixture f = Fixture.standard();

  private List<Event> events() {
    return f.reg.events(0, f.reg.log().size());
  }

  private static Event last(List<Event> events, EventType type) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).type() == type) {
        return events.get(i);
      }
    }
    throw new AssertionError("no " + type);
  }

  private void corrupt(Event e, String message) {
    KvState s = DdcRegistry.replay(events());
    byte[] before = s.snapshot();
    assertThatThrownBy(() -> StateMachine.apply(s, e)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(message);
    assertThat(s.snapshot()).as("a refused event changes nothing").isEqualTo(before);
  }

  @Test
  void aSecondInit_aKeyAddedTwice_andAMintOutOfSequence_areACorruptLog() {
    f.ok(f.alice, Operation.ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), Fixture.party("alice-k9").pub()));
    f.mint721(f.platformA, f.alice);
    List<Event> ev = events();
    corrupt(ev.get(0), "ledger.initialized after 6 accounts");
    corrupt(last(ev, EventType.KEY_ADDED), "already has key");
    corrupt(last(ev, EventType.MINTED), "minted DDC 1 after 1");
  }

  @Test
  void settlement_creditsThePoints_andA1155Transfer_isTheDdcsLastEvent() {
    Operation t = Operation.DDC1155_TRANSFER;
    f.ok(f.operator, Operation.FEE_SET, Items.of(Operation.FEE_SET, "operation", t, "amount", 2));
    f.ok(f.operator, Operation.FEE_SELF_RECHARGE, Items.of(Operation.FEE_SELF_RECHARGE, "amount", 10));
    f.ok(f.operator, Operation.FEE_RECHARGE, Items.of(Operation.FEE_RECHARGE, "to", f.alice.did(), "amount", 10));
    long id = f.mint1155(f.platformA, f.alice, 5);
    Receipt r = f.ok(f.alice, t, Items.of(t, "from", f.alice.did(), "to", f.bob.did(), "ddc", id, "amount", 2));
    assertThat(f.s().ddc(id).get().lastSeq()).isEqualTo(r.firstSeq());
    long before = f.s().points(f.platformA.did());
    f.ok(f.operator, Operation.FEE_SETTLE, Items.of(Operation.FEE_SETTLE, "kind", DdcKind.DDC_1155, "amount", 2));
    assertThat(f.s().collected(DdcKind.DDC_1155)).isZero();
    assertThat(f.s().points(f.operator.did())).isEqualTo(2);
    assertThat(f.s().points(f.platformA.did())).isEqualTo(before);
  }

  /** Events naming an account, key or DDC the state does not have: replayed against a shorter log. */
  @Test
  void eventsNamingWhatTheStateLacks_areACorruptLog() {
    Party k = Fixture.party("alice-k8");
    f.ok(f.alice, Operation.ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), k.pub()));
    f.ok(f.alice, Operation.ACCOUNT_RETIRE_KEY, Items.retireKey(f.alice.did(), k.pub()));
    long id = f.mint721(f.platformA, f.alice);
    f.ok(f.operator, Operation.DDC721_FREEZE, Items.of(Operation.DDC721_FREEZE, "ddc", id));
    List<Event> ev = events();
    Event added = last(ev, EventType.KEY_ADDED);
    Event retired = last(ev, EventType.KEY_RETIRED);
    Event frozen = last(ev, EventType.FROZEN);
    KvState onlyInit = DdcRegistry.replay(ev.subList(0, 1));
    assertThatThrownBy(() -> StateMachine.apply(onlyInit, added)).isInstanceOf(IllegalStateException.class)
        .hasMessage("event names unknown account " + f.alice.did());
    KvState beforeKey = DdcRegistry.replay(ev.subList(0, ev.indexOf(added)));
    assertThatThrownBy(() -> StateMachine.apply(beforeKey, retired)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(f.alice.did() + " has no key ");
    KvState beforeMint = DdcRegistry.replay(ev.subList(0, ev.indexOf(last(ev, EventType.MINTED))));
    assertThatThrownBy(() -> StateMachine.apply(beforeMint, frozen)).isInstanceOf(IllegalStateException.class)
        .hasMessage("event names unknown DDC " + id);
  }
}
