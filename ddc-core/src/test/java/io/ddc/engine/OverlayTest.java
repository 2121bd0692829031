package io.ddc.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.model.AccountState;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import io.ddc.model.Switch;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The engine's pending-change layer ({@link KvState#overlay()}): every value it holds reads back
 * through it, the base is never written, and {@link KvState#commitTo} leaves its base exactly as writing the same changes
 * directly would.
 */
class OverlayTest {
  private final Fixture f = Fixture.standard();
  private final long nft;
  private final long tickets;
  private final List<Event> events;

  OverlayTest() {
    nft = f.mint721(f.platformA, f.alice);
    tickets = f.mint1155(f.platformA, f.alice, 5);
    f.ok(f.operator, Operation.FEE_SET, Items.of(Operation.FEE_SET, "operation", Operation.DDC1155_BURN, "amount", 3));
    f.ok(f.operator, Operation.FEE_SELF_RECHARGE, Items.of(Operation.FEE_SELF_RECHARGE, "amount", 40));
    f.ok(f.operator, Operation.DDC721_SET_NAME_SYMBOL, Items.of(Operation.DDC721_SET_NAME_SYMBOL, "name", "Diplomas",
        "symbol", "DIP"));
    events = f.reg.events(0, f.reg.log().size());
  }

  private KvState base() {
    return DdcRegistry.replay(events);
  }

  /** One change of every kind the engine makes, including a removal (fee) and a zero balance. */
  private Consumer<MutableState> everything() {
    Did alice = f.alice.did();
    Did bob = f.bob.did();
    Did carol = f.carol.did();
    return s -> {
      s.setOrigin("moved.ddc.io/ledger");
      s.setEventCount(s.eventCount() + 7);
      s.setLastEventTime(Fixture.T0 + 99);
      s.putAccount(s.account(bob).orElseThrow().withStates(AccountState.FROZEN, AccountState.ACTIVE));
      s.setAccountCount(s.accountCount() + 1);
      Ddc d = s.ddc(nft).orElseThrow();
      s.putDdc(d.withOwner(bob, 42));
      s.setLatestDdcId(s.latestDdcId() + 3);
      s.setBalance(tickets, alice, 0);
      s.setBalance(tickets, carol, 9);
      s.setDdcCount(bob, 4);
      s.setApprovedForAll(DdcKind.DDC_1155, alice, bob, true);
      s.setPoints(carol, 11);
      s.setCollected(DdcKind.DDC_1155, 6);
      s.setPointsIssued(77);
      s.setFee(Operation.DDC1155_BURN, null);
      s.setFee(Operation.DDC721_TRANSFER, 2L);
      s.setLastNonce(carol, 12);
      s.putReference(f.platformA.did(), "ref-1", tickets);
      s.setPermitted(Role.CONSUMER, Operation.DDC721_MINT, true);
      s.setSwitch(Switch.BATCH, true);
      s.setCrossPlatformApproved(f.platformA.did(), f.platformB.did(), true);
      s.setNameAndSymbol(DdcKind.DDC_721, "Certificates", "CERT");
    };
  }

  /** Every value {@link #everything} changes, read through {@code s}. */
  private List<Object> reads(StateView s) {
    Did alice = f.alice.did();
    Did bob = f.bob.did();
    Did carol = f.carol.did();
    return List.of(s.origin(), s.eventCount(), s.lastEventTime(), s.account(bob), s.account(alice), s.accountCount(),
        s.ddc(nft), s.ddc(tickets), s.latestDdcId(), s.balance(nft, alice), s.balance(nft, bob),
        s.balance(tickets, alice), s.balance(tickets, carol), s.balance(tickets, bob), s.holders(nft),
        s.holders(tickets), s.ddcCount(bob), s.ddcCount(alice), s.approvedForAll(DdcKind.DDC_1155, alice, bob),
        s.approvedForAll(DdcKind.DDC_721, alice, bob), s.points(carol), s.points(f.operator.did()),
        s.collected(DdcKind.DDC_1155), s.collected(DdcKind.DDC_721), s.pointsIssued(), s.fee(Operation.DDC1155_BURN),
        s.fee(Operation.DDC721_TRANSFER), s.fee(Operation.DDC721_MINT), s.lastNonce(carol),
        s.lastNonce(f.operator.did()), s.reference(f.platformA.did(), "ref-1"),
        s.reference(f.platformA.did(), "ref-2"), s.permitted(Role.CONSUMER, Operation.DDC721_MINT),
        s.permitted(Role.PLATFORM, Operation.DDC721_MINT), s.switchOn(Switch.BATCH),
        s.switchOn(Switch.MINT_CONSENT), s.crossPlatformApproved(f.platformA.did(), f.platformB.did()),
        s.crossPlatformApproved(f.platformB.did(), f.platformA.did()), s.nameAndSymbol(DdcKind.DDC_721),
        s.nameAndSymbol(DdcKind.DDC_1155));
  }

  @Test
  void readsThrough_untilChanged_thenReadsItsOwnValues_andNeverWritesTheBase() {
    KvState base = base();
    byte[] before = base.snapshot();
    KvState o = base.overlay();
    assertThat(reads(o)).isEqualTo(reads(base));

    KvState direct = base();
    everything().accept(direct);
    everything().accept(o);
    assertThat(reads(direct)).as("the direct change differs from the base").isNotEqualTo(reads(base));
    List<Object> got = reads(o);
    List<Object> want = reads(direct);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i)).as("read %d", i).isEqualTo(want.get(i));
    }
    assertThat(base.snapshot()).as("the base is never written").isEqualTo(before);
  }

  @Test
  void commitTo_writesExactlyTheChanges() {
    KvState direct = base();
    everything().accept(direct);
    KvState target = base();
    KvState o = target.overlay();
    everything().accept(o);
    o.commitTo(target);
    assertThat(target.snapshot()).isEqualTo(direct.snapshot());
    assertThat(reads(target)).isEqualTo(reads(direct));
  }

  @Test
  void aBurnedDdc721_hasNoHolderAndNoBalance_andAZeroBalanceIsNoHolder() {
    KvState base = base();
    KvState o = base.overlay();
    Ddc d = base.ddc(nft).orElseThrow();
    o.putDdc(d.withSupply(0, 50));
    assertThat(o.ddc(nft).get().burned()).isTrue();
    assertThat(o.balance(nft, f.alice.did())).isZero();
    assertThat(o.holders(nft)).isEmpty();
    assertThat(base.holders(nft)).containsExactly(Map.entry(f.alice.did(), 1L));
    assertThat(o.balance(nft, f.bob.did())).isZero();

    assertThat(o.holders(tickets)).containsExactly(Map.entry(f.alice.did(), 5L));
    o.setBalance(tickets, f.alice.did(), 2);
    o.setBalance(tickets, f.bob.did(), 3);
    assertThat(o.holders(tickets)).containsExactly(Map.entry(f.alice.did(), 2L), Map.entry(f.bob.did(), 3L));
    o.setBalance(tickets, f.alice.did(), 0);
    assertThat(o.holders(tickets)).containsExactly(Map.entry(f.bob.did(), 3L));
    assertThat(o.balance(tickets, f.alice.did())).isZero();
    assertThat(o.balance(tickets, f.carol.did())).isZero();
    assertThat(base.balance(tickets, f.alice.did())).isEqualTo(5);
  }

  /** Zero numbers, flags that are off and removed fees are no key at all: equal states, equal bytes. */
  @Test
  void settingAndUnsettingValues_leavesNoKeyBehind() {
    KvState state = base();
    byte[] before = state.snapshot();
    Did carol = f.carol.did();
    state.setPoints(carol, 5);
    state.setDdcCount(carol, 2);
    state.setBalance(tickets, carol, 4);
    state.setApprovedForAll(DdcKind.DDC_721, carol, f.bob.did(), true);
    state.setSwitch(Switch.MINT_CONSENT, true);
    state.setFee(Operation.DDC721_BURN, 9L);
    assertThat(state.snapshot()).isNotEqualTo(before);
    state.setPoints(carol, 0);
    state.setDdcCount(carol, 0);
    state.setBalance(tickets, carol, 0);
    state.setApprovedForAll(DdcKind.DDC_721, carol, f.bob.did(), false);
    state.setSwitch(Switch.MINT_CONSENT, false);
    state.setFee(Operation.DDC721_BURN, null);
    assertThat(state.snapshot()).isEqualTo(before);
  }

  /** Only an overlay can be committed. */
  @Test
  void commitTo_refusesAStateThatIsNotAnOverlay() {
    KvState state = base();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.commitTo(base()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an overlay");
  }

  /** Numbers no DDC id can be (ids are in [1, 2^53 − 1]) name nothing, and never reach the key layout. */
  @Test
  void idsNoDdcCanHave_nameNothing() {
    KvState state = base();
    for (long id : new long[] {0, -1, io.ddc.json.CanonicalJson.MAX_SAFE_INTEGER + 1, 99_999_999_999_999_999L,
        Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertThat(state.ddc(id)).as("%d", id).isEmpty();
      assertThat(state.balance(id, f.alice.did())).isZero();
      assertThat(state.holders(id)).isEmpty();
      assertThat(state.overlay().ddc(id)).isEmpty();
    }
  }

  /** Found by PIT: absolute values, not only overlay against direct (which share the codec). */
  @Test
  void aDdc721sBalance_isOneForItsOwnerOnly_andTheLargestIdIsAnId() {
    KvState state = base();
    assertThat(state.balance(nft, f.alice.did())).isEqualTo(1);
    assertThat(state.balance(nft, f.bob.did())).isZero();
    assertThat(state.holders(tickets)).containsExactly(Map.entry(f.alice.did(), 5L));
    long max = io.ddc.json.CanonicalJson.MAX_SAFE_INTEGER;
    Ddc d = state.ddc(nft).orElseThrow();
    Ddc last = new Ddc(max, d.kind(), d.creator(), d.owner(), d.supply(), d.uri(), d.metadataRoot(), d.ref(),
        d.approved(), d.frozen(), d.locked(), d.burned(), d.lastSeq());
    state.putDdc(last);
    assertThat(state.ddc(max)).contains(last);
    assertThat(state.balance(max, f.alice.did())).isEqualTo(1);
  }

  /** A value changed under the state (another writer of the same key-values) is read anew, not from memory. */
  @Test
  void aValueChangedUnderneath_isDecodedAgain() {
    KeyValues values = KeyValues.inMemory();
    KvState state = KvState.over(values);
    KvState first = base();
    io.ddc.model.Account bob = first.account(f.bob.did()).orElseThrow();
    state.putAccount(bob);
    assertThat(state.account(f.bob.did())).contains(bob);
    io.ddc.model.Account frozen = bob.withStates(AccountState.FROZEN, AccountState.ACTIVE);
    values.put(StateLayout.account(f.bob.did()), KvState.encode(frozen));
    assertThat(state.account(f.bob.did())).contains(frozen);
    Ddc d = first.ddc(nft).orElseThrow();
    state.putDdc(d);
    KvState overlay = state.overlay();
    assertThat(overlay.ddc(nft)).contains(d);
    Ddc moved = d.withOwner(f.bob.did(), 77);
    values.put(StateLayout.ddc(nft), KvState.encode(moved));
    assertThat(overlay.ddc(nft)).as("read through to a changed base").contains(moved);
  }
}
