package io.ddc.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A small ledger (Operator, University, Alice, Bob) at a fixed time and a verifier one minute later. */
abstract class BundleFixture {
  static final String ORIGIN = "bundle.ddc.io/ledger";
  static final long T0 = 1_790_000_000_000L;
  static final byte[] DIPLOMA = ("{\"name\":\"Li Wei\",\"degree\":\"BSc\",\"gpa\":385,"
      + "\"address\":{\"city\":\"Wuhan\",\"street\":\"Luoyu Rd 1037\"}}").getBytes(StandardCharsets.UTF_8);

  final Sm2PrivateKey opKey = Sm2PrivateKey.generate(new SecureRandom());
  final Sm2PrivateKey pKey = Sm2PrivateKey.generate(new SecureRandom());
  final Sm2PrivateKey aKey = Sm2PrivateKey.generate(new SecureRandom());
  final Signer op = Signers.sm2(opKey);
  final Signer platform = Signers.sm2(pKey);
  final Signer alice = Signers.sm2(aKey);
  final Did opDid = Did.of("did:test:operator");
  final Did pDid = Did.of("did:test:university");
  final Did aliceDid = Did.of("did:test:alice");
  final Did bobDid = Did.of("did:test:bob");
  final Map<Did, Long> nonces = new HashMap<>();
  Ledger ledger;
  BundleVerifier verifier;

  SignedRequest req(Did actor, Signer s, Operation o, Item... items) throws Exception {
    return Request.builder(ORIGIN, o, actor).nonce(nonces.merge(actor, 1L, Long::sum)).items(List.of(items)).build()
        .sign(s);
  }

  /** A ledger with the Operator, the University (platform), Alice and Bob (consumers). */
  Ledger openLedger(Clock clock) throws Exception {
    Ledger l = Ledger.builder(new MemoryLedgerStore()).clock(clock).checkpointSigner(ORIGIN, op).open();
    l.submit(req(opDid, op, Operation.LEDGER_INIT, Items.ledgerInit("Operator",
        List.of(opKey.publicKey().toUncompressed()))));
    l.submit(req(opDid, op, Operation.ACCOUNT_ADD, Items.addAccount(pDid, "University", Role.PLATFORM, null,
        pKey.publicKey().toUncompressed())));
    l.submit(req(opDid, op, Operation.ACCOUNT_ADD, Items.addAccount(aliceDid, "Alice", Role.CONSUMER, pDid,
        aKey.publicKey().toUncompressed())));
    l.submit(req(opDid, op, Operation.ACCOUNT_ADD, Items.addAccount(bobDid, "Bob", Role.CONSUMER, pDid,
        pKey.publicKey().toUncompressed())));
    return l;
  }

  @BeforeEach
  void setUp() throws Exception {
    ledger = openLedger(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
    verifier = create(opKey.publicKey(), Duration.ofDays(30),
        Clock.fixed(Instant.ofEpochMilli(T0 + 60_000), ZoneOffset.UTC));
  }

  static BundleVerifier create(io.ddc.crypto.sm.Sm2PublicKey key, Duration maxAge, Clock clock) {
    return BundleVerifier.builder().trust(ORIGIN, key).maxAge(maxAge).clock(clock).build();
  }

  long mintDiploma() throws Exception {
    Metadata m = Metadata.create(DIPLOMA, new SecureRandom());
    List<Item> items = new ArrayList<>();
    items.add(Items.mint721(bobDid, null, null, "other"));
    items.add(Items.mint721(aliceDid, "https://uni.example/d/1", m.root(), "diploma-1"));
    items.add(Items.mint721(bobDid, null, null, "third"));
    long id = ledger.submit(req(pDid, platform, Operation.DDC721_MINT, items.toArray(new Item[0]))).mintedIds().get(1);
    ledger.putMetadata(id, m);
    return id;
  }

}
