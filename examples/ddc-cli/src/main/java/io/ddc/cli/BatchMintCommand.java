package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.engine.Receipt;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.RuleCode;
import io.ddc.engine.StateLayout;
import io.ddc.engine.StateMachine;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddc batch-mint --ledger L --key PLATFORM.pem --in FILE.jsonl [--chunk N]}. */
@Command(name = "batch-mint", mixinStandardHelpOptions = true,
    description = {"Mint one DDC per line of a JSON Lines file: {\"ref\":..., \"to\":..., \"uri\":..., "
        + "\"metadata\":{...}, \"amount\":...} (ref and to required; amount makes a DDC-1155). Commits in chunks, "
        + "each all or nothing, and after each prints and flushes 'committed FIRST-LAST' (the ids now durable) on "
        + "stdout; progress with rate and ETA goes to stderr. Lines whose ref was minted before are skipped, so "
        + "re-running the same file after a crash or kill mints only what is missing, never twice."},
    footer = {"", "Example:", "  ddc batch-mint --ledger ddc.db --key uni.pem --in diplomas.jsonl --chunk 1000"})
final class BatchMintCommand extends LedgerAction.Actor {
  private static final Set<String> MEMBERS = Set.of("ref", "to", "uri", "metadata", "amount", "locked");

  @Option(names = "--in", required = true, paramLabel = "FILE.jsonl", description = "The certificates, one per line.")
  Path in;

  @Option(names = "--chunk", defaultValue = "1000", paramLabel = "N",
      description = "Certificates per commit (default: ${DEFAULT-VALUE}, at most 100000).")
  int chunk;

  private final SecureRandom random = new SecureRandom();

  /** One pending certificate. */
  record Line(long number, Operation op, Item item, Metadata metadata) {}

