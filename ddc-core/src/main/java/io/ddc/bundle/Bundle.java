package io.ddc.bundle;

import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import io.ddc.model.AccountKey;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.FieldType;
import io.ddc.model.Hash;
import io.ddc.model.MalformedDataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A proof bundle, version 2 (docs/BUNDLE.md): one DDC proven against one signed checkpoint.
 * Immutable; {@link #parse} reads any JSON text under the strict rules of the format and
 * {@link #toBytes} writes its one canonical form (RFC 8785), whose SM3 is the bundle's
 * {@link #id}. Parsing checks the shape of every member, never a signature or a proof: that is
 * {@link BundleVerifier}'s work.
 */
public final class Bundle {
  /** The format version this class reads and writes. */
  public static final int VERSION = 2;
  /** The {@code type} member. */
  public static final String TYPE = "ddc.bundle";
  /** The operations whose request a bundle's mint event may carry. */
  public static final Set<String> MINT_OPERATIONS = Set.of("ddc721.mint", "ddc721.safeMint", "ddc1155.safeMint");
  /** Most hashes in one proof path (a tree of 2^63 leaves needs 63). */
  public static final int MAX_PATH = 64;

  /**
   * The mint: event {@code seq} of the log, its RFC 9162 inclusion proof, and the path of the mint
   * item in the signed request's item tree.
   */
  public record Mint(long seq, Event event, List<Hash> inclusion, List<Hash> itemPath) {
    public Mint {
      Objects.requireNonNull(event, "event");
      inclusion = List.copyOf(inclusion);
      itemPath = List.copyOf(itemPath);
    }
  }

  /**
   * The issuer's account leaf (docs/LEDGER.md, "Account tree") and its inclusion path in the
   * checkpoint's account tree. {@code json} is the leaf exactly as hashed.
   */
  public record Issuer(AccountLeafView leaf, List<Hash> path) {
    public Issuer {
      Objects.requireNonNull(leaf, "leaf");
      path = List.copyOf(path);
    }
  }

  /** The parsed members of an account leaf. */
  public record AccountLeafView(long index, Did did, String name, String role, Did leader, String platformState,
      String operatorState, List<AccountKey> keys, Map<String, Object> json) {
    public AccountLeafView {
      keys = List.copyOf(keys);
      json = Collections.unmodifiableMap(new TreeMap<>(json));
    }

    /** The leaf's bytes: the canonical JSON that the account tree hashes. */
    public byte[] bytes() {
      return CanonicalJson.write(json);
    }
  }

  /**
   * The DDC's state leaf (docs/LEDGER.md, "State tree") with its inclusion path in the checkpoint's
   * state tree, and for a DDC-1155 its holders, whose digest the leaf's {@code owners} is.
   */
  public record State(StateLeafView leaf, List<Hash> path, Optional<SortedMap<Did, Long>> holders) {
    public State {
      Objects.requireNonNull(leaf, "leaf");
      path = List.copyOf(path);
      holders = holders.map(h -> Collections.unmodifiableSortedMap(new TreeMap<>(h)));
    }
  }

  /** The parsed members of a state leaf. */
  public record StateLeafView(long id, DdcKind kind, Optional<Did> owner, Optional<Hash> owners,
      Optional<Hash> uriHash, Optional<Hash> metadataRoot, String status, boolean locked, long lastSeq,
      Map<String, Object> json) {
    public StateLeafView {
      json = Collections.unmodifiableMap(new TreeMap<>(json));
    }

    /** The leaf's bytes: the canonical JSON that the state tree hashes. */
    public byte[] bytes() {
      return CanonicalJson.write(json);
    }
  }

  /** A revealed metadata field: its RFC 6901 path, its salt and its value (a JSON leaf value). */
  public record Field(String path, Hash salt, Object value) {
    public Field {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(salt, "salt");
      Objects.requireNonNull(value, "value");
    }

    /** The value's canonical JSON text, as the field digest covers it. */
    public String canonicalValue() {
      return new String(CanonicalJson.write(value), StandardCharsets.UTF_8);
    }
  }

  /** The revealed fields, sorted by path, and the digests of the hidden ones, sorted. */
  public record Disclosure(List<Field> revealed, List<Hash> hidden) {
    public Disclosure {
      revealed = List.copyOf(revealed);
      hidden = List.copyOf(hidden);
    }
  }

  /** An RFC 9162 consistency proof from the earlier tree size {@code from} to the checkpoint's. */
  public record Consistency(long from, List<Hash> proof) {
    public Consistency {
      proof = List.copyOf(proof);
    }
  }

  private final long ddc;
  private final String checkpoint;
  private final Mint mint;
  private final Issuer issuer;
  private final State state;
  private final Disclosure metadata;
  private final Optional<Consistency> consistency;

  /** A bundle from its parts; {@link #toBytes} writes it, {@link BundleVerifier} checks it. */
  public Bundle(long ddc, String checkpoint, Mint mint, Issuer issuer, State state, Disclosure metadata,
      Optional<Consistency> consistency) {
    this.ddc = ddc;
    this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
    this.mint = Objects.requireNonNull(mint, "mint");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.state = Objects.requireNonNull(state, "state");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.consistency = Objects.requireNonNull(consistency, "consistency");
  }

  public long ddc() {
    return ddc;
  }

  /** The signed checkpoint note, as text. */
  public String checkpoint() {
    return checkpoint;
  }

  public Mint mint() {
    return mint;
  }

  public Issuer issuer() {
    return issuer;
  }

  public State state() {
    return state;
  }

  public Disclosure metadata() {
    return metadata;
  }

  public Optional<Consistency> consistency() {
    return consistency;
  }

  /** This bundle with other metadata. */
  public Bundle withMetadata(Disclosure d) {
    return new Bundle(ddc, checkpoint, mint, issuer, state, d, consistency);
  }

  /** This bundle with a consistency proof (or none). */
  public Bundle withConsistency(Optional<Consistency> c) {
    return new Bundle(ddc, checkpoint, mint, issuer, state, metadata, c);
  }

  /** The bundle's JSON members. */
  public Map<String, Object> toJson() {
    Map<String, Object> b = new TreeMap<>();
    b.put("v", (long) VERSION);
    b.put("type", TYPE);
    b.put("ddc", ddc);
    b.put("checkpoint", checkpoint);
    Map<String, Object> m = new TreeMap<>();
    m.put("seq", mint.seq());
    m.put("event", mint.event().toJson());
    m.put("inclusion", hexes(mint.inclusion()));
    m.put("itemPath", hexes(mint.itemPath()));
    b.put("mint", m);
    b.put("issuer", new TreeMap<>(Map.of("leaf", issuer.leaf().json(), "path", hexes(issuer.path()))));
    Map<String, Object> st = new TreeMap<>();
    st.put("leaf", state.leaf().json());
    st.put("path", hexes(state.path()));
    state.holders().ifPresent(h -> {
      Map<String, Object> hj = new TreeMap<>();
      h.forEach((k, v) -> hj.put(k.value(), v));
      st.put("holders", hj);
    });
    b.put("state", st);
    List<Object> revealed = new ArrayList<>();
    for (Field f : metadata.revealed()) {
      revealed.add(new TreeMap<>(Map.of("path", f.path(), "salt", f.salt().hex(), "value", f.value())));
    }
    b.put("metadata", new TreeMap<>(Map.of("revealed", revealed, "hidden", hexes(metadata.hidden()))));
    consistency.ifPresent(c -> b.put("consistency",
        new TreeMap<>(Map.of("from", c.from(), "proof", hexes(c.proof())))));
    return b;
  }

  /** The canonical bytes (RFC 8785): the one form of this bundle. */
  public byte[] toBytes() {
    return CanonicalJson.write(toJson());
  }

  /** The bundle's identity: SM3 of its canonical bytes. */
  public Hash id() {
    return Hash.of(Sm3.hash(toBytes()));
  }

  private static List<Object> hexes(List<Hash> hs) {
    List<Object> out = new ArrayList<>(hs.size());
    for (Hash h : hs) {
      out.add(h.hex());
    }
    return out;
  }

  @Override
  public String toString() {
    return "Bundle[ddc " + ddc + ", mint " + mint.seq() + ", " + metadata.revealed().size() + " revealed, "
        + metadata.hidden().size() + " hidden]";
  }

  // ---- reading ----

  /** Thrown by {@link #parse} for a bundle of another version. */
  public static final class UnsupportedVersionException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedVersionException(String message) {
      super(message);
    }
  }

  /**
   * Reads a bundle: any JSON text (at most {@link CanonicalJson#MAX_INPUT_BYTES} bytes) that holds
   * exactly the members docs/BUNDLE.md lists, each of its type, and nothing else.
   *
   * @throws UnsupportedVersionException if {@code v} is not 2 (version 1 bundles are not read)
   * @throws MalformedDataException for anything else that is not a version-2 bundle, saying what
   */
  public static Bundle parse(byte[] bytes) throws MalformedDataException, UnsupportedVersionException {
    if (bytes.length > CanonicalJson.MAX_INPUT_BYTES) {
      throw new MalformedDataException("a bundle is at most " + CanonicalJson.MAX_INPUT_BYTES
          + " bytes, but this one is " + bytes.length);
    }
    if (bytes.length >= 3 && bytes[0] == (byte) 0xef && bytes[1] == (byte) 0xbb && bytes[2] == (byte) 0xbf) {
      throw new MalformedDataException("the bundle starts with a UTF-8 byte order mark, which JSON texts must not "
          + "carry (RFC 8259 §8.1)");
    }
    Object v;
    try {
      v = CanonicalJson.parse(bytes);
    } catch (JsonFormatException e) {
      throw new MalformedDataException("the bundle is not acceptable JSON: " + e.getMessage());
    }
    Map<?, ?> b = object(v, "bundle");
    if (!Long.valueOf(VERSION).equals(b.get("v"))) {
      if (Long.valueOf(1).equals(b.get("v")) && TYPE.equals(b.get("type"))) {
        throw new UnsupportedVersionException("this is a version-1 bundle, which binds fewer facts to the issuer's "
            + "signature and is no longer accepted; ask the issuer for a version-2 bundle (ddc prove)");
      }
      if (b.get("v") instanceof Long) {
        throw new UnsupportedVersionException("bundle version " + b.get("v") + " is not supported; this verifier "
            + "reads version " + VERSION);
      }
      throw FieldType.wrong("bundle.v", "the integer " + VERSION, b.get("v"));
    }
    members(b, "bundle", Set.of("v", "type", "ddc", "checkpoint", "mint", "issuer", "state", "metadata"),
        Set.of("consistency"));
    if (!TYPE.equals(b.get("type"))) {
      throw new MalformedDataException("bundle.type must be \"" + TYPE + "\", but is " + show(b.get("type")));
    }
    long ddc = positive(b.get("ddc"), "bundle.ddc");
    if (!(b.get("checkpoint") instanceof String)) {
      throw FieldType.wrong("bundle.checkpoint", "the signed checkpoint note as a string", b.get("checkpoint"));
    }
    Mint mint = mint(object(b.get("mint"), "mint"));
    Issuer issuer = issuer(object(b.get("issuer"), "issuer"));
    State state = state(object(b.get("state"), "state"));
    Disclosure md = metadata(object(b.get("metadata"), "metadata"));
    Optional<Consistency> cons = Optional.empty();
    if (b.containsKey("consistency")) {
      Map<?, ?> c = object(b.get("consistency"), "consistency");
      members(c, "consistency", Set.of("from", "proof"), Set.of());
      cons = Optional.of(new Consistency(positive(c.get("from"), "consistency.from"),
          hashes(c.get("proof"), "consistency.proof")));
    }
    return new Bundle(ddc, (String) b.get("checkpoint"), mint, issuer, state, md, cons);
  }

  private static Mint mint(Map<?, ?> m) throws MalformedDataException {
    members(m, "mint", Set.of("seq", "event", "inclusion", "itemPath"), Set.of());
    long seq = nonNegative(m.get("seq"), "mint.seq");
    Map<?, ?> ej = object(m.get("event"), "mint.event");
    if (!"ddc.minted".equals(ej.get("type"))) {
      throw new MalformedDataException("mint.event.type must be \"ddc.minted\", but is " + show(ej.get("type")));
    }
    Object req = ej.get("cause") instanceof Map ? ((Map<?, ?>) ej.get("cause")).get("req") : null;
    Object op = req instanceof Map ? ((Map<?, ?>) req).get("op") : null;
    // op may be null or not a string: Set.of's contains(null) throws NullPointerException
    if (!(op instanceof String) || !MINT_OPERATIONS.contains(op)) {
      throw new MalformedDataException("mint.event.cause.req.op must be one of " + MINT_OPERATIONS + ", but is "
          + show(op));
    }
    Event e;
    try {
      e = Event.fromJson(m.get("event"));
    } catch (MalformedDataException x) {
      throw new MalformedDataException("mint.event: " + x.getMessage());
    }
    return new Mint(seq, e, hashes(m.get("inclusion"), "mint.inclusion"), hashes(m.get("itemPath"), "mint.itemPath"));
  }

  private static Issuer issuer(Map<?, ?> m) throws MalformedDataException {
    members(m, "issuer", Set.of("leaf", "path"), Set.of());
    return new Issuer(accountLeaf(object(m.get("leaf"), "issuer.leaf")), hashes(m.get("path"), "issuer.path"));
  }

  /** Reads an account leaf's JSON object (docs/LEDGER.md). */
  static AccountLeafView accountLeaf(Map<?, ?> l) throws MalformedDataException {
    String w = "issuer.leaf";
    members(l, w, Set.of("v", "index", "did", "name", "role", "leader", "platformState", "operatorState", "keys"),
        Set.of());
    if (!Long.valueOf(1).equals(l.get("v"))) {
      throw FieldType.wrong(w + ".v", "the integer 1", l.get("v"));
    }
    long index = nonNegative(l.get("index"), w + ".index");
    Did did = Did.of((String) FieldType.DID.check(w + ".did", l.get("did")));
    String name = (String) FieldType.TEXT.check(w + ".name", l.get("name"));
    String role = (String) FieldType.ROLE.check(w + ".role", l.get("role"));
    Did leader = Did.of((String) FieldType.DID.check(w + ".leader", l.get("leader")));
    String ps = (String) FieldType.STATE.check(w + ".platformState", l.get("platformState"));
    String os = (String) FieldType.STATE.check(w + ".operatorState", l.get("operatorState"));
    List<?> ks = list(l.get("keys"), w + ".keys");
    if (ks.isEmpty() || ks.size() > AccountKey.MAX_RECORDS) {
      throw new MalformedDataException(w + ".keys must hold 1 to " + AccountKey.MAX_RECORDS + " key records, but "
          + "holds " + ks.size());
    }
    List<AccountKey> keys = new ArrayList<>();
    for (Object k : ks) {
      keys.add(AccountKey.fromJson(k, w + ".keys[" + keys.size() + "]"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) l;
    return new AccountLeafView(index, did, name, role, leader, ps, os, keys, json);
  }

  private static State state(Map<?, ?> m) throws MalformedDataException {
    members(m, "state", Set.of("leaf", "path"), Set.of("holders"));
    StateLeafView leaf = stateLeaf(object(m.get("leaf"), "state.leaf"));
    Optional<SortedMap<Did, Long>> holders = Optional.empty();
    if (leaf.kind() == DdcKind.DDC_1155) {
      if (!m.containsKey("holders")) {
        throw new MalformedDataException("state.holders is required for a DDC-1155");
      }
      SortedMap<Did, Long> h = new TreeMap<>();
      for (Map.Entry<?, ?> e : object(m.get("holders"), "state.holders").entrySet()) {
        Did d = Did.of((String) FieldType.DID.check("state.holders key", e.getKey()));
        h.put(d, positive(e.getValue(), "state.holders[" + d + "]"));
      }
      holders = Optional.of(h);
    } else if (m.containsKey("holders")) {
      throw new MalformedDataException("state.holders is only for a DDC-1155");
    }
    return new State(leaf, hashes(m.get("path"), "state.path"), holders);
  }

  /** Reads a state leaf's JSON object (docs/LEDGER.md). */
  static StateLeafView stateLeaf(Map<?, ?> l) throws MalformedDataException {
    String w = "state.leaf";
    if (!Long.valueOf(1).equals(l.get("v"))) {
      throw FieldType.wrong(w + ".v", "the integer 1", l.get("v"));
    }
    DdcKind kind = DdcKind.parse((String) FieldType.KIND.check(w + ".kind", l.get("kind")));
    members(l, w, kind == DdcKind.DDC_721 ? Set.of("v", "id", "kind", "owner", "status", "locked", "lastSeq")
        : Set.of("v", "id", "kind", "owners", "status", "locked", "lastSeq"), Set.of("uriHash", "metadataRoot"));
    long id = positive(l.get("id"), w + ".id");
    Optional<Did> owner = kind == DdcKind.DDC_721
        ? Optional.of(Did.of((String) FieldType.DID.check(w + ".owner", l.get("owner")))) : Optional.empty();
    Optional<Hash> owners = kind == DdcKind.DDC_1155 ? Optional.of(hash(l.get("owners"), w + ".owners"))
        : Optional.empty();
    Optional<Hash> uriHash = l.containsKey("uriHash") ? Optional.of(hash(l.get("uriHash"), w + ".uriHash"))
        : Optional.empty();
    Optional<Hash> mdRoot = l.containsKey("metadataRoot")
        ? Optional.of(hash(l.get("metadataRoot"), w + ".metadataRoot")) : Optional.empty();
    Object status = l.get("status");
    if (!"active".equals(status) && !"frozen".equals(status) && !"burned".equals(status)) {
      throw new MalformedDataException(w + ".status must be \"active\", \"frozen\" or \"burned\", but is "
          + show(status));
    }
    boolean locked = (Boolean) FieldType.BOOL.check(w + ".locked", l.get("locked"));
    long lastSeq = nonNegative(l.get("lastSeq"), w + ".lastSeq");
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) l;
    return new StateLeafView(id, kind, owner, owners, uriHash, mdRoot, (String) status, locked, lastSeq, json);
  }

  private static Disclosure metadata(Map<?, ?> m) throws MalformedDataException {
    members(m, "metadata", Set.of("revealed", "hidden"), Set.of());
    List<Field> revealed = new ArrayList<>();
    String previous = null;
    for (Object o : list(m.get("revealed"), "metadata.revealed")) {
      String w = "metadata.revealed[" + revealed.size() + "]";
      Map<?, ?> f = object(o, w);
      members(f, w, Set.of("path", "salt", "value"), Set.of());
      if (!(f.get("path") instanceof String)) {
        throw FieldType.wrong(w + ".path", "a JSON pointer (string)", f.get("path"));
      }
      String path = (String) f.get("path");
      checkPointer(path, w + ".path");
      Object value = f.get("value");
      if (value instanceof Map && !((Map<?, ?>) value).isEmpty() || value instanceof List && !((List<?>) value).isEmpty()) {
        throw new MalformedDataException(w + ".value must be a leaf value (string, number, boolean, null, {} or []), "
            + "but is a non-empty " + (value instanceof Map ? "object" : "array") + ": reveal its fields instead");
      }
      if (previous != null) {
        if (path.compareTo(previous) <= 0) {
          throw new MalformedDataException("metadata.revealed must be sorted by path without repeats, but " + show(path)
              + " follows " + show(previous));
        }
        if (path.startsWith(previous + "/")) {
          throw new MalformedDataException("metadata.revealed has both " + show(previous) + " and " + show(path)
              + " below it: a field is a leaf");
        }
      }
      previous = path;
      revealed.add(new Field(path, hash(f.get("salt"), w + ".salt"), value));
    }
    List<Hash> hidden = hashes(m.get("hidden"), "metadata.hidden", Integer.MAX_VALUE);
    for (int i = 1; i < hidden.size(); i++) {
      if (hidden.get(i).compareTo(hidden.get(i - 1)) <= 0) {
        throw new MalformedDataException("metadata.hidden must be sorted without repeats, but digest " + i
            + " is not above digest " + (i - 1));
      }
    }
    return new Disclosure(revealed, hidden);
  }

  /** An RFC 6901 pointer to a member or element: non-empty, "/"-separated, "~" only as "~0" or "~1". */
  static void checkPointer(String p, String where) throws MalformedDataException {
    if (!p.startsWith("/")) {
      throw new MalformedDataException(where + " must be an RFC 6901 JSON pointer starting with \"/\", but is "
          + show(p));
    }
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) == '~' && (i + 1 == p.length() || p.charAt(i + 1) != '0' && p.charAt(i + 1) != '1')) {
        throw new MalformedDataException(where + " has \"~\" not followed by 0 or 1 at " + i + ": " + show(p));
      }
    }
  }

  // ---- shape helpers ----

  static Map<?, ?> object(Object v, String where) throws MalformedDataException {
    if (!(v instanceof Map)) {
      throw FieldType.wrong(where, "an object", v);
    }
    return (Map<?, ?>) v;
  }

  static List<?> list(Object v, String where) throws MalformedDataException {
    if (!(v instanceof List)) {
      throw FieldType.wrong(where, "an array", v);
    }
    return (List<?>) v;
  }

  private static long positive(Object v, String where) throws MalformedDataException {
    return (Long) FieldType.POSITIVE.check(where, v);
  }

  private static long nonNegative(Object v, String where) throws MalformedDataException {
    return (Long) FieldType.NON_NEGATIVE.check(where, v);
  }

  private static Hash hash(Object v, String where) throws MalformedDataException {
    if (!(v instanceof String)) {
      throw FieldType.wrong(where, "a hash (64 lowercase hex digits)", v);
    }
    try {
      return Hash.fromHex((String) v);
    } catch (MalformedDataException e) {
      throw new MalformedDataException(where + ": " + e.getMessage());
    }
  }

  private static List<Hash> hashes(Object v, String where) throws MalformedDataException {
    return hashes(v, where, MAX_PATH);
  }

  private static List<Hash> hashes(Object v, String where, int max) throws MalformedDataException {
    List<?> l = list(v, where);
    if (l.size() > max) {
      throw new MalformedDataException(where + " holds " + l.size() + " hashes, at most " + max + " accepted");
    }
    List<Hash> out = new ArrayList<>(l.size());
    for (Object o : l) {
      out.add(hash(o, where + "[" + out.size() + "]"));
    }
    return out;
  }

  private static void members(Map<?, ?> m, String where, Set<String> required, Set<String> optional)
      throws MalformedDataException {
    for (Object k : m.keySet()) {
      if (!required.contains(k) && !optional.contains(k)) {
        throw new MalformedDataException(where + " has the unknown member " + show(k));
      }
    }
    for (String k : new java.util.TreeSet<>(required)) {
      if (!m.containsKey(k)) {
        throw new MalformedDataException(where + " lacks the member \"" + k + "\"");
      }
    }
  }

  static String show(Object v) {
    if (v instanceof String) {
      String s = (String) v;
      return "\"" + Did.printable(s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    }
    return v == null ? "nothing" : String.valueOf(v);
  }
}
