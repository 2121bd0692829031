package io.ddc.bench.bsn;

import io.ddc.bench.bsn.Bridge.BridgeException;
import io.ddc.bench.bsn.Bridge.Deployment;
import io.ddc.bench.bsn.Bridge.ExecResult;
import io.ddc.bench.bsn.Bridge.Tx;
import io.ddc.bench.bsn.Classifier.Verdict;
import io.ddc.bench.bsn.DdcSide.Evaluation;
import io.ddc.engine.StateView;
import io.ddc.model.DdcKind;
import io.ddc.model.Event;
import io.ddc.model.EventType;
import io.ddc.model.Operation;
import io.ddc.model.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Issue 19 §3: the differential run of ddc's engine against the BSN DDC v2.2.1 contracts on
 * anvil. Run by hand, never by CI: the contracts are not ddc's to redistribute, so their folder is
 * an argument. Install the bridge's tools once ({@code cd ddc-bench/bsn-diff && npm ci}), then:
 *
 * <pre>
 * mvn -o -q -pl ddc-bench -am package -DskipTests
 * java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.bsn.BsnDiffHarness \
 *     --contracts /path/to/wuhanchain/ddc-contract --seed 1 --sequences 20 --ops 100
 * </pre>
 *
 * <p>Each sequence starts from the same freshly deployed chain and a fresh ddc ledger, draws
 * {@code --ops} operations ({@link Generator}), runs each on both sides ({@link Translator}) and
 * compares the outcomes and the observable state ({@link Observer}, {@link Classifier}). After a
 * difference the side that accepted is undone, so both stay in the same state and every difference
 * counted is one operation's own. Exit status 1 if a difference §6 does not list was found.
 */
public final class BsnDiffHarness {
  private static final int SLOTS = 12;

  private final Bridge bridge;
  private final Accounts accounts;
  private final Translator translator;
  private final Observer observer;
  private final Report report;
  private final Map<String, String> contracts;
  private final boolean fees;
  private final boolean trace;
  private String base;

  private BsnDiffHarness(Bridge bridge, Deployment deployment, Report report, boolean fees, boolean trace)
      throws BridgeException {
    this.bridge = bridge;
    this.accounts = new Accounts(deployment.accounts().subList(0, SLOTS));
    this.translator = new Translator(accounts, deployment.contracts());
    this.observer = new Observer(accounts, deployment.contracts());
    this.report = report;
    this.contracts = Map.copyOf(deployment.contracts());
    this.fees = fees;
    this.trace = trace;
    setUp(deployment.owner());
  }

  /** The Operator, the allow-list as ddc's default, and Charge's fee table opened for both DDC contracts. */
  private void setUp(String owner) throws BridgeException {
    List<Tx> txs = new ArrayList<>();
    txs.add(new Tx(owner, BsnCalls.AUTHORITY, "addOperator(address,string,string)",
        List.of(accounts.address(0), "Operator", accounts.did(0).value())));
    String operator = accounts.address(0);
    StateView defaults = new DdcSide(accounts).state();
    for (BsnCalls.Fn fn : BsnCalls.all()) {
      txs.add(addFunction(operator, 0, fn));
    }
    for (Role role : List.of(Role.PLATFORM, Role.CONSUMER)) {
      long bsnRole = role == Role.PLATFORM ? 1 : 2;
      for (Operation op : Operation.values()) {
        if (defaults.permitted(role, op)) {
          for (BsnCalls.Fn fn : BsnCalls.functions(op)) {
            txs.add(addFunction(operator, bsnRole, fn));
          }
        }
      }
      if (defaults.permitted(role, Operation.DDC721_MINT)) {
        txs.add(addFunction(operator, bsnRole, new BsnCalls.Fn(BsnCalls.DDC721, BsnCalls.LOCK)));
      }
      if (defaults.permitted(role, Operation.DDC1155_MINT)) {
        txs.add(addFunction(operator, bsnRole, new BsnCalls.Fn(BsnCalls.DDC1155, BsnCalls.LOCK)));
      }
    }
    // Charge.pay reverts for a DDC contract without any fee entry: a fee of 0 opens the table
    for (DdcKind k : DdcKind.values()) {
      BsnCalls.Fn mint = BsnCalls.functions(k == DdcKind.DDC_721 ? Operation.DDC721_MINT : Operation.DDC1155_MINT)
          .get(0);
      txs.add(new Tx(operator, BsnCalls.CHARGE, "setFee(address,bytes4,uint32)",
          List.of(contracts.get(mint.contract()), mint.selector(), 0L)));
    }
    ExecResult r = bridge.exec(txs, true);
    if (!r.ok()) {
      throw new BridgeException("setting up BSN failed at " + txs.get(r.index()) + ": " + r.reason());
    }
    base = bridge.snapshot();
  }

  private Tx addFunction(String operator, long role, BsnCalls.Fn fn) {
    return new Tx(operator, BsnCalls.AUTHORITY, "addFunction(uint8,address,bytes4)",
        List.of(role, contracts.get(fn.contract()), fn.selector()));
  }

  /** The seed of sequence {@code k} of a run seeded {@code seed}. */
  static long sequenceSeed(long seed, int k) {
    return seed * 0x9E3779B97F4A7C15L + k;
  }

