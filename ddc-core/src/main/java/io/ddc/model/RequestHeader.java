package io.ddc.model;

import io.ddc.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a request's signatures cover: the ledger it is meant for, the operation, the actor, the
 * actor's nonce, an optional deadline, an optional relayer, and the count and Merkle root of its
 * items. The signed bytes are {@code "ddc/request/v1\n"} followed by the RFC 8785 canonical JSON
 * of {@link #toJson()}; see docs/ENCODING.md.
 */
public final class RequestHeader {
  /** The encoding version, the {@code v} member. */
  public static final int VERSION = 1;
  private static final byte[] DOMAIN = "ddc/request/v1\n".getBytes(StandardCharsets.US_ASCII);

  private final String ledger;
  private final Operation operation;
  private final Did actor;
  private final long nonce;
  private final long deadline;
  private final Did relayer;
  private final int count;
  private final Hash itemsRoot;
  private String canonical;
  private byte[] canonicalBytes;

  RequestHeader(String ledger, Operation operation, Did actor, long nonce, long deadline, Did relayer, int count,
      Hash itemsRoot) {
    this.ledger = ledger;
    this.operation = operation;
    this.actor = actor;
    this.nonce = nonce;
    this.deadline = deadline;
    this.relayer = relayer;
    this.count = count;
    this.itemsRoot = itemsRoot;
  }

  /** The origin of the ledger the request is for; a request never applies to another ledger. */
  public String ledger() {
    return ledger;
  }

  /** The operation. */
  public Operation operation() {
    return operation;
  }

  /** The account that asks and signs. */
  public Did actor() {
    return actor;
  }

  /** The actor's nonce: above every nonce of the actor's accepted requests. */
  public long nonce() {
    return nonce;
  }

  /** The deadline in milliseconds since the epoch, if any. */
  public OptionalLong deadline() {
    return deadline == 0 ? OptionalLong.empty() : OptionalLong.of(deadline);
  }

  /** The account that submits the request and pays its fees, if not the actor. */
  public Optional<Did> relayer() {
    return Optional.ofNullable(relayer);
  }

  /** The number of items. */
  public int count() {
    return count;
  }

  /** The RFC 9162 root (SM3) over the items' canonical JSON. */
  public Hash itemsRoot() {
    return itemsRoot;
  }

  /** The header's canonical JSON text, computed once. */
  String canonical() {
    String c = canonical;
    if (c == null) {
      c = new String(CanonicalJson.write(toJson()), java.nio.charset.StandardCharsets.UTF_8);
      canonical = c;
    }
    return c;
  }

  /** The header's canonical JSON bytes, computed once; callers must not modify them. */
  byte[] canonicalBytes() {
    byte[] b = canonicalBytes;
    if (b == null) {
      b = canonical().getBytes(StandardCharsets.UTF_8);
      canonicalBytes = b;
    }
    return b;
  }

  /** The bytes the actor and the relayer sign. */
  public byte[] signingBytes() {
    byte[] body = canonicalBytes();
    byte[] out = new byte[DOMAIN.length + body.length];
    System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
    System.arraycopy(body, 0, out, DOMAIN.length, body.length);
    return out;
  }

  /** The header as a JSON object of canonical values. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new TreeMap<>();
    m.put("v", (long) VERSION);
    m.put("ledger", ledger);
    m.put("op", operation.id());
    m.put("actor", actor.value());
    m.put("nonce", nonce);
    if (deadline != 0) {
      m.put("deadline", deadline);
    }
    if (relayer != null) {
      m.put("relayer", relayer.value());
    }
    m.put("count", (long) count);
    m.put("root", itemsRoot.hex());
    return m;
  }

  static final String[] MEMBERS = {"v", "ledger", "op", "actor", "nonce", "deadline", "relayer", "count", "root"};

  /** Reads the header members of {@code m} (other members are the caller's to check). */
  static RequestHeader fromJson(Map<?, ?> m, String where) throws MalformedDataException {
    Object v = m.get("v");
    if (!Long.valueOf(VERSION).equals(v)) {
      throw new MalformedDataException(where + ".v must be " + VERSION + ", but is " + v);
    }
    String ledger = (String) FieldType.TEXT.check(where + ".ledger", m.get("ledger"));
    Operation op = Operation.parse((String) FieldType.OPERATION.check(where + ".op", m.get("op")));
    Did actor = Did.parse((String) FieldType.DID.check(where + ".actor", m.get("actor")));
    long nonce = (Long) FieldType.POSITIVE.check(where + ".nonce", m.get("nonce"));
    long deadline = m.containsKey("deadline")
        ? (Long) FieldType.POSITIVE.check(where + ".deadline", m.get("deadline")) : 0;
    Did relayer = m.containsKey("relayer")
        ? Did.parse((String) FieldType.DID.check(where + ".relayer", m.get("relayer"))) : null;
    long count = (Long) FieldType.POSITIVE.check(where + ".count", m.get("count"));
    if (count > op.maxItems()) {
      throw new MalformedDataException(where + ".count is " + count + ", but " + op.id() + " takes at most "
          + op.maxItems() + " items");
    }
    Hash root = Item.hash((String) FieldType.HASH.check(where + ".root", m.get("root")));
    return new RequestHeader(ledger, op, actor, nonce, deadline, relayer, (int) count, root);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestHeader && toJson().equals(((RequestHeader) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "Request[" + operation.id() + " by " + actor + " nonce " + nonce + ", " + count + " item(s)]";
  }

}
