package io.ddc.bundle;

import io.ddc.DdcException;
import io.ddc.crypto.sm.Hex;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import io.ddc.ledger.Ledger;
import io.ddc.merkle.InclusionProof;
import io.ddc.model.Event;
import io.ddc.model.Hash;
import io.ddc.model.Item;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes and redacts offline proof bundles (format: docs/BUNDLE.md). A bundle for DDC X proves,
 * against one signed checkpoint: the mint event and the platform's signed request (inclusion),
 * the platform's account with its key history (account proof), the DDC's current state
 * (state proof), and the revealed metadata fields (their salted digests and the hidden ones give
 * the metadata root the mint committed to).
 */
public final class Bundles {
  /** The bundle format version. */
  public static final int VERSION = 1;

  private Bundles() {}

  /**
   * A bundle for DDC {@code ddcId} against a fresh checkpoint of {@code ledger} revealing every
   * metadata field kept with {@link Ledger#putMetadata} (none if nothing was kept).
   */
  public static byte[] prove(Ledger ledger, long ddcId) throws DdcException {
    String note = ledger.checkpoint();
    return ledger.snapshot(snap -> prove(snap, ddcId, note));
  }

  /**
   * A bundle for DDC {@code ddcId} against the kept checkpoint of log size {@code checkpointSize},
   * or the latest one when empty. State proofs are against the current state, so the checkpoint
   * must cover the whole log: if the ledger has grown since, sign a new checkpoint first.
   */
  public static byte[] prove(Ledger ledger, long ddcId, java.util.OptionalLong checkpointSize) throws DdcException {
    return prove(ledger, ddcId, checkpointSize, java.util.OptionalLong.empty());
  }

  /**
   * As {@link #prove(Ledger, long, java.util.OptionalLong)}, also carrying the consistency proof
   * from the log size {@code consistencyFrom} (a checkpoint the verifier is known to hold) to the
   * bundle's checkpoint.
   */
  public static byte[] prove(Ledger ledger, long ddcId, java.util.OptionalLong checkpointSize,
      java.util.OptionalLong consistencyFrom) throws DdcException {
    // one snapshot: other writers may append meanwhile, and every part must be of the same commit
    return ledger.snapshot(snap -> prove(snap, ddcId, checkpointSize, consistencyFrom));
  }

  private static byte[] prove(Ledger.Snapshot ledger, long ddcId, java.util.OptionalLong checkpointSize,
      java.util.OptionalLong consistencyFrom) throws DdcException {
    String note = (checkpointSize.isPresent() ? ledger.checkpointAt(checkpointSize.getAsLong())
        : ledger.latestCheckpoint()).orElseThrow(() -> new IllegalArgumentException(checkpointSize.isPresent()
            ? "no checkpoint of size " + checkpointSize.getAsLong() + " was kept" : "the ledger has no checkpoint yet"));
    byte[] b = prove(ledger, ddcId, note);
    if (consistencyFrom.isEmpty()) {
      return b;
    }
    long size = Long.parseLong(note.split("\n", 3)[1]);
    long from = consistencyFrom.getAsLong();
    if (from < 1 || from >= size) {
      throw new IllegalArgumentException("a consistency proof goes from a size in [1, " + (size - 1) + "], not " + from);
    }
    Map<String, Object> m = new TreeMap<>(BundleVerifier.parseBundle(b));
    Map<String, Object> c = new TreeMap<>();
    c.put("from", from);
    List<Object> proof = new ArrayList<>();
    for (byte[] h : ledger.consistencyProof(from, size).hashes()) {
      proof.add(Hex.encode(h));
    }
    c.put("proof", proof);
    m.put("consistency", c);
    return CanonicalJson.write(m);
  }

