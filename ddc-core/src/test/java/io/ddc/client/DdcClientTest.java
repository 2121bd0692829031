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
import io.ddc.model.Role;
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

  // ---- issue 19: every BSN operation has a typed facade method ----

  /** Asserts that {@code call} is rejected with {@code rule} and that the ledger did not change (no event). */
  private void rejectedUnchanged(RuleCode rule, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    long size = ledger.size();
    assertThatThrownBy(call).isInstanceOfSatisfying(RequestRejectedException.class,
        e -> assertThat(e.rule()).isEqualTo(rule));
    assertThat(ledger.size()).as("a rejection appends nothing").isEqualTo(size);
  }

  private byte[] newKey() {
    return Sm2PrivateKey.generate().publicKey().toUncompressed();
  }

  @Test
  void setSwitch_turnsSwitchesOnAndOff() throws Exception {
    operator.setSwitch(Switch.PLATFORM_ADD_CONSUMER, true);
    assertThat(operator.state().switchOn(Switch.PLATFORM_ADD_CONSUMER)).isTrue();
    university.addConsumer(Did.of("did:test:carol"), "Carol", uni, newKey());
    rejectedUnchanged(RuleCode.STATE_UNCHANGED, () -> operator.setSwitch(Switch.PLATFORM_ADD_CONSUMER, true));
    rejectedUnchanged(RuleCode.NOT_PERMITTED, () -> university.setSwitch(Switch.BATCH, true));
    assertThat(operator.state().switchOn(Switch.BATCH)).isFalse();
    operator.setSwitch(Switch.PLATFORM_ADD_CONSUMER, false);
    assertThat(operator.state().switchOn(Switch.PLATFORM_ADD_CONSUMER)).isFalse();
  }

  @Test
  void crossPlatformApproval_oneDirection() throws Exception {
    Did emp = Did.of("did:test:employer");
    operator.addPlatform(emp, "Employer", newKey());
    operator.crossPlatformApproval(uni, emp, true);
    assertThat(operator.state().crossPlatformApproved(uni, emp)).isTrue();
    assertThat(operator.state().crossPlatformApproved(emp, uni)).isFalse();
    long id = university.mint721(alice, null, null).id();
    DdcClient.of(ledger, alice, Signers.sm2(ALICE_KEY)).transfer(alice, emp, id);
    assertThat(ledger.state().ddc(id).get().owner()).isEqualTo(emp);
    rejectedUnchanged(RuleCode.INVALID_ARGUMENT, () -> operator.crossPlatformApproval(alice, emp, true));
    rejectedUnchanged(RuleCode.NOT_PERMITTED, () -> university.crossPlatformApproval(uni, emp, false));
    operator.crossPlatformApproval(uni, emp, false);
    assertThat(operator.state().crossPlatformApproved(uni, emp)).isFalse();
  }

  @Test
  void setPermission_editsTheAllowList_andPermissionsListsIt() throws Exception {
    assertThat(operator.state().permissions(Role.CONSUMER)).contains(Operation.DDC721_TRANSFER)
        .containsExactlyElementsOf(Operation.defaultPermissions(Role.CONSUMER));
    assertThat(operator.state().permissions(Role.OPERATOR)).hasSize(Operation.values().length - 1)
        .doesNotContain(Operation.LEDGER_INIT);
    long id = university.mint721(alice, null, null).id();
    operator.setPermission(Role.CONSUMER, Operation.DDC721_TRANSFER, false);
    assertThat(operator.state().permitted(Role.CONSUMER, Operation.DDC721_TRANSFER)).isFalse();
    assertThat(operator.state().permissions(Role.CONSUMER)).doesNotContain(Operation.DDC721_TRANSFER);
    DdcClient aliceClient = DdcClient.of(ledger, alice, Signers.sm2(ALICE_KEY));
    rejectedUnchanged(RuleCode.NOT_PERMITTED, () -> aliceClient.transfer(alice, bob, id));
    rejectedUnchanged(RuleCode.STATE_UNCHANGED,
        () -> operator.setPermission(Role.CONSUMER, Operation.DDC721_TRANSFER, false));
    rejectedUnchanged(RuleCode.NOT_AUTHORIZED,
        () -> operator.setPermission(Role.OPERATOR, Operation.DDC721_MINT, false));
    rejectedUnchanged(RuleCode.INVALID_ARGUMENT,
        () -> operator.setPermission(Role.PLATFORM, Operation.LEDGER_INIT, true));
    operator.setPermission(Role.CONSUMER, Operation.DDC721_TRANSFER, true);
    aliceClient.transfer(alice, bob, id);
    assertThatThrownBy(() -> operator.setPermission(null, Operation.DDC721_MINT, true))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void addAccounts_isOneAllOrNothingBatch_behindTheBatchSwitch() throws Exception {
    List<NewAccount> two = List.of(NewAccount.platform(Did.of("did:test:p2"), "P2", newKey()),
        NewAccount.consumer(Did.of("did:test:c2"), "C2", uni, newKey()));
    rejectedUnchanged(RuleCode.SWITCH_OFF, () -> operator.addAccounts(two));
    assertThat(ledger.state().account(Did.of("did:test:p2"))).isEmpty();
    batchesOn();
    operator.addAccounts(two);
    assertThat(ledger.state().account(Did.of("did:test:c2")).get().leader()).isEqualTo(uni);
    List<NewAccount> clash = List.of(NewAccount.consumer(Did.of("did:test:c3"), "C3", uni, newKey()),
        NewAccount.consumer(alice, "Alice again", uni, newKey()));
    assertThatThrownBy(() -> operator.addAccounts(clash)).isInstanceOfSatisfying(RequestRejectedException.class,
        e -> {
          assertThat(e.rule()).isEqualTo(RuleCode.ACCOUNT_EXISTS);
          assertThat(e.item()).isEqualTo(1);
        });
    assertThat(ledger.state().account(Did.of("did:test:c3"))).as("all or nothing").isEmpty();
    // a platform adds its own consumers (leader null: itself) once the platform switch is on
    operator.setSwitch(Switch.PLATFORM_ADD_CONSUMER, true);
    university.addAccounts(List.of(NewAccount.consumer(Did.of("did:test:c4"), "C4", null, newKey())));
    assertThat(ledger.state().account(Did.of("did:test:c4")).get().leader()).isEqualTo(uni);
    assertThatThrownBy(() -> operator.addAccounts(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(NewAccount.platform(Did.of("did:test:p9"), "P9", newKey()).toString())
        .isEqualTo("NewAccount[platform did:test:p9]");
  }

  @Test
  void selfRecharge_andRechargeBatch() throws Exception {
    operator.selfRecharge(100);
    assertThat(operator.state().pointsIssued()).isEqualTo(100);
    assertThat(operator.state().points(op)).isEqualTo(100);
    rejectedUnchanged(RuleCode.NOT_PERMITTED, () -> university.selfRecharge(5));
    Did p2 = Did.of("did:test:p2");
    operator.addPlatform(p2, "P2", newKey());
    rejectedUnchanged(RuleCode.SWITCH_OFF, () -> operator.rechargeBatch(List.of(uni, p2), List.of(30L, 20L)));
    batchesOn();
    operator.rechargeBatch(List.of(uni, p2), List.of(30L, 20L));
    assertThat(ledger.state().points(uni)).isEqualTo(30);
    assertThat(ledger.state().points(p2)).isEqualTo(20);
    assertThat(ledger.state().points(op)).isEqualTo(50);
    rejectedUnchanged(RuleCode.INSUFFICIENT_BALANCE,
        () -> operator.rechargeBatch(List.of(uni, p2), List.of(10L, 45L)));
    assertThat(ledger.state().points(uni)).as("all or nothing").isEqualTo(30);
    assertThatThrownBy(() -> operator.rechargeBatch(List.of(uni), List.of(1L, 2L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 receivers but 2 amounts");
    assertThatThrownBy(() -> operator.rechargeBatch(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setFee_deleteFee_settle() throws Exception {
    operator.selfRecharge(100);
    operator.recharge(uni, 10);
    operator.setFee(Operation.DDC721_MINT, 2);
    assertThat(operator.state().fee(Operation.DDC721_MINT)).hasValue(2);
    rejectedUnchanged(RuleCode.INVALID_ARGUMENT, () -> operator.setFee(Operation.ACCOUNT_ADD, 1));
    rejectedUnchanged(RuleCode.NOT_PERMITTED, () -> university.setFee(Operation.DDC721_MINT, 0));
    university.mint721(alice, null, null);
    assertThat(operator.state().collected(DdcKind.DDC_721)).isEqualTo(2);
    assertThat(ledger.state().points(uni)).isEqualTo(8);
    rejectedUnchanged(RuleCode.INSUFFICIENT_BALANCE, () -> operator.settle(DdcKind.DDC_721, 3));
    rejectedUnchanged(RuleCode.NOT_PERMITTED, () -> university.settle(DdcKind.DDC_721, 1));
    operator.settle(DdcKind.DDC_721, 2);
    assertThat(operator.state().collected(DdcKind.DDC_721)).isZero();
    assertThat(operator.state().points(op)).isEqualTo(92);
    operator.deleteFee(Operation.DDC721_MINT);
    assertThat(operator.state().fee(Operation.DDC721_MINT)).isEmpty();
    rejectedUnchanged(RuleCode.STATE_UNCHANGED, () -> operator.deleteFee(Operation.DDC721_MINT));
  }

  @Test
  void safeMintAndSafeTransfers_askTheReceiverCheck_withTheData() throws Exception {
    java.util.concurrent.atomic.AtomicReference<byte[]> seen = new java.util.concurrent.atomic.AtomicReference<>();
    io.ddc.engine.ReceiverCheck check = (operator, from, to, kind, ddcId, amount, data) -> {
      seen.set(data);
      return !to.equals(bob);
    };
    ledger = Ledger.builder(new MemoryLedgerStore()).engine(io.ddc.engine.Engine.create(check)).open();
    operator = DdcClient.initialize(ledger, ORIGIN, op, "Operator", Signers.sm2(OPERATOR_KEY));
    operator.addPlatform(uni, "University", UNI_KEY.publicKey().toUncompressed());
    operator.addConsumer(alice, "Alice", uni, ALICE_KEY.publicKey().toUncompressed());
    operator.addConsumer(bob, "Bob", uni, newKey());
    university = DdcClient.of(ledger, uni, Signers.sm2(UNI_KEY));
    DdcClient aliceClient = DdcClient.of(ledger, alice, Signers.sm2(ALICE_KEY));

    long id = university.safeMint721(alice, "https://uni.example/1", new byte[] {1, 2}).id();
    assertThat(seen.get()).containsExactly(1, 2);
    assertThat(ledger.state().ddc(id).get().uri()).isEqualTo("https://uni.example/1");
    rejectedUnchanged(RuleCode.RECEIVER_REJECTED, () -> university.safeMint721(bob, null, null));
    assertThat(ledger.state().latestDdcId()).isEqualTo(id);
    long viaMint = university.mint(Mint.ddc721(alice, "s-1").safe(new byte[] {7})).id();
    assertThat(seen.get()).containsExactly(7);
    assertThatThrownBy(() -> university.batchMint(List.of(Mint.ddc721(alice, "s-2").safe(null),
        Mint.ddc721(alice, "s-3")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one kind");

    rejectedUnchanged(RuleCode.RECEIVER_REJECTED, () -> aliceClient.safeTransfer(alice, bob, id, new byte[] {3}));
    assertThat(ledger.state().ddc(id).get().owner()).isEqualTo(alice);
    aliceClient.transfer(alice, bob, viaMint);
    assertThat(ledger.state().ddc(viaMint).get().owner()).as("a plain transfer asks no check").isEqualTo(bob);
    Did carol = Did.of("did:test:carol");
    operator.addConsumer(carol, "Carol", uni, newKey());
    aliceClient.safeTransfer(alice, carol, id, new byte[] {4});
    assertThat(seen.get()).containsExactly(4);
    assertThat(ledger.state().ddc(id).get().owner()).isEqualTo(carol);

    long d1155 = university.mint1155(alice, 5, null, null).id();
    aliceClient.safeTransfer(alice, carol, d1155, 2, new byte[] {5});
    assertThat(seen.get()).containsExactly(5);
    assertThat(ledger.state().balance(d1155, carol)).isEqualTo(2);
    rejectedUnchanged(RuleCode.RECEIVER_REJECTED, () -> aliceClient.safeTransfer(alice, bob, d1155, 1, null));
    assertThatThrownBy(() -> aliceClient.safeTransfer(alice, carol, id, 1, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DDC-721");
    assertThatThrownBy(() -> aliceClient.safeTransfer(alice, carol, d1155, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DDC-1155");
    assertThatThrownBy(() -> university.safeMint721(alice, null, new byte[1025]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void batchTransfer_andBurnBatch_ofDdc1155() throws Exception {
    DdcClient aliceClient = DdcClient.of(ledger, alice, Signers.sm2(ALICE_KEY));
    long a = university.mint1155(alice, 10, null, null).id();
    long b = university.mint1155(alice, 5, null, null).id();
    aliceClient.batchTransfer(alice, bob, List.of(a, b), List.of(3L, 5L), null);
    assertThat(ledger.state().balanceOfBatch(List.of(a, b, a), List.of(alice, bob, bob))).containsExactly(7, 5, 3);
    assertThatThrownBy(() -> aliceClient.batchTransfer(alice, bob, List.of(a, b), List.of(1L, 1L), null))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
          assertThat(e.rule()).isEqualTo(RuleCode.INSUFFICIENT_BALANCE);
          assertThat(e.item()).isEqualTo(1);
        });
    assertThat(ledger.state().balance(a, alice)).as("all or nothing").isEqualTo(7);
    assertThatThrownBy(() -> aliceClient.batchTransfer(alice, bob, List.of(a), List.of(1L, 2L), null))
        .isInstanceOf(IllegalArgumentException.class);

    rejectedUnchanged(RuleCode.INSUFFICIENT_BALANCE, () -> aliceClient.burnBatch(alice, List.of(a, b)));
    assertThat(ledger.state().balance(a, alice)).isEqualTo(7);
    rejectedUnchanged(RuleCode.NOT_AUTHORIZED, () -> aliceClient.burnBatch(bob, List.of(a, b)));
    aliceClient.burnBatch(alice, List.of(a));
    assertThat(ledger.state().balance(a, alice)).isZero();
    assertThat(ledger.state().balance(a, bob)).isEqualTo(3);
    assertThatThrownBy(() -> aliceClient.burnBatch(alice, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setNameAndSymbol_andTheQueries() throws Exception {
    assertThat(operator.state().nameAndSymbol(DdcKind.DDC_721)).isEmpty();
    operator.setNameAndSymbol("Diplomas", "DIP");
    assertThat(operator.state().nameAndSymbol(DdcKind.DDC_721)).hasValue(List.of("Diplomas", "DIP"));
    rejectedUnchanged(RuleCode.NOT_PERMITTED, () -> university.setNameAndSymbol("Mine", "MINE"));
    assertThat(operator.state().nameAndSymbol(DdcKind.DDC_721)).hasValue(List.of("Diplomas", "DIP"));
    assertThatThrownBy(() -> operator.setNameAndSymbol(null, "X")).isInstanceOf(IllegalArgumentException.class);

    assertThat(university.state().latestDdcId()).isZero();
    long id = university.mint721(alice, null, null).id();
    assertThat(university.state().latestDdcId()).isEqualTo(id);
    assertThat(university.state().approved(id)).isEmpty();
    DdcClient.of(ledger, alice, Signers.sm2(ALICE_KEY)).approve(bob, id);
    assertThat(university.state().approved(id)).hasValue(bob);
    assertThat(university.state().approved(999)).isEmpty();
  }

  @Test
  void relayedClient_theRelayerCountersignsAndPays() throws Exception {
    operator.selfRecharge(100);
    operator.recharge(uni, 10);
    operator.setFee(Operation.DDC721_TRANSFER, 3);
    long id = university.mint721(alice, null, null).id();
    DdcClient relayed = DdcClient.builder(ledger, alice, Signers.sm2(ALICE_KEY)).relayer(uni, Signers.sm2(UNI_KEY))
        .build();
    assertThat(relayed.toString()).contains("relayed by did:test:uni");
    relayed.transfer(alice, bob, id);
    assertThat(ledger.state().ddc(id).get().owner()).isEqualTo(bob);
    assertThat(ledger.state().points(uni)).as("the relayer paid").isEqualTo(7);
    assertThat(ledger.state().points(alice)).isZero();
    DdcClient wrongKey = DdcClient.builder(ledger, bob, Signers.sm2(ALICE_KEY)).relayer(uni, Signers.sm2(ALICE_KEY))
        .build();
    rejectedUnchanged(RuleCode.BAD_SIGNATURE, () -> wrongKey.transfer(bob, alice, id));
    DdcClient unknown = DdcClient.builder(ledger, alice, Signers.sm2(ALICE_KEY))
        .relayer(Did.of("did:test:nobody"), Signers.sm2(UNI_KEY)).build();
    long two = university.mint721(alice, null, null).id();
    rejectedUnchanged(RuleCode.UNKNOWN_ACCOUNT, () -> unknown.transfer(alice, bob, two));
  }
}
