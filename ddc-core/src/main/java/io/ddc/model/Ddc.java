package io.ddc.model;

import java.util.Objects;

/**
 * The current state of one DDC. For a DDC-721, {@code owner} is its owner (its last owner once
 * burned) and {@code supply} is 1 (0 once burned); for a DDC-1155, {@code owner} is null and
 * {@code supply} is the total amount held (balances are kept per holder). {@code lastSeq} is the
 * log index of the last event that changed it.
 */
public record Ddc(long id, DdcKind kind, Did creator, Did owner, long supply, String uri, Hash metadataRoot,
    String ref, Did approved, boolean frozen, boolean locked, boolean burned, long lastSeq) {

  /** Checks the required fields. */
  public Ddc {
    if (id < 1) {
      throw new IllegalArgumentException("a DDC id is at least 1, but got " + id);
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(creator, "creator");
    if (kind == DdcKind.DDC_721 && owner == null) {
      throw new IllegalArgumentException("a DDC-721 has an owner");
    }
  }

  /** Whether it exists and is neither frozen nor burned. */
  public boolean usable() {
    return !frozen && !burned;
  }

  /** A copy with another owner (DDC-721) and the approval cleared. */
  public Ddc withOwner(Did newOwner, long seq) {
    return new Ddc(id, kind, creator, newOwner, supply, uri, metadataRoot, ref, null, frozen, locked, burned, seq);
  }

  /** A copy with another approved account. */
  public Ddc withApproved(Did who, long seq) {
    return new Ddc(id, kind, creator, owner, supply, uri, metadataRoot, ref, who, frozen, locked, burned, seq);
  }

  /** A copy frozen or unfrozen. */
  public Ddc withFrozen(boolean f, long seq) {
    return new Ddc(id, kind, creator, owner, supply, uri, metadataRoot, ref, approved, f, locked, burned, seq);
  }

  /** A copy with a URI. */
  public Ddc withUri(String u, long seq) {
    return new Ddc(id, kind, creator, owner, supply, u, metadataRoot, ref, approved, frozen, locked, burned, seq);
  }

  /** A copy with another supply, burned when it reaches zero. */
  public Ddc withSupply(long s, long seq) {
    return new Ddc(id, kind, creator, owner, s, uri, metadataRoot, ref, s == 0 ? null : approved, frozen, locked,
        s == 0, seq);
  }

  /** A copy touched by event {@code seq} without other change. */
  public Ddc touched(long seq) {
    return new Ddc(id, kind, creator, owner, supply, uri, metadataRoot, ref, approved, frozen, locked, burned, seq);
  }
}
