package io.ddc.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.SignedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: signatures are verified before the append lock ({@link Engine#preverify}), and what
 * that remembers can only spare a repeated verification, never decide: a key retired in between,
 * a signature of other bytes, a signature that does not verify are rejected as before.
 */
class PreverifyTest {
  final Fixture f = Fixture.standard();
  final Engine engine = Engine.create();

  private SignedRequest mint(Fixture.Party actor) {
    return f.sign(actor, Operation.DDC721_MINT, Items.mint721(f.alice.did(), null, null, "pre-1"));
  }

  @Test
  void aPreverifiedRequest_givesTheSameEventsAsOneVerifiedUnderTheLock() throws Exception {
    SignedRequest r = mint(f.platformA);
    engine.preverify(f.s(), r);
    List<?> pre = engine.transition(f.s(), r, Fixture.T0 + 1).events();
    List<?> plain = Engine.create().transition(f.s(), r, Fixture.T0 + 1).events();
    assertThat(pre).isEqualTo(plain).isNotEmpty();
  }

  @Test
  void aKeyRetiredAfterPreverification_doesNotSign() throws Exception {
    SignedRequest r = mint(f.platformA);
    engine.preverify(f.s(), r);
    Fixture.Party other = Fixture.party("platformA-second-key");
    f.ok(f.operator, Operation.ACCOUNT_ADD_KEY, Items.addKey(f.platformA.did(), other.pub()));
    f.clock.set(Fixture.T0 + 1_000);
    f.ok(f.operator, Operation.ACCOUNT_RETIRE_KEY, Items.retireKey(f.platformA.did(), f.platformA.pub()));
    f.clock.set(Fixture.T0 + 2_000);
    assertThatThrownBy(() -> engine.transition(f.s(), r, Fixture.T0 + 2_000))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.BAD_SIGNATURE));
  }

  @Test
  void aSignatureOfOtherBytes_isNotTakenForVerified() throws Exception {
    SignedRequest a = mint(f.platformA);
    SignedRequest b = Fixture.sign(Request.builder(Fixture.LEDGER, Operation.DDC721_MINT, f.platformA.did())
        .nonce(a.header().nonce()).item(Items.mint721(f.bob.did(), null, null, "pre-1")).build(), f.platformA);
    engine.preverify(f.s(), a);
    engine.preverify(f.s(), b);
    SignedRequest swapped = b.withSignature(a.signature());
    engine.preverify(f.s(), swapped);
    assertThatThrownBy(() -> engine.transition(f.s(), swapped, Fixture.T0 + 1))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.BAD_SIGNATURE));
    assertThat(engine.transition(f.s(), b, Fixture.T0 + 1).events()).isNotEmpty();
  }

  @Test
  void anotherAccountsSignature_preverified_doesNotSignForThisOne() throws Exception {
    // platform B signs a request naming platform A as the actor
    SignedRequest forged = Fixture.sign(Request.builder(Fixture.LEDGER, Operation.DDC721_MINT, f.platformA.did())
        .nonce(1).item(Items.mint721(f.alice.did(), null, null, "x")).build(), f.platformB);
    engine.preverify(f.s(), forged);
    assertThatThrownBy(() -> engine.transition(f.s(), forged, Fixture.T0 + 1))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.BAD_SIGNATURE));
  }

  @Test
  void preverify_neverThrows_forWhateverIsSubmitted() {
    SignedRequest unknownActor = Fixture.sign(Request.builder(Fixture.LEDGER, Operation.DDC721_MINT,
        Did.of("did:test:nobody")).nonce(1).item(Items.mint721(f.alice.did(), null, null, null)).build(),
        f.alice);
    SignedRequest badInit = Fixture.sign(Request.builder(Fixture.LEDGER, Operation.LEDGER_INIT, f.operator.did())
        .nonce(1).item(Items.ledgerInit("Operator", List.of(f.bob.pub()))).build(), f.operator);
    assertThatCode(() -> engine.preverify(f.s(), unknownActor)).doesNotThrowAnyException();
    assertThatCode(() -> engine.preverify(new Fixture(ReceiverCheck.ACCEPT_ALL).s(), badInit))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> engine.transition(new Fixture(ReceiverCheck.ACCEPT_ALL).s(), badInit, Fixture.T0))
        .isInstanceOf(RequestRejectedException.class);
  }
}