  private void runSequence(long seed, int k, int ops) throws BridgeException {
    bridge.revert(base);
    base = bridge.snapshot();
    DdcSide ddc = new DdcSide(accounts);
    DdcIds ids = new DdcIds();
    Generator gen = new Generator(new Random(sequenceSeed(seed, k)), accounts, fees);
    List<String> history = new ArrayList<>();
    report.sequence();
    for (int step = 0; step < ops; step++) {
      StateView state = ddc.state();
      Op op = gen.next(state, ids);
      boolean frozenBefore = op.ddc() >= 0 && state.ddc(ids.get(op.ddc()).ddcId()).map(d -> d.frozen()).orElse(false);
      Evaluation eval;
      try {
        Translator.DdcRequest req = translator.ddc(op, state, ids);
        eval = ddc.evaluate(op.actor(), req.operation(), req.items());
      } catch (IllegalArgumentException e) {
        eval = new Evaluation(false, "MALFORMED", e.getMessage(), List.of());
      }
      List<Tx> txs = translator.bsn(op, state, ids);
      ExecResult bsn = bridge.exec(txs, eval.accepted());
      List<String> stateDiffs = List.of();
      if (eval.accepted() && bsn.ok()) {
        ddc.apply(eval);
        ids.mark();
        DdcKind kind = switch (op.kind()) {
          case MINT_1155, MINT_1155_BATCH -> DdcKind.DDC_1155;
          default -> DdcKind.DDC_721;
        };
        for (Event e : eval.events()) {
          if (e.type() == EventType.MINTED) {
            ids.add(kind, e.number("ddc"));
          }
        }
        stateDiffs = observer.compare(bridge, ddc.state(), ids, op);
        if (!stateDiffs.isEmpty()) {
          bridge.revert(bsn.snapshot());
          ddc.undoLast();
          ids.rollback();
        }
      }
      Verdict v = Classifier.classify(op, eval.code(), bsn.ok() ? null : bsn.reason(), stateDiffs, frozenBefore);
      String ddcText = eval.accepted() ? "OK" : eval.code() + ": " + eval.message();
      String bsnText = bsn.ok() ? "OK" : "revert: " + bsn.reason();
      report.record(v, new Report.Replay(k, step, List.copyOf(history), op.describe(), ddcText, bsnText, stateDiffs),
          eval.code(), bsn.ok() ? "OK" : bsn.reason());
      if (trace) {
        System.out.printf("%d.%d %s%n    ddc %s | BSN %s | %s%s%n", k, step, op.describe(), ddcText, bsnText,
            v.kind(), v.topic() == null ? "" : " " + v.topic());
        for (String d : stateDiffs) {
          System.out.println("    state: " + d);
        }
      }
      if (v.kind() == Classifier.Kind.BOTH_ACCEPTED) {
        history.add(op.describe());
      }
    }
  }

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path contracts = null;
    Path bridgeScript = Path.of("ddc-bench", "bsn-diff", "bridge.mjs");
    String node = "node";
    long seed = 1;
    int sequences = 20;
    int ops = 100;
    int only = -1;
    boolean fees = true;
    boolean trace = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--contracts" -> contracts = Path.of(args[++i]);
        case "--bridge" -> bridgeScript = Path.of(args[++i]);
        case "--node" -> node = args[++i];
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--sequences" -> sequences = Integer.parseInt(args[++i]);
        case "--ops" -> ops = Integer.parseInt(args[++i]);
        case "--only" -> only = Integer.parseInt(args[++i]);
        case "--no-fees" -> fees = false;
        case "--trace" -> trace = true;
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (contracts == null || !Files.isDirectory(contracts)) {
      usage("--contracts must name the BSN ddc-contract folder");
    }
    if (!Files.isRegularFile(bridgeScript)) {
      usage(bridgeScript + " not found (run from the repository root, or pass --bridge)");
    }
    String command = "java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.bsn.BsnDiffHarness --contracts "
        + "<ddc-contract> --seed " + seed + " --sequences " + sequences + " --ops " + ops + (fees ? "" : " --no-fees")
        + (only >= 0 ? " --only " + only : "");
    Report report = new Report(seed, command);
    long started = System.nanoTime();
    try (Bridge bridge = new Bridge(node, bridgeScript, contracts)) {
      Deployment d = bridge.deploy();
      BsnDiffHarness h = new BsnDiffHarness(bridge, d, report, fees, trace);
      for (int k = 0; k < sequences; k++) {
        if (only < 0 || only == k) {
          h.runSequence(seed, k, ops);
        }
      }
    } catch (IOException | BridgeException e) {
      System.err.println("bsn-diff: " + e.getMessage());
      System.exit(2);
    }
    System.out.print(report.render());
    System.out.printf("%ntook %.1f s%n", (System.nanoTime() - started) / 1e9);
    System.exit(report.notListedCount() > 0 ? 1 : 0);
  }

  private static void usage(String problem) {
    System.err.println("bsn-diff: " + problem);
    System.err.println("usage: java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.bsn.BsnDiffHarness"
        + " --contracts DIR [--seed S] [--sequences N] [--ops M] [--no-fees] [--only K] [--trace]"
        + " [--bridge ddc-bench/bsn-diff/bridge.mjs] [--node node]");
    System.exit(2);
  }
}
