package io.ddc.model;

import io.ddc.crypto.sm.Hex;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import io.ddc.sign.Signer;
import io.ddc.sign.SigningUnavailableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request with the actor's signature and, for a relayed request, the relayer's. Whether the
 * signatures are valid is the engine's to decide, against the accounts' keys.
 *
 * <p>Wire form: the header's JSON members plus {@code items} (the items in order), {@code sig}
 * and, when relayed, {@code relayerSig}, all as RFC 8785 canonical JSON.
 */
public final class SignedRequest {
  private final Request request;
  private final byte[] signature;
  private final byte[] relayerSignature;

  SignedRequest(Request request, byte[] signature, byte[] relayerSignature) {
    this.request = request;
    this.signature = signature.clone();
    this.relayerSignature = relayerSignature == null ? null : relayerSignature.clone();
  }

  /** The header. */
  public RequestHeader header() {
    return request.header();
  }

  /** The items. */
  public List<Item> items() {
    return request.items();
  }

  /**
   * The signed request whose header, signatures and items these are, e.g. rebuilt from the
   * {@link Cause}s of its events to check it again; the items must give the header's root.
   */
  public static SignedRequest of(RequestHeader header, List<Item> items, byte[] signature, byte[] relayerSignature)
      throws MalformedDataException {
    if (items.size() != header.count()) {
      throw new MalformedDataException("the header counts " + header.count() + " items, but " + items.size()
          + " are given");
    }
    if ((relayerSignature != null) != header.relayer().isPresent()) {
      throw new MalformedDataException(relayerSignature == null ? "the header names a relayer but there is no "
          + "relayer signature" : "a relayer signature, but the header names no relayer");
    }
    Request r;
    try {
      r = Request.of(header.ledger(), header.operation(), header.actor(), header.nonce(),
          header.deadline().orElse(0), header.relayer().orElse(null), items);
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException(e.getMessage());
    }
    if (!r.header().itemsRoot().equals(header.itemsRoot())) {
      throw new MalformedDataException("the items give the root " + r.header().itemsRoot() + ", not the header's "
          + header.itemsRoot());
    }
    return new SignedRequest(r, signature, relayerSignature);
  }

  /** The actor's signature (SM2, r ‖ s). */
  public byte[] signature() {
    return signature.clone();
  }

  /** The relayer's signature, when relayed. */
  public Optional<byte[]> relayerSignature() {
    return Optional.ofNullable(relayerSignature).map(byte[]::clone);
  }

  /** This request countersigned by the relayer that the header names. */
  public SignedRequest relay(Signer relayerSigner) throws SigningUnavailableException {
    if (header().relayer().isEmpty()) {
      throw new IllegalStateException("the request names no relayer");
    }
    return new SignedRequest(request, signature, Request.signWith(relayerSigner, header()));
  }

  /** This request with another actor signature (for tests of rejection paths). */
  public SignedRequest withSignature(byte[] sig) {
    return new SignedRequest(request, sig, relayerSignature);
  }

  /** The cause recorded in the events of item {@code index}: header, signatures and the item. */
  public Cause cause(int index) {
    byte[] t = causeTail;
    if (t == null) {
      t = Cause.tail(header(), signature, relayerSignature);
      causeTail = t;
    }
    return new Cause(header(), signature, relayerSignature, index, request.items().get(index), t);
  }

  /** The encoding of the causes' shared members (see {@link Cause#tail}), computed once per request. */
  private byte[] causeTail;

  /** The item tree (package-private: {@link ItemGroups} reads its group roots). */
  io.ddc.merkle.MerkleTrees itemTree() {
    return request.tree();
  }

  /** The inclusion path of item {@code index} in the header's item root. */
  public List<Hash> itemPath(int index) {
    List<Hash> path = new ArrayList<>();
    for (byte[] h : request.tree().path(index)) {
      path.add(Hash.of(h));
    }
    return path;
  }

  /** The wire form as canonical JSON values. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new TreeMap<>(header().toJson());
    List<Object> items = new ArrayList<>();
    for (Item i : request.items()) {
      items.add(i.toJson());
    }
    m.put("items", items);
    m.put("sig", Hex.encode(signature));
    if (relayerSignature != null) {
      m.put("relayerSig", Hex.encode(relayerSignature));
    }
    return m;
  }

  /** The wire form's canonical bytes. */
  public byte[] toBytes() {
    return CanonicalJson.write(toJson());
  }

  /** Parses the wire form; the root is recomputed from the items and must match. */
  public static SignedRequest fromBytes(byte[] json) throws MalformedDataException {
    Object v;
    try {
      v = CanonicalJson.parse(json);
    } catch (JsonFormatException e) {
      throw new MalformedDataException("a request is not valid JSON: " + e.getMessage());
    }
    if (!(v instanceof Map)) {
      throw FieldType.wrong("request", "an object", v);
    }
    return fromJson((Map<?, ?>) v, "request");
  }

  static SignedRequest fromJson(Map<?, ?> m, String where) throws MalformedDataException {
    for (Object k : m.keySet()) {
      if (!Arrays.asList(RequestHeader.MEMBERS).contains(k) && !"items".equals(k) && !"sig".equals(k)
          && !"relayerSig".equals(k)) {
        throw new MalformedDataException(where + " has the unknown member \"" + Did.printable(String.valueOf(k))
            + "\"");
      }
    }
    RequestHeader h = RequestHeader.fromJson(m, where);
    Object itemsJson = m.get("items");
    if (!(itemsJson instanceof List)) {
      throw FieldType.wrong(where + ".items", "an array", itemsJson);
    }
    List<?> l = (List<?>) itemsJson;
    if (l.size() != h.count()) {
      throw new MalformedDataException(where + ".count is " + h.count() + ", but it holds " + l.size() + " items");
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      items.add(Item.fromJson(h.operation(), l.get(i), where + ".items[" + i + "]"));
    }
    Request r = Request.of(h.ledger(), h.operation(), h.actor(), h.nonce(), h.deadline().orElse(0),
        h.relayer().orElse(null), items);
    if (!r.header().itemsRoot().equals(h.itemsRoot())) {
      throw new MalformedDataException(where + ".root is " + h.itemsRoot() + ", but the items give "
          + r.header().itemsRoot());
    }
    byte[] sig = Item.hex((String) FieldType.SIGNATURE.check(where + ".sig", m.get("sig")));
    byte[] rsig = null;
    if (m.containsKey("relayerSig")) {
      rsig = Item.hex((String) FieldType.SIGNATURE.check(where + ".relayerSig", m.get("relayerSig")));
    }
    if (rsig != null && h.relayer().isEmpty()) {
      throw new MalformedDataException(where + " has a relayerSig but names no relayer");
    }
    // a request that names a relayer but carries no relayerSig yet is on its way to the relayer
    // (relay() adds it); the engine refuses it until then (BAD_SIGNATURE)
    return new SignedRequest(r, sig, rsig);
  }

  @Override
  public String toString() {
    return header().toString();
  }
}
