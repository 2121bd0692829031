package io.ddc.client;

import io.ddc.DdcException;
import io.ddc.bundle.Bundles;
import io.ddc.engine.Receipt;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.RuleCode;
import io.ddc.engine.StateMachine;
import io.ddc.engine.StateView;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.spi.LedgerUnavailableException;
import io.ddc.model.Account;
import io.ddc.model.AccountState;
import io.ddc.model.Cause;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.Hash;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.model.Switch;
import io.ddc.sign.Signer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One account acting on one {@link Ledger}: each method builds the request (the ledger's origin,
 * the account's next nonce, the items), signs it with the account's {@link Signer}, submits it
 * and returns a typed result. Thread-safe; any number of clients, in any number of threads or
 * processes sharing a store, may act for the same account.
 *
 * <p><b>Nonces.</b> By default the nonce is chosen inside the ledger's write transaction, under
 * its append lock ({@link Ledger#submit(Did, Ledger.RequestFactory, Map)}), so concurrent writers
 * of one account never take the same one; the signature is made under the lock too. With
 * {@link Builder#signOutsideLock()} (for a slow remote signer) the nonce is read before signing
 * instead; either way, a {@code BAD_NONCE} rejection (another writer took the nonce) is retried
 * with a fresh nonce and a new signature after a random pause, up to {@link Builder#maxAttempts}
 * attempts in all. A {@link LedgerUnavailableException} can be ambiguous (a connection lost while
 * committing: the request may be applied), so it is retried (at most {@value
 * #MAX_UNAVAILABLE_ATTEMPTS} attempts) only for mints whose every certificate has a client
 * reference, where a repeat is recognised (below); for anything else it is thrown, and the caller
 * checks the ledger before repeating.
 *
 * <p><b>Idempotent mints.</b> A mint whose certificates all carry client references is
 * idempotent: when the ledger rejects it with {@code DUPLICATE_REFERENCE}, the client looks up each
 * reference, and if every one names a DDC that this account minted with exactly the same request
 * item (recipient, kind, amount, URI, lock; the same metadata root, or kept metadata with the
 * same fields), it returns those ids ({@link Minted#repeated()}) instead of failing. So an
 * application may repeat a mint whose outcome it did not learn (a crash, a timeout) and never
 * mints twice. A reference used for a different certificate is still rejected.
 *
 * <p><b>Metadata.</b> When a mint has metadata, its fields and salts are kept beside the ledger in
 * the same transaction as the mint (see {@link Ledger#submit(io.ddc.model.SignedRequest, Map)}), so
 * {@link #prove} reveals them; without metadata, the DDC commits to none.
 *
 * <p><b>Errors.</b> Every method that submits throws {@link RequestRejectedException} with the
 * {@link RuleCode} when the rules refuse (nothing changed), {@link LedgerUnavailableException} when
 * the store was unreachable (see above: perhaps applied, unless it was an idempotent mint), {@link io.ddc.sign.SigningUnavailableException}
 * when the signer fails, other {@link DdcException}s for a store or signer failure, and unchecked
 * exceptions for caller mistakes (null arguments, a DDC-1155 transfer without an amount).
 */
public final class DdcClient {
  /** The default number of attempts of one submission. */
  public static final int DEFAULT_MAX_ATTEMPTS = 16;
  /** Attempts of an idempotent mint that meets {@link LedgerUnavailableException}s: each may wait for the store's timeout. */
  public static final int MAX_UNAVAILABLE_ATTEMPTS = 3;

  private static final System.Logger LOG = System.getLogger(DdcClient.class.getName());

  private final Ledger ledger;
  private final Did actor;
  private final Signer signer;
  private final String origin;
  private final SecureRandom random;
  private final int maxAttempts;
  private final boolean signUnderLock;
  private final Did relayer;
  private final Signer relayerSigner;

  private DdcClient(Builder b, String origin) {
    this.ledger = b.ledger;
    this.actor = b.actor;
    this.signer = b.signer;
    this.origin = origin;
    this.random = b.random;
    this.maxAttempts = b.maxAttempts;
    this.signUnderLock = b.signUnderLock;
    this.relayer = b.relayer;
    this.relayerSigner = b.relayerSigner;
  }

  /**
   * A client acting as {@code actor} on an initialised {@code ledger}, signing with {@code signer}.
   *
   * @throws IllegalStateException if the ledger has no {@code ledger.init} yet (use {@link #initialize})
   * @throws NullPointerException if an argument is null
   */
  public static DdcClient of(Ledger ledger, Did actor, Signer signer) {
    return builder(ledger, actor, signer).build();
  }

  /**
   * A builder of a client acting as {@code actor} on {@code ledger}, signing with {@code signer}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(Ledger ledger, Did actor, Signer signer) {
    return new Builder(ledger, actor, signer);
  }

  /**
   * Creates the ledger ({@code ledger.init}: {@code operator} becomes the Operator, named
   * {@code name}, with {@code signer}'s public key and the default allow-list) and returns the
   * Operator's client.
   *
   * @throws RequestRejectedException {@code ALREADY_INITIALIZED} if the ledger has an Operator
   *     already (nothing changed), or another rule's code
   * @throws DdcException if the store or the signer fails
   * @throws NullPointerException if an argument is null
   */
  public static DdcClient initialize(Ledger ledger, String origin, Did operator, String name, Signer signer)
      throws DdcException {
    Builder b = builder(ledger, operator, signer).origin(origin);
    DdcClient client = new DdcClient(b, origin);
    client.submit(Operation.LEDGER_INIT, List.of(Items.ledgerInit(Objects.requireNonNull(name, "name"),
        List.of(signer.publicKey()))), Map.of());
    return client;
  }

  /** The ledger. */
  public Ledger ledger() {
    return ledger;
  }

  /** The acting account. */
  public Did actor() {
    return actor;
  }

  /** The ledger's origin, which every request names. */
  public String origin() {
    return origin;
  }

  // ---- certificates ----

  /**
   * Mints a DDC-721 for {@code to} with metadata {@code fields} (a JSON object as plain Java values,
   * see {@link Mint#withFields}; null for none) and client reference {@code ref} (null for none).
   *
   * @return the new DDC's id (or, for a repeat of the same mint under {@code ref}, the existing one)
   * @throws MalformedDataException if {@code fields} is not acceptable metadata (nothing submitted)
   * @throws RequestRejectedException if the rules refuse (e.g. {@code DUPLICATE_REFERENCE} for a
   *     reference used for another certificate); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Minted mint721(Did to, Map<String, ?> fields, String ref) throws DdcException {
    return mint(Mint.ddc721(to, ref).withFields(fields));
  }

  /**
   * Mints a DDC-1155 of {@code amount} for {@code to}, with metadata {@code fields} (null for none)
   * and client reference {@code ref} (null for none).
   *
   * @return the new DDC's id (or, for a repeat under {@code ref}, the existing one)
   * @throws IllegalArgumentException if {@code amount} is not positive
   * @throws MalformedDataException if {@code fields} is not acceptable metadata (nothing submitted)
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Minted mint1155(Did to, long amount, Map<String, ?> fields, String ref) throws DdcException {
    return mint(Mint.ddc1155(to, amount, ref).withFields(fields));
  }

  /**
   * BSN's DDC-721 {@code safeMint(to, ddcURI, data)}: mints a DDC-721 for {@code to} with URI
   * {@code uri} (null for none) that the ledger's receiver check must accept, which is given
   * {@code data} (null for none, at most 1,024 bytes). For metadata or a reference, use
   * {@link #mint(Mint)} with {@link Mint#safe}.
   *
   * @return the new DDC's id
   * @throws IllegalArgumentException if {@code uri} or {@code data} does not fit the schema (nothing submitted)
   * @throws RequestRejectedException if the rules refuse (e.g. {@code RECEIVER_REJECTED}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Minted safeMint721(Did to, String uri, byte[] data) throws DdcException {
    return mint(Mint.ddc721(to, null).withUri(uri).safe(data));
  }

  /**
   * Mints one certificate described by {@code mint} (URI, lock, metadata given as a map, JSON bytes
   * or a {@link Metadata}).
   *
   * @throws MalformedDataException if its metadata is not acceptable (nothing submitted)
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Minted mint(Mint mint) throws DdcException {
    return batchMint(List.of(Objects.requireNonNull(mint, "mint")));
  }

  /**
   * Mints every certificate of {@code mints} in one signed request, all or nothing (BSN's
   * {@code mintBatch}, {@code safeMintBatch}). All must be of one operation (a request has one): all
   * DDC-721, all safe DDC-721 ({@link Mint#safe}) or all DDC-1155.
   *
   * @return the ids in the order of {@code mints}
   * @throws IllegalArgumentException if {@code mints} is empty, mixes DDC-721 and DDC-1155 (or safe
   *     and plain DDC-721), or has more than the operation's item limit
   * @throws MalformedDataException if a mint's metadata is not acceptable (nothing submitted)
   * @throws RequestRejectedException if the rules refuse any of them (the item index says which);
   *     nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Minted batchMint(List<Mint> mints) throws DdcException {
    if (mints.isEmpty()) {
      throw new IllegalArgumentException("nothing to mint: the list of mints is empty");
    }
    Operation op = mints.get(0).operation();
    if (mints.size() > op.maxItems()) {
      throw new IllegalArgumentException(mints.size() + " mints in one request; at most " + op.maxItems());
    }
    List<Item> items = new ArrayList<>(mints.size());
    Map<Integer, Metadata> metadata = new HashMap<>();
    for (int i = 0; i < mints.size(); i++) {
      Mint m = Objects.requireNonNull(mints.get(i), "mint " + i);
      if (m.operation() != op) {
        throw new IllegalArgumentException("mint " + i + " is a " + m.operation().id() + " but mint 0 is a "
            + op.id() + ": one request has one kind of mint");
      }
      Metadata md = metadataOf(m, i);
      if (md != null) {
        metadata.put(i, md);
      }
      items.add(Items.of(op, "to", m.to(), "amount", op == Operation.DDC1155_MINT ? m.amount() : null, "uri",
          m.uri(), "metadataRoot", md == null ? null : md.root(), "ref", m.ref(), "locked", m.locked() ? true : null,
          "data", m.data()));
    }
    try {
      Receipt r = submit(op, items, metadata);
      return new Minted(r.mintedIds(), Optional.of(r));
    } catch (RequestRejectedException e) {
      if (e.rule() == RuleCode.DUPLICATE_REFERENCE) {
        Optional<List<Long>> existing = mintedBefore(op, items, metadata);
        if (existing.isPresent()) {
          return new Minted(existing.get(), Optional.empty());
        }
      }
      throw e;
    }
  }

  private Metadata metadataOf(Mint m, int i) throws MalformedDataException {
    try {
      if (m.fields() != null) {
        return Metadata.fromMap(m.fields(), random);
      } else if (m.json() != null) {
        return Metadata.create(m.json(), random);
      }
      return m.metadata();
    } catch (MalformedDataException e) {
      throw new MalformedDataException("mint " + i + " (" + m + "): " + e.getMessage());
    }
  }

  /**
   * The DDCs that {@code items} minted before, when every item has a reference naming a DDC this
   * account minted with the same item (metadata roots may differ only when the kept metadata has
   * the same fields: the same document with fresh salts).
   */
  private Optional<List<Long>> mintedBefore(Operation op, List<Item> items, Map<Integer, Metadata> metadata)
      throws DdcException {
    // a snapshot reads the database, not caches that may lag another node's commits
    return ledger.snapshot(snap -> mintedBefore(snap, op, items, metadata));
  }

  private Optional<List<Long>> mintedBefore(Ledger.Snapshot snap, Operation op, List<Item> items,
      Map<Integer, Metadata> metadata) throws DdcException {
    StateView state = snap.state();
    Optional<Account> me = state.account(actor);
    if (me.isEmpty()) {
      return Optional.empty();
    }
    Did scope = StateMachine.referenceScope(me.get());
    List<Long> ids = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      Optional<String> ref = item.optString("ref");
      if (ref.isEmpty()) {
        return Optional.empty();
      }
      OptionalLong id = state.reference(scope, ref.get());
      OptionalLong seq = id.isPresent() ? snap.mintSeq(id.getAsLong()) : OptionalLong.empty();
      if (seq.isEmpty()) {
        return Optional.empty();
      }
      Event minted = snap.events(seq.getAsLong(), seq.getAsLong() + 1).get(0);
      Cause cause = minted.cause();
      if (cause == null || !cause.header().actor().equals(actor) || cause.header().operation() != op) {
        return Optional.empty();
      }
      Item logged = cause.item();
      if (!Arrays.equals(logged.without("metadataRoot").canonicalBytes(),
          item.without("metadataRoot").canonicalBytes())) {
        return Optional.empty();
      }
      Optional<Hash> had = logged.optHash("metadataRoot");
      if (!had.equals(item.optHash("metadataRoot"))) {
        Optional<Metadata> kept = had.isEmpty() ? Optional.empty() : snap.metadata(id.getAsLong());
        Metadata mine = metadata.get(i);
        if (kept.isEmpty() || mine == null || !sameFields(kept.get(), mine)) {
          return Optional.empty();
        }
      }
      ids.add(id.getAsLong());
    }
    return Optional.of(ids);
  }

  /** Whether two metadata have the same fields (paths and values), whatever their salts. */
  private static boolean sameFields(Metadata a, Metadata b) {
    if (a.fields().size() != b.fields().size()) {
      return false;
    }
    for (int i = 0; i < a.fields().size(); i++) {
      Metadata.Disclosed x = a.fields().get(i);
      Metadata.Disclosed y = b.fields().get(i);
      if (!x.path().equals(y.path()) || !x.value().equals(y.value())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Transfers DDC-721 {@code ddc} from {@code from} to {@code to} (the actor is the owner, or
   * approved).
   *
   * @throws IllegalArgumentException if {@code ddc} is a DDC-1155 (give an amount)
   * @throws RequestRejectedException if the rules refuse (e.g. {@code NOT_OWNER}, {@code DDC_FROZEN},
   *     {@code UNKNOWN_DDC}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt transfer(Did from, Did to, long ddc) throws DdcException {
    if (kindOf(ddc) == DdcKind.DDC_1155) {
      throw new IllegalArgumentException("DDC " + ddc + " is a DDC-1155: transfer an amount of it");
    }
    return submit(Operation.DDC721_TRANSFER, Items.of(Operation.DDC721_TRANSFER, "from", from, "to", to, "ddc", ddc));
  }

  /**
   * Transfers {@code amount} of DDC-1155 {@code ddc} from {@code from} to {@code to}.
   *
   * @throws IllegalArgumentException if {@code ddc} is a DDC-721 (transfer it without an amount)
   * @throws RequestRejectedException if the rules refuse (e.g. {@code INSUFFICIENT_BALANCE}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt transfer(Did from, Did to, long ddc, long amount) throws DdcException {
    return safeTransfer(from, to, ddc, amount, null);
  }

  /**
   * BSN's DDC-721 {@code safeTransferFrom(from, to, ddcId, data)}: transfers DDC-721 {@code ddc} from
   * {@code from} to {@code to}, which the ledger's receiver check must accept; it is given {@code data}
   * (null for none, at most 1,024 bytes).
   *
   * @throws IllegalArgumentException if {@code ddc} is a DDC-1155 (give an amount), or {@code data} is too long
   * @throws RequestRejectedException if the rules refuse (e.g. {@code RECEIVER_REJECTED}, {@code NOT_OWNER}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt safeTransfer(Did from, Did to, long ddc, byte[] data) throws DdcException {
    if (kindOf(ddc) == DdcKind.DDC_1155) {
      throw new IllegalArgumentException("DDC " + ddc + " is a DDC-1155: transfer an amount of it");
    }
    return submit(Operation.DDC721_SAFE_TRANSFER, Items.of(Operation.DDC721_SAFE_TRANSFER, "from", from, "to", to,
        "ddc", ddc, "data", data));
  }

  /**
   * BSN's DDC-1155 {@code safeTransferFrom(from, to, ddcId, amount, data)}: as {@link #transfer(Did,
   * Did, long, long)}, with {@code data} (null for none, at most 1,024 bytes) for the receiver check.
   *
   * @throws IllegalArgumentException if {@code ddc} is a DDC-721, or {@code data} is too long
   * @throws RequestRejectedException if the rules refuse (e.g. {@code INSUFFICIENT_BALANCE}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt safeTransfer(Did from, Did to, long ddc, long amount, byte[] data) throws DdcException {
    Optional<Ddc> d = ledger.state().ddc(ddc);
    if (d.isPresent() && d.get().kind() == DdcKind.DDC_721) {
      throw new IllegalArgumentException("DDC " + ddc + " is a DDC-721: transfer it without an amount");
    }
    return submit(Operation.DDC1155_TRANSFER, Items.of(Operation.DDC1155_TRANSFER, "from", from, "to", to, "ddc", ddc,
        "amount", amount, "data", data));
  }

  /**
   * BSN's DDC-1155 {@code safeBatchTransferFrom(from, to, ddcIds, amounts, data)}: transfers
   * {@code amounts[i]} of DDC-1155 {@code ddcs[i]} for each i from {@code from} to {@code to}, in one
   * request, all or nothing; the receiver check is given {@code data} (null for none) for each.
   *
   * @throws IllegalArgumentException if the lists are empty, differ in size, hold more than the
   *     operation's item limit, or {@code data} is too long (nothing submitted)
   * @throws RequestRejectedException if the rules refuse any of them (the item index says which;
   *     {@code UNKNOWN_DDC} for a DDC-721); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt batchTransfer(Did from, Did to, List<Long> ddcs, List<Long> amounts, byte[] data)
      throws DdcException {
    if (ddcs.size() != amounts.size()) {
      throw new IllegalArgumentException(ddcs.size() + " DDC ids but " + amounts.size() + " amounts");
    }
    List<Item> items = new ArrayList<>(ddcs.size());
    for (int i = 0; i < ddcs.size(); i++) {
      items.add(Items.of(Operation.DDC1155_TRANSFER, "from", from, "to", to, "ddc", ddcs.get(i), "amount",
          amounts.get(i), "data", data));
    }
    return submitBatch(Operation.DDC1155_TRANSFER, items);
  }

  /**
   * Approves {@code to} to transfer or burn DDC-721 {@code ddc}.
   *
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt approve(Did to, long ddc) throws DdcException {
    return submit(Operation.DDC721_APPROVE, Items.of(Operation.DDC721_APPROVE, "to", to, "ddc", ddc));
  }

  /**
   * Approves ({@code approved}) or revokes {@code operator} for all the actor's DDCs of {@code kind}.
   *
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt setApprovalForAll(DdcKind kind, Did operator, boolean approved) throws DdcException {
    Operation op = kind == DdcKind.DDC_721 ? Operation.DDC721_SET_APPROVAL_FOR_ALL
        : Operation.DDC1155_SET_APPROVAL_FOR_ALL;
    return submit(op, Items.of(op, "operator", operator, "approved", approved));
  }

  /**
   * Freezes DDC {@code ddc} (Operator only).
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code NOT_PERMITTED}, {@code UNKNOWN_DDC}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt freeze(long ddc) throws DdcException {
    Operation op = kindOf(ddc) == DdcKind.DDC_1155 ? Operation.DDC1155_FREEZE : Operation.DDC721_FREEZE;
    return submit(op, Items.of(op, "ddc", ddc));
  }

  /**
   * Unfreezes DDC {@code ddc} (Operator only).
   *
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt unfreeze(long ddc) throws DdcException {
    Operation op = kindOf(ddc) == DdcKind.DDC_1155 ? Operation.DDC1155_UNFREEZE : Operation.DDC721_UNFREEZE;
    return submit(op, Items.of(op, "ddc", ddc));
  }

  /**
   * Burns DDC {@code ddc}: a DDC-721, or the actor's whole balance of a DDC-1155.
   *
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt burn(long ddc) throws DdcException {
    if (kindOf(ddc) == DdcKind.DDC_1155) {
      return burn(actor, ddc);
    }
    return submit(Operation.DDC721_BURN, Items.of(Operation.DDC721_BURN, "ddc", ddc));
  }

  /**
   * Burns {@code owner}'s whole balance of DDC-1155 {@code ddc} (by {@code owner} or its operator for all).
   * The Operator's burn of a frozen DDC-1155 with {@code owner} itself burns every holder's balance, as in
   * BSN (docs/RULES.md §3).
   *
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt burn(Did owner, long ddc) throws DdcException {
    return submit(Operation.DDC1155_BURN, Items.of(Operation.DDC1155_BURN, "owner", owner, "ddc", ddc));
  }

  /**
   * BSN's DDC-1155 {@code burnBatch(owner, ddcIds)}: burns {@code owner}'s whole balance of each
   * DDC-1155 of {@code ddcs}, in one request, all or nothing.
   *
   * @throws IllegalArgumentException if {@code ddcs} is empty or holds more than the operation's item limit
   * @throws RequestRejectedException if the rules refuse any of them (the item index says which); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt burnBatch(Did owner, List<Long> ddcs) throws DdcException {
    List<Item> items = new ArrayList<>(ddcs.size());
    for (Long ddc : ddcs) {
      items.add(Items.of(Operation.DDC1155_BURN, "owner", owner, "ddc", ddc));
    }
    return submitBatch(Operation.DDC1155_BURN, items);
  }

  /**
   * Sets DDC {@code ddc}'s URI, which is write-once.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code URI_ALREADY_SET}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt setUri(long ddc, String uri) throws DdcException {
    Operation op = kindOf(ddc) == DdcKind.DDC_1155 ? Operation.DDC1155_SET_URI : Operation.DDC721_SET_URI;
    return submit(op, Items.of(op, "ddc", ddc, "uri", uri));
  }

  /**
   * BSN's DDC-721 {@code setNameAndSymbol(name, symbol)}: names the DDC-721 collection (Operator only).
   *
   * @throws IllegalArgumentException if {@code name} or {@code symbol} is not acceptable text (nothing submitted)
   * @throws RequestRejectedException if the rules refuse (e.g. {@code NOT_PERMITTED}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt setNameAndSymbol(String name, String symbol) throws DdcException {
    return submit(Operation.DDC721_SET_NAME_SYMBOL, Items.of(Operation.DDC721_SET_NAME_SYMBOL, "name", name,
        "symbol", symbol));
  }

  // ---- business fees ----

  /**
   * Moves {@code amount} business-fee points from the actor to {@code to}.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code RECHARGE_NOT_ALLOWED},
   *     {@code INSUFFICIENT_BALANCE}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt recharge(Did to, long amount) throws DdcException {
    return submit(Operation.FEE_RECHARGE, Items.of(Operation.FEE_RECHARGE, "to", to, "amount", amount));
  }

  /**
   * BSN's {@code rechargeBatch(toList, amounts)}: moves {@code amounts[i]} points from the actor to
   * {@code receivers[i]} for each i, in one request, all or nothing. Needs the {@code batch} switch
   * when there is more than one.
   *
   * @throws IllegalArgumentException if the lists are empty, differ in size or hold more than the
   *     operation's item limit (nothing submitted)
   * @throws RequestRejectedException if the rules refuse any of them (e.g. {@code SWITCH_OFF},
   *     {@code INSUFFICIENT_BALANCE}; the item index says which); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt rechargeBatch(List<Did> receivers, List<Long> amounts) throws DdcException {
    if (receivers.size() != amounts.size()) {
      throw new IllegalArgumentException(receivers.size() + " receivers but " + amounts.size() + " amounts");
    }
    List<Item> items = new ArrayList<>(receivers.size());
    for (int i = 0; i < receivers.size(); i++) {
      items.add(Items.of(Operation.FEE_RECHARGE, "to", receivers.get(i), "amount", amounts.get(i)));
    }
    return submitBatch(Operation.FEE_RECHARGE, items);
  }

  /**
   * BSN's {@code selfRecharge(amount)}: the Operator issues {@code amount} new points to itself.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code NOT_PERMITTED}, {@code OVERFLOW}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt selfRecharge(long amount) throws DdcException {
    return submit(Operation.FEE_SELF_RECHARGE, Items.of(Operation.FEE_SELF_RECHARGE, "amount", amount));
  }

  /**
   * BSN's {@code setFee(ddcAddr, sig, amount)}: sets the fee of DDC operation {@code operation} to
   * {@code amount} points (0: free). Operator only.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code INVALID_ARGUMENT} for an
   *     operation that is not a DDC operation); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt setFee(Operation operation, long amount) throws DdcException {
    return submit(Operation.FEE_SET, Items.of(Operation.FEE_SET, "operation", operation, "amount", amount));
  }

  /**
   * BSN's {@code delFee(ddcAddr, sig)}: removes the fee of {@code operation}. Operator only.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code STATE_UNCHANGED} when no fee is set); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt deleteFee(Operation operation) throws DdcException {
    return submit(Operation.FEE_DELETE, Items.of(Operation.FEE_DELETE, "operation", operation));
  }

  /**
   * BSN's {@code settlement(ddcAddr, amount)}: moves {@code amount} of the fees collected for DDC
   * kind {@code kind} to the Operator. Operator only.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code INSUFFICIENT_BALANCE}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt settle(DdcKind kind, long amount) throws DdcException {
    return submit(Operation.FEE_SETTLE, Items.of(Operation.FEE_SETTLE, "kind", kind, "amount", amount));
  }

  // ---- accounts ----

  /**
   * Registers platform {@code did}, named {@code name}, with SM2 public key {@code publicKey}
   * (65-byte uncompressed point). Operator only.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code ACCOUNT_EXISTS}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt addPlatform(Did did, String name, byte[] publicKey) throws DdcException {
    return submit(Operation.ACCOUNT_ADD, Items.addAccount(did, name, Role.PLATFORM, null, publicKey));
  }

  /**
   * Registers consumer {@code did} of platform {@code platform}, named {@code name}, with SM2 public
   * key {@code publicKey}. The Operator, or the platform itself where the allow-list permits.
   *
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt addConsumer(Did did, String name, Did platform, byte[] publicKey) throws DdcException {
    return submit(Operation.ACCOUNT_ADD, Items.addAccount(did, name, Role.CONSUMER, platform, publicKey));
  }

  /**
   * BSN's {@code addBatchAccountByOperator} / {@code addBatchAccountByPlatform}: registers every
   * account of {@code accounts} in one request, all or nothing. Needs the {@code batch} switch when
   * there is more than one.
   *
   * @throws IllegalArgumentException if {@code accounts} is empty or holds more than the operation's
   *     item limit (nothing submitted)
   * @throws RequestRejectedException if the rules refuse any of them (e.g. {@code SWITCH_OFF},
   *     {@code ACCOUNT_EXISTS}; the item index says which); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt addAccounts(List<NewAccount> accounts) throws DdcException {
    List<Item> items = new ArrayList<>(accounts.size());
    for (NewAccount a : accounts) {
      items.add(Objects.requireNonNull(a, "account").item());
    }
    return submitBatch(Operation.ACCOUNT_ADD, items);
  }

  /**
   * Sets account {@code did}'s operator state ({@code platformState} false) or platform state
   * ({@code platformState} true) to {@code state}.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code STATE_UNCHANGED}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt setAccountState(Did did, AccountState state, boolean platformState) throws DdcException {
    return submit(Operation.ACCOUNT_SET_STATE, Items.of(Operation.ACCOUNT_SET_STATE, "did", did, "state", state,
        "platformState", platformState));
  }

  /**
   * Adds SM2 public key {@code publicKey} to account {@code did}, valid from now.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code KEY_EXISTS}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt addKey(Did did, byte[] publicKey) throws DdcException {
    return submit(Operation.ACCOUNT_ADD_KEY, Items.addKey(did, publicKey));
  }

  /**
   * Retires key {@code publicKey} of account {@code did}: it signs nothing from now on.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code LAST_KEY}, {@code UNKNOWN_KEY}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt retireKey(Did did, byte[] publicKey) throws DdcException {
    return submit(Operation.ACCOUNT_RETIRE_KEY, Items.retireKey(did, publicKey));
  }

  /**
   * Revokes compromised key {@code publicKey} of account {@code did}, compromised since
   * {@code compromisedSince} (ms since the epoch).
   *
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt revokeKey(Did did, byte[] publicKey, long compromisedSince) throws DdcException {
    return submit(Operation.ACCOUNT_REVOKE_KEY, Items.revokeKey(did, publicKey, compromisedSince));
  }

  // ---- the Authority ----

  /**
   * BSN's {@code setSwitcherStateOfPlatform(isOpen)} and {@code setSwitcherStateOfBatch(isOpen)}:
   * turns switch {@code which} on or off. Operator only.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code STATE_UNCHANGED} when it is so
   *     already, {@code NOT_PERMITTED}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt setSwitch(Switch which, boolean on) throws DdcException {
    return submit(Operation.AUTHORITY_SET_SWITCH, Items.of(Operation.AUTHORITY_SET_SWITCH, "switch",
        Objects.requireNonNull(which, "which"), "on", on));
  }

  /**
   * BSN's {@code crossPlatformApproval(from, to, approved)}: lets DDCs go from the accounts of
   * platform {@code from} to those of platform {@code to} (one direction), or stops it. Operator only.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code INVALID_ARGUMENT} unless both
   *     are platforms and differ); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt crossPlatformApproval(Did from, Did to, boolean approved) throws DdcException {
    return submit(Operation.AUTHORITY_CROSS_PLATFORM, Items.of(Operation.AUTHORITY_CROSS_PLATFORM, "from", from,
        "to", to, "approved", approved));
  }

  /**
   * BSN's {@code addFunction} ({@code allowed} true) and {@code delFunction} ({@code allowed} false):
   * adds {@code operation} to, or removes it from, {@code role}'s allow-list. Operator only.
   *
   * @throws RequestRejectedException if the rules refuse (e.g. {@code NOT_AUTHORIZED} for the
   *     Operator's role, {@code STATE_UNCHANGED}); nothing changed
   * @throws DdcException if the store or the signer fails
   */
  public Receipt setPermission(Role role, Operation operation, boolean allowed) throws DdcException {
    return submit(Operation.AUTHORITY_SET_PERMISSION, Items.of(Operation.AUTHORITY_SET_PERMISSION, "role",
        Objects.requireNonNull(role, "role"), "operation", Objects.requireNonNull(operation, "operation"),
        "allowed", allowed));
  }

  // ---- reading ----

  /**
   * The ledger's committed state, for BSN's queries ({@code getAccount}, {@code ownerOf},
   * {@code getApproved}, {@code balanceOf}, {@code queryFee}, {@code getLatestDDCId}, ...;
   * docs/BSN.md maps each); the same as {@code ledger().state()}.
   */
  public StateView state() {
    return ledger.state();
  }

  // ---- proofs ----

  /**
   * Signs a checkpoint of the ledger now (see {@link Ledger#checkpoint}) and returns the latest
   * signed note.
   *
   * @throws IllegalStateException if the ledger was opened without a checkpoint signer
   * @throws DdcException if the store or the signer fails
   */
  public String checkpoint() throws DdcException {
    return ledger.checkpoint();
  }

  /**
   * The proof bundle of DDC {@code ddc} against the latest checkpoint (see {@link Bundles#prove}),
   * revealing its kept metadata.
   *
   * @throws DdcException if there is no such DDC or no checkpoint covering it, or the store fails
   */
  public byte[] prove(long ddc) throws DdcException {
    return Bundles.prove(ledger, ddc);
  }

  // ---- requests ----

  /**
   * Builds a request of {@code op} over {@code items} as the actor, signs and submits it with the
   * nonce handling and retries described above. For anything the other methods do not cover.
   *
   * @param metadata the metadata of mint items, by item index (see {@link Ledger#submit(io.ddc.model.SignedRequest, Map)})
   * @throws RequestRejectedException if the rules refuse; nothing changed
   * @throws LedgerUnavailableException if the store was unreachable (retried only for a mint whose
   *     every item has a reference; otherwise the request may or may not have been applied)
   * @throws IllegalArgumentException if {@code items} is empty or does not fit {@code op} or {@code metadata}
   * @throws DdcException if the store or the signer fails
   */
  public Receipt submit(Operation op, List<Item> items, Map<Integer, Metadata> metadata) throws DdcException {
    Objects.requireNonNull(op, "op");
    List<Item> copy = List.copyOf(items);
    Map<Integer, Metadata> md = Map.copyOf(metadata);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one item");
    }
    boolean idempotent = op.isMint() && copy.stream().allMatch(i -> i.has("ref"));
    int unavailable = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        if (signUnderLock) {
          return ledger.submit(actor, nonce -> sign(op, copy, nonce), md);
        }
        long nonce = ledger.snapshot(snap -> snap.state().nextNonce(actor));
        return ledger.submit(sign(op, copy, nonce), md);
      } catch (RequestRejectedException e) {
        if (e.rule() != RuleCode.BAD_NONCE || attempt >= maxAttempts) {
          throw e;
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} by {1}: nonce taken by another writer, attempt {2} of {3}",
            op.id(), actor, attempt, maxAttempts);
      } catch (LedgerUnavailableException e) {
        if (!idempotent || ++unavailable >= MAX_UNAVAILABLE_ATTEMPTS || attempt >= maxAttempts) {
          throw e;
        }
        LOG.log(System.Logger.Level.INFO, "{0} by {1}: the ledger was unavailable ({2}); retrying the idempotent "
            + "mint, attempt {3} of {4}", op.id(), actor, e.getMessage(), unavailable, MAX_UNAVAILABLE_ATTEMPTS);
      }
      pause(attempt);
    }
  }

  private Receipt submit(Operation op, Item item) throws DdcException {
    return submit(op, List.of(item), Map.of());
  }

  /** Submits a batch of {@code op}, after checking its size. */
  private Receipt submitBatch(Operation op, List<Item> items) throws DdcException {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("nothing to do: the list for " + op.id() + " is empty");
    }
    if (items.size() > op.maxItems()) {
      throw new IllegalArgumentException(items.size() + " items of " + op.id() + " in one request; at most "
          + op.maxItems());
    }
    return submit(op, items, Map.of());
  }

  private SignedRequest sign(Operation op, List<Item> items, long nonce) throws DdcException {
    Request.Builder b = Request.builder(origin, op, actor).nonce(nonce).items(items);
    if (relayer == null) {
      return b.build().sign(signer);
    }
    return b.relayer(relayer).build().sign(signer).relay(relayerSigner);
  }

  /** A random pause before attempt {@code attempt + 1}: up to 1, 2, 4, ... 128 ms. */
  private static void pause(int attempt) throws LedgerUnavailableException {
    long bound = 1L << Math.min(attempt, 7);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("interrupted while waiting to retry", e);
    }
  }

  /** The kind of DDC {@code id}; DDC-721 for an unknown id, which the engine then rejects as {@code UNKNOWN_DDC}. */
  private DdcKind kindOf(long id) {
    return ledger.state().ddc(id).map(Ddc::kind).orElse(DdcKind.DDC_721);
  }

  @Override
  public String toString() {
    return "DdcClient[" + actor + (relayer == null ? "" : " relayed by " + relayer) + " on " + ledger + "]";
  }

  /** Builds a {@link DdcClient}. */
  public static final class Builder {
    private final Ledger ledger;
    private final Did actor;
    private final Signer signer;
    private String origin;
    private SecureRandom random = new SecureRandom();
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private boolean signUnderLock = true;
    private Did relayer;
    private Signer relayerSigner;

    private Builder(Ledger ledger, Did actor, Signer signer) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      this.actor = Objects.requireNonNull(actor, "actor");
      this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * The origin requests name (default: the ledger's, read when the client is built).
     *
     * @throws NullPointerException if {@code origin} is null
     */
    public Builder origin(String origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /**
     * The source of metadata salts (default: a new {@link SecureRandom}).
     *
     * @throws NullPointerException if {@code random} is null
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Attempts of one submission before its {@code BAD_NONCE} rejection is thrown (default {@value
     * DdcClient#DEFAULT_MAX_ATTEMPTS}).
     *
     * @throws IllegalArgumentException if {@code attempts} is not between 1 and 1000
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 1000) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 1000, but is " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Reads the nonce and signs before taking the ledger's append lock, rather than under it: for a
     * signer too slow to hold every writer up (an HSM across a network). Concurrent writers of the
     * same account then collide on nonces, and the client retries them ({@link #maxAttempts}); with
     * several busy writers of one account on a loaded machine, one can lose many times in a row, so
     * raise {@link #maxAttempts} (the tests use 500 for three threads).
     */
    public Builder signOutsideLock() {
      this.signUnderLock = false;
      return this;
    }

    /**
     * Relays every request through account {@code relayer} (BSN's meta-transactions): each request
     * names it, the actor signs, and {@code relayerSigner} countersigns with one of the relayer's
     * keys; the relayer pays the fees (docs/RULES.md §1 and §4).
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder relayer(Did relayer, Signer relayerSigner) {
      this.relayer = Objects.requireNonNull(relayer, "relayer");
      this.relayerSigner = Objects.requireNonNull(relayerSigner, "relayerSigner");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException if no origin was given and the ledger has no {@code ledger.init} yet
     */
    public DdcClient build() {
      String o = origin != null ? origin : ledger.state().origin().orElseThrow(() -> new IllegalStateException(
          "the ledger " + ledger + " has no ledger.init yet: create it with DdcClient.initialize"));
      return new DdcClient(this, o);
    }
  }
}
