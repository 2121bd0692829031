package io.ddc.engine;

import static io.ddc.model.Operation.ACCOUNT_ADD;
import static io.ddc.model.Operation.ACCOUNT_ADD_KEY;
import static io.ddc.model.Operation.ACCOUNT_REVOKE_KEY;
import static io.ddc.model.Operation.ACCOUNT_SET_STATE;
import static io.ddc.model.Operation.AUTHORITY_SET_PERMISSION;
import static io.ddc.model.Operation.DDC721_FREEZE;
import static io.ddc.model.Operation.DDC721_MINT;
import static io.ddc.model.Operation.DDC721_TRANSFER;
import static io.ddc.model.Operation.FEE_SELF_RECHARGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.model.AccountState;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Attempts to gain powers the rules do not give, each rejected with its code and leaving state and
 * log unchanged (Fixture.rejected checks both).
 */
class EscalationTest {
  private final Fixture f = Fixture.standard();

  private static Item it(Operation op, Object... kv) {
    return Items.of(op, kv);
  }

  @Test
  void aConsumer_addingAccounts_orMintingToItself_orGrantingItselfPermissions() {
    f.rejected(RuleCode.NOT_PERMITTED, f.alice, ACCOUNT_ADD, Items.addAccount(Fixture.party("mallory").did(),
        "Mallory", Role.CONSUMER, f.platformA.did(), Fixture.party("mallory").pub()));
    f.rejected(RuleCode.NOT_PERMITTED, f.alice, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
    f.rejected(RuleCode.NOT_PERMITTED, f.alice, AUTHORITY_SET_PERMISSION, it(AUTHORITY_SET_PERMISSION, "role",
        Role.CONSUMER, "operation", DDC721_MINT, "allowed", true));
    f.rejected(RuleCode.NOT_PERMITTED, f.alice, FEE_SELF_RECHARGE, it(FEE_SELF_RECHARGE, "amount", 1_000_000));
    // even if the Operator grants consumers the mint, the account.add rules still hold
    f.ok(f.operator, AUTHORITY_SET_PERMISSION, it(AUTHORITY_SET_PERMISSION, "role", Role.CONSUMER, "operation",
        ACCOUNT_ADD, "allowed", true));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_ADD, Items.addAccount(Fixture.party("mallory").did(),
        "Mallory", Role.CONSUMER, f.platformA.did(), Fixture.party("mallory").pub()));
  }

  @Test
  void aPlatform_freezing_orActingOnAnotherPlatformsAccounts() {
    long id = f.mint721(f.platformA, f.alice);
    f.rejected(RuleCode.NOT_PERMITTED, f.platformA, DDC721_FREEZE, it(DDC721_FREEZE, "ddc", id));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformB, ACCOUNT_SET_STATE, it(ACCOUNT_SET_STATE, "did", f.alice.did(),
        "state", AccountState.FROZEN, "platformState", true));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_SET_STATE, it(ACCOUNT_SET_STATE, "did",
        f.platformB.did(), "state", AccountState.FROZEN, "platformState", true));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformB, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", f.alice.did(), "to",
        f.carol.did(), "ddc", id));
  }

  @Test
  void takingOverKeys_ofAnotherAccount() {
    byte[] mine = Fixture.party("mallory-key").pub();
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformB, ACCOUNT_ADD_KEY, Items.addKey(f.platformA.did(), mine));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformB, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), mine));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.bob.did(), mine));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.platformA.did(),
        f.platformA.pub(), Fixture.T0));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.operator.did(), mine));
  }

  @Test
  void aFrozenAccount_acting_evenOnItsOwnKeys() {
    f.ok(f.operator, ACCOUNT_SET_STATE, it(ACCOUNT_SET_STATE, "did", f.alice.did(), "state", AccountState.FROZEN,
        "platformState", false));
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(),
        Fixture.party("alice-new").pub()));
    long id = f.mint721(f.platformA, f.bob);
    f.rejected(RuleCode.ACCOUNT_FROZEN, f.bob, DDC721_TRANSFER, it(DDC721_TRANSFER, "from", f.bob.did(), "to",
        f.alice.did(), "ddc", id));
  }

  @Test
  void replayedNonces_andExpiredDeadlines() {
    SignedRequest r = f.sign(f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, "once"));
    f.submitOk(r);
    f.rejected(RuleCode.BAD_NONCE, r);
    SignedRequest late = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_MINT, f.platformA.did())
        .nonce(f.nextNonce(f.platformA)).deadline(Fixture.T0 - 1)
        .item(Items.mint721(f.alice.did(), null, null, null)).build(), f.platformA);
    f.rejected(RuleCode.EXPIRED, late);
  }

  @Test
  void aRelayedRequest_withAnyFieldSubstituted() throws Exception {
    long id = f.mint721(f.platformA, f.alice);
    SignedRequest good = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_TRANSFER, f.alice.did())
        .nonce(f.nextNonce(f.alice)).relayer(f.platformA.did()).deadline(Fixture.T0 + 60_000)
        .item(it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.bob.did(), "ddc", id)).build(), f.alice)
        .relay(f.platformA.signer());
    Map<String, Object> json = good.toJson();
    Map<String, Object> substitutes = Map.of("nonce", 99L, "deadline", Fixture.T0 + 120_000, "relayer",
        f.platformB.did().value(), "actor", f.bob.did().value());
    for (Map.Entry<String, Object> e : substitutes.entrySet()) {
      Map<String, Object> m = new TreeMap<>(json);
      assertThat(m).containsKey(e.getKey());
      m.put(e.getKey(), e.getValue());
      SignedRequest swapped = SignedRequest.fromBytes(io.ddc.json.CanonicalJson.write(m));
      f.rejected(RuleCode.BAD_SIGNATURE, swapped);
    }
    // the item itself: another receiver changes the items root the signatures cover
    SignedRequest otherItem = Fixture.sign(Request.builder(Fixture.LEDGER, DDC721_TRANSFER, f.alice.did())
        .nonce(good.header().nonce()).relayer(f.platformA.did()).deadline(Fixture.T0 + 60_000)
        .item(it(DDC721_TRANSFER, "from", f.alice.did(), "to", f.platformA.did(), "ddc", id)).build(), f.alice);
    f.rejected(RuleCode.BAD_SIGNATURE, otherItem.withSignature(good.signature()).relay(f.platformA.signer()));
    f.submitOk(good);
  }
}
