package io.ddc.bundle;

import io.ddc.DdcException;
import io.ddc.crypto.sm.Hex;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.NotFoundException;
import io.ddc.merkle.InclusionProof;
import io.ddc.model.Cause;
import io.ddc.model.Event;
import io.ddc.model.Hash;
import io.ddc.model.Item;
import io.ddc.model.ItemGroups;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;
import java.util.SortedMap;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;

/**
 * Makes and redacts offline proof bundles (format: docs/BUNDLE.md). A bundle for DDC X proves,
 * against one signed checkpoint: the mint event and the platform's signed request (inclusion),
 * the platform's account with its key history (account proof), the DDC's current state
 * (state proof), and the revealed metadata fields (their salted digests and the hidden ones give
 * the metadata root the mint committed to).
 */
public final class Bundles {
  /** The bundle format version. */
  public static final int VERSION = Bundle.VERSION;

  private Bundles() {}

  /**
   * A bundle for DDC {@code ddcId} against a fresh checkpoint of {@code ledger} revealing every
   * metadata field kept with {@link Ledger#putMetadata} (none if nothing was kept).
   *
   * @throws NotFoundException {@code UNKNOWN_DDC} if the ledger has no DDC {@code ddcId} (no
   *     checkpoint is signed then)
   * @throws IllegalStateException if the ledger was opened without a checkpoint signer
   * @throws DdcException if the store or the checkpoint signer fails
   */
  public static byte[] prove(Ledger ledger, long ddcId) throws DdcException {
    if (ledger.mintSeq(ddcId).isEmpty()) {
      // before signing a checkpoint: a call that fails changes nothing
      throw unknown(ddcId);
    }
    String note = ledger.checkpoint();
    return ledger.snapshot(snap -> prove(snap, ddcId, note));
  }

  /**
   * A bundle for DDC {@code ddcId} against the kept checkpoint of log size {@code checkpointSize},
   * or the latest one when empty. State proofs are against the current state, so the checkpoint
   * must cover the whole log: if the ledger has grown since, sign a new checkpoint first.
   *
   * @throws NotFoundException {@code UNKNOWN_DDC} for an unknown DDC, {@code NO_CHECKPOINT} if no
   *     checkpoint (of that size) was kept
   * @throws IllegalArgumentException if the checkpoint does not cover the whole log
   * @throws DdcException if the store fails
   */
  public static byte[] prove(Ledger ledger, long ddcId, java.util.OptionalLong checkpointSize) throws DdcException {
    return prove(ledger, ddcId, checkpointSize, java.util.OptionalLong.empty());
  }

  /**
   * As {@link #prove(Ledger, long, java.util.OptionalLong)}, also carrying the consistency proof
   * from the log size {@code consistencyFrom} (a checkpoint the verifier is known to hold) to the
   * bundle's checkpoint.
   *
   * @throws NotFoundException {@code UNKNOWN_DDC} for an unknown DDC, {@code NO_CHECKPOINT} if no
   *     checkpoint (of that size) was kept
   * @throws IllegalArgumentException if the checkpoint does not cover the whole log, or
   *     {@code consistencyFrom} is not in [1, size - 1]
   * @throws DdcException if the store fails
   */
  public static byte[] prove(Ledger ledger, long ddcId, java.util.OptionalLong checkpointSize,
      java.util.OptionalLong consistencyFrom) throws DdcException {
    // one snapshot: other writers may append meanwhile, and every part must be of the same commit
    return ledger.snapshot(snap -> prove(snap, ddcId, checkpointSize, consistencyFrom));
  }

  private static byte[] prove(Ledger.Snapshot ledger, long ddcId, java.util.OptionalLong checkpointSize,
      java.util.OptionalLong consistencyFrom) throws DdcException {
    String note = (checkpointSize.isPresent() ? ledger.checkpointAt(checkpointSize.getAsLong())
        : ledger.latestCheckpoint()).orElseThrow(() -> new NotFoundException(NotFoundException.What.NO_CHECKPOINT, checkpointSize.isPresent()
            ? "no checkpoint of size " + checkpointSize.getAsLong() + " was kept" : "the ledger has no checkpoint yet"));
    Bundle b = bundle(ledger, ddcId, note);
    if (consistencyFrom.isEmpty()) {
      return b.toBytes();
    }
    long size = Long.parseLong(note.split("\n", 3)[1]);
    long from = consistencyFrom.getAsLong();
    if (from < 1 || from >= size) {
      throw new IllegalArgumentException("a consistency proof goes from a size in [1, " + (size - 1) + "], not " + from);
    }
    List<Hash> proof = new ArrayList<>();
    for (byte[] h : ledger.consistencyProof(from, size).hashes()) {
      proof.add(Hash.of(h));
    }
    return b.withConsistency(Optional.of(new Bundle.Consistency(from, proof))).toBytes();
  }

