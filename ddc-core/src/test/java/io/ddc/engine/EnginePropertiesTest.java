package io.ddc.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.engine.Fixture.Party;
import io.ddc.merkle.MerkleTrees;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.AccountState;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.model.Switch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random sequences of valid and invalid requests: a rejected request leaves the state and the
 * log byte-identical, and replaying the accepted events (from objects and from their bytes)
 * reproduces the state and the log root.
 */
class EnginePropertiesTest {
  private static final Operation[] OPS = {
      Operation.ACCOUNT_ADD, Operation.ACCOUNT_SET_STATE, Operation.AUTHORITY_SET_SWITCH,
      Operation.AUTHORITY_CROSS_PLATFORM, Operation.AUTHORITY_SET_PERMISSION, Operation.DDC721_MINT,
      Operation.DDC721_SAFE_MINT, Operation.DDC721_TRANSFER, Operation.DDC721_APPROVE,
      Operation.DDC721_SET_APPROVAL_FOR_ALL, Operation.DDC721_FREEZE, Operation.DDC721_UNFREEZE,
      Operation.DDC721_BURN, Operation.DDC721_SET_URI, Operation.DDC1155_MINT, Operation.DDC1155_TRANSFER,
      Operation.DDC1155_SET_APPROVAL_FOR_ALL, Operation.DDC1155_BURN, Operation.DDC1155_SET_URI,
      Operation.DDC1155_FREEZE, Operation.FEE_SELF_RECHARGE, Operation.FEE_RECHARGE, Operation.FEE_SET,
      Operation.FEE_DELETE, Operation.FEE_SETTLE, Operation.DDC721_SET_NAME_SYMBOL};

  @Property(tries = 12)
  void randomRequests_rejectionsChangeNothing_andReplayReproducesState(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    Fixture f = Fixture.standard((op, from, to, kind, id, amount, data) -> id % 7 != 3);
    List<Party> parties = List.of(f.operator, f.platformA, f.platformB, f.alice, f.bob, f.carol,
        Fixture.party("dave"), Fixture.party("erin"));
    Map<RuleCode, Integer> seen = new EnumMap<>(RuleCode.class);
    int accepted = 0;
    for (int step = 0; step < 120; step++) {
      Party actor = parties.get(rnd.nextInt(parties.size()));
      if (rnd.nextInt(3) == 0) {
        actor = f.platformA;
      }
      Operation op = OPS[rnd.nextInt(OPS.length)];
      int n = Math.min(op.maxItems(), rnd.nextInt(8) == 0 ? 2 + rnd.nextInt(3) : 1);
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        items.add(randomItem(op, rnd, f, parties));
      }
      long nonce = f.nextNonce(actor) - (rnd.nextInt(15) == 0 ? 1 : 0);
      Request.Builder b = Request.builder(Fixture.LEDGER, op, actor.did()).nonce(Math.max(1, nonce)).items(items);
      if (rnd.nextInt(10) == 0) {
        b.deadline(Fixture.T0 + rnd.nextInt(2000) - 1000);
      }
      Party signer = rnd.nextInt(20) == 0 ? parties.get(rnd.nextInt(parties.size())) : actor;
      SignedRequest r = Fixture.sign(b.build(), signer);
      byte[] before = f.reg.snapshot();
      long size = f.reg.log().size();
      byte[] root = f.reg.log().root();
      try {
        Receipt receipt = f.reg.submit(r);
        accepted++;
        assertThat(receipt.firstSeq()).isEqualTo(size);
        assertThat(f.reg.log().size()).isEqualTo(size + receipt.events().size());
      } catch (RequestRejectedException e) {
        seen.merge(e.rule(), 1, Integer::sum);
        assertThat(f.reg.snapshot()).as("state after %s", e.getMessage()).isEqualTo(before);
        assertThat(f.reg.log().size()).isEqualTo(size);
        assertThat(f.reg.log().root()).isEqualTo(root);
      }
    }
    assertThat(accepted).as("accepted requests").isPositive();
    assertThat(seen.size()).as("distinct rejection codes: %s", seen).isGreaterThan(5);