  @Override
  public Integer call() throws DdcException, MalformedEncodingException, IOException {
    if (chunk < 1 || chunk > Operation.DDC721_MINT.maxItems()) {
      throw new CliException(Main.EXIT_USAGE, "--chunk must be between 1 and " + Operation.DDC721_MINT.maxItems());
    }
    long total;
    try {
      total = Files.size(in);
    } catch (NoSuchFileException e) {
      throw new CliException(Main.EXIT_USAGE, "input file " + in + " does not exist");
    }
    Progress progress = new Progress(spec.commandLine().getErr(), total, System.console() != null);
    try (Ledger l = Ledgers.open(ledger);
        BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(in),
            StandardCharsets.UTF_8))) {
      Did actor = actor(l);
      Did scope = StateMachine.referenceScope(l.state().account(actor).get());
      List<Line> pending = new ArrayList<>();
      Set<String> refs = new HashSet<>();
      long firstPending = 0;
      // lines are read, parsed and their metadata salted and hashed on a second thread while this
      // one commits; they arrive in order, a malformed line as its error at its place
      BlockingQueue<Parsed> queue = new ArrayBlockingQueue<>(2 * chunk + 16);
      Thread reader = new Thread(() -> readAll(r, queue), "ddc-batch-mint-reader");
      reader.setDaemon(true);
      reader.start();
      java.util.ArrayDeque<Parsed> ahead = new java.util.ArrayDeque<>();
      try {
        for (Parsed p = next(queue, ahead, l, scope); p != END; p = next(queue, ahead, l, scope)) {
          progress.read(p.bytes());
          if (p.error() != null) {
            if (p.error() instanceof UncheckedIOException) {
              throw ((UncheckedIOException) p.error()).getCause();
            }
            throw p.error();
          }
          Line line = p.line();
          if (line == null) {
            continue;
          }
          long number = line.number();
          String ref = (String) line.item().raw("ref");
          if (l.state().reference(scope, ref).isPresent()) {
            progress.skipped++;
            continue;
          }
          if (!refs.add(ref)) {
            throw new CliException(Main.EXIT_USAGE, in + " line " + number + ": ref " + ref
                + " repeats an earlier line's");
          }
          if (!pending.isEmpty() && (pending.get(0).op() != line.op() || pending.size() == chunk)) {
            if (!commit(l, pending, firstPending, progress)) {
              return Main.EXIT_NO;
            }
            pending.clear();
            refs.clear();
            refs.add(ref);
          }
          if (pending.isEmpty()) {
            firstPending = number;
          }
          pending.add(line);
        }
      } finally {
        reader.interrupt();
      }
      if (!pending.isEmpty() && !commit(l, pending, firstPending, progress)) {
        return Main.EXIT_NO;
      }
      progress.done();
    }
    return 0;
  }

  /** A line as the reader thread hands it over: parsed, blank ({@code line} null) or failed. */
  private record Parsed(int bytes, Line line, RuntimeException error) {}

  private static final Parsed END = new Parsed(0, null, null);

  /** The reader thread: every line of {@code r} in order, then {@link #END}; stops at the first error. */
  private void readAll(BufferedReader r, BlockingQueue<Parsed> queue) {
    try {
      long number = 0;
      try {
        for (String text = r.readLine(); text != null; text = r.readLine()) {
          number++;
          int bytes = text.length() + 1;
          if (text.isBlank()) {
            queue.put(new Parsed(bytes, null, null));
            continue;
          }
          try {
            queue.put(new Parsed(bytes, parse(number, text), null));
          } catch (RuntimeException e) {
            queue.put(new Parsed(bytes, null, e));
            return;
          }
        }
      } catch (IOException e) {
        queue.put(new Parsed(0, null, new UncheckedIOException(e)));
        return;
      }
      queue.put(END);
    } catch (InterruptedException e) {
      // the committing thread stopped (a rejection or an error): nothing more to hand over
    }
  }

  /**
   * The next parsed line. Takes what the reader has ready (up to a chunk) at once and asks the
   * store for those lines' client references in one round trip, so that checking each line for
   * "already there" reads a cache instead of the database.
   */
  private Parsed next(BlockingQueue<Parsed> queue, java.util.ArrayDeque<Parsed> ahead, Ledger l, Did scope)
      throws IOException {
    if (ahead.isEmpty()) {
      ahead.add(take(queue));
      queue.drainTo(ahead, chunk - 1);
      List<String> keys = new ArrayList<>(ahead.size());
      for (Parsed p : ahead) {
        if (p.line() != null) {
          keys.add(StateLayout.reference(scope, (String) p.line().item().raw("ref")));
        }
      }
      l.store().prefetch(keys);
    }
    return ahead.poll();
  }

  private static Parsed take(BlockingQueue<Parsed> queue) throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading the input");
    }
  }

  private boolean commit(Ledger l, List<Line> lines, long firstLine, Progress progress)
      throws DdcException, MalformedEncodingException {
    List<Item> items = new ArrayList<>(lines.size());
    Map<Integer, Metadata> metadata = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      items.add(lines.get(i).item());
      if (lines.get(i).metadata() != null) {
        metadata.put(i, lines.get(i).metadata());
      }
    }
    Receipt receipt;
    try {
      receipt = submit(l, lines.get(0).op(), items, metadata);
    } catch (RequestRejectedException e) {
      if (e.rule() == RuleCode.DUPLICATE_REFERENCE) {
        // another writer (a second batch-mint of the same platform) minted some of these lines
        // since they were read: skip those, as a re-run would, and commit the rest
        List<Line> rest = withoutMinted(l, lines, progress);
        if (rest.size() < lines.size()) {
          return rest.isEmpty() || commit(l, rest, rest.get(0).number(), progress);
        }
      }
      progress.clear();
      PrintWriter out = out();
      out.println("REJECTED: " + e.code() + ": " + e.detail() + " (the chunk of lines " + firstLine + "-"
          + lines.get(lines.size() - 1).number() + " of " + in + "; the lines before it are committed)");
      out.flush();
      return false;
    }
    List<Long> ids = receipt.mintedIds();
    progress.clear();
    out().println("committed " + ids.get(0) + "-" + ids.get(ids.size() - 1));
    out().flush();
    progress.minted += ids.size();
    progress.show(false);
    return true;
  }

  /** The lines whose reference is not minted yet; counts the others as already there. */
  private List<Line> withoutMinted(Ledger l, List<Line> lines, Progress progress)
      throws DdcException, MalformedEncodingException {
    Did scope = StateMachine.referenceScope(l.state().account(actor(l)).get());
    // a snapshot reads the database, not caches that may lag the other writer's commit
    Set<String> minted = l.snapshot(snap -> {
      Set<String> out = new HashSet<>();
      for (Line line : lines) {
        String ref = (String) line.item().raw("ref");
        if (snap.state().reference(scope, ref).isPresent()) {
          out.add(ref);
        }
      }
      return out;
    });
    List<Line> rest = new ArrayList<>();
    for (Line line : lines) {
      if (minted.contains((String) line.item().raw("ref"))) {
        progress.skipped++;
      } else {
        rest.add(line);
      }
    }
    return rest;
  }

  /** One line of the input file as a pending certificate; a CliException (exit 2) names what is wrong. */
  Line parse(long number, String text) {
    String where = in + " line " + number;
    Map<?, ?> m = Inputs.jsonObjectLine(where, text, MEMBERS, "ref, to, uri, metadata, amount, locked");
    if (!(m.get("ref") instanceof String) || !(m.get("to") instanceof String)) {
      throw new CliException(Main.EXIT_USAGE, where + " needs \"ref\" and \"to\" strings");
    }
    Metadata md = null;
    if (m.containsKey("metadata")) {
      try {
        md = Metadata.create(CanonicalJson.write(m.get("metadata")), random);
      } catch (MalformedDataException e) {
        throw new CliException(Main.EXIT_USAGE, where + ": metadata: " + e.getMessage());
      }
    }
    Operation op = m.containsKey("amount") ? Operation.DDC1155_MINT : Operation.DDC721_MINT;
    try {
      Item item = Items.of(op, "to", did((String) m.get("to"), where + ": to"), "uri", m.get("uri"), "metadataRoot",
          md == null ? null : md.root(), "ref", m.get("ref"), "amount", m.get("amount"), "locked", m.get("locked"));
      return new Line(number, op, item, md);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, where + ": " + e.getMessage());
    }
  }

  /** Progress on stderr: a bar redrawn in place on a terminal, a plain line every 5 s otherwise. */
  static final class Progress {
    private final PrintWriter err;
    private final long totalBytes;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long bytes;
    private long lastShown = System.nanoTime();
    private boolean drawn;
    long minted;
    long skipped;

    Progress(PrintWriter err, long totalBytes, boolean terminal) {
      this.err = err;
      this.totalBytes = Math.max(1, totalBytes);
      this.terminal = terminal;
    }

    void read(long n) {
      bytes += n;
    }

    void show(boolean last) {
      long now = System.nanoTime();
      if (!last && now - lastShown < (terminal ? 200_000_000L : 5_000_000_000L)) {
        return;
      }
      lastShown = now;
      double secs = Math.max(1e-9, (now - start) / 1e9);
      double frac = Math.min(1.0, (double) bytes / totalBytes);
      long rate = Math.round(minted / secs);
      long eta = frac <= 0 ? 0 : Math.round(secs / frac - secs);
      String stats = String.format("%,d minted, %,d already there, %,d/s, %3.0f%%, ETA %s", minted, skipped, rate,
          100 * frac, last ? "done" : String.format("%d:%02d", eta / 60, eta % 60));
      if (terminal) {
        int w = 30;
        int full = (int) Math.round(frac * w);
        err.print("\r[" + "#".repeat(full) + " ".repeat(w - full) + "] " + stats + (last ? "\n" : ""));
        drawn = !last;
      } else {
        err.println("batch-mint: " + stats);
      }
      err.flush();
    }

    /** Ends a bar line before stdout prints, so the two do not mix on a terminal. */
    void clear() {
      if (terminal && drawn) {
        err.print("\r\033[K");
        err.flush();
        drawn = false;
      }
    }

    void done() {
      show(true);
    }
  }
}
