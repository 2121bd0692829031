package io.ddc.engine;

import static io.ddc.model.Operation.ACCOUNT_ADD;
import static io.ddc.model.Operation.ACCOUNT_ADD_KEY;
import static io.ddc.model.Operation.ACCOUNT_REVOKE_KEY;
import static io.ddc.model.Operation.ACCOUNT_SET_STATE;
import static io.ddc.model.Operation.AUTHORITY_SET_PERMISSION;
import static io.ddc.model.Operation.AUTHORITY_SET_SWITCH;
import static io.ddc.model.Operation.DDC1155_BURN;
import static io.ddc.model.Operation.DDC721_BURN;
import static io.ddc.model.Operation.DDC721_MINT;
import static io.ddc.model.Operation.DDC721_TRANSFER;
import static io.ddc.model.Operation.FEE_RECHARGE;
import static io.ddc.model.Operation.FEE_SELF_RECHARGE;
import static io.ddc.model.Operation.FEE_SET;
import static io.ddc.model.Operation.LEDGER_INIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.engine.Fixture.Party;
import io.ddc.json.CanonicalJson;
import io.ddc.model.AccountState;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.EventType;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.model.Switch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Rules that mutation testing (docs/RELIABILITY.md, "Mutation testing") found unchecked: each bound
 * at its edge, checks another check would hide, fees on every fee-paying operation, and the
 * rejection messages that tell a caller what to do next.
 */
class EngineMutationTest {
  private final Fixture f = Fixture.standard();

  private static Item it(Operation op, Object... kv) {
    return Items.of(op, kv);
  }