  private static byte[] prove(Ledger.Snapshot ledger, long ddcId, String note) throws DdcException {
    return bundle(ledger, ddcId, note).toBytes();
  }

  private static NotFoundException unknown(long ddcId) {
    return new NotFoundException(NotFoundException.What.UNKNOWN_DDC, "no DDC " + ddcId + " in this ledger");
  }

  private static Bundle bundle(Ledger.Snapshot ledger, long ddcId, String note) throws DdcException {
    long size = Long.parseLong(note.split("\n", 3)[1]);
    if (size != ledger.size()) {
      throw new IllegalArgumentException("checkpoint " + size + " does not cover the whole log (" + ledger.size()
          + " events): state proofs are against the current state, so sign a new checkpoint first");
    }
    long mintSeq = ledger.mintSeq(ddcId).orElseThrow(() -> unknown(ddcId));
    Event mint = ledger.events(mintSeq, mintSeq + 1).get(0);
    Ledger.AccountProof issuer = ledger.accountProof(mint.cause().header().actor());
    Ledger.StateProof sp = ledger.stateProof(ddcId);
    Bundle.Mint m = new Bundle.Mint(mintSeq, mint, hashes(ledger.inclusionProof(mintSeq, size).hashes()),
        itemPath(ledger, mint, mintSeq, size));
    Bundle.Issuer is = new Bundle.Issuer(accountLeaf(issuer.leaf()), hashes(issuer.path()));
    Bundle.StateLeafView leaf = stateLeaf(sp.leaf());
    Optional<SortedMap<Did, Long>> holders = leaf.kind() == DdcKind.DDC_1155
        ? Optional.of(ledger.state().holders(ddcId)) : Optional.empty();
    Bundle.State st = new Bundle.State(leaf, hashes(sp.path()), holders);
    List<Bundle.Field> revealed = new ArrayList<>();
    Metadata meta = ledger.metadata(ddcId).orElse(null);
    if (meta != null) {
      for (Metadata.Disclosed f : meta.fields()) {
        revealed.add(new Bundle.Field(f.path(), f.salt(), parse(f.value().getBytes(StandardCharsets.UTF_8))));
      }
      revealed.sort(Comparator.comparing(Bundle.Field::path));
    }
    return new Bundle(ddcId, note, m, is, st, new Bundle.Disclosure(revealed, List.of()), Optional.empty());
  }

  /**
   * The mint's item path: from its item group and the kept group roots when the ledger has them
   * (a request of more than {@link ItemGroups#SIZE} items), else from all the request's items. A
   * path that does not lead to the signed root (a damaged index) is not used.
   */
  static List<Hash> itemPath(Ledger.Snapshot ledger, Event mint, long mintSeq, long size) throws DdcException {
    Cause cause = mint.cause();
    int index = cause.index();
    int count = cause.header().count();
    if (count > ItemGroups.SIZE) {
      Optional<List<Hash>> roots;
      try {
        roots = ledger.itemGroupRoots(cause.header().itemsRoot());
      } catch (MalformedDataException e) {
        roots = Optional.empty();
      }
      if (roots.isPresent()) {
        int first = ItemGroups.first(ItemGroups.group(index));
        int end = Math.min(count, first + ItemGroups.SIZE);
        List<Item> group = items(ledger, cause, mintSeq, size, first, end);
        if (group.size() == end - first) {
          try {
            List<Hash> path = ItemGroups.path(group, index, roots.get());
            cause.verifyItem(path);
            return path;
          } catch (IllegalArgumentException | io.ddc.merkle.ProofException e) {
            // the kept roots do not fit the request: fall through to the whole request
          }
        }
      }
    }
    List<Item> all = items(ledger, cause, mintSeq, size, 0, count);
    if (all.size() == count) {
      List<Hash> path = Request.itemPath(all, index);
      try {
        cause.verifyItem(path);
        return path;
      } catch (io.ddc.merkle.ProofException e) {
        // falls through: the logged items do not give the signed root
      }
    }
    throw new io.ddc.ledger.spi.LedgerCorruptException("the events around " + mintSeq + " hold " + all.size()
        + " of the request's " + count + " items, or items that do not give its signed item root: the log is damaged");
  }

