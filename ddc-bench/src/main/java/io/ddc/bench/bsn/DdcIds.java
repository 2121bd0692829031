package io.ddc.bench.bsn;

import io.ddc.model.DdcKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The DDCs minted in a sequence, in order, with their id on each side: ddc numbers DDCs of both
 * kinds from one counter, each BSN contract from its own, so the same certificate has two ids.
 */
public final class DdcIds {
  private final List<Entry> entries = new ArrayList<>();
  private int marked = -1;

  /** One minted DDC: its kind, ddc's id and the BSN contract's id. */
  public record Entry(DdcKind kind, long ddcId, long bsnId) {}

  /** The number of DDCs minted. */
  public int size() {
    return entries.size();
  }

  /** The DDC in {@code slot}. */
  public Entry get(int slot) {
    return entries.get(slot);
  }

  /** The slots of the DDCs of {@code kind}. */
  public List<Integer> slotsOf(DdcKind kind) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).kind() == kind) {
        out.add(i);
      }
    }
    return out;
  }

  /** The largest BSN id of {@code kind}, 0 if none. */
  public long bsnLatest(DdcKind kind) {
    long latest = 0;
    for (Entry e : entries) {
      if (e.kind() == kind) {
        latest = Math.max(latest, e.bsnId());
      }
    }
    return latest;
  }

  /** Records that the DDC with ddc id {@code ddcId} was minted; returns its BSN id. */
  public long add(DdcKind kind, long ddcId) {
    long bsnId = bsnLatest(kind) + 1;
    entries.add(new Entry(kind, ddcId, bsnId));
    return bsnId;
  }

  /** Remembers the current size, for {@link #rollback}. */
  public void mark() {
    marked = entries.size();
  }

  /** Forgets the DDCs added since {@link #mark}. */
  public void rollback() {
    while (entries.size() > marked) {
      entries.remove(entries.size() - 1);
    }
  }
}
