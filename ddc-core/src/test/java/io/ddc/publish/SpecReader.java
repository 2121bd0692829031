package io.ddc.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A reader of a C2SP tlog-tiles directory written from the specification alone (c2sp.org/tlog-tiles
 * and c2sp.org/tlog-checkpoint), sharing no code with {@code io.ddc.publish} or {@code io.ddc.merkle}:
 * it reads the checkpoint's size and root, decodes every entry bundle, hashes the entries as RFC 6962
 * leaves, checks every hash tile against the Merkle Tree Hashes the spec defines
 * ({@code MTH(D[(n·256+i)·256^l : (n·256+i+1)·256^l])}) and recomputes the root. The hash function
 * is a parameter (C2SP says SHA-256; ddc logs use SM3).
 */
final class SpecReader {
  record Read(String origin, long size, List<byte[]> entries, Set<String> files) {}

  private final Path dir;
  private final Function<byte[], byte[]> h;

  SpecReader(Path dir, Function<byte[], byte[]> h) {
    this.dir = dir;
    this.h = h;
  }

  /** Reads the log of the checkpoint in {@code checkpointName}, failing with AssertionError on any deviation. */
  Read read(String checkpointName) throws IOException {
    String note = Files.readString(dir.resolve(checkpointName), StandardCharsets.UTF_8);
    String[] lines = note.split("\n", -1);
    String origin = lines[0];
    long size = Long.parseLong(lines[1]);
    byte[] root = Base64.getDecoder().decode(lines[2]);
    Set<String> files = new TreeSet<>();
    List<byte[]> entries = new ArrayList<>();
    for (long n = 0; n * 256 < size; n++) {
      long w = Math.min(256, size - n * 256);
      String path = "tile/entries/" + index(n) + (w < 256 ? ".p/" + w : "");
      files.add(path);
      byte[] b = Files.readAllBytes(dir.resolve(path));
      int p = 0;
      int count = 0;
      while (p < b.length) {
        int len = (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
        entries.add(Arrays.copyOfRange(b, p + 2, p + 2 + len));
        p += 2 + len;
        count++;
      }
      check(p == b.length && count == w, path + ": " + count + " entries, expected " + w);
    }
    List<byte[]> leaves = new ArrayList<>();
    for (byte[] e : entries) {
      leaves.add(h.apply(concat(new byte[] {0}, e)));
    }
    for (int l = 0; pow256(l) <= size; l++) {
      long span = pow256(l);
      long hashes = size / span;
      for (long n = 0; n * 256 < hashes; n++) {
        long w = Math.min(256, hashes - n * 256);
        String path = "tile/" + l + "/" + index(n) + (w < 256 ? ".p/" + w : "");
        files.add(path);
        byte[] tile = Files.readAllBytes(dir.resolve(path));
        check(tile.length == 32 * w, path + " is " + tile.length + " bytes");
        for (int i = 0; i < w; i++) {
          long from = (n * 256 + i) * span;
          byte[] want = mth(leaves, (int) from, (int) (from + span));
          check(Arrays.equals(want, Arrays.copyOfRange(tile, 32 * i, 32 * i + 32)), path + " hash " + i);
        }
      }
    }
    check(Arrays.equals(size == 0 ? h.apply(new byte[0]) : mth(leaves, 0, (int) size), root),
        "the entries do not give the checkpoint's root");
    return new Read(origin, size, entries, files);
  }

  /** Every file in the directory except hidden ones (the publisher's lock), as relative paths. */
  Set<String> listing() throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith(".")).forEach(out::add);
    }
    return out;
  }

  private byte[] mth(List<byte[]> leaves, int lo, int hi) {
    if (hi - lo == 1) {
      return leaves.get(lo);
    }
    int k = Integer.highestOneBit(hi - lo - 1);
    return h.apply(concat(new byte[] {1}, concat(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi))));
  }

  /** C2SP's index path: groups of three digits, all but the last with an x. */
  static String index(long n) {
    String digits = Long.toString(n);
    while (digits.length() % 3 != 0) {
      digits = "0" + digits;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      if (i > 0) {
        b.append('/');
      }
      if (i + 3 < digits.length()) {
        b.append('x');
      }
      b.append(digits, i, i + 3);
    }
    return b.toString();
  }

  private static long pow256(int l) {
    return 1L << (8 * l);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
