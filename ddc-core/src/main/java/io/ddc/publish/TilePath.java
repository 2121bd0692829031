package io.ddc.publish;

import java.util.Optional;

/**
 * The resource paths of a C2SP tlog-tiles log, relative to its prefix: {@code checkpoint},
 * {@code tile/<L>/<N>[.p/<W>]} (hash tiles) and {@code tile/entries/<N>[.p/<W>]} (entry bundles).
 * {@code <N>} is written in zero-padded groups of three digits, all but the last prefixed with
 * {@code x} (1234067 is {@code x001/x234/067}); {@code <W>} is the width of a partial tile, 1 to 255.
 *
 * <p>{@link #parse} is strict: it accepts exactly the paths {@link #format} writes, so a server can
 * map a request path to a file without ever naming anything else.
 *
 * @param level the tile level (0 to 63; the hashes of tree level {@code 8 * level}), or
 *     {@link #ENTRIES} for an entry bundle
 * @param index the tile's index within its level
 * @param width the number of hashes or entries: 256 for a full tile, 1 to 255 for a partial one
 */
public record TilePath(int level, long index, int width) {
  /** The level value of entry bundles. */
  public static final int ENTRIES = -1;
  /** Hashes or entries in a full tile. */
  public static final int WIDTH = 256;
  /** The checkpoint's path. */
  public static final String CHECKPOINT = "checkpoint";

  /** Checks the ranges. */
  public TilePath {
    if (level < ENTRIES || level > 63) {
      throw new IllegalArgumentException("a tile level is 0 to 63 (or ENTRIES), not " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("a tile index is not negative, but is " + index);
    }
    if (width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("a tile width is 1 to 256, not " + width);
    }
  }

  /** Whether this is a full tile (256 wide). */
  public boolean full() {
    return width == WIDTH;
  }

  /** Whether this is an entry bundle. */
  public boolean entries() {
    return level == ENTRIES;
  }

  /** The path, e.g. {@code tile/0/x001/x234/067.p/12} or {@code tile/entries/000}. */
  public String format() {
    StringBuilder b = new StringBuilder("tile/");
    b.append(level == ENTRIES ? "entries" : Integer.toString(level)).append('/');
    b.append(encodeIndex(index));
    if (width < WIDTH) {
      b.append(".p/").append(width);
    }
    return b.toString();
  }

  /** The index in C2SP's path form: 1234067 is {@code x001/x234/067}, 5 is {@code 005}. */
  public static String encodeIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("a tile index is not negative, but is " + index);
    }
    String last = String.format("%03d", index % 1000);
    long rest = index / 1000;
    StringBuilder b = new StringBuilder();
    while (rest > 0) {
      b.insert(0, String.format("x%03d/", rest % 1000));
      rest /= 1000;
    }
    return b.append(last).toString();
  }

  /**
   * The tile a path names, or empty if it is not exactly a path {@link #format} writes (any other
   * spelling, leading zeros in a level or width, {@code ..}, an index beyond 2^63 − 1).
   */
  public static Optional<TilePath> parse(String path) {
    if (path == null || path.length() > 100 || !path.startsWith("tile/")) {
      return Optional.empty();
    }
    String[] parts = path.substring(5).split("/", -1);
    if (parts.length < 2) {
      return Optional.empty();
    }
    int level;
    if (parts[0].equals("entries")) {
      level = ENTRIES;
    } else {
      level = decimal(parts[0], 63);
      if (level < 0) {
        return Optional.empty();
      }
    }
    int end = parts.length;
    int width = WIDTH;
    if (parts.length >= 3 && parts[parts.length - 2].endsWith(".p")) {
      width = decimal(parts[parts.length - 1], WIDTH - 1);
      if (width < 1) {
        return Optional.empty();
      }
      parts[parts.length - 2] = parts[parts.length - 2].substring(0, parts[parts.length - 2].length() - 2);
      end = parts.length - 1;
    }
    long index = 0;
    for (int i = 1; i < end; i++) {
      String p = parts[i];
      boolean last = i == end - 1;
      if (!last) {
        if (!p.startsWith("x")) {
          return Optional.empty();
        }
        p = p.substring(1);
      }
      if (p.length() != 3 || !isDigits(p)) {
        return Optional.empty();
      }
      try {
        index = Math.addExact(Math.multiplyExact(index, 1000L), Integer.parseInt(p));
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }
    TilePath t = new TilePath(level, index, width);
    // the canonical form only: no leading x000/ group
    return t.format().equals(path) ? Optional.of(t) : Optional.empty();
  }

  /** A decimal of 1 to 3 digits without leading zeros, at most {@code max}; -1 if not. */
  private static int decimal(String s, int max) {
    if (s.isEmpty() || s.length() > 3 || !isDigits(s) || s.length() > 1 && s.charAt(0) == '0') {
      return -1;
    }
    int v = Integer.parseInt(s);
    return v > max ? -1 : v;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The tiles of level {@code level} (or {@link #ENTRIES}) that a tree of {@code size} entries has,
   * from tile {@code firstIndex} on: the full ones, then the partial one if any.
   */
  public static java.util.List<TilePath> tilesOf(int level, long size, long firstIndex) {
    long nodes = level == ENTRIES ? size : size >>> (8 * level);
    java.util.List<TilePath> out = new java.util.ArrayList<>();
    for (long i = firstIndex; i < nodes / WIDTH; i++) {
      out.add(new TilePath(level, i, WIDTH));
    }
    int w = (int) (nodes % WIDTH);
    if (w > 0 && nodes / WIDTH >= firstIndex) {
      out.add(new TilePath(level, nodes / WIDTH, w));
    }
    return out;
  }
}
