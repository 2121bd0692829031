package io.ddc.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm3Digest;
import io.ddc.json.CanonicalJson;
import io.ddc.model.Account;
import io.ddc.model.AccountKey;
import io.ddc.model.AccountState;
import io.ddc.model.Cause;
import io.ddc.model.Consent;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Event;
import io.ddc.model.EventType;
import io.ddc.model.Item;
import io.ddc.model.Operation;
import io.ddc.model.RequestHeader;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.model.Switch;
import io.ddc.sign.Signers;
import io.ddc.sign.Verifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The rules engine: a pure function from a state and a signed request to the request's events,
 * or a typed rejection. It reads the state and never writes it; a batch is all or nothing. The
 * rules are in docs/RULES.md. Thread-safe.
 */
public final class Engine {
  private static final int VERIFIER_CACHE = 4096;
  /** Signatures remembered as verified: about 100 bytes each. */
  private static final int VERIFIED_CACHE = 65_536;

  private final ReceiverCheck receiverCheck;
  private final Cache<String, Verifier> verifiers = Caffeine.newBuilder().maximumSize(VERIFIER_CACHE).build();
  /**
   * Facts "this signature over these bytes verifies under this key", by SM3(key ‖ 0 ‖ bytes ‖
   * signature). A fact is true for ever, whatever the state: whether the key may sign at the
   * request's time is decided under the append lock, every time, from the state.
   */
  private final Cache<ByteBuffer, Boolean> verified = Caffeine.newBuilder().maximumSize(VERIFIED_CACHE).build();

  private Engine(ReceiverCheck receiverCheck) {
    this.receiverCheck = receiverCheck;
  }

  /** An engine whose receiver check accepts everything. */
  public static Engine create() {
    return new Engine(ReceiverCheck.ACCEPT_ALL);
  }

  /** An engine with the application's receiver check for safe mints and transfers. */
  public static Engine create(ReceiverCheck receiverCheck) {
    return new Engine(Objects.requireNonNull(receiverCheck, "receiverCheck"));
  }

  /**
   * The events {@code request} causes in {@code state} at time {@code nowMillis} (which also
   * becomes the events' {@code at}), in order.
   */
  public List<Event> process(KvState state, SignedRequest request, long nowMillis)
      throws RequestRejectedException {
    return new Run(state, request, nowMillis).run();
  }

  /**
   * The events of {@code request}, and the state change they make, ready to be written into a
   * store: {@link Transition#applyTo} gives the same state as applying the events one by one with
   * {@link StateMachine#apply}, with one write per changed value instead of one per event.
   */
  public Transition transition(KvState state, SignedRequest request, long nowMillis)
      throws RequestRejectedException {
    Run r = new Run(state, request, nowMillis);
    List<Event> events = r.run();
    return new Transition(events, r.pending);
  }

  /** A request's events and the state change they make. */
  public static final class Transition {
    private final List<Event> events;
    private final KvState overlay;

    private Transition(List<Event> events, KvState overlay) {
      this.events = List.copyOf(events);
      this.overlay = overlay;
    }

    /** The events, in order. */
    public List<Event> events() {
      return events;
    }

    /** Writes the change into {@code target}, which must hold the state the request was checked against. */
    public void applyTo(KvState target) {
      overlay.commitTo(target);
    }
  }

  private boolean verify(List<String> keys, byte[] message, byte[] signature) {
    return verifyingKey(keys, message, signature) != null;
  }

  /**
   * Checks the signatures of {@code request} against the keys its actor (and relayer) hold in
   * {@code state}, and remembers the ones that verify, so that {@link #transition} finds them
   * verified. Meant to run before the ledger's append lock is taken, so that concurrent
   * submitters verify in parallel; it decides nothing (the state may change before the request is
   * applied, and {@link #transition} checks everything again) and never throws for a bad request.
   */
  public void preverify(StateView state, SignedRequest request) {
    RequestHeader h = request.header();
    byte[] signed = h.signingBytes();
    List<String> keys;
    if (h.operation() == Operation.LEDGER_INIT) {
      Object named = request.items().get(0).raw("keys");
      keys = named instanceof List ? stringsOf((List<?>) named) : List.of();
    } else {
      keys = state.account(h.actor()).map(a -> a.keysAt(Long.MAX_VALUE)).orElse(List.of());
    }
    verifyingKey(keys, signed, request.signature());
    if (h.relayer().isPresent() && request.relayerSignature().isPresent()) {
      state.account(h.relayer().get()).ifPresent(r -> verifyingKey(r.keysAt(Long.MAX_VALUE), signed,
          request.relayerSignature().get()));
    }
  }

