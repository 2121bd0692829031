package io.ddc.client;

import io.ddc.model.Did;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import java.util.Map;
import java.util.Objects;

/**
 * One certificate to mint with {@link DdcClient#mint} or {@link DdcClient#batchMint}: immutable;
 * each {@code with} method returns a changed copy. Metadata is given at most one way: as fields (a
 * {@code Map} of plain Java values), as JSON bytes, or as a ready {@link Metadata}.
 */
public final class Mint {
  private final Operation operation;
  private final Did to;
  private final long amount;
  private final String ref;
  private final String uri;
  private final boolean locked;
  private final Map<String, ?> fields;
  private final byte[] json;
  private final Metadata metadata;
  private final byte[] data;

  private Mint(Operation operation, Did to, long amount, String ref, String uri, boolean locked, Map<String, ?> fields,
      byte[] json, Metadata metadata, byte[] data) {
    this.operation = operation;
    this.to = Objects.requireNonNull(to, "to");
    this.amount = amount;
    this.ref = ref;
    this.uri = uri;
    this.locked = locked;
    this.fields = fields;
    this.json = json;
    this.metadata = metadata;
    this.data = data;
  }

  /**
   * A DDC-721 for {@code to}, with client reference {@code ref} (null for none; a reference makes
   * the mint idempotent, see {@link DdcClient}).
   *
   * @throws NullPointerException if {@code to} is null
   */
  public static Mint ddc721(Did to, String ref) {
    return new Mint(Operation.DDC721_MINT, to, 0, ref, null, false, null, null, null, null);
  }

  /**
   * A DDC-1155 of {@code amount} for {@code to}, with client reference {@code ref} (null for none).
   *
   * @throws NullPointerException if {@code to} is null
   * @throws IllegalArgumentException if {@code amount} is not positive
   */
  public static Mint ddc1155(Did to, long amount, String ref) {
    if (amount < 1) {
      throw new IllegalArgumentException("a DDC-1155 amount must be positive, but is " + amount);
    }
    return new Mint(Operation.DDC1155_MINT, to, amount, ref, null, false, null, null, null, null);
  }

  /** This mint with URI {@code uri} (null for none; the engine checks its form). */
  public Mint withUri(String uri) {
    return new Mint(operation, to, amount, ref, uri, locked, fields, json, metadata, data);
  }

  /** This mint, non-transferable (ERC-5192 locked) when {@code locked}. */
  public Mint withLocked(boolean locked) {
    return new Mint(operation, to, amount, ref, uri, locked, fields, json, metadata, data);
  }

  /**
   * This mint with metadata from {@code fields}, a JSON object as plain Java values: {@code Map}s
   * with {@code String} keys, {@code List}s, {@code String}, {@code Boolean}, integral numbers
   * ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}), {@code Double}, {@code Float} and
   * null. Null {@code fields} means no metadata. Checked when minted ({@link DdcClient#mint}).
   *
   * @throws IllegalStateException if metadata was already given another way
   */
  public Mint withFields(Map<String, ?> fields) {
    checkNoMetadata(fields);
    return new Mint(operation, to, amount, ref, uri, locked, fields, null, null, data);
  }

  /**
   * This mint with metadata from a JSON object's UTF-8 bytes ({@code null} for none); checked when minted.
   *
   * @throws IllegalStateException if metadata was already given another way
   */
  public Mint withJson(byte[] json) {
    checkNoMetadata(json);
    return new Mint(operation, to, amount, ref, uri, locked, null, json == null ? null : json.clone(), null, data);
  }

  /**
   * This mint with metadata from a Jackson tree holding a JSON object (a {@code JsonNode}, or any
   * {@link com.fasterxml.jackson.core.TreeNode}; {@code null} for none); checked when minted.
   *
   * @throws IllegalStateException if metadata was already given another way
   * @throws MalformedDataException if the tree cannot be written as JSON
   */
  public Mint withTree(com.fasterxml.jackson.core.TreeNode tree) throws MalformedDataException {
    return withJson(tree == null ? null : Metadata.treeBytes(tree));
  }

  /**
   * This mint with {@code metadata} (salts chosen already; null for none).
   *
   * @throws IllegalStateException if metadata was already given another way
   */
  public Mint withMetadata(Metadata metadata) {
    checkNoMetadata(metadata);
    return new Mint(operation, to, amount, ref, uri, locked, null, null, metadata, data);
  }

  /**
   * This mint as BSN's {@code safeMint}: the ledger's receiver check (see {@link
   * io.ddc.engine.ReceiverCheck}) must accept it, and is given {@code data} (null for none; at most
   * 1,024 bytes, checked when minted). A DDC-1155 mint is always safe, as in BSN: for one, this only
   * sets the data.
   */
  public Mint safe(byte[] data) {
    Operation op = operation == Operation.DDC721_MINT ? Operation.DDC721_SAFE_MINT : operation;
    return new Mint(op, to, amount, ref, uri, locked, fields, json, metadata, data == null ? null : data.clone());
  }

  private void checkNoMetadata(Object next) {
    if (next != null && (fields != null || json != null || metadata != null)) {
      throw new IllegalStateException("the mint for " + to + " has metadata already; give it one way only");
    }
  }

  /** {@link Operation#DDC721_MINT}, {@link Operation#DDC721_SAFE_MINT} or {@link Operation#DDC1155_MINT}. */
  public Operation operation() {
    return operation;
  }

  /** The recipient. */
  public Did to() {
    return to;
  }

  /** The DDC-1155 amount, 0 for a DDC-721. */
  public long amount() {
    return amount;
  }

  /** The client reference, or null. */
  public String ref() {
    return ref;
  }

  /** The URI, or null. */
  public String uri() {
    return uri;
  }

  /** Whether the DDC is to be non-transferable. */
  public boolean locked() {
    return locked;
  }

  /** The data given to the receiver check of a safe mint, or null. */
  public byte[] data() {
    return data == null ? null : data.clone();
  }

  Map<String, ?> fields() {
    return fields;
  }

  byte[] json() {
    return json;
  }

  Metadata metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "Mint[" + operation.id() + " to " + to + (amount > 0 ? " amount " + amount : "")
        + (ref == null ? "" : " ref " + ref) + "]";
  }
}
