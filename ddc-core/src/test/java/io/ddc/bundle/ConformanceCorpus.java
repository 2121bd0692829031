package io.ddc.bundle;

import static io.ddc.bundle.Forger.at;
import static io.ddc.bundle.Forger.data;

import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Hash;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes the bundle conformance corpus, {@code docs/conformance/} (see its README): bundles made by
 * a real ledger whose keys are derived from fixed labels, the Operator's forgeries, malformed and
 * non-canonical forms, and every single-value mutation of two valid bundles, with a manifest giving
 * each case's trust inputs, verification time and expected code. Run with the test class path and
 * the output directory as the argument ({@code ddc-core/src/test/resources/bundle/SOURCE.md} says
 * how); the hand-written expectations are checked against the reference verifier as they are
 * written, and a case whose result differs stops the generator.
 */
public final class ConformanceCorpus {
  static final String ORIGIN = "conformance.ddc.example/ledger";
  static final String OTHER_ORIGIN = "other.ddc.example/ledger";
  static final long T0 = 1_790_000_000_000L;
  /** The default verification time: one hour after the ledger's last checkpoint. */
  static final long NOW = T0 + 3_600_000L;
  static final long DAY = 86_400_000L;
  static final long MAX_AGE = 30 * DAY;
  static final long SKEW = 300_000L;
  static final String DIPLOMA = "{\"name\":\"Li Wei\",\"degree\":\"BSc\",\"gpa\":3.85,\"year\":2026,"
      + "\"honours\":true,\"minor\":null,\"address\":{\"city\":\"Wuhan\",\"lines\":[\"1 Luoyu Rd\",\"Hongshan\"]},"
      + "\"a/b~c\":\"escaped pointer\",\"notes\":{},\"名字\":\"李伟\"}";

