package io.ddc.ledger;

import io.ddc.engine.Engine;
import io.ddc.ledger.spi.LedgerCorruptException;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Hash;
import java.util.List;

/**
 * The ledger's verified replay ({@code Replay}, the code behind {@link Ledger#audit()} and the check
 * before every checkpoint) for a reader outside the ledger: a monitor that holds only the published
 * events. Each logged request is rebuilt from its events, run through the {@link Engine} again at the
 * logged time against the state replayed so far, and must give exactly the logged events; then the
 * state and account roots of the replayed state can be compared with a checkpoint's {@code state}
 * and {@code accounts} lines. Not thread-safe; memory grows with the state, as the ledger's own
 * replay does.
 */
public final class LogReplay {
  private final Replay replay;

  /** A replay with the default rules engine (the one {@link Ledger.Builder} uses by default). */
  public LogReplay() {
    this(Engine.create());
  }

  /** A replay with {@code engine}: the one the ledger runs, if it is not the default. */
  public LogReplay(Engine engine) {
    this.replay = new Replay(engine, TreeHasher.sm3());
  }

  /** The replayed roots after some events. */
  public record Roots(long ddcCount, Hash stateRoot, long accountCount, Hash accountRoot) {}

  /** The number of events taken. */
  public long size() {
    return replay.size();
  }

  /**
   * Takes the next events (the log's entries, canonical event bytes) and checks every request they
   * complete.
   *
   * @throws LedgerCorruptException naming the first event that does not decode, is out of order or
   *     dated before its predecessor, or that the rules do not give from its signed request
   */
  public void add(List<byte[]> events) throws LedgerCorruptException {
    replay.add(events);
  }

  /**
   * Checks the last request taken and returns the roots of the replayed state. Call it at a
   * checkpoint's size (a request's events never straddle a checkpoint); more events may follow.
   */
  public Roots roots() throws LedgerCorruptException {
    replay.finish();
    byte[][] roots = replay.treeRoots();
    long[] counts = replay.counts();
    return new Roots(counts[0], Hash.of(roots[0]), counts[1], Hash.of(roots[1]));
  }
}
