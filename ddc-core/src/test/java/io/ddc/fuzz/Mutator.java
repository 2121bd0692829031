package io.ddc.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Byte-level and format-aware mutations of fuzz inputs (JSON and line-oriented text). */
public final class Mutator {
  private static final String[] NUMBERS = {"0", "-0", "1", "-1", "9007199254740991", "9007199254740992",
      "-9007199254740992", "18446744073709551616", "1e3", "1.5", "1E400", "NaN", "Infinity", "00", "0x10",
      "123456789012345678901234567890123456789", "3.85", "-0.0", "1e-400", "5e-324", "1e21", "1.5e-7",
      "9007199254740991.5", "0.1e1", "1.", ".5", "1e", "-"};
  private static final String[] STRINGS = {"\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"",
      "\"\\\\\"", "\"\\/\"", "\"\u00e9\"", "\"\\u00e9\"", "null", "true", "[]", "{}", "\"ddc.bundle\"",
      "\"did:bsn:x\"", "\"/gpa\"", "\"ab\""};
  private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\n", "\u2014 ", "=", "-----",
      "BEGIN ", "END ", "PRIVATE KEY", "PUBLIC KEY"};

  private Mutator() {}

  public static byte[] mutate(byte[] base, List<byte[]> corpus, SplittableRandom rnd) {
    byte[] b = base;
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      b = once(b, corpus, rnd);
    }
    return b;
  }

  private static byte[] once(byte[] b, List<byte[]> corpus, SplittableRandom rnd) {
    boolean text = looksLikeText(b);
    int op = rnd.nextInt(text ? 16 : 9);
    int len = b.length;
    switch (op) {
      case 0: { // flip a bit
        if (len == 0) {
          return new byte[] {(byte) rnd.nextInt(256)};
        }
        byte[] c = b.clone();
        int i = rnd.nextInt(len);
        c[i] ^= (byte) (1 << rnd.nextInt(8));
        return c;
      }
      case 1: { // set a byte to an interesting value
        if (len == 0) {
          return b;
        }
        byte[] c = b.clone();
        int[] vals = {0, 0x7f, 0x80, 0xff, 0x30, 0x02, 0x04, 0x22, 0x5c, 0x0a, 0xc0, 0xed};
        c[rnd.nextInt(len)] = (byte) vals[rnd.nextInt(vals.length)];
        return c;
      }
      case 2: { // insert random bytes
        int at = rnd.nextInt(len + 1);
        byte[] ins = new byte[1 + rnd.nextInt(8)];
        for (int i = 0; i < ins.length; i++) {
          ins[i] = (byte) rnd.nextInt(256);
        }
        return splice(b, at, at, ins);
      }
      case 3: { // delete a range
        if (len == 0) {
          return b;
        }
        int from = rnd.nextInt(len);
        int to = Math.min(len, from + 1 + rnd.nextInt(Math.max(1, len / 8)));
        return splice(b, from, to, new byte[0]);
      }
      case 4: // truncate
        return Arrays.copyOf(b, len == 0 ? 0 : rnd.nextInt(len));
      case 5: { // duplicate a range
        if (len == 0) {
          return b;
        }
        int from = rnd.nextInt(len);
        int to = Math.min(len, from + 1 + rnd.nextInt(64));
        return splice(b, to, to, Arrays.copyOfRange(b, from, to));
      }
      case 6: { // splice with another corpus entry
        byte[] o = corpus.get(rnd.nextInt(corpus.size()));
        int cut = rnd.nextInt(len + 1);
        int from = rnd.nextInt(o.length + 1);
        byte[] c = Arrays.copyOf(b, cut + (o.length - from));
        System.arraycopy(o, from, c, cut, o.length - from);
        return c;
      }
      case 7: { // repeat the whole input (size limits)
        return rnd.nextInt(4) == 0 ? repeat(b, 2 + rnd.nextInt(3)) : b;
      }
      case 8: { // overwrite 8 bytes with an extreme long (binary proofs)
        if (len < 8) {
          return b;
        }
        byte[] c = b.clone();
        long[] vals = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, (1L << 62) + 1};
        java.nio.ByteBuffer.wrap(c).putLong(rnd.nextInt((len - 8) / 8 + 1) * 8, vals[rnd.nextInt(vals.length)]);
        return c;
      }
      default:
        return textual(new String(b, StandardCharsets.UTF_8), op, rnd).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String textual(String s, int op, SplittableRandom rnd) {
    switch (op) {
      case 9: { // replace a number
        int[] r = find(s, rnd, true);
        return r == null ? s : s.substring(0, r[0]) + NUMBERS[rnd.nextInt(NUMBERS.length)] + s.substring(r[1]);
      }
      case 10: { // replace a string value
        int[] r = find(s, rnd, false);
        return r == null ? s : s.substring(0, r[0]) + STRINGS[rnd.nextInt(STRINGS.length)] + s.substring(r[1]);
      }
      case 11: { // deep nesting around a value
        int depth = 60 + rnd.nextInt(20);
        int at = s.indexOf(':') + 1;
        if (at <= 0) {
          at = 0;
        }
        return s.substring(0, at) + "[".repeat(depth) + "1" + "]".repeat(depth) + s.substring(at).replaceFirst(
            "^[^,}\\]]*", "");
      }
      case 12: { // duplicate or add a member
        int at = s.indexOf('{');
        if (at < 0) {
          return s;
        }
        String member = rnd.nextBoolean() ? "\"v\":1," : "\"zz_unknown\":0,";
        return s.substring(0, at + 1) + member + s.substring(at + 1);
      }
      case 13: { // drop, duplicate or swap lines
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        if (lines.size() < 2) {
          return s;
        }
        int i = rnd.nextInt(lines.size());
        int j = rnd.nextInt(lines.size());
        switch (rnd.nextInt(3)) {
          case 0:
            lines.remove(i);
            break;
          case 1:
            lines.add(i, lines.get(j));
            break;
          default:
            String t = lines.get(i);
            lines.set(i, lines.get(j));
            lines.set(j, t);
        }
        return String.join("\n", lines);
      }
      case 14: { // insert a structural token
        int at = rnd.nextInt(s.length() + 1);
        return s.substring(0, at) + TOKENS[rnd.nextInt(TOKENS.length)] + s.substring(at);
      }
      default: { // change a base64 or hex character
        if (s.isEmpty()) {
          return s;
        }
        int at = rnd.nextInt(s.length());
        char c = s.charAt(at);
        if (Character.isLetterOrDigit(c)) {
          String alphabet = "0123456789abcdefABCDEF+/=";
          return s.substring(0, at) + alphabet.charAt(rnd.nextInt(alphabet.length())) + s.substring(at + 1);
        }
        return s;
      }
    }
  }

  /** A random number token ({@code numbers}) or string token's [start, end), or null. */
  private static int[] find(String s, SplittableRandom rnd, boolean numbers) {
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < s.length() && spans.size() < 256; i++) {
      char c = s.charAt(i);
      if (numbers && (c == '-' || c >= '0' && c <= '9') && (i == 0 || ":[,".indexOf(s.charAt(i - 1)) >= 0)) {
        int j = i + 1;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || ".eE+-".indexOf(s.charAt(j)) >= 0)) {
          j++;
        }
        spans.add(new int[] {i, j});
        i = j;
      } else if (!numbers && c == '"' && i > 0 && ":[,".indexOf(s.charAt(i - 1)) >= 0) {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        spans.add(new int[] {i, Math.min(s.length(), j + 1)});
        i = j;
      }
    }
    return spans.isEmpty() ? null : spans.get(rnd.nextInt(spans.size()));
  }

  private static boolean looksLikeText(byte[] b) {
    int n = Math.min(b.length, 64);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xff;
      if (c < 0x09 || c > 0x0d && c < 0x20) {
        return false;
      }
    }
    return n > 0;
  }

  private static byte[] splice(byte[] b, int from, int to, byte[] ins) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(b.length + ins.length);
    o.write(b, 0, from);
    o.write(ins, 0, ins.length);
    o.write(b, to, b.length - to);
    return o.toByteArray();
  }

  private static byte[] repeat(byte[] b, int times) {
    byte[] c = new byte[b.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(b, 0, c, i * b.length, b.length);
    }
    return c;
  }
}