  private void points(Party to, long amount) {
    f.ok(f.operator, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", amount));
    f.ok(f.operator, FEE_RECHARGE, it(FEE_RECHARGE, "to", to.did(), "amount", amount));
  }

  private static List<EventType> types(Receipt r) {
    return r.events().stream().map(Event::type).toList();
  }

  // ---- ledger.init ----

  @Test
  void init_relayed_isInvalidArgument() throws Exception {
    Fixture empty = new Fixture(ReceiverCheck.ACCEPT_ALL);
    SignedRequest r = Fixture.sign(Request.builder(Fixture.LEDGER, LEDGER_INIT, empty.operator.did()).nonce(1)
        .relayer(empty.alice.did()).item(Items.ledgerInit("Operator", List.of(empty.operator.pub()))).build(),
        empty.operator).relay(empty.alice.signer());
    assertThat(empty.rejected(RuleCode.INVALID_ARGUMENT, r)).hasMessageContaining("ledger.init cannot be relayed");
  }

  @Test
  void init_grantingTheOperatorPermissions_isInvalidArgument() throws Exception {
    Fixture empty = new Fixture(ReceiverCheck.ACCEPT_ALL);
    Map<String, Object> perms = new TreeMap<>(Items.defaultPermissions());
    perms.put(Role.OPERATOR.id(), List.of(DDC721_MINT.id()));
    Item init = it(LEDGER_INIT, "name", "Operator", "keys", List.of(empty.operator.pub()), "permissions", perms);
    assertThat(empty.rejected(RuleCode.INVALID_ARGUMENT, empty.operator, LEDGER_INIT, init))
        .hasMessageContaining("permissions list platform and consumer only");
  }

  // ---- the envelope ----

  @Test
  void badNonce_saysWhichNonceIsNext() {
    long last = f.s().lastNonce(f.operator.did());
    SignedRequest again = Fixture.sign(Request.builder(Fixture.LEDGER, FEE_SELF_RECHARGE, f.operator.did()).nonce(last)
        .item(it(FEE_SELF_RECHARGE, "amount", 1)).build(), f.operator);
    assertThat(f.rejected(RuleCode.BAD_NONCE, again)).hasMessageContaining("the next is " + (last + 1));
  }

  @Test
  void anUnknownRelayer_isUnknownAccount() throws Exception {
    Did ghost = Did.of("did:test:ghost");
    SignedRequest r = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_MINT, f.alice.did())
        .nonce(f.nextNonce(f.alice)).relayer(ghost).item(Items.mint721(f.alice.did(), null, null, null)).build(),
        f.alice).relay(f.bob.signer());
    assertThat(f.rejected(RuleCode.UNKNOWN_ACCOUNT, r)).hasMessageContaining("the relayer " + ghost
        + " has no account");
  }

  // ---- accounts, switches, permissions: what the messages say ----

  @Test
  void theOperator_cannotAddAPlatformUnderAnotherLeader() {
    Party p = Fixture.party("platformC");
    assertThat(f.rejected(RuleCode.INVALID_ARGUMENT, f.operator, ACCOUNT_ADD,
        Items.addAccount(p.did(), "Platform C", Role.PLATFORM, f.platformA.did(), p.pub())))
        .hasMessageContaining("a platform's leader is the Operator, not " + f.platformA.did());
    // naming the Operator itself as the leader is fine
    f.ok(f.operator, ACCOUNT_ADD, Items.addAccount(p.did(), "Platform C", Role.PLATFORM, f.operator.did(), p.pub()));
    assertThat(f.s().account(p.did()).get().leader()).isEqualTo(f.operator.did());
  }

  @Test
  void unchangedSwitchesPermissionsAndStates_sayWhatTheyAre() {
    assertThat(f.rejected(RuleCode.STATE_UNCHANGED, f.operator, AUTHORITY_SET_SWITCH,
        it(AUTHORITY_SET_SWITCH, "switch", Switch.BATCH, "on", false))).hasMessageEndingWith("is already off");
    f.switchOn(Switch.BATCH);
    assertThat(f.rejected(RuleCode.STATE_UNCHANGED, f.operator, AUTHORITY_SET_SWITCH,
        it(AUTHORITY_SET_SWITCH, "switch", Switch.BATCH, "on", true))).hasMessageEndingWith("is already on");

    assertThat(f.rejected(RuleCode.STATE_UNCHANGED, f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.PLATFORM, "operation", DDC721_MINT, "allowed", true)))
        .hasMessageEndingWith(": platform is already allowed " + DDC721_MINT.id());
    assertThat(f.rejected(RuleCode.STATE_UNCHANGED, f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.CONSUMER, "operation", Operation.FEE_SET, "allowed", false)))
        .hasMessageEndingWith(": consumer is already not allowed " + Operation.FEE_SET.id());

    assertThat(f.rejected(RuleCode.STATE_UNCHANGED, f.operator, ACCOUNT_SET_STATE,
        it(ACCOUNT_SET_STATE, "did", f.alice.did(), "state", AccountState.ACTIVE, "platformState", true)))
        .hasMessageEndingWith(f.alice.did() + "'s platform state is already active");
    assertThat(f.rejected(RuleCode.STATE_UNCHANGED, f.operator, ACCOUNT_SET_STATE,
        it(ACCOUNT_SET_STATE, "did", f.alice.did(), "state", AccountState.ACTIVE, "platformState", false)))
        .hasMessageEndingWith(f.alice.did() + "'s operator state is already active");
  }

  /** The operator state is compared with the operator state, not with the platform state. */
  @Test
  void theOperatorState_changes_whileThePlatformStateDiffers() {
    f.ok(f.platformA, ACCOUNT_SET_STATE, it(ACCOUNT_SET_STATE, "did", f.alice.did(), "state", AccountState.FROZEN,
        "platformState", true));
    Receipt r = f.ok(f.operator, ACCOUNT_SET_STATE, it(ACCOUNT_SET_STATE, "did", f.alice.did(), "state",
        AccountState.FROZEN, "platformState", false));
    assertThat(r.events().get(0).string("platformState")).isEqualTo("frozen");
    assertThat(r.events().get(0).string("operatorState")).isEqualTo("frozen");
    f.ok(f.operator, ACCOUNT_SET_STATE, it(ACCOUNT_SET_STATE, "did", f.alice.did(), "state", AccountState.ACTIVE,
        "platformState", false));
    assertThat(f.s().account(f.alice.did()).get().operatorState()).isEqualTo(AccountState.ACTIVE);
    assertThat(f.s().account(f.alice.did()).get().platformState()).isEqualTo(AccountState.FROZEN);
    // and the platform state with the platform state
    f.ok(f.platformA, ACCOUNT_SET_STATE, it(ACCOUNT_SET_STATE, "did", f.alice.did(), "state", AccountState.ACTIVE,
        "platformState", true));
    assertThat(f.s().account(f.alice.did()).get().platformState()).isEqualTo(AccountState.ACTIVE);
  }

  @Test
  void keyRules_messages_nameWhoMayActInstead() {
    Party k2 = Fixture.party("alice-k2");
    // a current key again
    assertThat(f.rejected(RuleCode.KEY_EXISTS, f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), f.alice.pub())))
        .hasMessageNotContaining("not reused");
    f.ok(f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), k2.pub()));
    f.ok(f.operator, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.alice.did(), k2.pub(), Fixture.T0));
    // a revoked key is never reused
    assertThat(f.rejected(RuleCode.KEY_EXISTS, f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), k2.pub())))
        .hasMessageContaining("(retired or revoked keys are not reused)");

    // a consumer's key cannot revoke itself: its platform or the Operator can
    assertThat(f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.alice.did(), f.alice.pub(), Fixture.T0))).hasMessageContaining(", its platform or the Operator");
    // a platform's key: only the Operator
    assertThat(f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.platformA.did(), f.platformA.pub(), Fixture.T0)))
        .hasMessageContaining("another key of " + f.platformA.did() + ", the Operator");

    // an older key cannot revoke a newer one
    Party p2 = Fixture.party("platformA-k2");
    f.ok(f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.platformA.did(), p2.pub()));
    assertThat(f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.platformA.did(), p2.pub(), Fixture.T0)))
        .hasMessageEndingWith("(a newer key supersedes it, not the reverse); the Operator may revoke any");
    Party a3 = Fixture.party("alice-k3");
    f.ok(f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), a3.pub()));
    assertThat(f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.alice.did(), a3.pub(), Fixture.T0)))
        .hasMessageEndingWith("not the reverse); its platform or the Operator may revoke any");
  }

  @Test
  void rechargeNotAllowed_namesTheReceiversRole() {
    points(f.platformA, 10);
    assertThat(f.rejected(RuleCode.RECHARGE_NOT_ALLOWED, f.platformA, FEE_RECHARGE,
        it(FEE_RECHARGE, "to", f.operator.did(), "amount", 1))).hasMessageEndingWith(": points may not move from a platform to an "
        + "operator");
    assertThat(f.rejected(RuleCode.RECHARGE_NOT_ALLOWED, f.platformA, FEE_RECHARGE,
        it(FEE_RECHARGE, "to", f.platformB.did(), "amount", 1))).hasMessageEndingWith(": points may not move from a platform to a "
        + "platform");
  }

  // ---- fees ----

  @Test
  void burns_payTheirFee() {
    points(f.alice, 10);
    f.ok(f.operator, FEE_SET, it(FEE_SET, "operation", DDC721_BURN, "amount", 3));
    f.ok(f.operator, FEE_SET, it(FEE_SET, "operation", DDC1155_BURN, "amount", 4));
    long a = f.mint721(f.platformA, f.alice);
    long b = f.mint1155(f.platformA, f.alice, 5);
    assertThat(types(f.ok(f.alice, DDC721_BURN, it(DDC721_BURN, "ddc", a))))
        .containsExactly(EventType.BURNED, EventType.FEE_PAID);
    assertThat(f.s().points(f.alice.did())).isEqualTo(7);
    assertThat(types(f.ok(f.alice, DDC1155_BURN, it(DDC1155_BURN, "ddc", b, "owner", f.alice.did()))))
        .containsExactly(EventType.BURNED, EventType.FEE_PAID);
    assertThat(f.s().points(f.alice.did())).isEqualTo(3);
  }

  @Test
  void approvals_payTheirFee() {
    points(f.alice, 5);
    f.ok(f.operator, FEE_SET, it(FEE_SET, "operation", Operation.DDC721_APPROVE, "amount", 2));
    long a = f.mint721(f.platformA, f.alice);
    assertThat(types(f.ok(f.alice, Operation.DDC721_APPROVE, it(Operation.DDC721_APPROVE, "ddc", a, "to",
        f.bob.did())))).containsExactly(EventType.APPROVED, EventType.FEE_PAID);
    assertThat(f.s().points(f.alice.did())).isEqualTo(3);
  }

  @Test
  void aZeroFee_isNoFeeEvent_andExactlyEnoughPoints_pay() {
    f.ok(f.operator, FEE_SET, it(FEE_SET, "operation", DDC721_TRANSFER, "amount", 0));
    long id = f.mint721(f.platformA, f.alice);
    assertThat(types(f.ok(f.alice, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(),
        "ddc", id)))).containsExactly(EventType.TRANSFERRED);

    f.ok(f.operator, FEE_SET, it(FEE_SET, "operation", DDC721_TRANSFER, "amount", 2));
    points(f.bob, 2);
    assertThat(types(f.ok(f.bob, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", f.bob.did(), "to", f.alice.did(),
        "ddc", id)))).containsExactly(EventType.TRANSFERRED, EventType.FEE_PAID);
    assertThat(f.s().points(f.bob.did())).isZero();
    assertThat(f.rejected(RuleCode.INSUFFICIENT_FEE, f.alice, DDC721_TRANSFER, it(DDC721_TRANSFER, "from",
        f.alice.did(), "to", f.bob.did(), "ddc", id))).hasMessageContaining("costs 2 points, but " + f.alice.did()
        + " has 0");
  }

  // ---- DDC-1155 transfers and URIs ----

  @Test
  void transfer1155_acrossPlatforms_needsApproval_asksTheReceiver_andPaysItsFee() {
    Fixture g = Fixture.standard((actor, from, to, kind, id, amount, data) -> !(from != null
        && to.equals(Fixture.party("bob").did())));
    long id = g.mint1155(g.platformA, g.alice, 5);
    Operation t = Operation.DDC1155_TRANSFER;
    g.rejected(RuleCode.CROSS_PLATFORM_NOT_APPROVED, g.alice, t, it(t, "from", g.alice.did(), "to", g.carol.did(),
        "ddc", id, "amount", 1));
    g.rejected(RuleCode.RECEIVER_REJECTED, g.alice, t, it(t, "from", g.alice.did(), "to", g.bob.did(), "ddc", id,
        "amount", 1));
    g.ok(g.operator, FEE_SET, it(FEE_SET, "operation", t, "amount", 1));
    g.ok(g.operator, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", 5));
    g.ok(g.operator, FEE_RECHARGE, it(FEE_RECHARGE, "to", g.alice.did(), "amount", 5));
    g.ok(g.operator, Operation.AUTHORITY_CROSS_PLATFORM, it(Operation.AUTHORITY_CROSS_PLATFORM, "from",
        g.platformA.did(), "to", g.platformB.did(), "approved", true));
    assertThat(types(g.ok(g.alice, t, it(t, "from", g.alice.did(), "to", g.carol.did(), "ddc", id, "amount", 2))))
        .containsExactly(EventType.TRANSFERRED, EventType.FEE_PAID);
    assertThat(g.s().points(g.alice.did())).isEqualTo(4);
    assertThat(g.s().balance(id, g.carol.did())).isEqualTo(2);
  }

  @Test
  void setUri_paysItsFee() {
    points(f.alice, 5);
    f.ok(f.operator, FEE_SET, it(FEE_SET, "operation", Operation.DDC721_SET_URI, "amount", 2));
    long a = f.mint721(f.platformA, f.alice);
    assertThat(types(f.ok(f.alice, Operation.DDC721_SET_URI, it(Operation.DDC721_SET_URI, "ddc", a, "uri",
        "https://u.example/1")))).containsExactly(EventType.URI_SET, EventType.FEE_PAID);
    assertThat(f.s().points(f.alice.did())).isEqualTo(3);
  }

  // ---- DDC ids ----

  /** The last safe integer is a valid id; the one after it is refused. */
  @Test
  void ddcIds_endAtTheLargestSafeInteger() throws Exception {
    Engine e = Engine.create();
    KvState s = f.s().overlay();
    s.setLatestDdcId(CanonicalJson.MAX_SAFE_INTEGER - 1);
    SignedRequest mint = f.sign(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
    List<Event> ev = e.process(s, mint, Fixture.T0);
    assertThat(ev.get(0).number("ddc")).isEqualTo(CanonicalJson.MAX_SAFE_INTEGER);
    s.setLatestDdcId(CanonicalJson.MAX_SAFE_INTEGER);
    assertThatThrownBy(() -> e.process(s, mint, Fixture.T0)).isInstanceOfSatisfying(RequestRejectedException.class,
        x -> assertThat(x.rule()).isEqualTo(RuleCode.OVERFLOW));
  }
}
