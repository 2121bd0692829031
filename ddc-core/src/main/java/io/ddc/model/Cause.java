package io.ddc.model;

import io.ddc.crypto.sm.Hex;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.ProofException;
import io.ddc.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The part of a signed request that caused an event: the header with its signatures, the one
 * item the event is about, and that item's inclusion path in the header's item root. With it,
 * anyone holding the event alone can check that the change was signed by its actor.
 */
public final class Cause {
  private final RequestHeader header;
  private final byte[] signature;
  private final byte[] relayerSignature;
  private final int index;
  private final Item item;
  private final List<Hash> path;

  Cause(RequestHeader header, byte[] signature, byte[] relayerSignature, int index, Item item, List<Hash> path) {
    this.header = header;
    this.signature = signature;
    this.relayerSignature = relayerSignature;
    this.index = index;
    this.item = item;
    this.path = List.copyOf(path);
  }

  /** The request's header. */
  public RequestHeader header() {
    return header;
  }

  /** The actor's signature over the header. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The relayer's signature over the header, when relayed. */
  public Optional<byte[]> relayerSignature() {
    return Optional.ofNullable(relayerSignature).map(byte[]::clone);
  }

  /** The item's position in the request. */
  public int index() {
    return index;
  }

  /** The item. */
  public Item item() {
    return item;
  }

  /** The item's inclusion path in {@link RequestHeader#itemsRoot()}. */
  public List<Hash> path() {
    return path;
  }

  /** Checks that the item is item {@link #index()} under the header's root. */
  public void verifyItem() throws ProofException {
    byte[] c = item.canonicalBytesShared();
    TreeHasher h = TreeHasher.sm3();
    byte[] leaf = new byte[h.digestLength()];
    h.leafHash(c, 0, c.length, leaf, 0);
    List<byte[]> p = new ArrayList<>();
    for (Hash x : path) {
      p.add(x.toByteArray());
    }
    MerkleProofs.verifyInclusion(h, index, header.count(), leaf, p, header.itemsRoot().toByteArray());
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new TreeMap<>();
    m.put("req", header.toJson());
    m.put("sig", Hex.encode(signature));
    if (relayerSignature != null) {
      m.put("relayerSig", Hex.encode(relayerSignature));
    }
    m.put("index", (long) index);
    m.put("item", item.toJson());
    List<Object> p = new ArrayList<>();
    for (Hash x : path) {
      p.add(x.hex());
    }
    m.put("path", p);
    return m;
  }

  static Cause fromJson(Object v, String where) throws MalformedDataException {
    if (!(v instanceof Map)) {
      throw FieldType.wrong(where, "an object", v);
    }
    Map<?, ?> m = (Map<?, ?>) v;
    for (Object k : m.keySet()) {
      if (!Arrays.asList("req", "sig", "relayerSig", "index", "item", "path").contains(k)) {
        throw new MalformedDataException(where + " has the unknown member \"" + Did.printable(String.valueOf(k))
            + "\"");
      }
    }
    Object reqJson = m.get("req");
    if (!(reqJson instanceof Map)) {
      throw FieldType.wrong(where + ".req", "an object", reqJson);
    }
    for (Object k : ((Map<?, ?>) reqJson).keySet()) {
      if (!Arrays.asList(RequestHeader.MEMBERS).contains(k)) {
        throw new MalformedDataException(where + ".req has the unknown member \""
            + Did.printable(String.valueOf(k)) + "\"");
      }
    }
    RequestHeader h = RequestHeader.fromJson((Map<?, ?>) reqJson, where + ".req");
    byte[] sig = Item.hex((String) FieldType.SIGNATURE.check(where + ".sig", m.get("sig")));
    byte[] rsig = m.containsKey("relayerSig")
        ? Item.hex((String) FieldType.SIGNATURE.check(where + ".relayerSig", m.get("relayerSig"))) : null;
    if ((rsig != null) != h.relayer().isPresent()) {
      throw new MalformedDataException(where + (rsig == null ? " names a relayer but has no relayerSig"
          : " has a relayerSig but names no relayer"));
    }
    long index = (Long) FieldType.NON_NEGATIVE.check(where + ".index", m.get("index"));
    if (index >= h.count()) {
      throw new MalformedDataException(where + ".index is " + index + ", but the request has " + h.count()
          + " items");
    }
    Item item = Item.fromJson(h.operation(), m.get("item"), where + ".item");
    Object p = m.get("path");
    if (!(p instanceof List)) {
      throw FieldType.wrong(where + ".path", "an array of hashes", p);
    }
    List<Hash> path = new ArrayList<>();
    for (int i = 0; i < ((List<?>) p).size(); i++) {
      path.add(Item.hash((String) FieldType.HASH.check(where + ".path[" + i + "]", ((List<?>) p).get(i))));
    }
    Cause c = new Cause(h, sig, rsig, (int) index, item, path);
    try {
      c.verifyItem();
    } catch (ProofException e) {
      throw new MalformedDataException(where + ".item is not item " + index + " of the request: " + e.getMessage());
    }
    return c;
  }

  @Override
  public String toString() {
    return header + " item " + index;
  }
}
