package io.ddc.model;

import io.ddc.crypto.sm.Hex;
import io.ddc.json.CanonicalJson;
import io.ddc.json.CanonicalWriter;
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
 * The part of a signed request that caused an event: the header with its signatures and the one
 * item the event is about, with its index. The signatures cover the header, whose item root
 * commits to the item: with the item's inclusion path ({@link Request#itemPath}, which a proof
 * bundle carries, and which anyone holding the log recomputes from the request's other events)
 * the event alone shows that its actor signed the change. The path is not stored in every event:
 * in a batch of 10,000 it would be half of each event's bytes.
 */
public final class Cause {
  private final RequestHeader header;
  private final byte[] signature;
  private final byte[] relayerSignature;
  private final int index;
  private final Item item;
  /** The encoding's members after the item, shared by the causes of one request; null until needed. */
  private byte[] tail;

  Cause(RequestHeader header, byte[] signature, byte[] relayerSignature, int index, Item item) {
    this(header, signature, relayerSignature, index, item, null);
  }

  Cause(RequestHeader header, byte[] signature, byte[] relayerSignature, int index, Item item, byte[] tail) {
    this.header = header;
    this.signature = signature;
    this.relayerSignature = relayerSignature;
    this.index = index;
    this.item = item;
    this.tail = tail;
  }

  /**
   * The canonical encoding's members after {@code item}, with the closing brace:
   * {@code ,"relayerSig":..,"req":..,"sig":..}}. The same for every item of a request, so a batch
   * encodes it once ({@link SignedRequest#cause}).
   */
  static byte[] tail(RequestHeader header, byte[] signature, byte[] relayerSignature) {
    CanonicalWriter w = new CanonicalWriter(header.canonical().length() + 300);
    if (relayerSignature != null) {
      w.ascii(",\"relayerSig\":").string(Hex.encode(relayerSignature));
    }
    w.ascii(",\"req\":").raw(header.canonicalBytes()).ascii(",\"sig\":").string(Hex.encode(signature)).ascii('}');
    return w.toByteArray();
  }

  /** Writes the canonical JSON of {@link #toJson} to {@code w}, from the pre-encoded item and tail. */
  void writeTo(CanonicalWriter w) {
    byte[] t = tail;
    if (t == null) {
      t = tail(header, signature, relayerSignature);
      tail = t;
    }
    w.ascii("{\"index\":").integer(index).ascii(",\"item\":").raw(item.canonicalBytesShared()).raw(t);
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

  /** Checks that the item is item {@link #index()} under the header's root, with its inclusion path. */
  public void verifyItem(List<Hash> path) throws ProofException {
    TreeHasher h = TreeHasher.sm3();
    byte[] leaf = leafHash().toByteArray();
    List<byte[]> p = new ArrayList<>();
    for (Hash x : path) {
      p.add(x.toByteArray());
    }
    MerkleProofs.verifyInclusion(h, index, header.count(), leaf, p, header.itemsRoot().toByteArray());
  }

  /** The item's leaf hash in the request's item tree, {@code SM3(0x00 ‖ canonical item)}. */
  public Hash leafHash() {
    byte[] c = item.canonicalBytesShared();
    TreeHasher h = TreeHasher.sm3();
    byte[] leaf = new byte[h.digestLength()];
    h.leafHash(c, 0, c.length, leaf, 0);
    return Hash.of(leaf);
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
    return m;
  }

  static Cause fromJson(Object v, String where) throws MalformedDataException {
    if (!(v instanceof Map)) {
      throw FieldType.wrong(where, "an object", v);
    }
    Map<?, ?> m = (Map<?, ?>) v;
    for (Object k : m.keySet()) {
      if (!Arrays.asList("req", "sig", "relayerSig", "index", "item").contains(k)) {
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
    Cause c = new Cause(h, sig, rsig, (int) index, item);
    if (h.count() == 1 && !c.leafHash().equals(h.itemsRoot())) {
      throw new MalformedDataException(where + ".item is not the request's only item: its hash "
          + c.leafHash() + " is not the root " + h.itemsRoot());
    }
    return c;
  }

  @Override
  public String toString() {
    return header + " item " + index;
  }
}