    long total = f.reg.log().size();
    List<Event> events = f.reg.events(0, total);
    assertThat(DdcRegistry.replay(events).snapshot()).isEqualTo(f.reg.snapshot());
    List<Event> decoded = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    TreeHasher h = TreeHasher.sm3();
    for (Event e : events) {
      byte[] bytes = e.toBytes();
      assertThat(bytes).as("the event writer against the generic canonical writer")
          .isEqualTo(io.ddc.json.CanonicalJson.write(e.toJson()));
      decoded.add(Event.fromBytes(bytes));
      leaves.add(h.leafHash(bytes));
    }
    assertThat(DdcRegistry.replay(decoded).snapshot()).isEqualTo(f.reg.snapshot());
    assertThat(MerkleTrees.build(h, leaves).root()).isEqualTo(f.reg.log().root());
  }

  private static Item randomItem(Operation op, Random rnd, Fixture f, List<Party> parties) {
    Did who = parties.get(rnd.nextInt(parties.size())).did();
    Did other = parties.get(rnd.nextInt(parties.size())).did();
    long latest = f.s().latestDdcId();
    long ddc = 1 + rnd.nextInt((int) latest + 2);
    boolean flag = rnd.nextBoolean();
    long amount = 1 + rnd.nextInt(5);
    switch (op) {
      case ACCOUNT_ADD: {
        Party p = parties.get(6 + rnd.nextInt(2));
        Role role = rnd.nextBoolean() ? Role.CONSUMER : Role.PLATFORM;
        return Items.addAccount(p.did(), "n" + rnd.nextInt(9), role,
            role == Role.CONSUMER ? (rnd.nextBoolean() ? f.platformA.did() : f.platformB.did()) : null, p.pub());
      }
      case ACCOUNT_SET_STATE:
        return Items.of(op, "did", who, "state", flag ? AccountState.ACTIVE : AccountState.FROZEN,
            "platformState", rnd.nextBoolean());
      case AUTHORITY_SET_SWITCH:
        return Items.of(op, "switch", Switch.values()[rnd.nextInt(Switch.values().length)], "on", flag);
      case AUTHORITY_CROSS_PLATFORM:
        return Items.of(op, "from", rnd.nextBoolean() ? f.platformA.did() : who, "to",
            rnd.nextBoolean() ? f.platformB.did() : other, "approved", flag);
      case AUTHORITY_SET_PERMISSION:
        return Items.of(op, "role", Role.values()[rnd.nextInt(3)], "operation", OPS[rnd.nextInt(OPS.length)],
            "allowed", flag);
      case DDC721_SET_NAME_SYMBOL:
        return Items.of(op, "name", "N" + rnd.nextInt(3), "symbol", "S");
      case DDC721_MINT:
      case DDC721_SAFE_MINT:
        return Items.of(op, "to", who, "ref", rnd.nextBoolean() ? "r" + rnd.nextInt(20) : null,
            "uri", rnd.nextBoolean() ? "https://u/" + rnd.nextInt(9) : null, "locked", rnd.nextInt(5) == 0);
      case DDC1155_MINT:
        return Items.of(op, "to", who, "amount", amount, "ref", rnd.nextBoolean() ? "q" + rnd.nextInt(20) : null);
      case DDC721_TRANSFER:
        return Items.of(op, "from", rnd.nextBoolean() ? ownerOr(f, ddc, who) : who, "to", other, "ddc", ddc);
      case DDC1155_TRANSFER:
        return Items.of(op, "from", who, "to", other, "ddc", ddc, "amount", amount);
      case DDC721_APPROVE:
        return Items.of(op, "to", other, "ddc", ddc);
      case DDC721_SET_APPROVAL_FOR_ALL:
      case DDC1155_SET_APPROVAL_FOR_ALL:
        return Items.of(op, "operator", other, "approved", flag);
      case DDC721_FREEZE:
      case DDC721_UNFREEZE:
      case DDC721_BURN:
      case DDC1155_FREEZE:
        return Items.of(op, "ddc", ddc);
      case DDC1155_BURN:
        return Items.of(op, "owner", who, "ddc", ddc);
      case DDC721_SET_URI:
      case DDC1155_SET_URI:
        return Items.of(op, "ddc", ddc, "uri", "https://v/" + rnd.nextInt(9));
      case FEE_SELF_RECHARGE:
        return Items.of(op, "amount", 10 * amount);
      case FEE_RECHARGE:
        return Items.of(op, "to", who, "amount", amount);
      case FEE_SET:
        return Items.of(op, "operation", rnd.nextBoolean() ? Operation.DDC721_MINT : Operation.DDC1155_TRANSFER,
            "amount", rnd.nextInt(3));
      case FEE_DELETE:
        return Items.of(op, "operation", Operation.DDC721_MINT);
      case FEE_SETTLE:
        return Items.of(op, "kind", rnd.nextBoolean() ? DdcKind.DDC_721 : DdcKind.DDC_1155, "amount", amount);
      default:
        throw new AssertionError(op);
    }
  }

  private static Did ownerOr(Fixture f, long ddc, Did fallback) {
    return f.s().ddc(ddc).map(d -> d.owner() == null ? fallback : d.owner()).orElse(fallback);
  }
}
