package io.ddc.engine;

import static io.ddc.model.Operation.ACCOUNT_ADD_KEY;
import static io.ddc.model.Operation.ACCOUNT_RETIRE_KEY;
import static io.ddc.model.Operation.ACCOUNT_REVOKE_KEY;
import static io.ddc.model.Operation.DDC721_MINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.Hex;
import io.ddc.engine.Fixture.Party;
import io.ddc.model.AccountKey;
import io.ddc.model.Items;
import io.ddc.sign.Signers;
import org.junit.jupiter.api.Test;

/** Key rotation and revocation: who may change an account's keys, and which keys may sign when. */
class KeyRotationRulesTest {
  private final Fixture f = Fixture.standard();

  /** {@code who}'s DID with another key, as after a rotation. */
  private static Party withKey(Party who, String seed) {
    Party k = Fixture.party(seed);
    return new Party(who.did(), k.key(), Signers.sm2(k.key()));
  }

  private AccountKey record(Party who, Party key) {
    return f.s().account(who.did()).get().key(Hex.encode(key.pub())).orElseThrow();
  }

  @Test
  void rotation_newKeySigns_retiredKeyNoLonger_andTheHistoryIsKept() {
    Party next = withKey(f.platformA, "platformA-2");
    f.clock.set(Fixture.T0 + 1_000);
    f.ok(f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.platformA.did(), next.pub()));
    f.mint721(next, f.alice);
    f.clock.set(Fixture.T0 + 2_000);
    f.ok(next, ACCOUNT_RETIRE_KEY, Items.retireKey(f.platformA.did(), f.platformA.pub()));
    f.rejected(RuleCode.BAD_SIGNATURE, f.platformA, DDC721_MINT, Items.mint721(f.alice.did(), null, null, null));
    f.mint721(next, f.alice);
    assertThat(record(f.platformA, f.platformA)).isEqualTo(new AccountKey(Hex.encode(f.platformA.pub()), Fixture.T0,
        Fixture.T0 + 2_000, null));
    assertThat(record(f.platformA, next)).isEqualTo(AccountKey.current(Hex.encode(next.pub()), Fixture.T0 + 1_000));
  }

  @Test
  void revocation_recordsTheCompromiseTime_andTheKeySignsNothingMore() {
    Party next = withKey(f.alice, "alice-2");
    f.ok(f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), next.pub()));
    f.clock.set(Fixture.T0 + 5_000);
    f.ok(next, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.alice.did(), f.alice.pub(), Fixture.T0 + 100));
    assertThat(record(f.alice, f.alice)).isEqualTo(new AccountKey(Hex.encode(f.alice.pub()), Fixture.T0,
        Fixture.T0 + 5_000, Fixture.T0 + 100));
    f.rejected(RuleCode.BAD_SIGNATURE, f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), Fixture.party("x").pub()));
    f.rejected(RuleCode.STATE_UNCHANGED, next, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.alice.did(), f.alice.pub(), Fixture.T0 + 100));
    f.rejected(RuleCode.STATE_UNCHANGED, f.platformA, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.alice.did(), f.alice.pub(), Fixture.T0 + 200));
    // a later revocation moves the compromise earlier, with a new event; the key stopped signing at 5000
    f.ok(next, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.alice.did(), f.alice.pub(), Fixture.T0));
    assertThat(record(f.alice, f.alice)).isEqualTo(new AccountKey(Hex.encode(f.alice.pub()), Fixture.T0,
        Fixture.T0 + 5_000, Fixture.T0));
  }

  @Test
  void aRetiredKey_canStillBeRevoked_whenItsCompromiseIsFoundLater() {
    Party next = withKey(f.bob, "bob-2");
    f.ok(f.bob, ACCOUNT_ADD_KEY, Items.addKey(f.bob.did(), next.pub()));
    f.clock.set(Fixture.T0 + 10);
    f.ok(next, ACCOUNT_RETIRE_KEY, Items.retireKey(f.bob.did(), f.bob.pub()));
    f.clock.set(Fixture.T0 + 20);
    f.ok(next, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.bob.did(), f.bob.pub(), Fixture.T0 + 5));
    assertThat(record(f.bob, f.bob)).isEqualTo(new AccountKey(Hex.encode(f.bob.pub()), Fixture.T0, Fixture.T0 + 10,
        Fixture.T0 + 5));
  }

  @Test
  void theLastCurrentKey_cannotBeRetired_butCanBeRevoked_andItsLeaderAddsANewOne() {
    f.rejected(RuleCode.LAST_KEY, f.alice, ACCOUNT_RETIRE_KEY, Items.retireKey(f.alice.did(), f.alice.pub()));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.alice.did(), f.alice.pub(), Fixture.T0));
    f.ok(f.platformA, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.alice.did(), f.alice.pub(), Fixture.T0));
    f.rejected(RuleCode.BAD_SIGNATURE, f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), Fixture.party("y").pub()));
    Party next = withKey(f.alice, "alice-3");
    f.ok(f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), next.pub()));
    f.ok(next, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), Fixture.party("z").pub()));
  }

  @Test
  void keys_areManagedByTheAccount_itsPlatform_orTheOperator_only() {
    byte[] k = Fixture.party("k").pub();
    f.rejected(RuleCode.NOT_AUTHORIZED, f.bob, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), k));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformB, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), k));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.platformB.did(), k));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.platformA.did(), k));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.operator.did(), k));
    f.ok(f.operator, ACCOUNT_ADD_KEY, Items.addKey(f.carol.did(), k));
    f.ok(f.operator, ACCOUNT_ADD_KEY, Items.addKey(f.operator.did(), Fixture.party("k2").pub()));
  }

  @Test
  void everyRejectionPath() {
    byte[] fresh = Fixture.party("fresh").pub();
    f.rejected(RuleCode.UNKNOWN_ACCOUNT, f.operator, ACCOUNT_ADD_KEY,
        Items.addKey(Fixture.party("nobody").did(), fresh));
    f.rejected(RuleCode.KEY_EXISTS, f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), f.alice.pub()));
    f.rejected(RuleCode.UNKNOWN_KEY, f.alice, ACCOUNT_RETIRE_KEY, Items.retireKey(f.alice.did(), fresh));
    f.rejected(RuleCode.UNKNOWN_KEY, f.alice, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.alice.did(), fresh, Fixture.T0));
    f.rejected(RuleCode.INVALID_ARGUMENT, f.platformA, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.alice.did(), f.alice.pub(), Fixture.T0 + 1));
    Party next = withKey(f.alice, "alice-4");
    f.ok(f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), next.pub()));
    f.ok(next, ACCOUNT_RETIRE_KEY, Items.retireKey(f.alice.did(), f.alice.pub()));
    f.rejected(RuleCode.STATE_UNCHANGED, next, ACCOUNT_RETIRE_KEY, Items.retireKey(f.alice.did(), f.alice.pub()));
    f.rejected(RuleCode.KEY_EXISTS, next, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), f.alice.pub()));
    for (int i = f.s().account(f.alice.did()).get().keys().size(); i < AccountKey.MAX_RECORDS; i++) {
      f.ok(next, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), Fixture.party("many-" + i).pub()));
    }
    f.rejected(RuleCode.INVALID_ARGUMENT, next, ACCOUNT_ADD_KEY,
        Items.addKey(f.alice.did(), Fixture.party("one-too-many").pub()));
  }

  /**
   * Attack (issue 14, finding 2): a thief with platform A's original key mints at T+1000, then
   * revokes the stolen key itself as "compromised since T+2000", so that the owner's and the
   * Operator's later revocations (since T+100) are STATE_UNCHANGED and the forgery stays valid.
   * Now a key cannot revoke itself, and a later revocation moves the compromise time earlier.
   */
  @Test
  void aThief_cannotLockInItsForgery_byRevokingTheStolenKeyLateFirst() {
    Party owner = withKey(f.platformA, "platformA-owner");
    f.ok(f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.platformA.did(), owner.pub()));
    f.clock.set(Fixture.T0 + 1_000);
    f.mint721(f.platformA, f.alice);
    f.clock.set(Fixture.T0 + 3_000);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.platformA.did(), f.platformA.pub(), Fixture.T0 + 2_000));
    f.ok(f.operator, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.platformA.did(), f.platformA.pub(), Fixture.T0 + 2_500));
    f.clock.set(Fixture.T0 + 4_000);
    f.ok(owner, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.platformA.did(), f.platformA.pub(), Fixture.T0 + 100));
    assertThat(record(f.platformA, f.platformA)).isEqualTo(new AccountKey(Hex.encode(f.platformA.pub()), Fixture.T0,
        Fixture.T0 + 3_000, Fixture.T0 + 100));
    // the earliest compromise time is kept: an equal or later one changes nothing
    f.rejected(RuleCode.STATE_UNCHANGED, f.operator, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.platformA.did(), f.platformA.pub(), Fixture.T0 + 100));
    f.rejected(RuleCode.STATE_UNCHANGED, owner, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.platformA.did(), f.platformA.pub(), Fixture.T0 + 2_000));
    java.util.List<io.ddc.model.Event> revocations = f.reg.events(0, f.reg.log().size()).stream()
        .filter(e -> e.type() == io.ddc.model.EventType.KEY_REVOKED).toList();
    assertThat(revocations).extracting(e -> e.number("compromisedSince"))
        .containsExactly(Fixture.T0 + 2_500, Fixture.T0 + 100);
    assertThat(io.ddc.engine.DdcRegistry.replay(f.reg.events(0, f.reg.log().size())).snapshot())
        .isEqualTo(f.reg.snapshot());
  }

  /**
   * Attack (issue 14, finding 2): one stolen key of an account declares the account's other keys
   * compromised since time 0, voiding every certificate they signed. An account's key may revoke
   * only the account's older keys (the owner's new key supersedes the stolen one, not the
   * reverse) and never itself; the platform (for a consumer) and the Operator may revoke any.
   */
  @Test
  void aStolenKey_cannotVoidTheHistoryOfTheAccountsNewerKeys() {
    Party owner = withKey(f.platformA, "platformA-newer");
    f.ok(f.platformA, ACCOUNT_ADD_KEY, Items.addKey(f.platformA.did(), owner.pub()));
    f.clock.set(Fixture.T0 + 1_000);
    f.mint721(owner, f.alice);
    f.clock.set(Fixture.T0 + 2_000);
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.platformA.did(), owner.pub(), 0));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.platformA, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.platformA.did(), f.platformA.pub(), 0));
    assertThat(record(f.platformA, owner).current()).isTrue();
    Party alice2 = withKey(f.alice, "alice-newer");
    f.ok(f.alice, ACCOUNT_ADD_KEY, Items.addKey(f.alice.did(), alice2.pub()));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.alice, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.alice.did(), alice2.pub(), 0));
    f.rejected(RuleCode.NOT_AUTHORIZED, f.operator, ACCOUNT_REVOKE_KEY,
        Items.revokeKey(f.operator.did(), f.operator.pub(), 0));
    f.ok(f.platformA, ACCOUNT_REVOKE_KEY, Items.revokeKey(f.alice.did(), alice2.pub(), Fixture.T0));
    assertThat(record(f.alice, alice2).compromisedSince()).isEqualTo(Fixture.T0);
  }
}
