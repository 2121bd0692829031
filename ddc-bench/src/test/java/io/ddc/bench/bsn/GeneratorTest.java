package io.ddc.bench.bsn;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.bench.bsn.DdcSide.Evaluation;
import io.ddc.model.DdcKind;
import io.ddc.model.Event;
import io.ddc.model.EventType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator against ddc's side alone: the same seed gives the same operations and outcomes. */
class GeneratorTest {
  private static final Accounts ACCOUNTS = Accounts.offline(12);

  /** Each operation with ddc's outcome, applying the accepted ones, as the harness does. */
  private static List<String> run(long seed, int ops, boolean fees, Set<OpKind> seen) {
    DdcSide ddc = new DdcSide(ACCOUNTS);
    DdcIds ids = new DdcIds();
    Translator translator = new Translator(ACCOUNTS, Map.of("DDC721", "0x721", "DDC1155", "0x1155"));
    Generator gen = new Generator(new Random(seed), ACCOUNTS, fees);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ops; i++) {
      Op op = gen.next(ddc.state(), ids);
      seen.add(op.kind());
      Translator.DdcRequest req = translator.ddc(op, ddc.state(), ids);
      assertThat(translator.bsn(op, ddc.state(), ids)).isNotEmpty();
      Evaluation e = ddc.evaluate(op.actor(), req.operation(), req.items());
      if (e.accepted()) {
        ddc.apply(e);
        for (Event ev : e.events()) {
          if (ev.type() == EventType.MINTED) {
            ids.add(op.kind() == OpKind.MINT_1155 || op.kind() == OpKind.MINT_1155_BATCH ? DdcKind.DDC_1155
                : DdcKind.DDC_721, ev.number("ddc"));
          }
        }
      }
      out.add(op.describe() + " -> " + e.code());
    }
    return out;
  }

  @Test
  void sameSeed_sameOperationsAndOutcomes() {
    Set<OpKind> seen = EnumSet.noneOf(OpKind.class);
    List<String> a = run(42, 300, true, seen);
    assertThat(run(42, 300, true, seen)).isEqualTo(a);
    assertThat(run(43, 300, true, seen)).isNotEqualTo(a);
  }

  @Test
  void sequences_coverEveryKind_andMostlyPlausibleOperations() {
    Set<OpKind> seen = EnumSet.noneOf(OpKind.class);
    List<String> outcomes = new ArrayList<>();
    for (long seed = 1; seed <= 4; seed++) {
      outcomes.addAll(run(seed, 250, true, seen));
    }
    assertThat(seen).containsExactlyInAnyOrder(OpKind.values());
    long accepted = outcomes.stream().filter(s -> s.endsWith("-> OK")).count();
    assertThat(accepted).as("accepted of %d", outcomes.size()).isGreaterThan(outcomes.size() / 4);
  }

  @Test
  void noFees_leavesOutTheFeeOperations() {
    Set<OpKind> seen = EnumSet.noneOf(OpKind.class);
    run(7, 400, false, seen);
    assertThat(seen).noneMatch(OpKind::fee);
  }

  @Test
  void undoLast_returnsToTheStateBefore() {
    DdcSide ddc = new DdcSide(ACCOUNTS);
    Translator translator = new Translator(ACCOUNTS, Map.of());
    DdcIds ids = new DdcIds();
    Op add = Op.of(OpKind.ADD_ACCOUNT, 0).account(1).build();
    Translator.DdcRequest req = translator.ddc(add, ddc.state(), ids);
    ddc.apply(ddc.evaluate(0, req.operation(), req.items()));
    assertThat(ddc.state().account(ACCOUNTS.did(1))).isPresent();
    ddc.undoLast();
    assertThat(ddc.state().account(ACCOUNTS.did(1))).isEmpty();
    assertThat(ddc.state().account(ACCOUNTS.did(0))).isPresent();
  }
}
