package io.ddc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.DdcException;
import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.VerificationReport;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.RuleCode;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.model.AccountState;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Switch;
import io.ddc.sign.SignatureScheme;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import io.ddc.sign.SigningUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DdcClientTest {
  static final String ORIGIN = "client.ddc.example/ledger";
  static final Sm2PrivateKey OPERATOR_KEY = Sm2PrivateKey.generate();
  static final Sm2PrivateKey UNI_KEY = Sm2PrivateKey.generate();
  static final Sm2PrivateKey ALICE_KEY = Sm2PrivateKey.generate();
  final Did op = Did.of("did:test:operator");
  final Did uni = Did.of("did:test:uni");
  final Did alice = Did.of("did:test:alice");
  final Did bob = Did.of("did:test:bob");

  Ledger ledger;
  DdcClient operator;
  DdcClient university;

  @BeforeEach
  void setUp() throws DdcException {
    ledger = Ledger.builder(new MemoryLedgerStore()).checkpointSigner(ORIGIN, Signers.sm2(OPERATOR_KEY)).open();
    operator = DdcClient.initialize(ledger, ORIGIN, op, "Operator", Signers.sm2(OPERATOR_KEY));
    operator.addPlatform(uni, "University", UNI_KEY.publicKey().toUncompressed());
    operator.addConsumer(alice, "Alice", uni, ALICE_KEY.publicKey().toUncompressed());
    operator.addConsumer(bob, "Bob", uni, Sm2PrivateKey.generate().publicKey().toUncompressed());
    university = DdcClient.of(ledger, uni, Signers.sm2(UNI_KEY));
  }

  private void batchesOn() throws DdcException {
    operator.submit(Operation.AUTHORITY_SET_SWITCH, List.of(Items.of(Operation.AUTHORITY_SET_SWITCH, "switch",
        Switch.BATCH, "on", true)), Map.of());
  }

  @Test
  void mintWithFields_provesAndVerifiesWithTheFieldsRevealed() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", "Li Wei");
    fields.put("gpa", 3.85);
    fields.put("year", 2026);
    fields.put("courses", List.of("SM2", "SM3"));
    Minted m = university.mint721(alice, fields, "d-1");
    assertThat(m.id()).isEqualTo(1);
    assertThat(m.repeated()).isFalse();
    assertThat(m.receipt().get().mintedIds()).containsExactly(1L);
    assertThat(ledger.metadata(1)).isPresent();
    assertThat(ledger.state().ddc(1).get().metadataRoot()).isEqualTo(ledger.metadata(1).get().root());
    university.checkpoint();
    VerificationReport r = BundleVerifier.builder().trust(ORIGIN, OPERATOR_KEY.publicKey()).anyAge().build()
        .verify(university.prove(1));
    assertThat(r.valid()).as(r.toString()).isTrue();
    assertThat(r.claims().get().revealed()).containsEntry("/name", "Li Wei").containsEntry("/year", 2026L)
        .containsEntry("/courses/1", "SM3");
    assertThat(r.claims().get().ref()).contains("d-1");
  }

  @Test
  void mintWithoutFields_commitsToNoMetadata() throws Exception {
    long id = university.mint721(alice, null, null).id();
    assertThat(ledger.state().ddc(id).get().metadataRoot()).isNull();
    assertThat(ledger.metadata(id)).isEmpty();
  }

  @Test
  void metadataFromBytesAndFromMetadata() throws Exception {
    byte[] json = "{\"a\":1,\"b\":{\"c\":true}}".getBytes(StandardCharsets.UTF_8);
    long id1 = university.mint(Mint.ddc721(alice, "j-1").withJson(json).withUri("https://uni.example/1")).id();
    Metadata md = Metadata.create(json, new SecureRandom());
    long id2 = university.mint(Mint.ddc1155(alice, 5, "j-2").withMetadata(md)).id();
    assertThat(ledger.metadata(id1).get().fields()).extracting(Metadata.Disclosed::value)
        .containsExactly("1", "true");
    assertThat(ledger.state().ddc(id1).get().uri()).isEqualTo("https://uni.example/1");
    assertThat(ledger.state().ddc(id2).get().metadataRoot()).isEqualTo(md.root());
    assertThat(ledger.state().balance(id2, alice)).isEqualTo(5);
    assertThatThrownBy(() -> Mint.ddc721(alice, null).withJson(json).withMetadata(md))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void metadataFromAJacksonTree_isTheSameAsFromItsBytes() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    String text = "{\"name\":\"Li Wei\",\"gpa\":3.85,\"year\":2026,\"tags\":[\"a\",null,true]}";
    com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(text);
    long id = university.mint(Mint.ddc721(alice, "tree-1").withTree(tree)).id();
    Metadata fromBytes = Metadata.create(text.getBytes(StandardCharsets.UTF_8), new SecureRandom());
    assertThat(ledger.metadata(id).get().fields()).extracting(Metadata.Disclosed::path, Metadata.Disclosed::value)
        .containsExactlyElementsOf(fromBytes.fields().stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.path(),
            f.value())).collect(java.util.stream.Collectors.toList()));
    assertThat(Metadata.fromTree(tree, new SecureRandom()).fields()).hasSize(fromBytes.fields().size());
    assertThatThrownBy(() -> Metadata.fromTree(mapper.readTree("[1,2]"), new SecureRandom()))
        .isInstanceOf(MalformedDataException.class);
  }

  /**
   * Issue 14's finding 6 again, as a Map: 20 nested 40,000-character keys above a 4,000-element
   * list. Building the full path of every value (as a first version did, for its error messages)
   * allocates about 6 GB; the map is refused by the path-bytes bound instead, allocating in
   * proportion to its size (measured by the JVM's per-thread allocation counter, not by time).
   */
  @Test
  void aMapWhosePathsWouldCostFarMoreThanItsSize_isRefused_withoutBuildingThem() {
    Object inner = java.util.Collections.nCopies(4_000, 1L);
    for (int i = 0; i < 20; i++) {
      inner = Map.of(String.valueOf((char) ('a' + i)).repeat(40_000), inner);
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> hostile = (Map<String, ?>) inner;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> Metadata.fromMap(hostile, new SecureRandom()))
        .isInstanceOf(MalformedDataException.class);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated for an 800 KB map").isLessThan(300_000_000L);
  }

  @Test
  void badFields_areRejectedBeforeAnythingIsSubmitted() throws Exception {
    long nonce = ledger.state().nextNonce(uni);
    long size = ledger.size();
    assertThatThrownBy(() -> university.mint721(alice, Map.of("when", new java.util.Date()), "x"))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("/when").hasMessageContaining("java.util.Date")
        .hasMessageContaining("expected a Map, List, String");
    assertThatThrownBy(() -> university.mint721(alice, Map.of("big", 1L << 60), "x"))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> university.mint721(alice, Map.of("nan", Double.NaN), "x"))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("finite");
    assertThat(ledger.state().nextNonce(uni)).isEqualTo(nonce);
    assertThat(ledger.size()).isEqualTo(size);
  }

  @Test
  void repeatedMintUnderTheSameReference_returnsTheFirstId() throws Exception {
    Map<String, Object> fields = Map.of("name", "Li Wei", "degree", "BSc");
    Minted first = university.mint721(alice, fields, "r-1");
    long size = ledger.size();
    Minted again = university.mint721(alice, fields, "r-1");  // fresh salts, same fields
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.repeated()).isTrue();
    assertThat(ledger.size()).isEqualTo(size);
    Minted plain = university.mint721(alice, null, "r-2");
    assertThat(university.mint721(alice, null, "r-2").id()).isEqualTo(plain.id());
    assertThat(ledger.state().latestDdcId()).isEqualTo(2);
  }

  @Test
  void referenceUsedForAnotherCertificate_isStillRejected() throws Exception {
    university.mint721(alice, Map.of("name", "Li Wei"), "r-1");
    long size = ledger.size();
    assertThatThrownBy(() -> university.mint721(alice, Map.of("name", "Zhang San"), "r-1"))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.DUPLICATE_REFERENCE));
    assertThatThrownBy(() -> university.mint721(bob, Map.of("name", "Li Wei"), "r-1"))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.DUPLICATE_REFERENCE));
    assertThatThrownBy(() -> university.mint1155(alice, 1, Map.of("name", "Li Wei"), "r-1"))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.DUPLICATE_REFERENCE));
    assertThat(ledger.size()).isEqualTo(size);
  }

  @Test
  void batchMint_allOrNothing_andIdempotent() throws Exception {
    batchesOn();
    List<Mint> mints = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mints.add(Mint.ddc721(i % 2 == 0 ? alice : bob, "b-" + i).withFields(Map.of("i", i)));
    }
    Minted m = university.batchMint(mints);
    assertThat(m.ids()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(ledger.metadata(3).get().fields().get(0).value()).isEqualTo("2");
    Minted again = university.batchMint(mints);
    assertThat(again.ids()).isEqualTo(m.ids());
    assertThat(again.repeated()).isTrue();

    long size = ledger.size();
    long nonce = ledger.state().nextNonce(uni);
    List<Mint> bad = List.of(Mint.ddc721(alice, "c-1"), Mint.ddc721(Did.of("did:test:nobody"), "c-2"));
    assertThatThrownBy(() -> university.batchMint(bad)).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
      assertThat(e.rule()).isEqualTo(RuleCode.UNKNOWN_ACCOUNT);
      assertThat(e.item()).isEqualTo(1);
    });
    assertThat(ledger.size()).isEqualTo(size);
    assertThat(ledger.state().nextNonce(uni)).isEqualTo(nonce);
    assertThat(ledger.state().latestDdcId()).isEqualTo(5);
    // a batch of which one certificate was minted before under its reference is no repeat
    assertThatThrownBy(() -> university.batchMint(List.of(Mint.ddc721(alice, "b-0").withFields(Map.of("i", 0)),
        Mint.ddc721(alice, "new")))).isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.DUPLICATE_REFERENCE));
    assertThatThrownBy(() -> university.batchMint(List.of(Mint.ddc721(alice, "x"), Mint.ddc1155(alice, 1, "y"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one kind");
    assertThatThrownBy(() -> university.batchMint(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lifecycle_transferApproveFreezeBurnUriRecharge() throws Exception {
    DdcClient aliceClient = DdcClient.of(ledger, alice, Signers.sm2(ALICE_KEY));
    long d721 = university.mint721(alice, null, "l-1").id();
    long d1155 = university.mint1155(alice, 10, null, "l-2").id();

    aliceClient.transfer(alice, bob, d1155, 3);
    assertThat(ledger.state().balance(d1155, bob)).isEqualTo(3);
    assertThatThrownBy(() -> aliceClient.transfer(alice, bob, d1155)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DDC-1155");
    assertThatThrownBy(() -> aliceClient.transfer(alice, bob, d721, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DDC-721");

    aliceClient.approve(bob, d721);
    aliceClient.setApprovalForAll(DdcKind.DDC_1155, bob, true);
    assertThat(ledger.state().approvedForAll(DdcKind.DDC_1155, alice, bob)).isTrue();

    operator.freeze(d721);
    assertThatThrownBy(() -> aliceClient.transfer(alice, bob, d721)).isInstanceOfSatisfying(
        RequestRejectedException.class, e -> assertThat(e.rule()).isEqualTo(RuleCode.DDC_FROZEN));
    operator.unfreeze(d721);
    aliceClient.transfer(alice, bob, d721);
    assertThat(ledger.state().ddc(d721).get().owner()).isEqualTo(bob);

    university.setUri(d1155, "https://uni.example/1155");
    assertThat(ledger.state().ddc(d1155).get().uri()).isEqualTo("https://uni.example/1155");
    assertThatThrownBy(() -> university.setUri(d1155, "https://uni.example/again"))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.URI_ALREADY_SET));

    aliceClient.burn(d1155);
    assertThat(ledger.state().balance(d1155, alice)).isZero();
    assertThatThrownBy(() -> aliceClient.burn(999)).isInstanceOfSatisfying(RequestRejectedException.class,
        e -> assertThat(e.rule()).isEqualTo(RuleCode.UNKNOWN_DDC));

    operator.submit(Operation.FEE_SELF_RECHARGE, List.of(Items.of(Operation.FEE_SELF_RECHARGE, "amount", 100L)),
        Map.of());
    operator.recharge(uni, 40);
    assertThat(ledger.state().points(uni)).isEqualTo(40);
  }

  @Test
  void accountAdministration() throws Exception {
    Sm2PrivateKey next = Sm2PrivateKey.generate();
    operator.addKey(uni, next.publicKey().toUncompressed());
    operator.retireKey(uni, UNI_KEY.publicKey().toUncompressed());
    assertThatThrownBy(() -> university.mint721(alice, null, null)).isInstanceOfSatisfying(
        RequestRejectedException.class, e -> assertThat(e.rule()).isEqualTo(RuleCode.BAD_SIGNATURE));
    DdcClient rotated = DdcClient.of(ledger, uni, Signers.sm2(next));
    assertThat(rotated.mint721(alice, null, null).id()).isEqualTo(1);
    Sm2PrivateKey third = Sm2PrivateKey.generate();
    operator.addKey(uni, third.publicKey().toUncompressed());
    operator.revokeKey(uni, next.publicKey().toUncompressed(), System.currentTimeMillis());
    assertThat(ledger.state().account(uni).get().keys()).hasSize(3);

    operator.setAccountState(alice, AccountState.FROZEN, false);
    assertThat(ledger.state().account(alice).get().active()).isFalse();
    assertThatThrownBy(() -> operator.setAccountState(alice, AccountState.FROZEN, false))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.STATE_UNCHANGED));
    assertThatThrownBy(() -> university.addPlatform(Did.of("did:test:p2"), "P2",
        Sm2PrivateKey.generate().publicKey().toUncompressed())).isInstanceOf(RequestRejectedException.class);
  }

  @Test
  void initializeTwice_isRejected_andClientNeedsAnInitialisedLedger() throws Exception {
    assertThatThrownBy(() -> DdcClient.initialize(ledger, ORIGIN, op, "Operator", Signers.sm2(OPERATOR_KEY)))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.ALREADY_INITIALIZED));
    Ledger empty = Ledger.builder(new MemoryLedgerStore()).open();
    assertThatThrownBy(() -> DdcClient.of(empty, op, Signers.sm2(OPERATOR_KEY)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ledger.init");
  }

  /** A signer that, the first {@code races} times it signs, lets another writer of the same account take the nonce first. */
  private Signer racingSigner(int races) {
    Signer inner = Signers.sm2(UNI_KEY);
    int[] left = {races};
    AtomicBoolean inside = new AtomicBoolean();
    return new Signer() {
      @Override
      public SignatureScheme scheme() {
        return inner.scheme();
      }

      @Override
      public byte[] publicKey() {
        return inner.publicKey();
      }

      @Override
      public byte[] sign(byte[] message) throws SigningUnavailableException {
        if (left[0] > 0 && inside.compareAndSet(false, true)) {
          left[0]--;
          try {
            ledger.submit(Request.builder(ORIGIN, Operation.DDC721_MINT, uni).nonce(ledger.state().nextNonce(uni))
                .item(Items.mint721(alice, null, null, null)).build().sign(inner));
          } catch (DdcException e) {
            throw new AssertionError(e);
          } finally {
            inside.set(false);
          }
        }
        return inner.sign(message);
      }
    };
  }

  @Test
  void badNonce_isRetriedWithAFreshNonce() throws Exception {
    DdcClient racing = DdcClient.builder(ledger, uni, racingSigner(3)).signOutsideLock().build();
    Minted m = racing.mint721(alice, Map.of("k", "v"), "race-1");
    assertThat(m.id()).isEqualTo(4);  // three rival mints went first
    assertThat(ledger.state().latestDdcId()).isEqualTo(4);
    assertThat(ledger.metadata(4)).isPresent();
  }

  @Test
  void badNonce_afterTheLastAttempt_isThrown_andNothingChanges() throws Exception {
    DdcClient racing = DdcClient.builder(ledger, uni, racingSigner(2)).signOutsideLock().maxAttempts(2).build();
    assertThatThrownBy(() -> racing.mint721(alice, Map.of("k", "v"), "race-1"))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
          assertThat(e.rule()).isEqualTo(RuleCode.BAD_NONCE);
          assertThat(e.getMessage()).contains("is not above").contains("the next is");
        });
    assertThat(ledger.state().latestDdcId()).isEqualTo(2);  // only the rivals' mints
    assertThat(ledger.state().reference(uni, "race-1")).isEmpty();
    assertThat(ledger.metadata(1)).isEmpty();
  }

  @Test
  void verifiesValidForTheQuickstartFlow() throws Exception {
    long id = university.mint721(alice, Map.of("name", "Li Wei", "degree", "BSc", "gpa", 3.85), "diploma-001").id();
    operator.checkpoint();
    VerificationReport report = BundleVerifier.builder().trust(ORIGIN, OPERATOR_KEY.publicKey())
        .maxAge(Duration.ofDays(30)).build().verify(university.prove(id));
    assertThat(report.valid()).as(report.toString()).isTrue();
    assertThat(report.claims().get().revealed()).hasSize(3);
  }

  /** A store that commits and then reports the commit as failed, once armed: an ambiguous failure. */
  static final class LosesTheAnswer implements io.ddc.ledger.spi.LedgerStore {
    final MemoryLedgerStore inner = new MemoryLedgerStore();
    final java.util.concurrent.atomic.AtomicInteger armed = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger down = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public <T> T write(Work<T> work) throws DdcException {
      if (down.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new io.ddc.ledger.spi.LedgerUnavailableException("connection refused", null);
      }
      T result = inner.write(work);
      if (armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new io.ddc.ledger.spi.LedgerUnavailableException("connection lost after the commit", null);
      }
      return result;
    }

    @Override
    public <T> T read(Read<T> read) throws DdcException {
      return inner.read(read);
    }

    @Override
    public String describe() {
      return "loses-the-answer";
    }

    @Override
    public void close() {
      inner.close();
    }

    @Override
    public java.util.Optional<String> get(String key) {
      return inner.get(key);
    }

    @Override
    public java.util.SortedMap<String, String> scan(String prefix) {
      return inner.scan(prefix);
    }

    @Override
    public long eventCount() {
      return inner.eventCount();
    }

    @Override
    public List<byte[]> events(long from, long to) {
      return inner.events(from, to);
    }

    @Override
    public byte[] readTile(int tree, int level, long index) {
      return inner.readTile(tree, level, index);
    }
  }

  @Test
  void mintCommittedButReportedAsFailed_isRetried_andReturnsTheMintedIdOnce() throws Exception {
    LosesTheAnswer store = new LosesTheAnswer();
    Ledger l = Ledger.builder(store).checkpointSigner(ORIGIN, Signers.sm2(OPERATOR_KEY)).open();
    DdcClient o = DdcClient.initialize(l, ORIGIN, op, "Operator", Signers.sm2(OPERATOR_KEY));
    o.addPlatform(uni, "University", UNI_KEY.publicKey().toUncompressed());
    o.addConsumer(alice, "Alice", uni, ALICE_KEY.publicKey().toUncompressed());
    DdcClient u = DdcClient.of(l, uni, Signers.sm2(UNI_KEY));
    store.armed.set(1);
    Minted m = u.mint721(alice, Map.of("name", "Li Wei"), "amb-1");
    assertThat(m.id()).isEqualTo(1);
    assertThat(m.repeated()).as("the retry found the first attempt's DDC").isTrue();
    assertThat(l.state().latestDdcId()).isEqualTo(1);
    assertThat(l.metadata(1)).isPresent();
    // without a reference a repeat could not be recognised: the failure is the caller's to resolve
    store.armed.set(1);
    assertThatThrownBy(() -> u.mint721(alice, null, null))
        .isInstanceOf(io.ddc.ledger.spi.LedgerUnavailableException.class);
    assertThat(l.state().latestDdcId()).as("applied once, not repeated").isEqualTo(2);
    store.armed.set(1);
    assertThatThrownBy(() -> o.addConsumer(bob, "Bob", uni, Sm2PrivateKey.generate().publicKey().toUncompressed()))
        .isInstanceOf(io.ddc.ledger.spi.LedgerUnavailableException.class);
    assertThat(l.state().account(bob)).as("applied once").isPresent();
    // a store that stays unreachable: an idempotent mint gives up after MAX_UNAVAILABLE_ATTEMPTS
    store.down.set(100);
    assertThatThrownBy(() -> u.mint721(alice, null, "amb-2"))
        .isInstanceOf(io.ddc.ledger.spi.LedgerUnavailableException.class);
    assertThat(store.down.get()).isEqualTo(100 - DdcClient.MAX_UNAVAILABLE_ATTEMPTS);
    store.down.set(1);
    assertThat(u.mint721(alice, null, "amb-2").repeated()).as("one refusal, then minted").isFalse();
  }
}
