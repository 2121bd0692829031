package io.ddc.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a JFR recording's method samples say about one thread, in the terms the performance notes
 * use: the share of its samples (Java and native) in each cost category, by the innermost frame
 * that names one, and the methods with the largest inclusive share. Used for the profiles behind
 * the figures of issue 16 that are not reached (ddc-bench/README.md).
 *
 * <p>Record with {@code -XX:StartFlightRecording=filename=F.jfr,settings=ddc-bench/jfr-1ms.jfc}, then
 * run {@code java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.JfrSummary F.jfr THREAD [UNDER]}:
 * THREAD is a thread name (e.g. {@code main}); UNDER, if given, keeps only samples with a frame
 * whose {@code Class.method} contains it (e.g. {@code Ledger.submit}); {@code A!B} keeps samples with
 * a frame containing A and none containing B (e.g. {@code Bundles.prove!Ledger.checkpoint}). THREAD {@code *} lists every
 * thread's samples instead, and the time each spent blocked on a monitor or parked (for which the
 * recording needs {@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark}, as ddc-bench/jfr-1ms.jfc has).
 */
public final class JfrSummary {
  /** Categories, first match from the innermost frame outwards: (label, substrings of Class.method). */
  private static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("SQLite (native, incl. fsync)", List.of("org.sqlite.core.NativeDB."));
    CATEGORIES.put("PostgreSQL driver and socket", List.of("org.postgresql.", "java.net.Socket"));
    CATEGORIES.put("SM3", List.of("io.ddc.crypto.sm.internal.Sm3", "io.ddc.crypto.sm.Sm3", "Sm3MultiBuffer"));
    CATEGORIES.put("SM2 (incl. Bouncy Castle EC)", List.of("io.ddc.crypto.sm.Sm2", "org.bouncycastle."));
    CATEGORIES.put("canonical JSON (write)", List.of("io.ddc.json.CanonicalWriter", "io.ddc.json.CanonicalJson.write"));
    CATEGORIES.put("JSON parse (Jackson)", List.of("com.fasterxml.jackson.", "io.ddc.json.CanonicalJson.parse",
        "io.ddc.json.CanonicalJson.read"));
    CATEGORIES.put("caches (Caffeine)", List.of("com.github.benmanes.caffeine."));
    CATEGORIES.put("collections", List.of("java.util.TreeMap", "java.util.HashMap", "java.util.ArrayList",
        "java.util.HashSet", "java.util.TreeSet", "java.util.Collections"));
    CATEGORIES.put("strings and hex", List.of("java.lang.String", "io.ddc.crypto.sm.Hex", "java.lang.Long.toString",
        "java.lang.StringConcatHelper", "java.lang.AbstractStringBuilder"));
  }

  private JfrSummary() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: JfrSummary FILE.jfr THREAD [UNDER]");
      System.exit(2);
    }
    String thread = args[1];
    String filter = args.length > 2 ? args[2] : null;
    String under = filter == null ? null : filter.split("!", 2)[0];
    String notUnder = filter != null && filter.contains("!") ? filter.split("!", 2)[1] : null;
    if (thread.equals("*")) {
      threads(Path.of(args[0]));
      return;
    }
    Map<String, Integer> byCategory = new LinkedHashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int total = 0;
    int nativeSamples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      String type = e.getEventType().getName();
      if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
        continue;
      }
      if (e.getThread("sampledThread") == null || !thread.equals(e.getThread("sampledThread").getJavaName())
          || e.getStackTrace() == null) {
        continue;
      }
      List<String> frames = new ArrayList<>();
      for (RecordedFrame f : e.getStackTrace().getFrames()) {
        frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
      }
      if (under != null && frames.stream().noneMatch(f -> f.contains(under))
          || notUnder != null && frames.stream().anyMatch(f -> f.contains(notUnder))) {
        continue;
      }
      total++;
      if (type.equals("jdk.NativeMethodSample")) {
        nativeSamples++;
      }
      byCategory.merge(category(frames), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (String f : frames) {
        if (seen.add(f)) {
          inclusive.merge(f, 1, Integer::sum);
        }
      }
    }
    System.out.printf("%s: %,d samples of thread %s%s (%,d of them in native code)%n", args[0], total, thread,
        filter == null ? "" : " under " + filter, nativeSamples);
    if (total == 0) {
      return;
    }
    System.out.println("by category (innermost frame that names one; top 14):");
    int all = total;
    byCategory.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(14)
        .forEach(c -> System.out.printf("  %5.1f %%  %s%n", 100.0 * c.getValue() / all, c.getKey()));
    System.out.println("io.ddc methods by inclusive share (top 25):");
    inclusive.entrySet().stream().filter(m -> m.getKey().startsWith("io.ddc."))
        .sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
        .forEach(m -> System.out.printf("  %5.1f %%  %s%n", 100.0 * m.getValue() / all, m.getKey()));
  }

  /** Samples (Java, native) and blocked time (monitor, park) per thread. */
  private static void threads(Path file) throws java.io.IOException {
    Map<String, long[]> per = new java.util.TreeMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      String name = type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample") ? "sampledThread"
          : type.equals("jdk.JavaMonitorEnter") || type.equals("jdk.ThreadPark") ? "eventThread" : null;
      if (name == null || e.getThread(name) == null) {
        continue;
      }
      long[] c = per.computeIfAbsent(e.getThread(name).getJavaName(), k -> new long[4]);
      switch (type) {
        case "jdk.ExecutionSample" -> c[0]++;
        case "jdk.NativeMethodSample" -> c[1]++;
        case "jdk.JavaMonitorEnter" -> c[2] += e.getDuration().toNanos();
        default -> c[3] += e.getDuration().toNanos();
      }
    }
    System.out.printf("%-40s %10s %10s %14s %14s%n", "thread", "Java", "native", "monitor ms", "parked ms");
    per.forEach((t, c) -> System.out.printf("%-40s %,10d %,10d %,14.1f %,14.1f%n", t, c[0], c[1], c[2] / 1e6,
        c[3] / 1e6));
  }

  private static String category(List<String> frames) {
    for (String f : frames) {
      for (Map.Entry<String, List<String>> c : CATEGORIES.entrySet()) {
        for (String prefix : c.getValue()) {
          if (f.contains(prefix)) {
            return c.getKey();
          }
        }
      }
      if (f.startsWith("io.ddc.")) {
        return "other ddc code (" + f.substring(0, f.lastIndexOf('.')).replaceAll(".*\\.", "") + ")";
      }
    }
    return "other (JDK, JIT, GC-related)";
  }
}
