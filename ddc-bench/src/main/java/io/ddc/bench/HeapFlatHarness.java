package io.ddc.bench;

import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends 10^7 leaves to a {@link MerkleLog} whose store discards tiles, and prints the heap in
 * use after a full GC every 10^6 leaves: the log itself must stay flat (only the right edge).
 *
 * <p>Run: {@code java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.HeapFlatHarness [leaves]}
 */
public final class HeapFlatHarness {
  private HeapFlatHarness() {}

  public static void main(String[] args) {
    long total = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    MerkleLog log = MerkleLog.open(TreeHasher.sm3(), new MerkleTreeBenchmark.DiscardingStore(), 0);
    byte[] entry = new byte[64];
    List<byte[]> batch = new ArrayList<>();
    long start = System.nanoTime();
    System.out.println("leaves,heap_used_bytes_after_gc");
    for (long i = 1; i <= total; i++) {
      entry[0] = (byte) i;
      entry[1] = (byte) (i >>> 8);
      entry[2] = (byte) (i >>> 16);
      batch.add(entry.clone());
      if (batch.size() == 1000) {
        log.appendAll(batch);
        batch.clear();
      }
      if (i % 1_000_000 == 0) {
        System.gc();
        System.out.println(i + "," + mem.getHeapMemoryUsage().getUsed());
      }
    }
    System.out.printf("appended %d leaves in %.1f s, root computed from the right edge only%n",
        total, (System.nanoTime() - start) / 1e9);
  }
}
