package io.ddc.model;

import io.ddc.merkle.MerkleTrees;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.SignatureScheme;
import io.ddc.sign.Signer;
import io.ddc.sign.SigningUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An unsigned request: a {@link RequestHeader} and its items. Build one with {@link #builder},
 * then {@link #sign} it with the actor's {@link Signer}.
 */
public final class Request {
  private final RequestHeader header;
  private final List<Item> items;
  private final MerkleTrees tree;

  private Request(RequestHeader header, List<Item> items, MerkleTrees tree) {
    this.header = header;
    this.items = items;
    this.tree = tree;
  }

  /** A builder of a request to {@code ledger} for {@code operation} by {@code actor}. */
  public static Builder builder(String ledger, Operation operation, Did actor) {
    return new Builder(ledger, operation, actor);
  }

  /** The header. */
  public RequestHeader header() {
    return header;
  }

  /** The items, in order. */
  public List<Item> items() {
    return items;
  }

  /**
   * The inclusion path of item {@code index} among {@code items} (all the items of one request,
   * in order): what {@link Cause#verifyItem} needs. Anyone holding a request's events can
   * recompute it from their items.
   */
  public static List<Hash> itemPath(List<Item> items, int index) {
    Operation op = items.get(0).operation();
    Request r = of("-", op, Did.of("did:x:x"), 1, 0, null, items);
    List<Hash> path = new ArrayList<>();
    for (byte[] h : r.tree.path(index)) {
      path.add(Hash.of(h));
    }
    return path;
  }

  MerkleTrees tree() {
    return tree;
  }

  /** Signs the header with the actor's key. */
  public SignedRequest sign(Signer actorSigner) throws SigningUnavailableException {
    return new SignedRequest(this, signWith(actorSigner, header), null);
  }

  static byte[] signWith(Signer signer, RequestHeader header) throws SigningUnavailableException {
    if (signer.scheme() != SignatureScheme.SM2_SM3) {
      throw new IllegalArgumentException("requests are signed with SM2, but the signer uses " + signer.scheme());
    }
    return signer.sign(header.signingBytes());
  }

  /** Checks the items against their operation and computes the header's root. */
  static Request of(String ledger, Operation op, Did actor, long nonce, long deadline, Did relayer,
      List<Item> items) {
    for (Item i : items) {
      if (i.operation() != op) {
        throw new IllegalArgumentException("an item for " + i.operation().id() + " in a request for " + op.id());
      }
    }
    MerkleTrees tree = MerkleTrees.build(TreeHasher.sm3(), leafHashes(items));
    RequestHeader header = new RequestHeader(ledger, op, actor, nonce, deadline, relayer, items.size(),
        Hash.of(tree.root()));
    return new Request(header, List.copyOf(items), tree);
  }

  /** The item tree's leaves: {@code SM3(0x00 ‖ JCS(item))} for each item, in order. */
  static List<byte[]> leafHashes(List<Item> items) {
    TreeHasher h = TreeHasher.sm3();
    List<byte[]> leaves = new ArrayList<>(items.size());
    for (Item i : items) {
      byte[] c = i.canonicalBytesShared();
      byte[] leaf = new byte[h.digestLength()];
      h.leafHash(c, 0, c.length, leaf, 0);
      leaves.add(leaf);
    }
    return leaves;
  }

  @Override
  public String toString() {
    return header.toString();
  }

  /** Builds a {@link Request}; setters check their argument at once. */
  public static final class Builder {
    private final String ledger;
    private final Operation operation;
    private final Did actor;
    private long nonce;
    private long deadline;
    private Did relayer;
    private final List<Item> items = new ArrayList<>();

    private Builder(String ledger, Operation operation, Did actor) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      this.operation = Objects.requireNonNull(operation, "operation");
      this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** The actor's nonce, at least 1. */
    public Builder nonce(long nonce) {
      if (nonce < 1 || nonce > io.ddc.json.CanonicalJson.MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("a nonce is in [1, 2^53 - 1], but got " + nonce);
      }
      this.nonce = nonce;
      return this;
    }

    /** The deadline, in milliseconds since the epoch. */
    public Builder deadline(long epochMillis) {
      if (epochMillis < 1 || epochMillis > io.ddc.json.CanonicalJson.MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("a deadline is in [1, 2^53 - 1] ms, but got " + epochMillis);
      }
      this.deadline = epochMillis;
      return this;
    }

    /** The account that will submit the request and pay its fees. */
    public Builder relayer(Did relayer) {
      this.relayer = Objects.requireNonNull(relayer, "relayer");
      return this;
    }

    /** Adds an item, which must be for this builder's operation. */
    public Builder item(Item item) {
      if (item.operation() != operation) {
        throw new IllegalArgumentException("an item for " + item.operation().id() + " in a request for "
            + operation.id());
      }
      items.add(item);
      return this;
    }

    /** Adds items. */
    public Builder items(List<Item> more) {
      more.forEach(this::item);
      return this;
    }

    /** The request. */
    public Request build() {
      if (nonce == 0) {
        throw new IllegalStateException("no nonce set");
      }
      if (items.isEmpty() || items.size() > operation.maxItems()) {
        throw new IllegalStateException(operation.id() + " takes 1 to " + operation.maxItems() + " items, but "
            + items.size() + " were added");
      }
      return of(ledger, operation, actor, nonce, deadline, relayer, items);
    }
  }
}