  private static List<String> stringsOf(List<?> list) {
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (o instanceof String) {
        out.add((String) o);
      }
    }
    return out;
  }

  /** The first of {@code keys} under which {@code signature} verifies, or null. */
  private String verifyingKey(List<String> keys, byte[] message, byte[] signature) {
    for (String k : keys) {
      ByteBuffer fact = fact(k, message, signature);
      if (verified.getIfPresent(fact) != null) {
        return k;
      }
      Verifier v = verifiers.get(k, Engine::verifierOf);
      if (v != null && v.isValid(message, signature)) {
        verified.put(fact, Boolean.TRUE);
        return k;
      }
    }
    return null;
  }

  private static Verifier verifierOf(String key) {
    try {
      return Signers.sm2(io.ddc.crypto.sm.Sm2PublicKey.fromPoint(Hex.decode(key)));
    } catch (MalformedEncodingException e) {
      // an account's keys are checked when added; ledger.init's are checked by its rules
      return null;
    }
  }

  private static ByteBuffer fact(String key, byte[] message, byte[] signature) {
    Sm3Digest d = new Sm3Digest();
    d.update(key.getBytes(StandardCharsets.US_ASCII)).update((byte) 0);
    // the message's length keeps (message, signature) pairs apart however the bytes split
    d.update((byte) (message.length >>> 24)).update((byte) (message.length >>> 16))
        .update((byte) (message.length >>> 8)).update((byte) message.length);
    d.update(message).update(signature);
    return ByteBuffer.wrap(d.digest());
  }

  /** One request being checked. */
  private final class Run {
    private final KvState base;
    private final KvState pending;
    private final SignedRequest request;
    private final RequestHeader header;
    private final Operation op;
    private final long now;
    private final List<Event> events = new ArrayList<>();
    private Account actor;
    /** The actor's key that verified the request's signature (hex point). */
    private String signingKey;
    private int index = -1;
    private Cause cause;

    Run(KvState base, SignedRequest request, long now) {
      this.base = base;
      this.pending = base.overlay();
      this.request = request;
      this.header = request.header();
      this.op = header.operation();
      this.now = now;
    }

    List<Event> run() throws RequestRejectedException {
      if (op == Operation.LEDGER_INIT) {
        init();
        return events;
      }
      String origin = base.origin().orElseThrow(() -> reject(RuleCode.NOT_INITIALIZED,
          "the ledger has no ledger.init yet"));
      if (!origin.equals(header.ledger())) {
        throw reject(RuleCode.WRONG_LEDGER, "the request is for ledger \"" + header.ledger() + "\", this is \""
            + origin + "\"");
      }
      actor = base.account(header.actor()).orElseThrow(() -> reject(RuleCode.UNKNOWN_ACCOUNT,
          "the actor " + header.actor() + " has no account"));
      byte[] signed = header.signingBytes();
      signingKey = verifyingKey(actor.keysAt(now), signed, request.signature());
      if (signingKey == null) {
        throw reject(RuleCode.BAD_SIGNATURE, "the signature does not verify with any key of " + actor.did());
      }
      Account relayer = null;
      if (header.relayer().isPresent()) {
        Did r = header.relayer().get();
        relayer = base.account(r).orElseThrow(() -> reject(RuleCode.UNKNOWN_ACCOUNT,
            "the relayer " + r + " has no account"));
        byte[] rsig = request.relayerSignature().orElseThrow(() -> reject(RuleCode.BAD_SIGNATURE,
            "the request names relayer " + r + " but carries no relayer signature"));
        if (!verify(relayer.keysAt(now), signed, rsig)) {
          throw reject(RuleCode.BAD_SIGNATURE, "the relayer signature does not verify with any key of " + r);
        }
      } else if (request.relayerSignature().isPresent()) {
        throw reject(RuleCode.BAD_SIGNATURE, "a relayer signature on a request that names no relayer");
      }
      if (header.deadline().isPresent() && now > header.deadline().getAsLong()) {
        throw reject(RuleCode.EXPIRED, "the deadline " + header.deadline().getAsLong() + " ms has passed (now " + now
            + " ms)");
      }
      long last = base.lastNonce(actor.did());
      if (header.nonce() <= last) {
        throw reject(RuleCode.BAD_NONCE, "nonce " + header.nonce() + " is not above " + actor.did()
            + "'s last nonce " + last + "; the next is " + (last + 1));
      }
      if (!actor.active()) {
        throw reject(RuleCode.ACCOUNT_FROZEN, "the actor " + actor.did() + " is frozen");
      }
      if (relayer != null && !relayer.active()) {
        throw reject(RuleCode.ACCOUNT_FROZEN, "the relayer " + relayer.did() + " is frozen");
      }
      if (!base.permitted(actor.role(), op)) {
        throw reject(RuleCode.NOT_PERMITTED, "the allow-list does not let a " + actor.role().id() + " perform "
            + op.id());
      }
      if (op.operatorOnly() && actor.role() != Role.OPERATOR) {
        throw reject(RuleCode.NOT_AUTHORIZED, op.id() + " is for the Operator only");
      }
      if (request.items().size() > 1 && (op == Operation.ACCOUNT_ADD || op == Operation.FEE_RECHARGE)
          && !base.switchOn(Switch.BATCH)) {
        throw reject(RuleCode.SWITCH_OFF, "a batch " + op.id() + " needs the batch switch on");
      }
      List<Item> items = request.items();
      for (index = 0; index < items.size(); index++) {
        cause = request.cause(index);
        item(items.get(index));
      }
      return events;
    }

    private void init() throws RequestRejectedException {
      if (base.origin().isPresent()) {
        throw reject(RuleCode.ALREADY_INITIALIZED, "the ledger \"" + base.origin().get() + "\" exists already");
      }
      Item it = request.items().get(0);
      @SuppressWarnings("unchecked")
      List<String> keys = (List<String>) it.raw("keys");
      if (!verify(keys, header.signingBytes(), request.signature())) {
        throw reject(RuleCode.BAD_SIGNATURE, "ledger.init must be signed by one of the keys it names");
      }
      if (header.relayer().isPresent()) {
        throw reject(RuleCode.INVALID_ARGUMENT, "ledger.init cannot be relayed");
      }
      Map<?, ?> perms = (Map<?, ?>) it.raw("permissions");
      if (perms.containsKey(Role.OPERATOR.id())) {
        throw reject(RuleCode.INVALID_ARGUMENT, "the Operator may do everything; permissions list platform and "
            + "consumer only");
      }
      index = 0;
      cause = request.cause(0);
      emit(EventType.LEDGER_INITIALIZED, "operator", header.actor(), "name", it.string("name"), "keys", keys,
          "permissions", perms);
    }

    private void item(Item it) throws RequestRejectedException {
      switch (op) {
        case ACCOUNT_ADD:
          accountAdd(it);
          break;
        case ACCOUNT_SET_STATE:
          accountSetState(it);
          break;
        case ACCOUNT_ADD_KEY:
        case ACCOUNT_RETIRE_KEY:
        case ACCOUNT_REVOKE_KEY:
          accountKey(it);
          break;
        case AUTHORITY_SET_SWITCH: {
          Switch sw = Ids.toggle(it.string("switch"));
          boolean on = it.flag("on");
          if (pending.switchOn(sw) == on) {
            throw reject(RuleCode.STATE_UNCHANGED, "switch " + sw.id() + " is already " + (on ? "on" : "off"));
          }
          emit(EventType.SWITCH_SET, "switch", sw, "on", on);
          break;
        }
        case AUTHORITY_CROSS_PLATFORM: {
          Account from = active(it.did("from"), "from");
          Account to = active(it.did("to"), "to");
          if (from.role() != Role.PLATFORM || to.role() != Role.PLATFORM) {
            throw reject(RuleCode.INVALID_ARGUMENT, "cross-platform approval is between two platforms");
          }
          if (from.did().equals(to.did())) {
            throw reject(RuleCode.INVALID_ARGUMENT, "cross-platform approval needs two different platforms");
          }
          emit(EventType.CROSS_PLATFORM_APPROVAL_SET, "from", from.did(), "to", to.did(), "approved",
              it.flag("approved"));
          break;
        }
        case AUTHORITY_SET_PERMISSION: {
          Role role = Ids.role(it.string("role"));
          Operation target = Ids.op(it.string("operation"));
          boolean allowed = it.flag("allowed");
          if (role == Role.OPERATOR) {
            throw reject(RuleCode.NOT_AUTHORIZED, "the Operator's permissions are fixed");
          }
          if (target == Operation.LEDGER_INIT) {
            throw reject(RuleCode.INVALID_ARGUMENT, "ledger.init is not a permission");
          }
          if (pending.permitted(role, target) == allowed) {
            throw reject(RuleCode.STATE_UNCHANGED, role.id() + " is already " + (allowed ? "" : "not ")
                + "allowed " + target.id());
          }
          emit(EventType.PERMISSION_SET, "role", role, "operation", target, "allowed", allowed);
          break;
        }
        case DDC721_SET_NAME_SYMBOL:
          emit(EventType.NAME_SYMBOL_SET, "kind", DdcKind.DDC_721, "name", it.string("name"), "symbol",
              it.string("symbol"));
          break;
        case DDC721_MINT:
        case DDC721_SAFE_MINT:
        case DDC1155_MINT:
          mint(it);
          break;
        case DDC721_TRANSFER:
        case DDC721_SAFE_TRANSFER:
          transfer721(it);
          break;
        case DDC1155_TRANSFER:
          transfer1155(it);
          break;
        case DDC721_APPROVE:
          approve(it);
          break;
        case DDC721_SET_APPROVAL_FOR_ALL:
        case DDC1155_SET_APPROVAL_FOR_ALL: {
          Account operator = active(it.did("operator"), "operator");
          if (operator.did().equals(actor.did())) {
            throw reject(RuleCode.INVALID_ARGUMENT, "an account cannot approve itself");
          }
          onePlatformForApproval(actor, operator);
          emit(EventType.APPROVAL_FOR_ALL_SET, "kind", op.kind(), "owner", actor.did(), "operator", operator.did(),
              "approved", it.flag("approved"));
          break;
        }
        case DDC721_FREEZE:
        case DDC1155_FREEZE: {
          Ddc d = live(it.number("ddc"));
          if (d.frozen()) {
            throw reject(RuleCode.STATE_UNCHANGED, "DDC " + d.id() + " is already frozen");
          }
          emit(EventType.FROZEN, "ddc", d.id(), "kind", d.kind());
          break;
        }
        case DDC721_UNFREEZE:
        case DDC1155_UNFREEZE: {
          Ddc d = live(it.number("ddc"));
          if (!d.frozen()) {
            throw reject(RuleCode.STATE_UNCHANGED, "DDC " + d.id() + " is not frozen");
          }
          emit(EventType.UNFROZEN, "ddc", d.id(), "kind", d.kind());
          break;
        }
        case DDC721_BURN:
          burn721(it);
          break;
        case DDC1155_BURN:
          burn1155(it);
          break;
        case DDC721_SET_URI:
        case DDC1155_SET_URI:
          setUri(it);
          break;
        case FEE_SELF_RECHARGE: {
          long amount = it.number("amount");
          if (pending.pointsIssued() > CanonicalJson.MAX_SAFE_INTEGER - amount) {
            throw reject(RuleCode.OVERFLOW, "issuing " + amount + " points would take the total over 2^53 - 1");
          }
          emit(EventType.POINTS_ISSUED, "to", actor.did(), "amount", amount);
          break;
        }
        case FEE_RECHARGE:
          recharge(it);
          break;
        case FEE_SET: {
          Operation target = Ids.op(it.string("operation"));
          if (target.kind() == null) {
            throw reject(RuleCode.INVALID_ARGUMENT, "fees are set on DDC operations, not " + target.id());
          }
          emit(EventType.FEE_RULE_SET, "operation", target, "amount", it.number("amount"));
          break;
        }
        case FEE_DELETE: {
          Operation target = Ids.op(it.string("operation"));
          if (pending.fee(target).isEmpty()) {
            throw reject(RuleCode.STATE_UNCHANGED, target.id() + " has no fee to remove");
          }
          emit(EventType.FEE_RULE_REMOVED, "operation", target);
          break;
        }
        case FEE_SETTLE: {
          DdcKind kind = Ids.kind(it.string("kind"));
          long amount = it.number("amount");
          if (pending.collected(kind) < amount) {
            throw reject(RuleCode.INSUFFICIENT_BALANCE, "settling " + amount + " but only " + pending.collected(kind)
                + " collected for DDC-" + kind.id());
          }
          emit(EventType.SETTLED, "kind", kind, "to", actor.did(), "amount", amount);
          break;
        }
        default:
          throw new AssertionError(op);
      }
    }

    private void accountAdd(Item it) throws RequestRejectedException {
      Did did = it.did("did");
      Role role = Ids.role(it.string("role"));
      Did leader = it.optDid("leader").orElse(null);
      if (role == Role.OPERATOR) {
        throw reject(RuleCode.NOT_AUTHORIZED, "an Operator is created with the ledger, not added");
      }
      if (actor.role() == Role.OPERATOR) {
        if (role == Role.PLATFORM) {
          if (leader != null && !leader.equals(actor.did())) {
            throw reject(RuleCode.INVALID_ARGUMENT, "a platform's leader is the Operator, not " + leader);
          }
          leader = actor.did();
        } else {
          if (leader == null) {
            throw reject(RuleCode.INVALID_ARGUMENT, "a consumer needs a leader platform");
          }
          Account l = pending.account(leader).orElse(null);
          if (l == null) {
            throw reject(RuleCode.UNKNOWN_ACCOUNT, "the leader " + leader + " has no account");
          }
          if (l.role() != Role.PLATFORM) {
            throw reject(RuleCode.INVALID_ARGUMENT, "a consumer's leader is a platform, but " + leader + " is a "
                + l.role().id());
          }
          // as in BSN, the Operator may add a consumer under a frozen platform (RULES.md §1)
        }
      } else if (actor.role() == Role.PLATFORM) {
        if (!pending.switchOn(Switch.PLATFORM_ADD_CONSUMER)) {
          throw reject(RuleCode.SWITCH_OFF, "platforms may add consumers only when the platformAddConsumer "
              + "switch is on");
        }
        if (role != Role.CONSUMER) {
          throw reject(RuleCode.NOT_AUTHORIZED, "a platform adds consumers only");
        }
        if (leader != null && !leader.equals(actor.did())) {
          throw reject(RuleCode.NOT_AUTHORIZED, "a platform adds consumers under itself, not under " + leader);
        }
        leader = actor.did();
      } else {
        throw reject(RuleCode.NOT_AUTHORIZED, "a consumer cannot add accounts");
      }
      if (pending.account(did).isPresent()) {
        throw reject(RuleCode.ACCOUNT_EXISTS, "an account " + did + " exists already");
      }
      emit(EventType.ACCOUNT_ADDED, "did", did, "name", it.string("name"), "role", role, "leader", leader,
          "keys", it.raw("keys"), "fields", it.raw("fields"));
    }

    private void accountSetState(Item it) throws RequestRejectedException {
      Did did = it.did("did");
      AccountState state = Ids.state(it.string("state"));
      boolean platformState = it.flag("platformState");
      Account target = pending.account(did).orElseThrow(() -> reject(RuleCode.UNKNOWN_ACCOUNT, did + " has no account"));
      if (actor.role() == Role.OPERATOR) {
        if (target.did().equals(actor.did())) {
          throw reject(RuleCode.NOT_AUTHORIZED, "an Operator cannot change its own state");
        }
      } else if (actor.role() == Role.PLATFORM) {
        if (!target.leader().equals(actor.did()) || target.did().equals(actor.did())) {
          throw reject(RuleCode.NOT_AUTHORIZED, "a platform changes the state of its own consumers only");
        }
        if (!platformState) {
          throw reject(RuleCode.NOT_AUTHORIZED, "a platform may change only the platform state");
        }
      } else {
        throw reject(RuleCode.NOT_AUTHORIZED, "a consumer cannot change account states");
      }
      AccountState current = platformState ? target.platformState() : target.operatorState();
      if (current == state) {
        throw reject(RuleCode.STATE_UNCHANGED, did + "'s " + (platformState ? "platform" : "operator")
            + " state is already " + state.id());
      }
      AccountState p = platformState ? state : target.platformState();
      AccountState o = platformState ? target.operatorState() : state;
      emit(EventType.ACCOUNT_STATE_CHANGED, "did", did, "platformState", p, "operatorState", o);
    }

    private void accountKey(Item it) throws RequestRejectedException {
      Did did = it.did("did");
      Account target = pending.account(did).orElseThrow(() -> reject(RuleCode.UNKNOWN_ACCOUNT, did + " has no account"));
      boolean manages = actor.role() == Role.OPERATOR || actor.did().equals(did)
          || actor.role() == Role.PLATFORM && target.role() == Role.CONSUMER && target.leader().equals(actor.did());
      if (!manages) {
        throw reject(RuleCode.NOT_AUTHORIZED, "an account's keys are managed by the account, its platform or the "
            + "Operator; " + actor.did() + " is none of these for " + did);
      }
      String key = it.string("key");
      java.util.Optional<AccountKey> record = target.key(key);
      if (op == Operation.ACCOUNT_ADD_KEY) {
        if (record.isPresent()) {
          throw reject(RuleCode.KEY_EXISTS, did + " has had this key since " + record.get().from()
              + (record.get().current() ? "" : " (retired or revoked keys are not reused)"));
        }
        if (target.keys().size() >= AccountKey.MAX_RECORDS) {
          throw reject(RuleCode.INVALID_ARGUMENT, did + " has " + target.keys().size() + " key records, the most "
              + "an account keeps");
        }
        emit(EventType.KEY_ADDED, "did", did, "key", key);
        return;
      }
      AccountKey k = record.orElseThrow(() -> reject(RuleCode.UNKNOWN_KEY, did + " never had this key"));
      if (op == Operation.ACCOUNT_RETIRE_KEY) {
        if (!k.current()) {
          throw reject(RuleCode.STATE_UNCHANGED, "this key of " + did + " is already retired or revoked");
        }
        if (target.keys().stream().filter(AccountKey::current).count() == 1) {
          throw reject(RuleCode.LAST_KEY, "retiring this key would leave " + did + " without a current key; add "
              + "the new key first (a compromised key is revoked, which is allowed for the last one)");
        }
        emit(EventType.KEY_RETIRED, "did", did, "key", key);
        return;
      }
      long since = it.number("compromisedSince");
      if (key.equals(signingKey)) {
        throw reject(RuleCode.NOT_AUTHORIZED, "a key cannot revoke itself (nor set its own compromise time); "
            + "revoke it with another key of " + did + ", " + (target.role() == Role.CONSUMER ? "its platform "
            + "or " : "") + "the Operator");
      }
      if (actor.did().equals(did)) {
        List<AccountKey> records = target.keys();
        int signer = records.indexOf(target.key(signingKey).orElseThrow());
        if (records.indexOf(k) > signer) {
          throw reject(RuleCode.NOT_AUTHORIZED, "an account's key may revoke only the account's older keys (a newer "
              + "key supersedes it, not the reverse); " + (target.role() == Role.CONSUMER ? "its platform or " : "")
              + "the Operator may revoke any");
        }
      }
      if (since > now) {
        throw reject(RuleCode.INVALID_ARGUMENT, "compromisedSince " + since + " ms is after now (" + now + " ms)");
      }
      if (k.compromisedSince() != null && since >= k.compromisedSince()) {
        throw reject(RuleCode.STATE_UNCHANGED, "this key of " + did + " was revoked already as compromised since "
            + k.compromisedSince() + " ms; a revocation may only move that earlier");
      }
      emit(EventType.KEY_REVOKED, "did", did, "key", key, "compromisedSince", since);
    }

    private void mint(Item it) throws RequestRejectedException {
      DdcKind kind = op.kind();
      Account to = active(it.did("to"), "to");
      if (!mayReach(actor, to)) {
        throw reject(RuleCode.CROSS_PLATFORM_NOT_APPROVED, to.did() + " is on another platform than "
            + actor.did() + " and no cross-platform approval covers it");
      }
      String ref = it.optString("ref").orElse(null);
      if (ref != null) {
        OptionalLong prior = pending.reference(StateMachine.referenceScope(actor), ref);
        if (prior.isPresent()) {
          throw reject(RuleCode.DUPLICATE_REFERENCE, "reference \"" + ref + "\" was used for DDC "
              + prior.getAsLong());
        }
      }
      if (it.has("consent")) {
        if (ref == null) {
          throw reject(RuleCode.CONSENT_NEEDS_REF, "a consent covers one certificate, named by its ref; this mint "
              + "item has a consent but no ref");
        }
        byte[] msg = Consent.signingBytes(header.ledger(), actor.did(), it);
        if (!verify(to.keysAt(now), msg, it.optBytes("consent").get())) {
          throw reject(RuleCode.BAD_CONSENT, "the consent signature does not verify with any key of " + to.did());
        }
      } else if (pending.switchOn(Switch.MINT_CONSENT) && to.role() == Role.CONSUMER && !to.did().equals(actor.did())) {
        throw reject(RuleCode.CONSENT_REQUIRED, "a mint to consumer " + to.did() + " needs its consent");
      }
      long id = pending.latestDdcId() + 1;
      if (id > CanonicalJson.MAX_SAFE_INTEGER) {
        throw reject(RuleCode.OVERFLOW, "DDC ids are exhausted");
      }
      long amount = kind == DdcKind.DDC_721 ? 1 : it.number("amount");
      receiver(null, to.did(), kind, id, amount, it);
      emit(EventType.MINTED, "ddc", id, "kind", kind, "creator", actor.did(), "to", to.did(), "amount", amount,
          "uri", it.raw("uri"), "metadataRoot", it.raw("metadataRoot"), "ref", ref, "locked", it.flag("locked"));
      fee(id);
    }

    private void transfer721(Item it) throws RequestRejectedException {
      Ddc d = live(it.number("ddc"));
      Did from = it.did("from");
      if (d.frozen()) {
        throw reject(RuleCode.DDC_FROZEN, "DDC " + d.id() + " is frozen");
      }
      if (d.locked()) {
        throw reject(RuleCode.DDC_LOCKED, "DDC " + d.id() + " is non-transferable");
      }
      if (!d.owner().equals(from)) {
        throw reject(RuleCode.NOT_OWNER, from + " does not own DDC " + d.id());
      }
      if (!actor.did().equals(from) && !actor.did().equals(d.approved())
          && !pending.approvedForAll(DdcKind.DDC_721, from, actor.did())) {
        throw reject(RuleCode.NOT_AUTHORIZED, actor.did() + " is neither the owner of DDC " + d.id()
            + " nor approved for it");
      }
      Account fromAcc = active(from, "from");
      Account toAcc = active(it.did("to"), "to");
      if (!mayReach(fromAcc, toAcc)) {
        throw reject(RuleCode.CROSS_PLATFORM_NOT_APPROVED, toAcc.did() + " is on another platform than " + from
            + " and no cross-platform approval covers it");
      }
      if (op.isSafe()) {
        receiver(from, toAcc.did(), DdcKind.DDC_721, d.id(), 1, it);
      }
      emit(EventType.TRANSFERRED, "ddc", d.id(), "kind", DdcKind.DDC_721, "from", from, "to", toAcc.did(),
          "amount", 1L);
      fee(d.id());
    }

    private void transfer1155(Item it) throws RequestRejectedException {
      Ddc d = live(it.number("ddc"));
      Did from = it.did("from");
      long amount = it.number("amount");
      if (d.frozen()) {
        throw reject(RuleCode.DDC_FROZEN, "DDC " + d.id() + " is frozen");
      }
      if (d.locked()) {
        throw reject(RuleCode.DDC_LOCKED, "DDC " + d.id() + " is non-transferable");
      }
      if (!actor.did().equals(from) && !pending.approvedForAll(DdcKind.DDC_1155, from, actor.did())) {
        throw reject(RuleCode.NOT_AUTHORIZED, actor.did() + " is neither " + from + " nor approved for all its "
            + "DDC-1155");
      }
      long balance = pending.balance(d.id(), from);
      if (balance < amount) {
        throw reject(RuleCode.INSUFFICIENT_BALANCE, from + " holds " + balance + " of DDC " + d.id() + ", not "
            + amount);
      }
      Account fromAcc = active(from, "from");
      Account toAcc = active(it.did("to"), "to");
      if (!mayReach(fromAcc, toAcc)) {
        throw reject(RuleCode.CROSS_PLATFORM_NOT_APPROVED, toAcc.did() + " is on another platform than " + from
            + " and no cross-platform approval covers it");
      }
      receiver(from, toAcc.did(), DdcKind.DDC_1155, d.id(), amount, it);
      emit(EventType.TRANSFERRED, "ddc", d.id(), "kind", DdcKind.DDC_1155, "from", from, "to", toAcc.did(),
          "amount", amount);
      fee(d.id());
    }

    private void approve(Item it) throws RequestRejectedException {
      Ddc d = live(it.number("ddc"));
      if (d.frozen()) {
        throw reject(RuleCode.DDC_FROZEN, "DDC " + d.id() + " is frozen");
      }
      if (d.locked()) {
        throw reject(RuleCode.DDC_LOCKED, "DDC " + d.id() + " is non-transferable");
      }
      Account to = active(it.did("to"), "to");
      if (to.did().equals(d.owner())) {
        throw reject(RuleCode.INVALID_ARGUMENT, to.did() + " owns DDC " + d.id() + " already");
      }
      if (!actor.did().equals(d.owner()) && !pending.approvedForAll(DdcKind.DDC_721, d.owner(), actor.did())) {
        throw reject(RuleCode.NOT_AUTHORIZED, actor.did() + " is neither the owner of DDC " + d.id()
            + " nor approved for all its DDCs");
      }
      onePlatformForApproval(actor, to);
      emit(EventType.APPROVED, "ddc", d.id(), "owner", d.owner(), "approved", to.did());
      fee(d.id());
    }

    private void burn721(Item it) throws RequestRejectedException {
      Ddc d = live(it.number("ddc"));
      if (d.frozen()) {
        if (actor.role() != Role.OPERATOR) {
          throw reject(RuleCode.DDC_FROZEN, "DDC " + d.id() + " is frozen; only the Operator may burn it");
        }
      } else if (!actor.did().equals(d.owner()) && !actor.did().equals(d.approved())
          && !pending.approvedForAll(DdcKind.DDC_721, d.owner(), actor.did())) {
        throw reject(RuleCode.NOT_AUTHORIZED, actor.did() + " is neither the owner of DDC " + d.id()
            + " nor approved for it");
      }
      ownerActive(d.owner());
      emit(EventType.BURNED, "ddc", d.id(), "kind", DdcKind.DDC_721, "owner", d.owner(), "amount", 1L);
      fee(d.id());
    }

    private void burn1155(Item it) throws RequestRejectedException {
      Ddc d = live(it.number("ddc"));
      Did owner = it.did("owner");
      // as in BSN: who may burn for `owner` first, then the frozen check
      if (!actor.did().equals(owner) && !pending.approvedForAll(DdcKind.DDC_1155, owner, actor.did())) {
        throw reject(RuleCode.NOT_AUTHORIZED, actor.did() + " is neither " + owner + " nor approved for all its "
            + "DDC-1155");
      }
      if (d.frozen()) {
        if (actor.role() != Role.OPERATOR) {
          throw reject(RuleCode.DDC_FROZEN, "DDC " + d.id() + " is frozen; only the Operator may burn it");
        }
        // as in BSN: the Operator's burn of a frozen DDC-1155 takes it out of circulation, every holder's balance
        for (Map.Entry<Did, Long> h : pending.holders(d.id()).entrySet()) {
          emit(EventType.BURNED, "ddc", d.id(), "kind", DdcKind.DDC_1155, "owner", h.getKey(), "amount", h.getValue());
        }
        fee(d.id());
        return;
      }
      long balance = pending.balance(d.id(), owner);
      if (balance == 0) {
        throw reject(RuleCode.INSUFFICIENT_BALANCE, owner + " holds none of DDC " + d.id());
      }
      ownerActive(owner);
      emit(EventType.BURNED, "ddc", d.id(), "kind", DdcKind.DDC_1155, "owner", owner, "amount", balance);
      fee(d.id());
    }

    private void setUri(Item it) throws RequestRejectedException {
      Ddc d = live(it.number("ddc"));
      if (d.frozen()) {
        throw reject(RuleCode.DDC_FROZEN, "DDC " + d.id() + " is frozen");
      }
      if (d.locked()) {
        // as in BSN: a locked DDC's URI is final too
        throw reject(RuleCode.DDC_LOCKED, "DDC " + d.id() + " is locked: its URI cannot be set");
      }
      if (d.uri() != null) {
        throw reject(RuleCode.URI_ALREADY_SET, "DDC " + d.id() + " has its URI already; it is write-once");
      }
      boolean may = d.kind() == DdcKind.DDC_721
          ? actor.did().equals(d.owner()) || actor.did().equals(d.approved())
              || pending.approvedForAll(DdcKind.DDC_721, d.owner(), actor.did())
          // 1155: many hold one DDC, so a holder must not fix its write-once URI before the creator
          : actor.did().equals(d.creator()) || actor.role() == Role.OPERATOR;
      if (!may) {
        throw reject(RuleCode.NOT_AUTHORIZED, actor.did() + " may not set the URI of DDC " + d.id());
      }
      emit(EventType.URI_SET, "ddc", d.id(), "kind", d.kind(), "uri", it.string("uri"));
      fee(d.id());
    }

    private void recharge(Item it) throws RequestRejectedException {
      Did toDid = it.did("to");
      long amount = it.number("amount");
      Account to = pending.account(toDid).orElseThrow(() -> reject(RuleCode.UNKNOWN_ACCOUNT, toDid + " has no account"));
      if (to.did().equals(actor.did())) {
        throw reject(RuleCode.INVALID_ARGUMENT, "an account cannot recharge itself");
      }
      if (!to.active()) {
        throw reject(RuleCode.ACCOUNT_FROZEN, "the receiver " + toDid + " is frozen");
      }
      if (actor.role() == Role.CONSUMER && to.role() == Role.CONSUMER
          || actor.role() == Role.PLATFORM && to.role() == Role.PLATFORM
          || to.role() == Role.OPERATOR) {
        throw reject(RuleCode.RECHARGE_NOT_ALLOWED, "points may not move from a " + actor.role().id() + " to a"
            + (to.role() == Role.OPERATOR ? "n operator" : " " + to.role().id()));
      }
      long have = pending.points(actor.did());
      if (have < amount) {
        throw reject(RuleCode.INSUFFICIENT_BALANCE, actor.did() + " has " + have + " points, not " + amount);
      }
      emit(EventType.RECHARGED, "from", actor.did(), "to", toDid, "amount", amount);
    }

    private void fee(long ddcId) throws RequestRejectedException {
      OptionalLong f = pending.fee(op);
      if (f.isEmpty() || f.getAsLong() == 0) {
        return;
      }
      Did payer = header.relayer().orElse(actor.did());
      long have = pending.points(payer);
      if (have < f.getAsLong()) {
        throw reject(RuleCode.INSUFFICIENT_FEE, op.id() + " costs " + f.getAsLong() + " points, but " + payer
            + " has " + have);
      }
      emit(EventType.FEE_PAID, "payer", payer, "operation", op, "amount", f.getAsLong(), "ddc", ddcId);
    }

    private void receiver(Did from, Did to, DdcKind kind, long id, long amount, Item it)
        throws RequestRejectedException {
      if (!op.isSafe()) {
        return;
      }
      byte[] data = it.optBytes("data").orElse(new byte[0]);
      if (!receiverCheck.accepts(actor.did(), from, to, kind, id, amount, data)) {
        throw reject(RuleCode.RECEIVER_REJECTED, to + " refused DDC " + id);
      }
    }

    private Ddc live(long id) throws RequestRejectedException {
      Ddc d = pending.ddc(id).orElse(null);
      if (d == null || d.kind() != op.kind()) {
        throw reject(RuleCode.UNKNOWN_DDC, "there is no DDC-" + op.kind().id() + " " + id
            + (d == null ? "" : " (it is a DDC-" + d.kind().id() + ")"));
      }
      if (d.burned()) {
        throw reject(RuleCode.DDC_BURNED, "DDC " + id + " is burned");
      }
      return d;
    }

    /** A burn needs the owner active, as a transfer does, unless the Operator burns. */
    private void ownerActive(Did owner) throws RequestRejectedException {
      if (actor.role() != Role.OPERATOR) {
        active(owner, "owner");
      }
    }

    private Account active(Did did, String role) throws RequestRejectedException {
      Account a = pending.account(did).orElseThrow(() -> reject(RuleCode.UNKNOWN_ACCOUNT, "the " + role + " account "
          + did + " does not exist"));
      if (!a.active()) {
        throw reject(RuleCode.ACCOUNT_FROZEN, "the " + role + " account " + did + " is frozen");
      }
      return a;
    }

    /**
     * Approvals (approve, setApprovalForAll) stay inside one platform, as BSN's {@code onePlatformCheck}: the
     * Operator belongs to no platform, so it can neither approve nor be approved.
     */
    private void onePlatformForApproval(Account approver, Account approved) throws RequestRejectedException {
      if (approver.role() == Role.OPERATOR || approved.role() == Role.OPERATOR) {
        throw reject(RuleCode.NOT_SAME_PLATFORM, "the Operator is on no platform: it can neither approve nor be "
            + "approved (" + approver.did() + " → " + approved.did() + ")");
      }
      if (!approver.platform().equals(approved.platform())) {
        throw reject(RuleCode.NOT_SAME_PLATFORM, approved.did() + " is not on " + approver.did() + "'s platform");
      }
    }

    private boolean samePlatform(Account a, Account b) {
      return a.role() == Role.OPERATOR || b.role() == Role.OPERATOR || a.platform().equals(b.platform());
    }

    private boolean mayReach(Account from, Account to) {
      return samePlatform(from, to) || pending.crossPlatformApproved(from.platform(), to.platform());
    }

    private void emit(EventType type, Object... kv) {
      Event e = Event.of(type, now, cause, kv);
      StateMachine.apply(pending, e);
      events.add(e);
    }

    private RequestRejectedException reject(RuleCode code, String message) {
      return new RequestRejectedException(code, index, message);
    }
  }
}
