package io.ddc.bundle;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.model.MalformedDataException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A ddc checkpoint body read strictly (docs/BUNDLE.md, "Checkpoint"): the three C2SP lines, then
 * exactly the extension lines {@code state <n> <root>}, {@code accounts <n> <root>} and
 * {@code time <ms>}, in that order, each once; decimals without sign or leading zeros, roots in
 * canonical standard base64 of 32 bytes. Anything else is malformed.
 */
record CheckpointBody(Checkpoint checkpoint, long stateSize, byte[] stateRoot, long accountsSize,
    byte[] accountsRoot, long time) {
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,15}");
  private static final long MAX = (1L << 53) - 1;

  String origin() {
    return checkpoint.origin();
  }

  long size() {
    return checkpoint.size();
  }

  static CheckpointBody parse(String text) throws CheckpointException, MalformedDataException {
    Checkpoint cp = Checkpoint.parse(text, 32);
    List<String> ext = cp.extensions();
    if (ext.size() != 3) {
      throw new MalformedDataException("the checkpoint has " + ext.size() + " extension lines; exactly 3 are "
          + "expected: state, accounts, time");
    }
    String[] st = fields(ext.get(0), "state", 3);
    String[] ac = fields(ext.get(1), "accounts", 3);
    String[] tm = fields(ext.get(2), "time", 2);
    return new CheckpointBody(cp, decimal(st[1], "state"), root(st[2], "state"), decimal(ac[1], "accounts"),
        root(ac[2], "accounts"), decimal(tm[1], "time"));
  }

  private static String[] fields(String line, String name, int n) throws MalformedDataException {
    String[] p = line.split(" ", -1);
    if (p.length != n || !p[0].equals(name)) {
      throw new MalformedDataException("expected the checkpoint line \"" + name + (n == 3 ? " <size> <root>" : " <ms>")
          + "\", but found \"" + Bundle.show(line).replace("\"", "") + "\"");
    }
    return p;
  }

  private static long decimal(String s, String line) throws MalformedDataException {
    if (!DECIMAL.matcher(s).matches() || Long.parseLong(s) > MAX) {
      throw new MalformedDataException("the checkpoint's " + line + " line needs a decimal from 0 to 2^53 - 1 "
          + "without sign or leading zeros, but has " + Bundle.show(s));
    }
    return Long.parseLong(s);
  }

  private static byte[] root(String s, String line) throws MalformedDataException {
    byte[] r;
    try {
      r = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException("the checkpoint's " + line + " root is not base64: " + Bundle.show(s));
    }
    if (r.length != 32 || !Base64.getEncoder().encodeToString(r).equals(s)) {
      throw new MalformedDataException("the checkpoint's " + line + " root must be 32 bytes in canonical base64, "
          + "but is " + Bundle.show(s));
    }
    return r;
  }
}
