package io.ddc.engine;

import io.ddc.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.model.Switch;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A registry with named accounts and helpers to sign and submit requests. */
final class Fixture {
  static final String LEDGER = "test.ddc.io/ledger";
  static final long T0 = 1_790_000_000_000L;

  /** An account's DID and key. */
  record Party(Did did, Sm2PrivateKey key, Signer signer) {
    byte[] pub() {
      return key.publicKey().toUncompressed();
    }
  }

  private static final Map<String, Sm2PrivateKey> KEYS = new HashMap<>();

  /** A deterministic key per name, so tests do not pay key generation each time. */
  static synchronized Party party(String name) {
    Sm2PrivateKey k = KEYS.computeIfAbsent(name, n -> Sm2PrivateKey.generate(new SecureRandom()));
    return new Party(Did.of("did:test:" + name), k, Signers.sm2(k));
  }

  final MutableClock clock = new MutableClock(T0);
  final DdcRegistry reg;
  final Party operator = party("operator");
  final Party platformA = party("platformA");
  final Party platformB = party("platformB");
  final Party alice = party("alice");
  final Party bob = party("bob");
  final Party carol = party("carol");

  Fixture(ReceiverCheck check) {
    reg = DdcRegistry.inMemory(Engine.create(check), clock, TreeHasher.sm3());
  }

  /** Operator, platforms A and B, alice and bob under A, carol under B. */
  static Fixture standard() {
    return standard(ReceiverCheck.ACCEPT_ALL);
  }

  static Fixture standard(ReceiverCheck check) {
    Fixture f = new Fixture(check);
    f.ok(f.operator, Operation.LEDGER_INIT, Items.ledgerInit("Operator", List.of(f.operator.pub())));
    f.ok(f.operator, Operation.ACCOUNT_ADD,
        Items.addAccount(f.platformA.did(), "Platform A", Role.PLATFORM, null, f.platformA.pub()));
    f.ok(f.operator, Operation.ACCOUNT_ADD,
        Items.addAccount(f.platformB.did(), "Platform B", Role.PLATFORM, null, f.platformB.pub()));
    f.ok(f.operator, Operation.ACCOUNT_ADD,
        Items.addAccount(f.alice.did(), "Alice", Role.CONSUMER, f.platformA.did(), f.alice.pub()));
    f.ok(f.operator, Operation.ACCOUNT_ADD,
        Items.addAccount(f.bob.did(), "Bob", Role.CONSUMER, f.platformA.did(), f.bob.pub()));
    f.ok(f.operator, Operation.ACCOUNT_ADD,
        Items.addAccount(f.carol.did(), "Carol", Role.CONSUMER, f.platformB.did(), f.carol.pub()));
    return f;
  }

  /** The registry's live state, for assertions in a single-threaded test. */
  KvState s() {
    return reg.read(x -> (KvState) x);
  }

  long nextNonce(Party p) {
    return reg.read(s -> s.nextNonce(p.did()));
  }

  SignedRequest sign(Party actor, Operation op, Item... items) {
    return sign(Request.builder(LEDGER, op, actor.did()).nonce(nextNonce(actor)).items(List.of(items)).build(),
        actor);
  }

  static SignedRequest sign(Request r, Party actor) {
    try {
      return r.sign(actor.signer());
    } catch (io.ddc.sign.SigningUnavailableException e) {
      throw new AssertionError(e);
    }
  }

  Receipt ok(Party actor, Operation op, Item... items) {
    return submitOk(sign(actor, op, items));
  }

  Receipt submitOk(SignedRequest r) {
    try {
      return reg.submit(r);
    } catch (RequestRejectedException e) {
      return fail("expected " + r + " to be accepted, but: " + e.getMessage());
    }
  }

  /** Submits, expects rejection with {@code code}, and checks that nothing changed. */
  RequestRejectedException rejected(RuleCode code, SignedRequest r) {
    byte[] before = reg.snapshot();
    long size = reg.log().size();
    try {
      reg.submit(r);
    } catch (RequestRejectedException e) {
      assertThat(e.rule()).as(e.getMessage()).isEqualTo(code);
      assertThat(e.code()).isEqualTo(code.name());
      assertThat(reg.snapshot()).as("state after a rejection").isEqualTo(before);
      assertThat(reg.log().size()).isEqualTo(size);
      return e;
    }
    return fail("expected " + code + " for " + r);
  }

  RequestRejectedException rejected(RuleCode code, Party actor, Operation op, Item... items) {
    return rejected(code, sign(actor, op, items));
  }

  long mint721(Party actor, Party to) {
    return ok(actor, Operation.DDC721_MINT, Items.mint721(to.did(), null, null, null)).mintedIds().get(0);
  }

  long mint1155(Party actor, Party to, long amount) {
    return ok(actor, Operation.DDC1155_MINT, Items.mint1155(to.did(), amount, null, null, null)).mintedIds().get(0);
  }

  void switchOn(Switch s) {
    ok(operator, Operation.AUTHORITY_SET_SWITCH, Items.of(Operation.AUTHORITY_SET_SWITCH, "switch", s, "on", true));
  }
}
