package io.ddc.bench.bsn;

import io.ddc.bench.bsn.Classifier.Kind;
import io.ddc.bench.bsn.Classifier.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tallies of a differential run and, for each kind of difference, its shortest instance as a
 * replay: the seed, sequence and step, the operations both sides accepted before it, the
 * operation and both outcomes.
 */
public final class Report {
  private final long seed;
  private final String command;
  private int sequences;
  private long operations;
  private long bothAccepted;
  private long bothRejected;
  private final Map<String, Long> listed = new TreeMap<>();
  private final Map<String, Long> notListed = new TreeMap<>();
  private final Map<String, Replay> replays = new LinkedHashMap<>();
  private final Map<String, Long> rejectionPairs = new TreeMap<>();

  /** One instance of a difference, with what reproduces it. */
  public record Replay(int sequence, int step, List<String> history, String op, String ddc, String bsn,
      List<String> stateDiffs) {}

  /** A report of a run with this seed, reproduced by {@code command}. */
  public Report(long seed, String command) {
    this.seed = seed;
    this.command = command;
  }

  /** Counts a sequence. */
  public void sequence() {
    sequences++;
  }

  /** Counts one operation's verdict, keeping the replay of a difference if it is the shortest of its signature. */
  public void record(Verdict v, Replay replay, String ddcCode, String bsnReason) {
    operations++;
    switch (v.kind()) {
      case BOTH_ACCEPTED -> bothAccepted++;
      case BOTH_REJECTED -> {
        bothRejected++;
        rejectionPairs.merge(ddcCode + " <- " + bsnReason, 1L, Long::sum);
      }
      case LISTED -> listed.merge(v.topic() + ": " + v.signature(), 1L, Long::sum);
      case NOT_LISTED -> notListed.merge(v.signature(), 1L, Long::sum);
    }
    if (v.kind() == Kind.NOT_LISTED) {
      Replay old = replays.get(v.signature());
      if (old == null || replay.history().size() < old.history().size()) {
        replays.put(v.signature(), replay);
      }
    }
  }

  /** The number of operations whose outcomes differ and §6 does not list. */
  public long notListedCount() {
    return notListed.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The report as text. */
  public String render() {
    long listedCount = listed.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder b = new StringBuilder();
    b.append("BSN differential run: ").append(command).append('\n');
    b.append(String.format("sequences %d, operations %d, agreements %d (both accepted %d, both rejected %d), "
        + "differences %d (listed in §6: %d, not listed: %d)%n", sequences, operations, bothAccepted + bothRejected,
        bothAccepted, bothRejected, listedCount + notListedCount(), listedCount, notListedCount()));
    b.append("\nDifferences listed in §6 (count, topic: operation and outcomes):\n");
    listed.forEach((k, n) -> b.append(String.format("  %5d  %s%n", n, k)));
    b.append("\nDifferences NOT listed in §6 (count, operation and outcomes):\n");
    notListed.forEach((k, n) -> b.append(String.format("  %5d  %s%n", n, k)));
    b.append("\nShortest replay of each difference not listed:\n");
    for (Map.Entry<String, Long> e : notListed.entrySet()) {
      Replay r = replays.get(e.getKey());
      b.append("- ").append(e.getKey()).append('\n');
      b.append(String.format("    seed %d, sequence %d, step %d (reproduce: add --only %d --trace)%n", seed,
          r.sequence(), r.step(), r.sequence()));
      b.append("    accepted before it:\n");
      for (String h : r.history()) {
        b.append("      ").append(h).append('\n');
      }
      b.append("    operation: ").append(r.op()).append('\n');
      b.append("    ddc: ").append(r.ddc()).append('\n');
      b.append("    BSN: ").append(r.bsn()).append('\n');
      for (String d : r.stateDiffs()) {
        b.append("    state: ").append(d).append('\n');
      }
    }
    b.append("\nBoth rejected: ddc rule code <- BSN revert reason (count):\n");
    List<Map.Entry<String, Long>> pairs = new ArrayList<>(rejectionPairs.entrySet());
    pairs.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
    for (Map.Entry<String, Long> p : pairs) {
      b.append(String.format("  %5d  %s%n", p.getValue(), p.getKey()));
    }
    return b.toString();
  }
}
