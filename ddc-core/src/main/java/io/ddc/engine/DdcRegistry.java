package io.ddc.engine;

import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Event;
import io.ddc.model.SignedRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The engine, the Merkle log of events and an in-memory state wired together: submit signed
 * requests, read state, get the log and its proofs. Every event's canonical bytes are a log leaf.
 * Thread-safe: submissions are serialised; reads see every completed submission. The durable
 * ledgers build on the same parts. As in a ledger, event times never go backwards: a request is
 * checked at the later of the clock and the last event's time.
 */
public final class DdcRegistry {
  private final Engine engine;
  private final Clock clock;
  private final KvState state = KvState.inMemory();
  private final MerkleLog log;
  private final List<Event> events = new ArrayList<>();

  private DdcRegistry(Engine engine, Clock clock, TreeHasher hasher) {
    this.engine = engine;
    this.clock = clock;
    this.log = MerkleLog.open(hasher, new InMemoryTileStore(), 0);
  }

  /** An empty in-memory registry with the default engine, the system clock and SM3. */
  public static DdcRegistry inMemory() {
    return new DdcRegistry(Engine.create(), Clock.systemUTC(), TreeHasher.sm3());
  }

  /** An empty in-memory registry with these parts. */
  public static DdcRegistry inMemory(Engine engine, Clock clock, TreeHasher hasher) {
    return new DdcRegistry(Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(hasher, "hasher"));
  }

  /**
   * Applies {@code request}: on success its events are in the log and the state, in one step; on
   * rejection nothing changed.
   */
  public synchronized Receipt submit(SignedRequest request) throws RequestRejectedException {
    List<Event> out = engine.process(state, request, Math.max(clock.millis(), state.lastEventTime()));
    long first = log.size();
    List<byte[]> leaves = new ArrayList<>(out.size());
    for (Event e : out) {
      leaves.add(e.toBytes());
    }
    log.appendAll(leaves);
    for (Event e : out) {
      StateMachine.apply(state, e);
    }
    events.addAll(out);
    return new Receipt(first, out);
  }

  /** Runs {@code query} against the current state, with no submission in between. */
  public synchronized <T> T read(Function<StateView, T> query) {
    return query.apply(state);
  }

  /** The events with sequence numbers in [from, to). */
  public synchronized List<Event> events(long from, long to) {
    if (from < 0 || to < from || to > events.size()) {
      throw new IndexOutOfBoundsException("events [" + from + ", " + to + ") of " + events.size());
    }
    return List.copyOf(events.subList((int) from, (int) to));
  }

  /** The Merkle log of the events' canonical bytes. */
  public MerkleLog log() {
    return log;
  }

  /** The canonical snapshot of the current state (see {@link KvState#snapshot()}). */
  public synchronized byte[] snapshot() {
    return state.snapshot();
  }

  /** The state that replaying {@code events} from empty gives. */
  public static KvState replay(List<Event> events) {
    KvState s = KvState.inMemory();
    for (Event e : events) {
      StateMachine.apply(s, e);
    }
    return s;
  }
}