  private static byte[] prove(Ledger.Snapshot ledger, long ddcId, String note) throws DdcException {
    long size = Long.parseLong(note.split("\n", 3)[1]);
    if (size != ledger.size()) {
      throw new IllegalArgumentException("checkpoint " + size + " does not cover the whole log (" + ledger.size()
          + " events): state proofs are against the current state, so sign a new checkpoint first");
    }
    long mintSeq = ledger.mintSeq(ddcId).orElseThrow(() -> new IllegalArgumentException("no DDC " + ddcId));
    Event mint = ledger.events(mintSeq, mintSeq + 1).get(0);
    List<Item> items = new ArrayList<>();
    int index = mint.cause().index();
    int count = mint.cause().header().count();
    // a request's events are contiguous, at most two per item (the effect and its fee)
    long from = Math.max(0, mintSeq - 2L * index - 2);
    long to = Math.min(size, mintSeq + 2L * (count - index) + 2);
    for (Event e : ledger.events(from, to)) {
      if (e.cause().header().equals(mint.cause().header()) && e.cause().index() == items.size()) {
        items.add(e.cause().item());
      }
    }
    Ledger.AccountProof issuer = ledger.accountProof(mint.cause().header().actor());
    Ledger.StateProof sp = ledger.stateProof(ddcId);
    Map<String, Object> b = new TreeMap<>();
    b.put("v", (long) VERSION);
    b.put("type", "ddc.bundle");
    b.put("ddc", ddcId);
    b.put("checkpoint", note);
    Map<String, Object> m = new TreeMap<>();
    m.put("seq", mintSeq);
    m.put("event", mint.toJson());
    m.put("inclusion", hexes(ledger.inclusionProof(mintSeq, size)));
    List<Object> itemPath = new ArrayList<>();
    for (Hash h : Request.itemPath(items, mint.cause().index())) {
      itemPath.add(h.hex());
    }
    m.put("itemPath", itemPath);
    b.put("mint", m);
    Map<String, Object> is = new TreeMap<>();
    is.put("leaf", parse(issuer.leaf()));
    List<Object> ipath = new ArrayList<>();
    for (byte[] h : issuer.path()) {
      ipath.add(Hex.encode(h));
    }
    is.put("path", ipath);
    b.put("issuer", is);
    Map<String, Object> st = new TreeMap<>();
    st.put("leaf", parse(sp.leaf()));
    List<Object> path = new ArrayList<>();
    for (byte[] h : sp.path()) {
      path.add(Hex.encode(h));
    }
    st.put("path", path);
    b.put("state", st);
    Map<String, Object> md = new TreeMap<>();
    List<Object> revealed = new ArrayList<>();
    Metadata meta = ledger.metadata(ddcId).orElse(null);
    if (meta != null) {
      for (Metadata.Disclosed f : meta.fields()) {
        Map<String, Object> fj = new TreeMap<>();
        fj.put("path", f.path());
        fj.put("value", parse(f.value().getBytes(StandardCharsets.UTF_8)));
        fj.put("salt", f.salt().hex());
        revealed.add(fj);
      }
    }
    md.put("revealed", revealed);
    md.put("hidden", new ArrayList<>());
    b.put("metadata", md);
    return CanonicalJson.write(b);
  }

  /**
   * {@code bundle} with the fields at {@code pointers} (RFC 6901; a pointer also hides every field
   * below it) replaced by their digests. Every pointer must match a revealed field.
   */
  public static byte[] redact(byte[] bundle, List<String> pointers) throws MalformedDataException {
    Map<String, Object> b = new TreeMap<>(BundleVerifier.parseBundle(bundle));
    Map<String, Object> md = new TreeMap<>();
    BundleVerifier.object(b.get("metadata"), "metadata").forEach((k, v) -> md.put((String) k, v));
    List<Object> revealed = new ArrayList<>();
    List<Object> hidden = new ArrayList<>(BundleVerifier.list(md.get("hidden"), "metadata.hidden"));
    boolean[] used = new boolean[pointers.size()];
    for (Object o : BundleVerifier.list(md.get("revealed"), "metadata.revealed")) {
      Map<?, ?> f = BundleVerifier.object(o, "metadata.revealed[]");
      String path = (String) f.get("path");
      boolean hide = false;
      for (int i = 0; i < pointers.size(); i++) {
        String p = pointers.get(i);
        if (path.equals(p) || path.startsWith(p + "/")) {
          hide = true;
          used[i] = true;
        }
      }
      if (hide) {
        String value = new String(CanonicalJson.write(f.get("value")), StandardCharsets.UTF_8);
        hidden.add(Metadata.fieldDigest(Hash.fromHex((String) f.get("salt")), path, value).hex());
      } else {
        revealed.add(f);
      }
    }
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        throw new MalformedDataException("no revealed field at " + pointers.get(i) + " to hide");
      }
    }
    hidden.sort((x, y) -> ((String) x).compareTo((String) y));
    md.put("revealed", revealed);
    md.put("hidden", hidden);
    b.put("metadata", md);
    return CanonicalJson.write(b);
  }

  private static List<Object> hexes(InclusionProof p) {
    List<Object> out = new ArrayList<>();
    for (byte[] h : p.hashes()) {
      out.add(Hex.encode(h));
    }
    return out;
  }

  private static Object parse(byte[] json) throws MalformedDataException {
    try {
      return CanonicalJson.parse(json);
    } catch (JsonFormatException e) {
      throw new MalformedDataException("not canonical JSON: " + e.getMessage());
    }
  }
}