  static Sm2PrivateKey key(String label) {
    try {
      return Sm2PrivateKey.fromScalar(Sm3.hash(("ddc conformance " + label).getBytes(StandardCharsets.UTF_8)));
    } catch (io.ddc.crypto.sm.MalformedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  final Path dir;
  final Map<String, Sm2PrivateKey> keys = new LinkedHashMap<>();
  final List<Map<String, Object>> cases = new ArrayList<>();
  final Map<Did, Long> nonces = new HashMap<>();
  final Did opDid = Did.of("did:example:operator");
  final Did uni = Did.of("did:example:university");
  final Did alice = Did.of("did:example:alice");
  final Did bob = Did.of("did:example:bob");
  final Signer op;
  final Signer platform;
  MutableClock clock = new MutableClock(T0);
  Ledger ledger;

  ConformanceCorpus(Path dir) {
    this.dir = dir;
    for (String k : List.of("operator", "platform", "platform2", "platform3", "alice", "witness1", "witness2",
        "stranger")) {
      keys.put(k, key(k));
    }
    op = Signers.sm2(keys.get("operator"));
    platform = Signers.sm2(keys.get("platform"));
  }

  public static void main(String[] a) throws Exception {
    ConformanceCorpus c = new ConformanceCorpus(Path.of(a[0]));
    c.write();
  }

  // ---- the ledger ----

  Request.Builder req(Did actor, Operation o) {
    return Request.builder(ORIGIN, o, actor).nonce(nonces.merge(actor, 1L, Long::sum));
  }

  long submit(Did actor, Signer s, Operation o, Item... items) throws Exception {
    var r = ledger.submit(req(actor, o).items(List.of(items)).build().sign(s));
    return r.mintedIds().isEmpty() ? -1 : r.mintedIds().get(0);
  }

  void openLedger() throws Exception {
    ledger = Ledger.builder(new MemoryLedgerStore()).clock(clock).checkpointSigner(ORIGIN, op).open();
    submit(opDid, op, Operation.LEDGER_INIT, Items.ledgerInit("Operator",
        List.of(keys.get("operator").publicKey().toUncompressed())));
    submit(opDid, op, Operation.ACCOUNT_ADD, Items.addAccount(uni, "University of Examples", Role.PLATFORM, null,
        keys.get("platform").publicKey().toUncompressed()));
    submit(opDid, op, Operation.ACCOUNT_ADD, Items.addAccount(alice, "Alice", Role.CONSUMER, uni,
        keys.get("alice").publicKey().toUncompressed()));
    submit(opDid, op, Operation.ACCOUNT_ADD, Items.addAccount(bob, "Bob", Role.CONSUMER, uni,
        keys.get("stranger").publicKey().toUncompressed()));
    submit(opDid, op, Operation.FEE_SELF_RECHARGE, Items.of(Operation.FEE_SELF_RECHARGE, "amount", 1000L));
  }

  byte[] prove(long id) throws Exception {
    ledger.checkpoint();
    return Bundles.prove(ledger, id, OptionalLong.empty());
  }

  // ---- cases ----

  /** A case: its file, trust inputs and expected code; checked against the reference verifier now. */
  Map<String, Object> add(String name, byte[] bundle, String expect, String description) throws Exception {
    return add(name, bundle, expect, description, m -> { });
  }

  Map<String, Object> add(String name, byte[] bundle, String expect, String description,
      Consumer<Map<String, Object>> inputs) throws Exception {
    Map<String, Object> c = new TreeMap<>();
    c.put("name", name);
    c.put("file", "cases/" + name + ".json");
    c.put("description", description);
    c.put("trust", List.of(new TreeMap<>(Map.of("origin", ORIGIN, "key", "operator"))));
    c.put("now", NOW);
    c.put("maxAgeMs", MAX_AGE);
    c.put("skewMs", SKEW);
    c.put("expect", expect);
    inputs.accept(c);
    Files.createDirectories(dir.resolve("cases"));
    Files.write(dir.resolve((String) c.get("file")), bundle);
    String got = ConformanceRunner.run(bundle, dir, c, publicKeys());
    if (!got.equals(expect)) {
      throw new IllegalStateException("case " + name + ": expected " + expect + ", the reference verifier says "
          + got);
    }
    cases.add(c);
    return c;
  }

  String known(String name, String note) throws Exception {
    Files.createDirectories(dir.resolve("known"));
    Files.writeString(dir.resolve("known/" + name + ".checkpoint"), note);
    return "known/" + name + ".checkpoint";
  }

  void write() throws Exception {
    openLedger();
    SecureRandom salts = SecureRandom.getInstance("SHA1PRNG");
    salts.setSeed(2026L); // deterministic test data only; real salts come from a strong source
    Metadata diploma = Metadata.create(DIPLOMA.getBytes(StandardCharsets.UTF_8), salts);

    // DDC 1..3: a batch of three diplomas under one signature; DDC 2 carries the metadata
    clock.set(T0 + 1_000);
    long d721 = ledger.submit(req(uni, Operation.DDC721_MINT).items(List.of(Items.mint721(bob, null, null, "d-0"),
        Items.mint721(alice, "https://uni.example/d/1", diploma.root(), "d-1"), Items.mint721(bob, null, null,
            "d-2"))).build().sign(platform)).mintedIds().get(1);
    ledger.putMetadata(d721, diploma);
    clock.set(T0 + 2_000);
    long bare = submit(uni, platform, Operation.DDC721_MINT, Items.mint721(alice, null, null, "bare"));
    long tickets = submit(uni, platform, Operation.DDC1155_MINT, Items.mint1155(alice, 5, "https://uni.example/t",
        null, "tickets"));
    submit(alice, Signers.sm2(keys.get("alice")), Operation.DDC1155_TRANSFER, Items.of(Operation.DDC1155_TRANSFER,
        "from", alice, "to", bob, "ddc", tickets, "amount", 2L));
    long moved = submit(uni, platform, Operation.DDC721_SAFE_MINT, Items.of(Operation.DDC721_SAFE_MINT,
        "to", alice, "locked", false));
    submit(alice, Signers.sm2(keys.get("alice")), Operation.DDC721_TRANSFER, Items.of(Operation.DDC721_TRANSFER,
        "from", alice, "to", bob, "ddc", moved));
    long locked = submit(uni, platform, Operation.DDC721_MINT, Items.of(Operation.DDC721_MINT,
        "to", alice, "locked", true, "uri", "https://uni.example/l"));
    long relayed = ledger.submit(req(uni, Operation.DDC721_MINT).relayer(opDid)
        .item(Items.mint721(alice, null, null, "relayed")).build().sign(platform).relay(op)).mintedIds().get(0);
    long due = ledger.submit(req(uni, Operation.DDC721_MINT).deadline(T0 + 60_000)
        .item(Items.mint721(alice, null, null, "due")).build().sign(platform)).mintedIds().get(0);
    long frozen = submit(uni, platform, Operation.DDC721_MINT, Items.mint721(alice, null, null, "to-freeze"));
    submit(opDid, op, Operation.DDC721_FREEZE, Items.of(Operation.DDC721_FREEZE, "ddc", frozen));
    long burned = submit(uni, platform, Operation.DDC721_MINT, Items.mint721(alice, null, null, "to-burn"));
    submit(alice, Signers.sm2(keys.get("alice")), Operation.DDC721_BURN, Items.of(Operation.DDC721_BURN, "ddc",
        burned));
    // hostile content: markup and script URIs in every field a page might show
    Metadata hostileMeta = Metadata.create(("{\"name\":\"<script>window.__pwned=1</script>\","
        + "\"photo\":\"<img src=x onerror=\\\"window.__pwned=1\\\">\",\"link\":\"javascript:window.__pwned=1\","
        + "\"<b>key</b>\":\"</td></tr><iframe src=javascript:window.__pwned=1>\"}").getBytes(StandardCharsets.UTF_8),
        salts);
    long hostile = submit(uni, platform, Operation.DDC721_MINT, Items.mint721(alice,
        "javascript:window.__pwned=1", hostileMeta.root(), "<script>window.__pwned=1</script>"));
    ledger.putMetadata(hostile, hostileMeta);
    // key rotation: platform2 replaces platform; platform3 is added and later revoked
    clock.set(T0 + 3_000);
    long byOldKey = submit(uni, platform, Operation.DDC721_MINT, Items.mint721(alice, null, null, "old-key"));
    clock.set(T0 + 3_100);
    submit(uni, platform, Operation.ACCOUNT_ADD_KEY, Items.addKey(uni, keys.get("platform2").publicKey()
        .toUncompressed()));
    Signer platform2 = Signers.sm2(keys.get("platform2"));
    submit(uni, platform2, Operation.ACCOUNT_RETIRE_KEY, Items.retireKey(uni, keys.get("platform").publicKey()
        .toUncompressed()));
    submit(uni, platform2, Operation.ACCOUNT_ADD_KEY, Items.addKey(uni, keys.get("platform3").publicKey()
        .toUncompressed()));
    Signer platform3 = Signers.sm2(keys.get("platform3"));
    clock.set(T0 + 4_000);
    long beforeCompromise = submit(uni, platform3, Operation.DDC721_MINT, Items.mint721(alice, null, null, "early"));
    clock.set(T0 + 6_000);
    long afterCompromise = submit(uni, platform3, Operation.DDC721_MINT, Items.mint721(alice, null, null, "late"));
    clock.set(T0 + 8_000);
    // an account's key revokes only older keys: the Operator revokes the newer platform3
    submit(opDid, op, Operation.ACCOUNT_REVOKE_KEY, Items.revokeKey(uni, keys.get("platform3").publicKey()
        .toUncompressed(), T0 + 5_000));
    clock.set(T0 + 10_000);
    String earlier = ledger.checkpoint();
    long earlierSize = ledger.size();
    byte[] atEarlier = Bundles.prove(ledger, d721, OptionalLong.empty());
    clock.set(T0 + 20_000);
    ledger.submit(req(uni, Operation.DDC721_MINT).deadline(T0 + 25_000)
        .item(Items.mint721(alice, null, null, "due-2")).build().sign(platform2));
    long last = submit(uni, platform2, Operation.DDC721_MINT, Items.mint721(alice, null, null, "last"));

    byte[] valid721 = prove(d721);
    add("valid-721-metadata", valid721, "OK", "a DDC-721 from a batch of three, every metadata field revealed "
        + "(strings, a fraction, an integer, true, null, {}, an array, an escaped pointer, non-ASCII)");
    add("valid-721-redacted", Bundles.redact(valid721, List.of("/gpa", "/address")), "OK",
        "the same with /gpa and everything below /address hidden");
    add("valid-721-all-hidden", Bundles.redact(valid721, allPaths(valid721)), "OK", "every field hidden");
    add("valid-721-no-metadata", prove(bare), "OK", "a mint that signed no metadata root");
    byte[] valid1155 = prove(tickets);
    add("valid-1155", valid1155, "OK", "a DDC-1155 of 5, 2 of them transferred: two holders");
    add("valid-721-safe-mint-transferred", prove(moved), "OK", "a safe mint, transferred to Bob");
    add("valid-721-locked-uri", prove(locked), "OK", "a non-transferable DDC with a URI");
    add("valid-relayed", prove(relayed), "OK", "a mint submitted by a relayer (the Operator)");
    add("valid-deadline", prove(due), "OK", "a mint whose request carried a deadline it met");
    add("valid-hostile-content", prove(hostile), "OK", "valid, with markup, script tags, an img onerror and "
        + "javascript: URIs in its URI, reference and metadata: a verifier shows them as text and runs nothing");
    add("valid-retired-key", prove(byOldKey), "OK", "signed by a key retired later: still valid");
    add("valid-revoked-after-mint", prove(beforeCompromise), "OK",
        "signed by a key later revoked as compromised from a time after the mint");
    add("KEY_REVOKED--signed-after-compromise", prove(afterCompromise), "KEY_REVOKED",
        "signed by a key revoked as compromised from before the mint");
    add("DDC_FROZEN--frozen", prove(frozen), "DDC_FROZEN", "frozen by the Operator");
    add("DDC_BURNED--burned", prove(burned), "DDC_BURNED", "burned by its owner");
    byte[] lastBundle = prove(last);
    add("valid-latest", lastBundle, "OK", "the newest mint");

    // freshness and clocks
    add("STALE_CHECKPOINT--31-days", valid721, "STALE_CHECKPOINT", "verified 31 days later with a 30-day limit",
        m -> m.put("now", NOW + 31 * DAY));
    add("valid-any-age", valid721, "OK", "verified 400 days later with no age limit", m -> {
      m.put("now", NOW + 400 * DAY);
      m.put("maxAgeMs", null);
    });
    long cpTime = timeOf(valid721);
    add("FUTURE_CHECKPOINT--ahead-of-clock", valid721, "FUTURE_CHECKPOINT",
        "verified 6 minutes before the checkpoint's time (skew 5 minutes)", m -> m.put("now", cpTime - 360_000));
    add("valid-within-skew", valid721, "OK", "verified 4 minutes before the checkpoint's time",
        m -> m.put("now", cpTime - 240_000));

    // trust
    add("UNTRUSTED_CHECKPOINT--other-key", valid721, "UNTRUSTED_CHECKPOINT", "the verifier trusts another key",
        m -> m.put("trust", List.of(new TreeMap<>(Map.of("origin", ORIGIN, "key", "stranger")))));
    add("UNTRUSTED_ORIGIN--other-origin-trusted", valid721, "UNTRUSTED_ORIGIN",
        "the verifier trusts the Operator's key for another log only",
        m -> m.put("trust", List.of(new TreeMap<>(Map.of("origin", OTHER_ORIGIN, "key", "operator")))));
    add("valid-two-keys-trusted", valid721, "OK", "the verifier trusts a second key too (rotation overlap)",
        m -> m.put("trust", List.of(new TreeMap<>(Map.of("origin", ORIGIN, "key", "stranger")),
            new TreeMap<>(Map.of("origin", ORIGIN, "key", "operator")))));
    byte[] moved721 = forge(valid721, b -> b.put("checkpoint", ((String) b.get("checkpoint"))
        .replace(ORIGIN, OTHER_ORIGIN)));
    add("UNTRUSTED_ORIGIN--resigned-for-other-origin", moved721, "UNTRUSTED_ORIGIN",
        "the Operator re-signs the checkpoint as another log's");
    add("WRONG_LEDGER--request-for-another-log", moved721, "WRONG_LEDGER",
        "the same, for a verifier that trusts the key for both logs: the request names the first", m -> m.put("trust",
            List.of(new TreeMap<>(Map.of("origin", ORIGIN, "key", "operator")),
                new TreeMap<>(Map.of("origin", OTHER_ORIGIN, "key", "operator")))));

    // witnesses
    String note = ledger.latestCheckpoint().get();
    String cosigned = Checkpoints.cosign(note, List.of(NoteSigner.of("witness1.example",
        Signers.sm2(keys.get("witness1")))));
    ledger.addCosignatures(cosigned, List.of(io.ddc.checkpoint.NoteKey.of("witness1.example",
        Signers.sm2(keys.get("witness1").publicKey()))));
    byte[] witnessed = Bundles.prove(ledger, last, OptionalLong.empty(), OptionalLong.of(earlierSize));
    List<Object> twoWitnesses = List.of(new TreeMap<>(Map.of("name", "witness1.example", "key", "witness1")),
        new TreeMap<>(Map.of("name", "witness2.example", "key", "witness2")));
    add("valid-witness-quorum-1", witnessed, "OK", "cosigned by witness1; quorum 1 of 2", m -> {
      m.put("witnesses", twoWitnesses);
      m.put("quorum", 1L);
    });
    add("WITNESS_QUORUM_NOT_MET--1-of-2", witnessed, "WITNESS_QUORUM_NOT_MET", "cosigned by witness1; quorum 2 of 2",
        m -> {
          m.put("witnesses", twoWitnesses);
          m.put("quorum", 2L);
        });
    add("WITNESS_QUORUM_NOT_MET--impostor", witnessed, "WITNESS_QUORUM_NOT_MET",
        "a witness named witness1.example but with witness2's key", m -> {
          m.put("witnesses", List.of(new TreeMap<>(Map.of("name", "witness1.example", "key", "witness2"))));
          m.put("quorum", 1L);
        });

    // consistency with a known checkpoint
    String knownEarlier = known("earlier", earlier);
    add("valid-consistent-with-known", witnessed, "OK", "carries the consistency proof from the known checkpoint",
        m -> m.put("known", knownEarlier));
    add("CONSISTENCY_UNPROVEN--no-proof", lastBundle, "CONSISTENCY_UNPROVEN",
        "the known checkpoint is older and the bundle carries no proof", m -> m.put("known", knownEarlier));
    String knownNewer = known("newer", ledger.latestCheckpoint().get());
    add("CONSISTENCY_UNPROVEN--older-than-known", atEarlier, "CONSISTENCY_UNPROVEN", "the bundle's checkpoint is older than the known one",
        m -> m.put("known", knownNewer));
    add("valid-known-is-the-same", witnessed, "OK", "the known checkpoint is the bundle's", m -> m.put("known",
        knownNewer));
    String otherLog = known("other-origin", Checkpoints.sign(io.ddc.checkpoint.Checkpoint.parse(
        earlier.substring(0, earlier.indexOf("\n\n") + 1).replace(ORIGIN, OTHER_ORIGIN), 32),
        List.of(NoteSigner.of(OTHER_ORIGIN, op))));
    add("USAGE_ERROR--known-checkpoint-of-untrusted-origin", witnessed, "USAGE_ERROR",
        "the caller's known checkpoint is of a log the verifier does not trust: refused before verifying",
        m -> m.put("known", otherLog));
    String latest = ledger.latestCheckpoint().get();
    String latestBody = latest.substring(0, latest.indexOf("\n\n") + 1);
    String otherTime = known("same-size-other-time", Checkpoints.sign(io.ddc.checkpoint.Checkpoint.parse(
        latestBody.replaceAll("time (\\d+)\n", "time " + (timeOf(witnessed) - 1_000) + "\n"), 32),
        List.of(NoteSigner.of(ORIGIN, op))));
    add("valid-known-same-size-other-time", witnessed, "OK",
        "the known checkpoint has the bundle's size and commitments but another time", m -> m.put("known", otherTime));
    String otherState = known("same-size-other-state", Checkpoints.sign(io.ddc.checkpoint.Checkpoint.parse(
        latestBody.replaceAll("state (\\d+) [^\n]+\n", "state $1 " + java.util.Base64.getEncoder().encodeToString(
            new byte[32]) + "\n"), 32), List.of(NoteSigner.of(ORIGIN, op))));
    add("FORKED_LOG--same-size-other-state-root", witnessed, "FORKED_LOG",
        "the known checkpoint has the bundle's size and log root but another state root: equivocation",
        m -> m.put("known", otherState));
    // a fork: the same key signs a second history of the same size
    Map<Did, Long> saved = new HashMap<>(nonces);
    nonces.clear();
    MutableClock mainClock = clock;
    Ledger main = ledger;
    clock = new MutableClock(T0);
    openLedger();
    clock.set(T0 + 1_000);
    long forkId = submit(uni, platform, Operation.DDC721_MINT, Items.mint721(bob, null, null, "forked"));
    while (ledger.size() < earlierSize) {
      submit(uni, platform, Operation.DDC721_MINT, Items.mint721(bob, null, null, "f" + ledger.size()));
    }
    clock.set(T0 + 10_000);
    byte[] forked = prove(forkId);
    ledger = main;
    clock = mainClock;
    nonces.clear();
    nonces.putAll(saved);
    add("FORKED_LOG--same-size-other-history", forked, "FORKED_LOG",
        "a second history of the known checkpoint's size, signed by the same key", m -> m.put("known", knownEarlier));

    // the Operator's forgeries (docs/BUNDLE.md, "What the Operator cannot change")
    forgeries(valid721, valid1155);
    // the format: one form, strict reading
    formats(valid721, valid1155);
    // every single-value mutation
    mutations("mutation-721", valid721);
    mutations("mutation-1155", valid1155);

    Map<String, Object> manifest = new TreeMap<>();
    manifest.put("version", 2L);
    manifest.put("description", "ddc bundle v2 conformance corpus: see README.md");
    Map<String, Object> k = new TreeMap<>();
    keys.forEach((n, key) -> k.put(n, Hex.encode(key.publicKey().toUncompressed())));
    manifest.put("keys", k);
    manifest.put("cases", cases);
    Files.write(dir.resolve("manifest.json"), pretty(manifest, false));
  }

  private static long timeOf(byte[] bundle) throws Exception {
    String note = (String) ((Map<?, ?>) CanonicalJson.parse(bundle)).get("checkpoint");
    for (String line : note.split("\n")) {
      if (line.startsWith("time ")) {
        return Long.parseLong(line.substring(5));
      }
    }
    throw new IllegalStateException("no time line");
  }

  private static List<String> allPaths(byte[] bundle) throws Exception {
    List<String> out = new ArrayList<>();
    for (Object f : (List<?>) ((Map<?, ?>) ((Map<?, ?>) CanonicalJson.parse(bundle)).get("metadata")).get("revealed")) {
      out.add((String) ((Map<?, ?>) f).get("path"));
    }
    return out;
  }

  Map<String, io.ddc.crypto.sm.Sm2PublicKey> publicKeys() {
    Map<String, io.ddc.crypto.sm.Sm2PublicKey> out = new TreeMap<>();
    keys.forEach((n, k) -> out.put(n, k.publicKey()));
    return out;
  }

  byte[] forge(byte[] bundle, Consumer<Map<String, Object>> edit) throws Exception {
    return Forger.forge(bundle, op, edit);
  }


  void forgeries(byte[] v721, byte[] v1155) throws Exception {
    Hash zero = Hash.of(new byte[32]);
    Metadata mallory = Metadata.create("{\"name\":\"Mallory\",\"degree\":\"PhD\"}".getBytes(StandardCharsets.UTF_8),
        new SecureRandom());
    Consumer<Map<String, Object>> swap = Forger.swapFields(mallory);
    add("MINT_NOT_AS_SIGNED--forged-metadata-root", forge(v721, swap.andThen(data("metadataRoot",
        mallory.root().hex()))), "MINT_NOT_AS_SIGNED",
        "Operator forgery: other fields, their root written into the mint event and the state leaf");
    add("METADATA_MISMATCH--forged-fields", forge(v721, swap), "METADATA_MISMATCH",
        "Operator forgery: other fields and state leaf root, the mint event left alone");
    add("MINT_NOT_AS_SIGNED--recipient", forge(v721, data("to", bob.value()).andThen(
        b -> at(b, "state", "leaf").put("owner", bob.value()))), "MINT_NOT_AS_SIGNED",
        "Operator forgery: another recipient in the event and the state");
    add("MINT_NOT_AS_SIGNED--reference", forge(v721, data("ref", "forged")), "MINT_NOT_AS_SIGNED",
        "Operator forgery: another reference");
    add("MINT_NOT_AS_SIGNED--reference-dropped", forge(v721, data("ref", null)), "MINT_NOT_AS_SIGNED",
        "Operator forgery: the reference removed");
    add("MINT_NOT_AS_SIGNED--uri", forge(v721, data("uri", "https://evil.example/d/1")), "MINT_NOT_AS_SIGNED",
        "Operator forgery: another URI");
    add("MINT_NOT_AS_SIGNED--locked", forge(v721, data("locked", true).andThen(
        b -> at(b, "state", "leaf").put("locked", true))), "MINT_NOT_AS_SIGNED", "Operator forgery: locked");
    add("MINT_NOT_AS_SIGNED--creator", forge(v721, data("creator", opDid.value())), "MINT_NOT_AS_SIGNED",
        "Operator forgery: another creator");
    add("MINT_NOT_AS_SIGNED--amount", forge(v1155, data("amount", 500L)), "MINT_NOT_AS_SIGNED",
        "Operator forgery: a signed DDC-1155 mint of 5 logged as 500");
    add("MINT_NOT_AS_SIGNED--kind", forge(v1155, data("kind", "721").andThen(data("amount", 1L))),
        "MINT_NOT_AS_SIGNED", "Operator forgery: a signed ddc1155.safeMint logged as a DDC-721");
    add("HOLDERS_MISMATCH--inflated-balance", forge(v1155, b -> {
      at(b, "state", "holders").put(alice.value(), 500L);
      TreeMap<Did, Long> h = new TreeMap<>();
      at(b, "state", "holders").forEach((d, n) -> h.put(Did.of(d), (Long) n));
      at(b, "state", "leaf").put("owners", io.ddc.model.StateLeaf.ownersDigest(h).hex());
    }), "HOLDERS_MISMATCH", "Operator forgery: more held than minted");
    add("HOLDERS_MISMATCH--holders-not-the-digest", forge(v1155, b -> at(b, "state", "holders").put(alice.value(), 1L)),
        "HOLDERS_MISMATCH", "holders that do not give the state leaf's owners digest");
    add("STATE_MISMATCH--metadata-root", forge(v721, b -> at(b, "state", "leaf").put("metadataRoot", zero.hex())),
        "STATE_MISMATCH", "Operator forgery: the state leaf's metadata root differs from the signed one");
    add("STATE_MISMATCH--uri-hash", forge(v721, b -> at(b, "state", "leaf").put("uriHash", zero.hex())),
        "STATE_MISMATCH", "Operator forgery: the state leaf's URI hash is not of the signed URI");
    add("STATE_MISMATCH--last-seq", forge(v721, b -> at(b, "state", "leaf").put("lastSeq", 0L)), "STATE_MISMATCH",
        "the state leaf's lastSeq before the mint");
    add("MINT_AFTER_CHECKPOINT--mint-time", forge(v721, b -> at(b, "mint", "event").put("at", T0 + 999_999)),
        "MINT_AFTER_CHECKPOINT", "Operator forgery: the mint dated after its checkpoint");
    @SuppressWarnings("unchecked")
    Map<String, Object> late = (Map<String, Object>) Forger.copy(CanonicalJson.parse(prove(findDue())));
    at(late, "mint", "event").put("at", T0 + 25_001);
    add("DEADLINE_PASSED--logged-after-deadline", Forger.resign(late, op, T0 + 30_000), "DEADLINE_PASSED",
        "Operator forgery: a mint dated after the deadline its request carried");
    @SuppressWarnings("unchecked")
    Map<String, Object> future = (Map<String, Object>) Forger.copy(CanonicalJson.parse(v721));
    add("FUTURE_CHECKPOINT--dated-400-days-ahead", Forger.resign(future, op, timeOf(v721) + 400 * DAY),
        "FUTURE_CHECKPOINT", "Operator forgery: a checkpoint dated 400 days ahead, to look fresh for a year");
    add("KEY_NOT_VALID--key-window-moved", forge(v721, b -> {
      @SuppressWarnings("unchecked")
      List<Object> ks = (List<Object>) at(b, "issuer", "leaf").get("keys");
      @SuppressWarnings("unchecked")
      Map<String, Object> k0 = (Map<String, Object>) ks.get(0);
      k0.put("from", T0 + 5_000);
    }), "KEY_NOT_VALID", "Operator forgery: the issuer's key valid only after the mint");
    add("BAD_REQUEST_SIGNATURE--signature-replaced", forge(v721, b -> at(b, "mint", "event", "cause").put("sig",
        Hex.encode(Sm3.hash("not the issuer's".getBytes(StandardCharsets.UTF_8))).repeat(2))), "BAD_REQUEST_SIGNATURE",
        "Operator forgery: another request signature (the event re-logged with it)");
    add("ISSUER_MISMATCH--another-account", forge(v721, b -> at(b, "issuer", "leaf").put("did", bob.value())),
        "ISSUER_MISMATCH", "the issuer leaf of another account");
  }

  /** The newest mint whose request carried a deadline. */
  private long findDue() throws Exception {
    for (long id = ledger.state().latestDdcId(); id >= 1; id--) {
      var e = ledger.events(ledger.mintSeq(id).getAsLong(), ledger.mintSeq(id).getAsLong() + 1).get(0);
      if (e.cause().header().deadline().isPresent()) {
        return id;
      }
    }
    throw new IllegalStateException("no mint with a deadline");
  }

  void formats(byte[] v721, byte[] v1155) throws Exception {
    String text = new String(v721, StandardCharsets.UTF_8);
    add("valid-pretty-printed", pretty(CanonicalJson.parse(v721), true), "OK",
        "the valid bundle re-saved with indentation and members in another order: verified on its RFC 8785 form");
    add("valid-escaped-strings", text.replace("\"ddc.bundle\"", "\"ddc\\u002ebundle\"").replace("\"Li Wei\"",
        "\"Li\\u0020Wei\"").getBytes(StandardCharsets.UTF_8), "OK", "strings with needless \\u escapes");
    add("valid-number-forms", text.replace("\"ddc\":2,", "\"ddc\":2.0e0,").replace("\"year\":2026",
        "\"year\":2.026E3").getBytes(StandardCharsets.UTF_8), "OK", "numbers written 2.0e0 and 2.026E3");
    add("UNSUPPORTED_VERSION--version-1", json(v721, b -> b.put("v", 1L)), "UNSUPPORTED_VERSION",
        "a version-1 bundle");
    add("UNSUPPORTED_VERSION--version-3", json(v721, b -> b.put("v", 3L)), "UNSUPPORTED_VERSION",
        "a future version");
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("empty", new byte[0]);
    bad.put("not-json", "ddc bundle".getBytes(StandardCharsets.UTF_8));
    bad.put("not-an-object", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
    bad.put("truncated", java.util.Arrays.copyOf(v721, v721.length / 2));
    bad.put("trailing-content", (text + "{}").getBytes(StandardCharsets.UTF_8));
    bad.put("byte-order-mark", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, v721));
    bad.put("duplicate-member", text.replace("\"ddc\":2,", "\"ddc\":2,\"ddc\":2,").getBytes(StandardCharsets.UTF_8));
    bad.put("unknown-member", text.replace("\"ddc\":2,", "\"ddc\":2,\"note\":\"hi\",").getBytes(StandardCharsets.UTF_8));
    bad.put("missing-state", json(v721, b -> b.remove("state")));
    bad.put("wrong-type", json(v721, b -> b.put("type", "ddc.certificate")));
    bad.put("ddc-zero", json(v721, b -> b.put("ddc", 0L)));
    bad.put("ddc-fraction", text.replace("\"ddc\":2,", "\"ddc\":2.5,").getBytes(StandardCharsets.UTF_8));
    bad.put("ddc-beyond-2^53", text.replace("\"ddc\":2,", "\"ddc\":9007199254740993,")
        .getBytes(StandardCharsets.UTF_8));
    bad.put("hash-in-upper-case", json(v721, b -> {
      @SuppressWarnings("unchecked")
      List<Object> l = (List<Object>) at(b, "mint").get("inclusion");
      l.set(0, ((String) l.get(0)).toUpperCase(java.util.Locale.ROOT));
    }));
    bad.put("hash-too-short", json(v721, b -> {
      @SuppressWarnings("unchecked")
      List<Object> l = (List<Object>) at(b, "mint").get("inclusion");
      l.set(0, ((String) l.get(0)).substring(2));
    }));
    bad.put("revealed-unsorted", json(v721, b -> java.util.Collections.reverse(revealed(b))));
    bad.put("revealed-path-twice", json(v721, b -> revealed(b).add(1, revealed(b).get(0))));
    bad.put("revealed-not-a-leaf", json(v721, b -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> f = (Map<String, Object>) revealed(b).get(0);
      f.put("value", new TreeMap<>(Map.of("x", 1L)));
    }));
    bad.put("revealed-pointer-without-slash", json(v721, b -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> f = (Map<String, Object>) revealed(b).get(0);
      f.put("path", "name");
    }));
    bad.put("revealed-pointer-bad-tilde", json(v721, b -> {
      for (Object o : revealed(b)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) o;
        f.put("path", ((String) f.get("path")).replace("~0", "~2"));
      }
    }));
    bad.put("revealed-without-salt", json(v721, b -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> f = (Map<String, Object>) revealed(b).get(0);
      f.remove("salt");
    }));
    byte[] redacted = Bundles.redact(v721, List.of("/gpa", "/address"));
    bad.put("hidden-unsorted", json(redacted, b -> java.util.Collections.reverse(hidden(b))));
    bad.put("hidden-repeated", json(redacted, b -> hidden(b).add(hidden(b).get(0))));
    bad.put("holders-on-a-721", json(v721, b -> at(b, "state").put("holders", new TreeMap<>())));
    bad.put("1155-without-holders", json(v1155, b -> at(b, "state").remove("holders")));
    bad.put("holder-balance-zero", json(v1155, b -> at(b, "state", "holders").put(alice.value(), 0L)));
    bad.put("issuer-key-not-a-point", json(v721, b -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> k = (Map<String, Object>) ((List<?>) at(b, "issuer", "leaf").get("keys")).get(0);
      k.put("key", "04" + "00".repeat(64));
    }));
    bad.put("event-not-canonical-member", json(v721, b -> at(b, "mint", "event").put("extra", 1L)));
    // a mint event that does not say which request made it (the Java parser once threw an NPE here)
    bad.put("mint-event-without-cause", json(v721, b -> at(b, "mint", "event").remove("cause")));
    bad.put("mint-event-without-operation", json(v721, b -> at(b, "mint", "event", "cause", "req").remove("op")));
    bad.put("checkpoint-not-text", json(v721, b -> b.put("checkpoint", 1L)));
    bad.put("path-too-long", json(v721, b -> {
      List<Object> l = new ArrayList<>();
      for (int i = 0; i < 65; i++) {
        l.add(Hash.of(new byte[32]).hex());
      }
      at(b, "mint").put("inclusion", l);
    }));
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      add("MALFORMED_BUNDLE--" + e.getKey(), e.getValue(), "MALFORMED_BUNDLE", "malformed: " + e.getKey());
    }
    // checkpoint bodies the Operator signed but the format does not allow
    Map<String, java.util.function.UnaryOperator<String>> bodies = new LinkedHashMap<>();
    bodies.put("no-time-line", n -> n.replaceAll("time \\d+\n", ""));
    bodies.put("extra-line", n -> n.replaceAll("(time \\d+\n)", "$1note hello\n"));
    bodies.put("lines-reordered", n -> n.replaceAll("(state [^\n]+\n)(accounts [^\n]+\n)", "$2$1"));
    bodies.put("state-line-twice", n -> n.replaceAll("(state [^\n]+\n)", "$1$1"));
    bodies.put("time-leading-zero", n -> n.replaceAll("time (\\d+)\n", "time 0$1\n"));
    bodies.put("time-signed", n -> n.replaceAll("time (\\d+)\n", "time +$1\n"));
    bodies.put("state-size-leading-zero", n -> n.replaceAll("state (\\d+) ", "state 0$1 "));
    bodies.put("root-not-canonical-base64", ConformanceCorpus::nonCanonicalRoot);
    for (Map.Entry<String, java.util.function.UnaryOperator<String>> e : bodies.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> b = (Map<String, Object>) Forger.copy(CanonicalJson.parse(v721));
      String note = (String) b.get("checkpoint");
      String body = note.substring(0, note.indexOf("\n\n") + 1);
      String changed = e.getValue().apply(body);
      if (changed.equals(body)) {
        throw new IllegalStateException("body edit " + e.getKey() + " changed nothing");
      }
      b.put("checkpoint", Checkpoints.sign(io.ddc.checkpoint.Checkpoint.parse(changed, 32), List.of(
          NoteSigner.of(ORIGIN, op))));
      add("MALFORMED_CHECKPOINT--" + e.getKey(), CanonicalJson.write(b), "MALFORMED_CHECKPOINT",
          "a checkpoint body the Operator signed that breaks the format: " + e.getKey());
    }
    for (String[] odd : new String[][] {{"no-break-space", "oth\u00a0er"}, {"ideographic-space", "oth\u3000er"},
        {"next-line", "oth\u0085er"}}) {
      @SuppressWarnings("unchecked")
      Map<String, Object> withLine = (Map<String, Object>) Forger.copy(CanonicalJson.parse(v721));
      withLine.put("checkpoint", withLine.get("checkpoint") + "\u2014 " + odd[1] + " "
          + java.util.Base64.getEncoder().encodeToString(new byte[68]) + "\n");
      add("MALFORMED_CHECKPOINT--key-name-with-" + odd[0], CanonicalJson.write(withLine), "MALFORMED_CHECKPOINT",
          "an extra signature line whose key name holds a Unicode space (C2SP forbids them)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> b = (Map<String, Object>) Forger.copy(CanonicalJson.parse(v721));
    b.put("checkpoint", "not a signed note");
    add("MALFORMED_CHECKPOINT--not-a-note", CanonicalJson.write(b), "MALFORMED_CHECKPOINT", "the checkpoint is not a "
        + "signed note");
  }

  /** The accounts root with its last base64 character's unused bits set: decodes, but not canonical. */
  private static String nonCanonicalRoot(String body) {
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\n")) {
      if (line.startsWith("accounts ")) {
        String[] p = line.split(" ");
        String r = p[2];
        char c = r.charAt(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int v = alphabet.indexOf(c);
        line = p[0] + " " + p[1] + " " + r.substring(0, 42) + alphabet.charAt(v | 1) + r.substring(43);
        if (line.endsWith(r)) {
          line = p[0] + " " + p[1] + " " + r.substring(0, 42) + alphabet.charAt(v ^ 2) + r.substring(43);
        }
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> revealed(Map<String, Object> b) {
    return (List<Object>) at(b, "metadata").get("revealed");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> hidden(Map<String, Object> b) {
    return (List<Object>) at(b, "metadata").get("hidden");
  }

  @SuppressWarnings("unchecked")
  private static byte[] json(byte[] bundle, Consumer<Map<String, Object>> edit) throws Exception {
    Map<String, Object> b = (Map<String, Object>) Forger.copy(CanonicalJson.parse(bundle));
    edit.accept(b);
    return CanonicalJson.write(b);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Every value changed one at a time: each must be invalid; the code recorded is the reference verifier's. */
  void mutations(String prefix, byte[] valid) throws Exception {
    Object tree = CanonicalJson.parse(valid);
    List<List<Object>> paths = new ArrayList<>();
    BundleTest.collect(tree, new ArrayList<>(), paths);
    int i = 0;
    for (List<Object> path : paths) {
      byte[] m = CanonicalJson.write(BundleTest.mutate(tree, path, 0));
      Map<String, Object> c = new TreeMap<>(Map.of("now", NOW, "maxAgeMs", MAX_AGE, "skewMs", SKEW, "trust",
          List.of(new TreeMap<>(Map.of("origin", ORIGIN, "key", "operator")))));
      String name = String.format("%s-%03d", prefix, i++);
      String code = ConformanceRunner.run(m, dir, c, publicKeys());
      if (code.equals("OK")) {
        throw new IllegalStateException("mutation " + path + " verifies");
      }
      add(name, m, code, "changed " + describe(path) + " (expected code recorded from the reference verifier)");
    }
  }

  private static String describe(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object p : path) {
      sb.append(p instanceof Integer ? "[" + p + "]" : "DROP".equals(p) ? " (element dropped)" : "/" + p);
    }
    return sb.toString();
  }

  static byte[] pretty(Object json, boolean reverse) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    return m.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJackson(json, reverse));
  }

  private static Object toJackson(Object v, boolean reverse) {
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      ((Map<?, ?>) v).keySet().forEach(k -> keys.add((String) k));
      if (reverse) {
        java.util.Collections.reverse(keys);
      }
      for (String k : keys) {
        out.put(k, toJackson(((Map<?, ?>) v).get(k), reverse));
      }
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object x : (List<?>) v) {
        out.add(toJackson(x, reverse));
      }
      return out;
    }
    return v == CanonicalJson.NULL ? null : v;
  }
}
