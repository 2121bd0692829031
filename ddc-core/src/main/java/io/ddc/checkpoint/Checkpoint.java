package io.ddc.checkpoint;

import io.ddc.checkpoint.CheckpointException.Reason;
import io.ddc.crypto.sm.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint body: the origin (the log's name), the tree size in decimal, the root
 * hash in base64, and optional extension lines, each line ending in a newline. Immutable.
 */
public final class Checkpoint {
  private final String origin;
  private final long size;
  private final byte[] rootHash;
  private final List<String> extensions;

  /** A checkpoint; the root hash and extension list are copied. */
  public Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
    this.origin = Objects.requireNonNull(origin, "origin");
    if (origin.isEmpty() || origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("origin must be one non-empty line");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, but is " + size);
    }
    this.size = size;
    this.rootHash = rootHash.clone();
    for (String e : extensions) {
      if (e.isEmpty() || e.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("an extension must be one non-empty line");
      }
    }
    this.extensions = Collections.unmodifiableList(new ArrayList<>(extensions));
  }

  public String origin() {
    return origin;
  }

  public long size() {
    return size;
  }

  public byte[] rootHash() {
    return rootHash.clone();
  }

  public List<String> extensions() {
    return extensions;
  }

  /** Name of the extension line carrying a checkpoint's time: {@code time <ms since the epoch>} (ddc's ledgers write it). */
  public static final String TIME_EXTENSION = "time";

  /**
   * The time of the {@value #TIME_EXTENSION} extension line, if there is exactly one such line.
   *
   * @throws CheckpointException if there are several, or its value is not a canonical decimal number
   */
  public java.util.OptionalLong time() throws CheckpointException {
    java.util.OptionalLong out = java.util.OptionalLong.empty();
    for (String e : extensions) {
      if (e.equals(TIME_EXTENSION) || e.startsWith(TIME_EXTENSION + " ")) {
        if (out.isPresent()) {
          throw new CheckpointException(Reason.BAD_TIME_LINE, "the checkpoint has more than one time line");
        }
        String v = e.substring(Math.min(e.length(), TIME_EXTENSION.length() + 1));
        if (!v.matches("0|[1-9][0-9]{0,17}")) {
          throw new CheckpointException(Reason.BAD_TIME_LINE, "the time line must be \"time <ms since the epoch>\", "
              + "but is \"" + NoteKey.abbreviate(e) + "\"");
        }
        out = java.util.OptionalLong.of(Long.parseLong(v));
      }
    }
    return out;
  }

  /**
   * Everything the checkpoint commits to except its time: the origin, size, root hash and every
   * extension line other than the time line. Two checkpoints of one log with equal commitments
   * describe the same log and state, whenever each was signed.
   */
  public String commitments() {
    StringBuilder sb = new StringBuilder(origin).append('\n').append(size).append('\n')
        .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    for (String e : extensions) {
      if (!(e.equals(TIME_EXTENSION) || e.startsWith(TIME_EXTENSION + " "))) {
        sb.append(e).append('\n');
      }
    }
    return sb.toString();
  }

  /** The body text, the note text of a signed checkpoint. */
  public String body() {
    StringBuilder sb = new StringBuilder(origin).append('\n').append(size).append('\n')
        .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    for (String e : extensions) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }

  /** Parses a checkpoint body whose root hash must be {@code hashLength} bytes. */
  public static Checkpoint parse(String body, int hashLength) throws CheckpointException {
    if (!body.endsWith("\n")) {
      throw new CheckpointException(Reason.MISSING_LINE, "checkpoint body does not end with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new CheckpointException(Reason.MISSING_LINE, "checkpoint has " + lines.length
          + " lines, needs at least 3 (origin, tree size, root hash)");
    }
    if (lines[0].isEmpty()) {
      throw new CheckpointException(Reason.EMPTY_ORIGIN, "the origin line is empty");
    }
    String sizeText = lines[1];
    if (!sizeText.matches("0|[1-9][0-9]{0,18}")) {
      throw new CheckpointException(Reason.BAD_TREE_SIZE,
          "tree size must be a decimal number without sign or leading zeros, but is \""
              + NoteKey.abbreviate(sizeText) + "\"");
    }
    long size;
    try {
      size = Long.parseLong(sizeText);
    } catch (NumberFormatException e) {
      throw new CheckpointException(Reason.BAD_TREE_SIZE, "tree size " + sizeText + " is 2^63 or more");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(Reason.BAD_ROOT_ENCODING,
          "root hash is not standard base64: " + e.getMessage());
    }
    if (!Base64.getEncoder().encodeToString(root).equals(lines[2])) {
      throw new CheckpointException(Reason.BAD_ROOT_ENCODING, "root hash base64 is not canonical");
    }
    if (root.length != hashLength) {
      throw new CheckpointException(Reason.WRONG_HASH_LENGTH,
          "root hash is " + root.length + " bytes, want " + hashLength);
    }
    List<String> ext = new ArrayList<>(Arrays.asList(lines).subList(3, lines.length));
    for (int i = 0; i < ext.size(); i++) {
      if (ext.get(i).isEmpty()) {
        throw new CheckpointException(Reason.EMPTY_EXTENSION_LINE, "extension line " + (i + 1) + " is empty");
      }
    }
    return new Checkpoint(lines[0], size, root, ext);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Checkpoint)) {
      return false;
    }
    Checkpoint c = (Checkpoint) o;
    return origin.equals(c.origin) && size == c.size && Arrays.equals(rootHash, c.rootHash)
        && extensions.equals(c.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", " + size + ", " + Hex.encode(rootHash) + ", " + extensions + "]";
  }
}
