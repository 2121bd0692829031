package io.ddc.engine;

import static io.ddc.model.Operation.ACCOUNT_ADD;
import static io.ddc.model.Operation.ACCOUNT_SET_STATE;
import static io.ddc.model.Operation.AUTHORITY_CROSS_PLATFORM;
import static io.ddc.model.Operation.AUTHORITY_SET_PERMISSION;
import static io.ddc.model.Operation.AUTHORITY_SET_SWITCH;
import static io.ddc.model.Operation.DDC1155_BURN;
import static io.ddc.model.Operation.DDC1155_MINT;
import static io.ddc.model.Operation.DDC1155_SET_APPROVAL_FOR_ALL;
import static io.ddc.model.Operation.DDC1155_SET_URI;
import static io.ddc.model.Operation.DDC1155_TRANSFER;
import static io.ddc.model.Operation.DDC721_APPROVE;
import static io.ddc.model.Operation.DDC721_BURN;
import static io.ddc.model.Operation.DDC721_FREEZE;
import static io.ddc.model.Operation.DDC721_MINT;
import static io.ddc.model.Operation.DDC721_SAFE_MINT;
import static io.ddc.model.Operation.DDC721_SAFE_TRANSFER;
import static io.ddc.model.Operation.DDC721_SET_APPROVAL_FOR_ALL;
import static io.ddc.model.Operation.DDC721_SET_NAME_SYMBOL;
import static io.ddc.model.Operation.DDC721_SET_URI;
import static io.ddc.model.Operation.DDC721_TRANSFER;
import static io.ddc.model.Operation.DDC721_UNFREEZE;
import static io.ddc.model.Operation.FEE_DELETE;
import static io.ddc.model.Operation.FEE_RECHARGE;
import static io.ddc.model.Operation.FEE_SELF_RECHARGE;
import static io.ddc.model.Operation.FEE_SET;
import static io.ddc.model.Operation.FEE_SETTLE;
import static io.ddc.model.Operation.LEDGER_INIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.engine.Fixture.Party;
import io.ddc.model.AccountState;
import io.ddc.model.Consent;
import io.ddc.model.DdcKind;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per rule of docs/RULES.md and per rejection code; every rejection is checked to change nothing. */
class EngineRulesTest {
  private final Fixture f = Fixture.standard();

  private static Item it(Operation op, Object... kv) {
    return Items.of(op, kv);
  }

  private Item state(Party who, AccountState s, boolean platformState) {
    return it(ACCOUNT_SET_STATE, "did", who.did(), "state", s, "platformState", platformState);
  }