  /**
   * Items [first, end) of the request that caused the mint at {@code mintSeq}, read from the
   * events around it: a minting request's events are contiguous, at most two per item (the
   * effect and its fee). (Not every request's: an Operator's frozen DDC-1155 burn has one event per
   * holder; only mints are read here.)
   */
  private static List<Item> items(Ledger.Snapshot ledger, Cause cause, long mintSeq, long size, int first, int end)
      throws DdcException {
    int index = cause.index();
    long from = Math.max(0, mintSeq - 2L * (index - first) - 2);
    long to = Math.min(size, mintSeq + 2L * (end - index) + 2);
    List<Item> items = new ArrayList<>(end - first);
    for (Event e : ledger.events(from, to)) {
      if (e.cause().header().equals(cause.header()) && e.cause().index() == first + items.size()
          && items.size() < end - first) {
        items.add(e.cause().item());
      }
    }
    return items;
  }

  /** The typed view of account leaf bytes the ledger made: the prover and the verifier read leaves alike. */
  private static Bundle.AccountLeafView accountLeaf(byte[] leaf) throws MalformedDataException {
    return Bundle.accountLeaf(Bundle.object(parse(leaf), "issuer.leaf"));
  }

  private static Bundle.StateLeafView stateLeaf(byte[] leaf) throws MalformedDataException {
    return Bundle.stateLeaf(Bundle.object(parse(leaf), "state.leaf"));
  }

  private static List<Hash> hashes(List<byte[]> hs) {
    List<Hash> out = new ArrayList<>(hs.size());
    for (byte[] h : hs) {
      out.add(Hash.of(h));
    }
    return out;
  }

  /**
   * {@code bundle} with the fields at {@code pointers} (RFC 6901; a pointer also hides every field
   * below it) replaced by their digests. Every pointer must match a revealed field.
   */
  public static byte[] redact(byte[] bundle, List<String> pointers) throws MalformedDataException {
    Bundle b;
    try {
      b = Bundle.parse(bundle);
    } catch (Bundle.UnsupportedVersionException e) {
      throw new MalformedDataException(e.getMessage());
    }
    return redact(b, pointers).toBytes();
  }

  /** {@code bundle} with the fields at {@code pointers} hidden; see {@link #redact(byte[], List)}. */
  public static Bundle redact(Bundle bundle, List<String> pointers) throws MalformedDataException {
    for (String p : pointers) {
      Bundle.checkPointer(p, "pointer");
    }
    List<Bundle.Field> revealed = new ArrayList<>();
    List<Hash> hidden = new ArrayList<>(bundle.metadata().hidden());
    boolean[] used = new boolean[pointers.size()];
    for (Bundle.Field f : bundle.metadata().revealed()) {
      boolean hide = false;
      for (int i = 0; i < pointers.size(); i++) {
        String p = pointers.get(i);
        if (f.path().equals(p) || f.path().startsWith(p + "/")) {
          hide = true;
          used[i] = true;
        }
      }
      if (hide) {
        hidden.add(Metadata.fieldDigest(f.salt(), f.path(), f.canonicalValue()));
      } else {
        revealed.add(f);
      }
    }
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        throw new MalformedDataException("no revealed field at " + pointers.get(i) + " to hide");
      }
    }
    Collections.sort(hidden);
    return bundle.withMetadata(new Bundle.Disclosure(revealed, hidden));
  }

  private static Object parse(byte[] json) throws MalformedDataException {
    try {
      return CanonicalJson.parse(json);
    } catch (JsonFormatException e) {
      throw new MalformedDataException("not canonical JSON: " + e.getMessage());
    }
  }
}