  private void points(Party to, long amount) {
    f.ok(f.operator, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", amount));
    f.ok(f.operator, FEE_RECHARGE, it(FEE_RECHARGE, "to", to.did(), "amount", amount));
  }

  // ---- ledger and request envelope ----

  @Test
  void init_onAnInitializedLedger_isRejected() {
    f.rejected(RuleCode.ALREADY_INITIALIZED, f.operator, LEDGER_INIT,
        Items.ledgerInit("again", List.of(f.operator.pub())));
  }

  @Test
  void requests_beforeInit_areRejected() {
    Fixture empty = new Fixture(ReceiverCheck.ACCEPT_ALL);
    empty.rejected(RuleCode.NOT_INITIALIZED, empty.operator, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", 1));
  }

  @Test
  void init_signedByAKeyItDoesNotName_isRejected() {
    Fixture empty = new Fixture(ReceiverCheck.ACCEPT_ALL);
    SignedRequest r = Fixture.sign(Request.builder(Fixture.LEDGER, LEDGER_INIT, empty.operator.did()).nonce(1)
        .item(Items.ledgerInit("Op", List.of(empty.alice.pub()))).build(), empty.operator);
    empty.rejected(RuleCode.BAD_SIGNATURE, r);
  }

  @Test
  void init_createsTheOperatorAndTheDefaultAllowList() {
    f.reg.read(s -> {
      assertThat(s.origin()).contains(Fixture.LEDGER);
      assertThat(s.account(f.operator.did()).get().role()).isEqualTo(Role.OPERATOR);
      assertThat(s.permitted(Role.PLATFORM, DDC721_MINT)).isTrue();
      assertThat(s.permitted(Role.CONSUMER, DDC721_MINT)).isFalse();
      assertThat(s.permitted(Role.OPERATOR, DDC721_FREEZE)).isTrue();
      return null;
    });
  }

  @Test
  void requestForAnotherLedger_isRejected() {
    SignedRequest r = Fixture.sign(Request.builder("other.ledger", DDC721_MINT, f.platformA.did())
        .nonce(f.nextNonce(f.platformA)).item(Items.mint721(f.alice.did(), null, null, null)).build(), f.platformA);
    f.rejected(RuleCode.WRONG_LEDGER, r);
  }

  @Test
  void unknownActor_isRejected() {
    Party stranger = Fixture.party("stranger");
    f.rejected(RuleCode.UNKNOWN_ACCOUNT, stranger, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
  }

  @Test
  void signatureByAnotherKey_isRejected() {
    SignedRequest r = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_MINT, f.platformA.did())
        .nonce(f.nextNonce(f.platformA)).item(Items.mint721(f.alice.did(), null, null, null)).build(), f.platformB);
    f.rejected(RuleCode.BAD_SIGNATURE, r);
  }

  @Test
  void signatureOverAnotherHeader_isRejected() {
    SignedRequest good = f.sign(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
    SignedRequest other = f.sign(f.platformA, DDC721_MINT, Items.mint721(f.bob.did(), null, null, null));
    f.rejected(RuleCode.BAD_SIGNATURE, other.withSignature(good.signature()));
  }

  @Test
  void nonce_mustBeAboveTheLastAccepted_andGapsAreAllowed() {
    long n = f.nextNonce(f.platformA);
    SignedRequest r = f.sign(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
    f.submitOk(r);
    f.rejected(RuleCode.BAD_NONCE, r);
    SignedRequest jump = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_MINT, f.platformA.did()).nonce(n + 10)
        .item(Items.mint721(f.alice.did(), null, null, null)).build(), f.platformA);
    f.submitOk(jump);
    assertThat(f.nextNonce(f.platformA)).isEqualTo(n + 11);
    SignedRequest late = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_MINT, f.platformA.did()).nonce(n + 5)
        .item(Items.mint721(f.alice.did(), null, null, null)).build(), f.platformA);
    f.rejected(RuleCode.BAD_NONCE, late);
  }

  @Test
  void deadline_passed_isRejected_andTheDeadlineItselfIsAccepted() {
    SignedRequest r = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_MINT, f.platformA.did())
        .nonce(f.nextNonce(f.platformA)).deadline(Fixture.T0 + 1000)
        .item(Items.mint721(f.alice.did(), null, null, null)).build(), f.platformA);
    f.clock.set(Fixture.T0 + 1001);
    f.rejected(RuleCode.EXPIRED, r);
    f.clock.set(Fixture.T0 + 1000);
    f.submitOk(r);
  }

  @Test
  void frozenActor_isRejected_andUnfrozenMayActAgain() {
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.alice, AccountState.FROZEN, false));
    long id = f.mint721(f.platformA, f.bob);
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.alice, DDC721_SET_APPROVAL_FOR_ALL,
        it(DDC721_SET_APPROVAL_FOR_ALL, "operator", f.bob.did(), "approved", true));
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.bob, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.bob.did(), "to", f.alice.did(), "ddc", id));
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.alice, AccountState.ACTIVE, false));
    f.ok(f.bob, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", f.bob.did(), "to", f.alice.did(), "ddc", id));
  }

  @Test
  void allowList_isData_theOperatorGrantsAndRevokes() {
    f.rejected(RuleCode.NOT_PERMITTED, f.alice, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
    f.ok(f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.CONSUMER, "operation", DDC721_MINT, "allowed", true));
    f.ok(f.alice, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
    f.ok(f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.CONSUMER, "operation", DDC721_MINT, "allowed", false));
    f.rejected(RuleCode.NOT_PERMITTED, f.alice, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
  }

  @Test
  void allowList_edits_areOperatorOnly_notOnTheOperator_andNeverNoOps() {
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.CONSUMER, "operation", DDC721_MINT, "allowed", true));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.OPERATOR, "operation", DDC721_MINT, "allowed", false));
    f.rejected(RuleCode.STATE_UNCHANGED, f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.PLATFORM, "operation", DDC721_MINT, "allowed", true));
    f.rejected(RuleCode.INVALID_ARGUMENT, f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.PLATFORM, "operation", LEDGER_INIT, "allowed", true));
  }

  @Test
  void operatorOnlyOperations_stayOperatorOnly_evenWhenTheAllowListGrantsThem() {
    long id = f.mint721(f.platformA, f.alice);
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", id));
    f.ok(f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.PLATFORM, "operation", DDC721_FREEZE, "allowed", true));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", id));
  }

  // ---- accounts ----

  @Test
  void platform_addsConsumers_onlyWithTheSwitch_andOnlyUnderItself() {
    Party dave = Fixture.party("dave");
    Item add = Items.addAccount(dave.did(), "Dave", Role.CONSUMER, null, dave.pub());
    f.rejected(RuleCode.SWITCH_OFF, f.platformA, ACCOUNT_ADD, add);
    f.switchOn(Switch.PLATFORM_ADD_CONSUMER);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_ADD,
        Items.addAccount(dave.did(), "Dave", Role.PLATFORM, null, dave.pub()));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_ADD,
        Items.addAccount(dave.did(), "Dave", Role.CONSUMER, f.platformB.did(), dave.pub()));
    f.ok(f.platformA, ACCOUNT_ADD, add);
    assertThat(f.s().account(dave.did()).get().leader()).isEqualTo(f.platformA.did());
  }

  @Test
  void consumer_cannotAddAccounts_evenWhenPermitted() {
    Party dave = Fixture.party("dave");
    f.rejected(RuleCode.NOT_PERMITTED, f.alice, ACCOUNT_ADD,
        Items.addAccount(dave.did(), "Dave", Role.CONSUMER, f.platformA.did(), dave.pub()));
    f.ok(f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.CONSUMER, "operation", ACCOUNT_ADD, "allowed", true));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_ADD,
        Items.addAccount(dave.did(), "Dave", Role.CONSUMER, f.platformA.did(), dave.pub()));
  }

  @Test
  void operator_addsConsumers_underAnExistingPlatform_frozenOrNot() {
    Party dave = Fixture.party("dave");
    f.rejected(RuleCode.INVALID_ARGUMENT, f.operator, ACCOUNT_ADD,
        Items.addAccount(dave.did(), "Dave", Role.CONSUMER, null, dave.pub()));
    f.rejected(RuleCode.UNKNOWN_ACCOUNT, f.operator, ACCOUNT_ADD,
        Items.addAccount(dave.did(), "Dave", Role.CONSUMER, Did.of("did:test:nobody"), dave.pub()));
    f.rejected(RuleCode.INVALID_ARGUMENT, f.operator, ACCOUNT_ADD,
        Items.addAccount(dave.did(), "Dave", Role.CONSUMER, f.alice.did(), dave.pub()));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.operator, ACCOUNT_ADD,
        Items.addAccount(dave.did(), "Dave", Role.OPERATOR, null, dave.pub()));
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.platformB, AccountState.FROZEN, false));
    // as in BSN's addAccountByOperator, which does not check the leader's state
    f.ok(f.operator, ACCOUNT_ADD, Items.addAccount(dave.did(), "Dave", Role.CONSUMER, f.platformB.did(), dave.pub()));
    assertThat(f.s().account(dave.did()).orElseThrow().leader()).isEqualTo(f.platformB.did());
  }

  @Test
  void duplicateDid_isRejected_evenWithinABatch() {
    f.rejected(RuleCode.ACCOUNT_EXISTS, f.operator, ACCOUNT_ADD,
        Items.addAccount(f.alice.did(), "Alice2", Role.CONSUMER, f.platformA.did(), f.alice.pub()));
    f.switchOn(Switch.BATCH);
    Party dave = Fixture.party("dave");
    Item add = Items.addAccount(dave.did(), "Dave", Role.CONSUMER, f.platformA.did(), dave.pub());
    f.rejected(RuleCode.ACCOUNT_EXISTS, f.operator, ACCOUNT_ADD, add, add);
  }

  @Test
  void batchAdd_needsTheBatchSwitch_andIsAllOrNothing() {
    Party dave = Fixture.party("dave");
    Party erin = Fixture.party("erin");
    Item d = Items.addAccount(dave.did(), "Dave", Role.CONSUMER, f.platformA.did(), dave.pub());
    Item e = Items.addAccount(erin.did(), "Erin", Role.CONSUMER, f.platformA.did(), erin.pub());
    Item bad = Items.addAccount(f.bob.did(), "Bob", Role.CONSUMER, f.platformA.did(), f.bob.pub());
    f.rejected(RuleCode.SWITCH_OFF, f.operator, ACCOUNT_ADD, d, e);
    f.switchOn(Switch.BATCH);
    RequestRejectedException x = f.rejected(RuleCode.ACCOUNT_EXISTS, f.operator, ACCOUNT_ADD, d, e, bad);
    assertThat(x.item()).isEqualTo(2);
    assertThat(f.s().account(dave.did())).isEmpty();
    f.ok(f.operator, ACCOUNT_ADD, d, e);
  }

  @Test
  void accountState_byLeaderOrOperator_platformOnlyThePlatformState() {
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_SET_STATE, state(f.alice, AccountState.FROZEN, false));
    f.ok(f.platformA, ACCOUNT_SET_STATE, state(f.alice, AccountState.FROZEN, true));
    assertThat(f.s().account(f.alice.did()).get().platformState()).isEqualTo(AccountState.FROZEN);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformB, ACCOUNT_SET_STATE, state(f.bob, AccountState.FROZEN, true));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_SET_STATE,
        state(f.platformA, AccountState.FROZEN, true));
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.alice, AccountState.FROZEN, false));
    assertThat(f.s().account(f.alice.did()).get().active()).isFalse();
    f.ok(f.platformA, ACCOUNT_SET_STATE, state(f.alice, AccountState.ACTIVE, true));
    assertThat(f.s().account(f.alice.did()).get().active()).as("operator state still frozen").isFalse();
  }

  @Test
  void accountState_unchanged_unknown_consumerActor_andOperatorSelf_areRejected() {
    f.rejected(RuleCode.STATE_UNCHANGED, f.operator, ACCOUNT_SET_STATE, state(f.alice, AccountState.ACTIVE, false));
    f.rejected(RuleCode.UNKNOWN_ACCOUNT, f.operator, ACCOUNT_SET_STATE,
        it(ACCOUNT_SET_STATE, "did", Did.of("did:test:nobody"), "state", AccountState.FROZEN, "platformState", false));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.operator, ACCOUNT_SET_STATE,
        state(f.operator, AccountState.FROZEN, false));
    f.ok(f.operator, AUTHORITY_SET_PERMISSION,
        it(AUTHORITY_SET_PERMISSION, "role", Role.CONSUMER, "operation", ACCOUNT_SET_STATE, "allowed", true));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_SET_STATE, state(f.bob, AccountState.FROZEN, true));
  }

  @Test
  void switches_areOperatorOnly_andNeverNoOps() {
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, AUTHORITY_SET_SWITCH,
        it(AUTHORITY_SET_SWITCH, "switch", Switch.BATCH, "on", true));
    f.rejected(RuleCode.STATE_UNCHANGED, f.operator, AUTHORITY_SET_SWITCH,
        it(AUTHORITY_SET_SWITCH, "switch", Switch.BATCH, "on", false));
  }

  // ---- DDC-721 ----

  @Test
  void mint721_idsAreSequentialFromOne_andNeverReused() {
    long a = f.mint721(f.platformA, f.alice);
    long b = f.mint721(f.platformA, f.bob);
    assertThat(List.of(a, b)).containsExactly(1L, 2L);
    f.ok(f.bob, DDC721_BURN, it(DDC721_BURN, "ddc", b));
    assertThat(f.mint721(f.platformA, f.bob)).isEqualTo(3);
    f.reg.read(s -> {
      assertThat(s.latestDdcId()).isEqualTo(3);
      assertThat(s.ddcCount(f.bob.did())).isEqualTo(1);
      assertThat(s.ddc(2).get().burned()).isTrue();
      return null;
    });
  }

  @Test
  void mint_toUnknownOrFrozenAccount_isRejected() {
    f.rejected(RuleCode.UNKNOWN_ACCOUNT, f.platformA, DDC721_MINT,
        Items.mint721(Did.of("did:test:nobody"), null, null, null));
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.alice, AccountState.FROZEN, false));
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
  }

  @Test
  void mint_toAnotherPlatformsAccount_needsCrossPlatformApproval() {
    f.rejected(RuleCode.CROSS_PLATFORM_NOT_APPROVED, f.platformA, DDC721_MINT,
        Items.mint721(f.carol.did(), null, null, null));
    f.ok(f.operator, AUTHORITY_CROSS_PLATFORM,
        it(AUTHORITY_CROSS_PLATFORM, "from", f.platformA.did(), "to", f.platformB.did(), "approved", true));
    f.ok(f.platformA, DDC721_MINT, Items.mint721(f.carol.did(), null, null, null));
    f.rejected(RuleCode.CROSS_PLATFORM_NOT_APPROVED, f.platformB, DDC721_MINT,
        Items.mint721(f.alice.did(), null, null, null));
  }

  @Test
  void crossPlatformApproval_isBetweenTwoDistinctActivePlatforms() {
    f.rejected(RuleCode.INVALID_ARGUMENT, f.operator, AUTHORITY_CROSS_PLATFORM,
        it(AUTHORITY_CROSS_PLATFORM, "from", f.platformA.did(), "to", f.alice.did(), "approved", true));
    f.rejected(RuleCode.INVALID_ARGUMENT, f.operator, AUTHORITY_CROSS_PLATFORM,
        it(AUTHORITY_CROSS_PLATFORM, "from", f.platformA.did(), "to", f.platformA.did(), "approved", true));
    f.rejected(RuleCode.UNKNOWN_ACCOUNT, f.operator, AUTHORITY_CROSS_PLATFORM,
        it(AUTHORITY_CROSS_PLATFORM, "from", f.platformA.did(), "to", Did.of("did:test:x"), "approved", true));
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, AUTHORITY_CROSS_PLATFORM,
        it(AUTHORITY_CROSS_PLATFORM, "from", f.platformA.did(), "to", f.platformB.did(), "approved", true));
  }

  @Test
  void clientReference_isUniquePerPlatform_andADuplicateIsRejected() {
    f.ok(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, "diploma-1"));
    f.rejected(RuleCode.DUPLICATE_REFERENCE, f.platformA, DDC721_MINT,
        Items.mint721(f.bob.did(), null, null, "diploma-1"));
    f.rejected(RuleCode.DUPLICATE_REFERENCE, f.platformB, DDC721_MINT,
        Items.mint721(f.carol.did(), null, null, "diploma-2"), Items.mint721(f.carol.did(), null, null, "diploma-2"));
    f.ok(f.platformB, DDC721_MINT, Items.mint721(f.carol.did(), null, null, "diploma-1"));
    assertThat(f.s().reference(f.platformA.did(), "diploma-1").getAsLong()).isEqualTo(1);
    assertThat(f.s().reference(f.platformB.did(), "diploma-1").getAsLong()).isEqualTo(2);
  }

  @Test
  void batchMint_isAllOrNothing_noIdConsumedOnRejection() {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      items.add(Items.mint721(f.alice.did(), null, null, "r" + i));
    }
    items.add(Items.mint721(Did.of("did:test:nobody"), null, null, "bad"));
    RequestRejectedException e = f.rejected(RuleCode.UNKNOWN_ACCOUNT, f.platformA, DDC721_MINT,
        items.toArray(new Item[0]));
    assertThat(e.item()).isEqualTo(50);
    Receipt r = f.ok(f.platformA, DDC721_MINT, items.subList(0, 50).toArray(new Item[0]));
    assertThat(r.mintedIds()).hasSize(50).startsWith(1L).endsWith(50L);
  }

  @Test
  void safeMint_andSafeTransfer_askTheReceiverCheck() {
    Fixture g = Fixture.standard((operator, from, to, kind, id, amount, data) -> !to.value().endsWith("bob")
        && (data.length == 0 || data[0] != 0x66));
    g.ok(g.platformA, DDC721_SAFE_MINT, it(DDC721_SAFE_MINT, "to", g.alice.did()));
    g.rejected(RuleCode.RECEIVER_REJECTED, g.platformA, DDC721_SAFE_MINT, it(DDC721_SAFE_MINT, "to", g.bob.did()));
    g.rejected(RuleCode.RECEIVER_REJECTED, g.platformA, DDC721_SAFE_MINT,
        it(DDC721_SAFE_MINT, "to", g.alice.did(), "data", new byte[] {0x66}));
    g.ok(g.platformA, DDC721_MINT, it(DDC721_MINT, "to", g.bob.did()));
    g.rejected(RuleCode.RECEIVER_REJECTED, g.alice, DDC721_SAFE_TRANSFER,
        it(DDC721_SAFE_TRANSFER, "from", g.alice.did(), "to", g.bob.did(), "ddc", 1));
    g.ok(g.alice, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", g.alice.did(), "to", g.bob.did(), "ddc", 1));
    g.rejected(RuleCode.RECEIVER_REJECTED, g.platformA, DDC1155_MINT, Items.mint1155(g.bob.did(), 5, null, null, null));
  }

  @Test
  void transfer721_byOwnerApprovedOrOperatorForAll_clearsTheApproval() {
    long id = f.mint721(f.platformA, f.alice);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", id));
    f.ok(f.alice, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.bob.did(), "ddc", id));
    assertThat(f.s().ddc(id).get().approved()).isEqualTo(f.bob.did());
    f.ok(f.bob, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.platformA.did(), "ddc", id));
    f.reg.read(s -> {
      assertThat(s.ddc(id).get().owner()).isEqualTo(f.platformA.did());
      assertThat(s.ddc(id).get().approved()).isNull();
      assertThat(s.ddcCount(f.alice.did())).isZero();
      assertThat(s.ddcCount(f.platformA.did())).isEqualTo(1);
      return null;
    });
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.platformA.did(), "to", f.bob.did(), "ddc", id));
    f.ok(f.platformA, DDC721_SET_APPROVAL_FOR_ALL,
        it(DDC721_SET_APPROVAL_FOR_ALL, "operator", f.bob.did(), "approved", true));
    f.ok(f.bob, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", f.platformA.did(), "to", f.bob.did(), "ddc", id));
  }

  @Test
  void transfer721_fromNotTheOwner_unknownDdc_wrongKind_burned_areRejected() {
    long id = f.mint721(f.platformA, f.alice);
    long m = f.mint1155(f.platformA, f.alice, 3);
    f.rejected(RuleCode.NOT_OWNER, f.alice, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.bob.did(), "to", f.alice.did(), "ddc", id));
    f.rejected(RuleCode.UNKNOWN_DDC, f.alice, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", 99));
    f.rejected(RuleCode.UNKNOWN_DDC, f.alice, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", m));
    f.ok(f.alice, DDC721_BURN, it(DDC721_BURN, "ddc", id));
    f.rejected(RuleCode.DDC_BURNED, f.alice, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", id));
  }

  @Test
  void transfer_acrossPlatforms_needsApprovalInThatDirection() {
    long id = f.mint721(f.platformA, f.alice);
    f.rejected(RuleCode.CROSS_PLATFORM_NOT_APPROVED, f.alice, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.carol.did(), "ddc", id));
    f.ok(f.operator, AUTHORITY_CROSS_PLATFORM,
        it(AUTHORITY_CROSS_PLATFORM, "from", f.platformA.did(), "to", f.platformB.did(), "approved", true));
    f.ok(f.alice, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.carol.did(), "ddc", id));
    f.rejected(RuleCode.CROSS_PLATFORM_NOT_APPROVED, f.carol, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.carol.did(), "to", f.alice.did(), "ddc", id));
  }

  @Test
  void frozenDdc_cannotMove_andOnlyTheOperatorBurnsIt() {
    long id = f.mint721(f.platformA, f.alice);
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", id));
    f.ok(f.operator, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", id));
    f.rejected(RuleCode.STATE_UNCHANGED, f.operator, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", id));
    f.rejected(RuleCode.DDC_FROZEN, f.alice, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", id));
    f.rejected(RuleCode.DDC_FROZEN, f.alice, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.bob.did(), "ddc", id));
    f.rejected(RuleCode.DDC_FROZEN, f.alice, DDC721_SET_URI, it(DDC721_SET_URI, "ddc", id, "uri", "https://x"));
    f.rejected(RuleCode.DDC_FROZEN, f.alice, DDC721_BURN, it(DDC721_BURN, "ddc", id));
    f.ok(f.operator, DDC721_UNFREEZE, it(DDC721_UNFREEZE, "ddc", id));
    f.rejected(RuleCode.STATE_UNCHANGED, f.operator, DDC721_UNFREEZE, it(DDC721_UNFREEZE, "ddc", id));
    f.ok(f.operator, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", id));
    f.ok(f.operator, DDC721_BURN, it(DDC721_BURN, "ddc", id));
    assertThat(f.s().ddc(id).get().burned()).isTrue();
  }

  @Test
  void operator_cannotBurnAnActiveDdcItDoesNotOwn() {
    long id = f.mint721(f.platformA, f.alice);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.operator, DDC721_BURN, it(DDC721_BURN, "ddc", id));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC721_BURN, it(DDC721_BURN, "ddc", id));
    f.ok(f.alice, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.bob.did(), "ddc", id));
    f.ok(f.bob, DDC721_BURN, it(DDC721_BURN, "ddc", id));
  }

  @Test
  void lockedCertificate_cannotChangeHands_butBurnAndFreezeWork() {
    long id = f.ok(f.platformA, DDC721_MINT, it(DDC721_MINT, "to", f.alice.did(), "locked", true)).mintedIds().get(0);
    f.rejected(RuleCode.DDC_LOCKED, f.alice, DDC721_TRANSFER,
        it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", id));
    f.rejected(RuleCode.DDC_LOCKED, f.alice, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.bob.did(), "ddc", id));
    // as in BSN, a locked DDC's URI is final
    f.rejected(RuleCode.DDC_LOCKED, f.alice, DDC721_SET_URI, it(DDC721_SET_URI, "ddc", id, "uri", "https://u.example/l"));
    f.ok(f.operator, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", id));
    f.ok(f.operator, DDC721_UNFREEZE, it(DDC721_UNFREEZE, "ddc", id));
    f.ok(f.alice, DDC721_BURN, it(DDC721_BURN, "ddc", id));
    long m = f.ok(f.platformA, DDC1155_MINT, it(DDC1155_MINT, "to", f.alice.did(), "amount", 2, "locked", true))
        .mintedIds().get(0);
    f.rejected(RuleCode.DDC_LOCKED, f.alice, DDC1155_TRANSFER,
        it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", m, "amount", 1));
    f.rejected(RuleCode.DDC_LOCKED, f.platformA, DDC1155_SET_URI, it(DDC1155_SET_URI, "ddc", m, "uri", "https://u.example/m"));
    f.ok(f.alice, DDC1155_BURN, it(DDC1155_BURN, "owner", f.alice.did(), "ddc", m));
  }

  @Test
  void approve_rules() {
    long id = f.mint721(f.platformA, f.alice);
    f.rejected(RuleCode.INVALID_ARGUMENT, f.alice, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.alice.did(), "ddc", id));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.platformA.did(), "ddc", id));
    f.rejected(RuleCode.NOT_SAME_PLATFORM, f.alice, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.carol.did(), "ddc", id));
    f.rejected(RuleCode.NOT_SAME_PLATFORM, f.alice, DDC721_SET_APPROVAL_FOR_ALL,
        it(DDC721_SET_APPROVAL_FOR_ALL, "operator", f.carol.did(), "approved", true));
    f.rejected(RuleCode.INVALID_ARGUMENT, f.alice, DDC721_SET_APPROVAL_FOR_ALL,
        it(DDC721_SET_APPROVAL_FOR_ALL, "operator", f.alice.did(), "approved", true));
    f.ok(f.alice, DDC721_SET_APPROVAL_FOR_ALL, it(DDC721_SET_APPROVAL_FOR_ALL, "operator", f.bob.did(), "approved", true));
    f.ok(f.bob, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.platformA.did(), "ddc", id));
    assertThat(f.s().approvedForAll(DdcKind.DDC_721, f.alice.did(), f.bob.did())).isTrue();
    assertThat(f.s().approvedForAll(DdcKind.DDC_1155, f.alice.did(), f.bob.did())).isFalse();
  }

  /**
   * Issue 19 (a), following BSN's {@code onePlatformCheck}: the Operator is on no platform, so a consumer or a
   * platform cannot approve it (single DDC or for all, either kind), and the Operator approves nobody.
   */
  @Test
  void nobodyApprovesTheOperator_andTheOperatorApprovesNobody() {
    long id = f.mint721(f.platformA, f.alice);
    long own = f.mint721(f.platformA, f.operator);
    assertThat(f.rejected(RuleCode.NOT_SAME_PLATFORM, f.alice, DDC721_APPROVE,
        it(DDC721_APPROVE, "to", f.operator.did(), "ddc", id)).getMessage())
        .contains("the Operator is on no platform: it can neither approve nor be approved");
    for (Operation op : List.of(DDC721_SET_APPROVAL_FOR_ALL, DDC1155_SET_APPROVAL_FOR_ALL)) {
      for (Party owner : List.of(f.alice, f.platformA)) {
        assertThat(f.rejected(RuleCode.NOT_SAME_PLATFORM, owner, op,
            it(op, "operator", f.operator.did(), "approved", true)).getMessage())
            .contains("the Operator is on no platform");
      }
      f.rejected(RuleCode.NOT_SAME_PLATFORM, f.operator, op, it(op, "operator", f.alice.did(), "approved", true));
    }
    f.rejected(RuleCode.NOT_SAME_PLATFORM, f.operator, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.alice.did(), "ddc", own));
    assertThat(f.s().approvedForAll(DdcKind.DDC_721, f.alice.did(), f.operator.did())).isFalse();
    assertThat(f.s().ddc(id).get().approved()).isNull();
  }

  /**
   * Suspicion (ii), proved and fixed: a consumer holding part of a DDC-1155 set its write-once URI
   * before the creator could. Only the creator or the Operator may set it now.
   */
  @Test
  void uri1155_isSetByTheCreatorOrTheOperator_notByAHolder() {
    long m = f.mint1155(f.platformA, f.alice, 4);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, DDC1155_SET_URI, it(DDC1155_SET_URI, "ddc", m, "uri", "https://evil"));
    f.ok(f.platformA, DDC1155_SET_URI, it(DDC1155_SET_URI, "ddc", m, "uri", "https://e"));
    long n = f.mint1155(f.platformA, f.alice, 4);
    f.ok(f.operator, DDC1155_SET_URI, it(DDC1155_SET_URI, "ddc", n, "uri", "https://o"));
  }

  @Test
  void uri_isWriteOnce() {
    long id = f.mint721(f.platformA, f.alice);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC721_SET_URI, it(DDC721_SET_URI, "ddc", id, "uri", "https://a"));
    f.ok(f.alice, DDC721_SET_URI, it(DDC721_SET_URI, "ddc", id, "uri", "https://a"));
    f.rejected(RuleCode.URI_ALREADY_SET, f.alice, DDC721_SET_URI, it(DDC721_SET_URI, "ddc", id, "uri", "https://b"));
    long withUri = f.ok(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), "https://c", null, null)).mintedIds().get(0);
    f.rejected(RuleCode.URI_ALREADY_SET, f.alice, DDC721_SET_URI, it(DDC721_SET_URI, "ddc", withUri, "uri", "https://d"));
    long m = f.mint1155(f.platformA, f.alice, 4);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC1155_SET_URI, it(DDC1155_SET_URI, "ddc", m, "uri", "https://e"));
    f.ok(f.platformA, DDC1155_SET_URI, it(DDC1155_SET_URI, "ddc", m, "uri", "https://e"));
    f.rejected(RuleCode.URI_ALREADY_SET, f.alice, DDC1155_SET_URI, it(DDC1155_SET_URI, "ddc", m, "uri", "https://f"));
  }

  @Test
  void nameAndSymbol_areOperatorOnly() {
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, DDC721_SET_NAME_SYMBOL,
        it(DDC721_SET_NAME_SYMBOL, "name", "Diplomas", "symbol", "DIP"));
    f.ok(f.operator, DDC721_SET_NAME_SYMBOL, it(DDC721_SET_NAME_SYMBOL, "name", "Diplomas", "symbol", "DIP"));
    assertThat(f.s().nameAndSymbol(DdcKind.DDC_721).get()).containsExactly("Diplomas", "DIP");
  }

  // ---- DDC-1155 ----

  @Test
  void mint1155_everyMintANewId_balancesAndHolders() {
    long a = f.mint1155(f.platformA, f.alice, 10);
    long b = f.mint1155(f.platformA, f.alice, 10);
    assertThat(b).isEqualTo(a + 1);
    f.ok(f.alice, DDC1155_TRANSFER, it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 4),
        it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", b, "amount", 10));
    f.reg.read(s -> {
      assertThat(s.balance(a, f.alice.did())).isEqualTo(6);
      assertThat(s.balance(a, f.bob.did())).isEqualTo(4);
      assertThat(s.holders(a)).containsOnlyKeys(f.alice.did(), f.bob.did());
      assertThat(s.holders(b)).containsOnlyKeys(f.bob.did());
      assertThat(s.ddc(a).get().supply()).isEqualTo(10);
      assertThat(s.balanceOfBatch(List.of(a, a, b), List.of(f.alice.did(), f.bob.did(), f.alice.did())))
          .containsExactly(6, 4, 0);
      return null;
    });
  }

  @Test
  void transfer1155_rules() {
    long a = f.mint1155(f.platformA, f.alice, 10);
    f.rejected(RuleCode.INSUFFICIENT_BALANCE, f.alice, DDC1155_TRANSFER,
        it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 11));
    f.rejected(RuleCode.INSUFFICIENT_BALANCE, f.alice, DDC1155_TRANSFER,
        it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 6),
        it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 6));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC1155_TRANSFER,
        it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 1));
    f.ok(f.alice, DDC1155_SET_APPROVAL_FOR_ALL, it(DDC1155_SET_APPROVAL_FOR_ALL, "operator", f.bob.did(), "approved", true));
    f.ok(f.bob, DDC1155_TRANSFER, it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 1));
    f.ok(f.operator, Operation.DDC1155_FREEZE, it(Operation.DDC1155_FREEZE, "ddc", a));
    f.rejected(RuleCode.DDC_FROZEN, f.alice, DDC1155_TRANSFER,
        it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 1));
  }

  @Test
  void burn1155_burnsTheOwnersWholeBalance_andTheLastHolderBurnsTheDdc() {
    long a = f.mint1155(f.platformA, f.alice, 10);
    f.ok(f.alice, DDC1155_TRANSFER, it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 3));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC1155_BURN, it(DDC1155_BURN, "owner", f.alice.did(), "ddc", a));
    f.ok(f.alice, DDC1155_BURN, it(DDC1155_BURN, "owner", f.alice.did(), "ddc", a));
    f.rejected(RuleCode.INSUFFICIENT_BALANCE, f.alice, DDC1155_BURN, it(DDC1155_BURN, "owner", f.alice.did(), "ddc", a));
    assertThat(f.s().ddc(a).get().supply()).isEqualTo(3);
    f.ok(f.bob, DDC1155_BURN, it(DDC1155_BURN, "owner", f.bob.did(), "ddc", a));
    assertThat(f.s().ddc(a).get().burned()).isTrue();
    f.rejected(RuleCode.DDC_BURNED, f.bob, DDC1155_BURN, it(DDC1155_BURN, "owner", f.bob.did(), "ddc", a));
  }

  /**
   * Issue 19 (b), following BSN: who may burn for {@code owner} is checked before the frozen state, so the
   * Operator cannot burn a frozen DDC-1155 naming a holder it is not (nobody can approve the Operator), and
   * a stranger gets NOT_AUTHORIZED rather than DDC_FROZEN.
   */
  @Test
  void frozen1155_burnForAnotherHolder_isNotAuthorized_evenForTheOperator() {
    long a = f.mint1155(f.platformA, f.alice, 10);
    f.ok(f.operator, Operation.DDC1155_FREEZE, it(Operation.DDC1155_FREEZE, "ddc", a));
    assertThat(f.rejected(RuleCode.NOT_AUTHORIZED, f.operator, DDC1155_BURN,
        it(DDC1155_BURN, "owner", f.alice.did(), "ddc", a)).getMessage())
        .contains("is neither " + f.alice.did() + " nor approved for all its DDC-1155");
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, DDC1155_BURN, it(DDC1155_BURN, "owner", f.alice.did(), "ddc", a));
    assertThat(f.rejected(RuleCode.DDC_FROZEN, f.alice, DDC1155_BURN,
        it(DDC1155_BURN, "owner", f.alice.did(), "ddc", a)).getMessage())
        .contains("only the Operator may burn it");
    assertThat(f.s().balance(a, f.alice.did())).isEqualTo(10);
  }

  /**
   * Issue 19 (c), following BSN: the Operator's burn of a frozen DDC-1155 (naming itself as the owner, whether it
   * holds some or not) burns every holder's balance, one ddc.burned per holder in DID order, and the DDC.
   */
  @Test
  void frozen1155_burnByTheOperator_burnsEveryHoldersBalance() {
    long a = f.mint1155(f.platformA, f.alice, 10);
    f.ok(f.alice, DDC1155_TRANSFER, it(DDC1155_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", a, "amount", 3));
    f.ok(f.operator, Operation.DDC1155_FREEZE, it(Operation.DDC1155_FREEZE, "ddc", a));
    long before = f.reg.log().size();
    f.ok(f.operator, DDC1155_BURN, it(DDC1155_BURN, "owner", f.operator.did(), "ddc", a));
    List<Event> burned = f.reg.events(before, f.reg.log().size());
    java.util.TreeMap<Did, Long> expected = new java.util.TreeMap<>(Map.of(f.alice.did(), 7L, f.bob.did(), 3L));
    assertThat(burned).hasSize(2).allMatch(e -> e.type() == EventType.BURNED);
    assertThat(String.valueOf(burned.get(0).data().get("owner"))).isEqualTo(expected.firstKey().toString());
    assertThat(((Number) burned.get(0).data().get("amount")).longValue()).isEqualTo(expected.firstEntry().getValue());
    assertThat(String.valueOf(burned.get(1).data().get("owner"))).isEqualTo(expected.lastKey().toString());
    assertThat(((Number) burned.get(1).data().get("amount")).longValue()).isEqualTo(expected.lastEntry().getValue());
    assertThat(f.s().balance(a, f.alice.did())).isZero();
    assertThat(f.s().balance(a, f.bob.did())).isZero();
    assertThat(f.s().holders(a)).isEmpty();
    assertThat(f.s().ddc(a).get().burned()).isTrue();
    f.rejected(RuleCode.DDC_BURNED, f.operator, DDC1155_BURN, it(DDC1155_BURN, "owner", f.operator.did(), "ddc", a));
  }

  // ---- fees ----

  @Test
  void recharge_followsBsnRules() {
    f.ok(f.operator, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", 1000));
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", 1));
    f.ok(f.operator, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.platformA.did(), "amount", 500));
    f.ok(f.operator, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.alice.did(), "amount", 100));
    f.ok(f.platformA, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.bob.did(), "amount", 50));
    f.ok(f.platformA, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.carol.did(), "amount", 5));
    f.rejected(RuleCode.RECHARGE_NOT_ALLOWED, f.alice, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.bob.did(), "amount", 1));
    f.rejected(RuleCode.RECHARGE_NOT_ALLOWED, f.platformA, FEE_RECHARGE,
        it(FEE_RECHARGE, "to", f.platformB.did(), "amount", 1));
    f.rejected(RuleCode.RECHARGE_NOT_ALLOWED, f.platformA, FEE_RECHARGE,
        it(FEE_RECHARGE, "to", f.operator.did(), "amount", 1));
    f.ok(f.alice, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.platformA.did(), "amount", 1));
    f.rejected(RuleCode.INSUFFICIENT_BALANCE, f.platformA, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.bob.did(), "amount", 1000));
    f.rejected(RuleCode.INVALID_ARGUMENT, f.platformA, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.platformA.did(), "amount", 1));
    f.rejected(RuleCode.UNKNOWN_ACCOUNT, f.platformA, FEE_RECHARGE,
        it(FEE_RECHARGE, "to", Did.of("did:test:nobody"), "amount", 1));
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.bob, AccountState.FROZEN, false));
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.platformA, FEE_RECHARGE, it(FEE_RECHARGE, "to", f.bob.did(), "amount", 1));
    f.reg.read(s -> {
      assertThat(s.points(f.operator.did())).isEqualTo(400);
      assertThat(s.points(f.platformA.did())).isEqualTo(446);
      assertThat(s.points(f.alice.did())).isEqualTo(99);
      assertThat(s.pointsIssued()).isEqualTo(1000);
      return null;
    });
  }

  @Test
  void batchRecharge_needsTheBatchSwitch() {
    f.ok(f.operator, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", 10));
    Item a = it(FEE_RECHARGE, "to", f.platformA.did(), "amount", 1);
    Item b = it(FEE_RECHARGE, "to", f.platformB.did(), "amount", 1);
    f.rejected(RuleCode.SWITCH_OFF, f.operator, FEE_RECHARGE, a, b);
    f.switchOn(Switch.BATCH);
    f.ok(f.operator, FEE_RECHARGE, a, b);
  }

  @Test
  void fees_areDeductedPerItem_collectedPerKind_andSettledToTheOperator() {
    points(f.platformA, 10);
    f.ok(f.operator, FEE_SET, it(FEE_SET, "operation", DDC721_MINT, "amount", 3));
    Receipt r = f.ok(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null),
        Items.mint721(f.bob.did(), null, null, null));
    assertThat(r.events()).extracting(Event::type).containsExactly(EventType.MINTED, EventType.FEE_PAID,
        EventType.MINTED, EventType.FEE_PAID);
    f.rejected(RuleCode.INSUFFICIENT_FEE, f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null),
        Items.mint721(f.bob.did(), null, null, null));
    f.reg.read(s -> {
      assertThat(s.points(f.platformA.did())).isEqualTo(4);
      assertThat(s.collected(DdcKind.DDC_721)).isEqualTo(6);
      assertThat(s.latestDdcId()).isEqualTo(2);
      return null;
    });
    f.rejected(RuleCode.INSUFFICIENT_BALANCE, f.operator, FEE_SETTLE, it(FEE_SETTLE, "kind", DdcKind.DDC_721, "amount", 7));
    f.ok(f.operator, FEE_SETTLE, it(FEE_SETTLE, "kind", DdcKind.DDC_721, "amount", 6));
    assertThat(f.s().collected(DdcKind.DDC_721)).isZero();
    f.ok(f.operator, FEE_DELETE, it(FEE_DELETE, "operation", DDC721_MINT));
    f.rejected(RuleCode.STATE_UNCHANGED, f.operator, FEE_DELETE, it(FEE_DELETE, "operation", DDC721_MINT));
    f.ok(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
    f.rejected(RuleCode.INVALID_ARGUMENT, f.operator, FEE_SET, it(FEE_SET, "operation", FEE_RECHARGE, "amount", 1));
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, FEE_SET, it(FEE_SET, "operation", DDC721_MINT, "amount", 1));
  }

  @Test
  void selfRecharge_cannotOverflow() {
    f.ok(f.operator, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", (1L << 53) - 1));
    f.rejected(RuleCode.OVERFLOW, f.operator, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", 1));
  }

  // ---- relayed requests and consent ----

  @Test
  void relayedRequest_needsTheRelayersSignature_andTheRelayerPays() throws Exception {
    points(f.platformA, 10);
    f.ok(f.operator, FEE_SET, it(FEE_SET, "operation", DDC721_TRANSFER, "amount", 2));
    long id = f.mint721(f.platformA, f.alice);
    Request req = Request.builder(Fixture.LEDGER, DDC721_TRANSFER, f.alice.did()).nonce(f.nextNonce(f.alice))
        .relayer(f.platformA.did()).item(it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", id))
        .build();
    SignedRequest byAlice = Fixture.sign(req, f.alice);
    f.rejected(RuleCode.BAD_SIGNATURE, byAlice);
    // the half-signed request travels to the relayer in the wire form and comes back intact
    byAlice = SignedRequest.fromBytes(byAlice.toBytes());
    assertThat(byAlice.relayerSignature()).isEmpty();
    f.rejected(RuleCode.BAD_SIGNATURE, byAlice.relay(f.platformB.signer()));
    Receipt r = f.submitOk(byAlice.relay(f.platformA.signer()));
    assertThat(r.events().get(1).did("payer")).isEqualTo(f.platformA.did());
    assertThat(f.s().points(f.platformA.did())).isEqualTo(8);
    assertThat(f.s().lastNonce(f.alice.did())).isEqualTo(req.header().nonce());
  }

  @Test
  void relayedRequest_withOneFieldSubstituted_isRejected() throws Exception {
    long id = f.mint721(f.platformA, f.alice);
    SignedRequest good = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_TRANSFER, f.alice.did())
        .nonce(f.nextNonce(f.alice)).relayer(f.platformA.did())
        .item(it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", id)).build(), f.alice)
        .relay(f.platformA.signer());
    Map<String, Object> json = new java.util.TreeMap<>(good.toJson());
    json.put("relayer", f.platformB.did().value());
    SignedRequest swapped = SignedRequest.fromBytes(io.ddc.json.CanonicalJson.write(json));
    f.rejected(RuleCode.BAD_SIGNATURE, swapped);
  }

  @Test
  void frozenRelayer_isRejected() throws Exception {
    long id = f.mint721(f.platformA, f.alice);
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.bob, AccountState.FROZEN, false));
    SignedRequest r = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_BURN, f.alice.did())
        .nonce(f.nextNonce(f.alice)).relayer(f.bob.did()).item(it(DDC721_BURN, "ddc", id)).build(), f.alice)
        .relay(f.bob.signer());
    f.rejected(RuleCode.ACCOUNT_FROZEN, r);
  }

  @Test
  void mintConsent_whenSwitchedOn_isRequiredFromConsumers_andChecked() throws Exception {
    f.switchOn(Switch.MINT_CONSENT);
    Item bare = Items.mint721(f.alice.did(), "https://diploma", null, "d-1");
    f.rejected(RuleCode.CONSENT_REQUIRED, f.platformA, DDC721_MINT, bare);
    Item byBob = Consent.sign(Fixture.LEDGER, f.platformA.did(), bare, f.bob.signer());
    f.rejected(RuleCode.BAD_CONSENT, f.platformA, DDC721_MINT, byBob);
    Item forOtherMinter = Consent.sign(Fixture.LEDGER, f.platformB.did(), bare, f.alice.signer());
    f.rejected(RuleCode.BAD_CONSENT, f.platformA, DDC721_MINT, forOtherMinter);
    Item consented = Consent.sign(Fixture.LEDGER, f.platformA.did(), bare, f.alice.signer());
    f.ok(f.platformA, DDC721_MINT, consented);
    f.ok(f.platformA, DDC721_MINT, Items.mint721(f.platformA.did(), null, null, null));
  }

  /**
   * Attack (issue 14, finding 4): one consent, replayed. Alice consents once to a diploma; the
   * platform mints it five times with the same consent, three of them in one batch. A consent
   * covers one certificate: it needs the item's {@code ref}, which is unique in the minter's
   * platform (earlier items of the batch included), so a second use is DUPLICATE_REFERENCE.
   */
  @Test
  void aConsent_coversOneMint_andCannotBeReplayed_acrossRequestsOrWithinABatch() throws Exception {
    f.switchOn(Switch.MINT_CONSENT);
    f.switchOn(Switch.BATCH);
    Item once = Consent.sign(Fixture.LEDGER, f.platformA.did(), Items.mint721(f.alice.did(), "https://diploma",
        null, "diploma-1"), f.alice.signer());
    f.rejected(RuleCode.DUPLICATE_REFERENCE, f.platformA, DDC721_MINT, once, once, once);
    f.ok(f.platformA, DDC721_MINT, once);
    f.rejected(RuleCode.DUPLICATE_REFERENCE, f.platformA, DDC721_MINT, once);
    Item noRef = Items.mint1155(f.alice.did(), 1, null, null, null);
    assertThatThrownBy(() -> Consent.sign(Fixture.LEDGER, f.platformA.did(), noRef, f.alice.signer()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ref");
    Item.Builder b = Item.builder(DDC1155_MINT);
    noRef.toJson().forEach(b::set);
    Item many = b.set("consent", f.alice.signer().sign(Consent.signingBytes(Fixture.LEDGER, f.platformA.did(), noRef)))
        .build();
    f.rejected(RuleCode.CONSENT_NEEDS_REF, f.platformA, DDC1155_MINT, many);
    f.rejected(RuleCode.CONSENT_NEEDS_REF, f.platformA, DDC1155_MINT, many, many, many);
    assertThat(f.s().latestDdcId()).isEqualTo(1);
  }

  /**
   * Attack (issue 14, finding 5): a frozen owner's certificates are burned by its approved account
   * and by its operator-for-all, although they could not transfer them. Burning needs the owner
   * active too, unless the Operator burns.
   */
  @Test
  void aFrozenOwnersDdcs_cannotBeBurnedByItsApprovedAccounts_onlyByTheOperator() {
    long one = f.mint721(f.platformA, f.alice);
    long two = f.mint721(f.platformA, f.alice);
    long many = f.mint1155(f.platformA, f.alice, 5);
    f.ok(f.alice, DDC721_APPROVE, it(DDC721_APPROVE, "to", f.bob.did(), "ddc", one));
    f.ok(f.alice, DDC721_SET_APPROVAL_FOR_ALL, it(DDC721_SET_APPROVAL_FOR_ALL, "operator", f.bob.did(),
        "approved", true));
    f.ok(f.alice, DDC1155_SET_APPROVAL_FOR_ALL, it(DDC1155_SET_APPROVAL_FOR_ALL, "operator", f.bob.did(),
        "approved", true));
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.alice, AccountState.FROZEN, false));
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.bob, DDC721_BURN, it(DDC721_BURN, "ddc", one));
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.bob, DDC721_BURN, it(DDC721_BURN, "ddc", two));
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.bob, DDC1155_BURN, it(DDC1155_BURN, "owner", f.alice.did(), "ddc", many));
    f.ok(f.operator, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", two));
    f.ok(f.operator, DDC721_BURN, it(DDC721_BURN, "ddc", two));
    f.ok(f.operator, ACCOUNT_SET_STATE, state(f.alice, AccountState.ACTIVE, false));
    f.ok(f.bob, DDC721_BURN, it(DDC721_BURN, "ddc", one));
    f.ok(f.bob, DDC1155_BURN, it(DDC1155_BURN, "owner", f.alice.did(), "ddc", many));
  }

  // ---- events ----

  @Test
  void everyEvent_carriesItsSignedRequestItem_andDecodesToItself() throws Exception {
    f.ok(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, "x1"),
        Items.mint721(f.bob.did(), null, null, "x2"), Items.mint721(f.bob.did(), null, null, "x3"));
    List<Event> all = f.reg.events(0, f.reg.log().size());
    for (Event e : all) {
      List<Item> items = new ArrayList<>();
      for (Event o : all) {
        if (o.cause().header().equals(e.cause().header()) && o.cause().index() == items.size()) {
          items.add(o.cause().item());
        }
      }
      assertThat(items).hasSize(e.cause().header().count());
      e.cause().verifyItem(Request.itemPath(items, e.cause().index()));
      assertThat(Event.fromBytes(e.toBytes())).isEqualTo(e);
    }
    Event last = all.get(all.size() - 1);
    assertThatThrownBy(() -> last.cause().verifyItem(Request.itemPath(List.of(last.cause().item(),
        last.cause().item(), last.cause().item()), 2))).isInstanceOf(io.ddc.merkle.ProofException.class);
  }

  @Test
  void itemsOfAnotherOperation_cannotBeAddedToARequest() {
    assertThatThrownBy(() -> Request.builder(Fixture.LEDGER, DDC721_MINT, f.alice.did())
        .item(it(DDC721_BURN, "ddc", 1))).isInstanceOf(IllegalArgumentException.class);
  }
}
