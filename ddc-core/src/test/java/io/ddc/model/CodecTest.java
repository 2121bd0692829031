package io.ddc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests and events: valid files round-trip byte for byte, every malformed file is rejected clearly. */
class CodecTest {
  static byte[] resource(String name) throws IOException {
    try (InputStream in = CodecTest.class.getResourceAsStream("/codec/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  static Stream<String> files(String dir) throws Exception {
    Path p = Path.of(CodecTest.class.getResource("/codec/" + dir).toURI());
    try (Stream<Path> s = Files.list(p)) {
      return s.map(x -> dir + "/" + x.getFileName()).sorted().toList().stream();
    }
  }

  static Stream<String> malformedRequests() throws Exception {
    return files("malformed-request");
  }

  static Stream<String> malformedEvents() throws Exception {
    return files("malformed-event");
  }

  @Test
  void validRequests_roundTripByteForByte() throws Exception {
    for (String n : List.of("valid-request.json", "valid-account-add.json")) {
      byte[] b = resource(n);
      SignedRequest r = SignedRequest.fromBytes(b);
      assertThat(r.toBytes()).as(n).isEqualTo(b);
    }
    SignedRequest r = SignedRequest.fromBytes(resource("valid-request.json"));
    assertThat(r.header().operation()).isEqualTo(Operation.DDC721_MINT);
    assertThat(r.header().relayer()).contains(Did.of("did:bsn:relayer"));
    assertThat(r.items()).hasSize(2);
    assertThat(r.items().get(0).optString("ref")).contains("diploma-2026-0001");
  }

  @Test
  void validEvent_roundTrips_andItsCauseIsItemOfTheRequest() throws Exception {
    byte[] b = resource("valid-event.json");
    Event e = Event.fromBytes(b);
    assertThat(e.toBytes()).isEqualTo(b);
    assertThat(e.type()).isEqualTo(EventType.MINTED);
    SignedRequest r = SignedRequest.fromBytes(resource("valid-request.json"));
    assertThat(e.cause().header()).isEqualTo(r.header());
    assertThat(e.cause().item()).isEqualTo(r.items().get(1));
    assertThat(e.cause().signature()).isEqualTo(r.signature());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRequests")
  void malformedRequest_isRejectedWithAMessage(String name) throws Exception {
    byte[] b = resource(name);
    assertThatThrownBy(() -> SignedRequest.fromBytes(b)).as(name)
        .isInstanceOf(MalformedDataException.class)
        .satisfies(t -> assertThat(t.getMessage()).isNotBlank())
        .satisfies(t -> assertThat(((MalformedDataException) t).code()).isEqualTo("MALFORMED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedEvents")
  void malformedEvent_isRejectedWithAMessage(String name) throws Exception {
    byte[] b = resource(name);
    assertThatThrownBy(() -> Event.fromBytes(b)).as(name).isInstanceOf(MalformedDataException.class)
        .satisfies(t -> assertThat(t.getMessage()).isNotBlank());
  }

  @Test
  void messages_sayWhatWasExpectedAndWhatWasFound() throws Exception {
    assertThatThrownBy(() -> SignedRequest.fromBytes(resource("malformed-request/nonce-string.json")))
        .hasMessage("request.nonce must be an integer, but is a string");
    assertThatThrownBy(() -> SignedRequest.fromBytes(resource("malformed-request/item-unknown-field.json")))
        .hasMessageContaining("request.items[0] has the unknown field \"owner\"");
    assertThatThrownBy(() -> SignedRequest.fromBytes(resource("malformed-request/root-mismatch.json")))
        .hasMessageContaining("request.root is 9e05789f");
    assertThatThrownBy(() -> Event.fromBytes(resource("malformed-event/cause-only-item-substituted.json")))
        .hasMessageContaining("is not the request's only item");
  }

  /** Numbers with a fraction are JSON values now (metadata may hold them), but integer fields refuse them. */
  @Test
  void integerFields_rejectNumbersWithAFraction_butTakeIntegralOnes() throws Exception {
    assertThatThrownBy(() -> SignedRequest.fromBytes(resource("malformed-request/nonce-float.json")))
        .hasMessage("request.nonce must be an integer, but is the non-integer number 7.5");
    Object item = io.ddc.json.CanonicalJson.parse(("{\"amount\":1.5,\"to\":\"did:bsn:alice\"}")
        .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Item.fromJson(Operation.DDC1155_MINT, item, "request.items[0]"))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("request.items[0].amount must be an integer, but is the non-integer number 1.5");
    Object integral = io.ddc.json.CanonicalJson.parse(("{\"amount\":2.0,\"to\":\"did:bsn:alice\"}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(Item.fromJson(Operation.DDC1155_MINT, integral, "request.items[0]").number("amount")).isEqualTo(2);
  }

  /** Seeded structure-blind mutation: only MalformedDataException (or success) may come out. */
  @Test
  void mutatedInputs_onlyEverThrowMalformedDataException() throws Exception {
    byte[][] seeds = {resource("valid-request.json"), resource("valid-event.json"),
        resource("valid-account-add.json")};
    Random rnd = new Random(20261129);
    int rejected = 0;
    int accepted = 0;
    for (int i = 0; i < 6000; i++) {
      byte[] s = seeds[i % seeds.length];
      byte[] m = mutate(s, rnd);
      try {
        if (i % seeds.length == 1) {
          Event.fromBytes(m);
        } else {
          SignedRequest.fromBytes(m);
        }
        accepted++;
      } catch (MalformedDataException e) {
        assertThat(e.getMessage()).isNotBlank();
        rejected++;
      } catch (RuntimeException e) {
        throw new AssertionError("undocumented " + e + " for input: " + new String(m, StandardCharsets.UTF_8), e);
      }
    }
    assertThat(rejected).isGreaterThan(5000);
    assertThat(accepted + rejected).isEqualTo(6000);
  }

  static byte[] mutate(byte[] s, Random rnd) {
    byte[] m = s.clone();
    int kind = rnd.nextInt(4);
    int at = rnd.nextInt(m.length);
    switch (kind) {
      case 0:
        m[at] = (byte) rnd.nextInt(256);
        return m;
      case 1:
        byte[] alphabet = "0123456789abcdef\"{}[],:-.eE ".getBytes(StandardCharsets.US_ASCII);
        m[at] = alphabet[rnd.nextInt(alphabet.length)];
        return m;
      case 2: {
        byte[] out = new byte[m.length - 1];
        System.arraycopy(m, 0, out, 0, at);
        System.arraycopy(m, at + 1, out, at, m.length - at - 1);
        return out;
      }
      default: {
        int len = 1 + rnd.nextInt(Math.min(40, m.length - at));
        byte[] out = new byte[m.length + len];
        System.arraycopy(m, 0, out, 0, at + len);
        System.arraycopy(m, at, out, at + len, m.length - at);
        return out;
      }
    }
  }

  @Test
  void eventBytes_areTheCanonicalJsonOfTheEvent_relayedOrNot() throws Exception {
    io.ddc.crypto.sm.Sm2PrivateKey actorKey = io.ddc.crypto.sm.Sm2PrivateKey.generate(new java.security.SecureRandom());
    io.ddc.crypto.sm.Sm2PrivateKey relayerKey = io.ddc.crypto.sm.Sm2PrivateKey.generate(new java.security.SecureRandom());
    Did actor = Did.of("did:test:uni");
    Item a = Items.mint721(Did.of("did:test:alice"), "https://x.example/\"q\"\u00e9", Hash.of(new byte[32]), "r-1");
    Item b = Items.mint721(Did.of("did:test:bob"), null, Hash.of(new byte[32]), null);
    for (boolean relayed : new boolean[] {false, true}) {
      Request.Builder rb = Request.builder("t.example/\u6d4b", Operation.DDC721_MINT, actor).nonce(7).items(List.of(a, b));
      if (relayed) {
        rb.relayer(Did.of("did:test:relayer"));
      }
      SignedRequest r = rb.build().sign(io.ddc.sign.Signers.sm2(actorKey));
      if (relayed) {
        r = r.relay(io.ddc.sign.Signers.sm2(relayerKey));
      }
      for (int i = 0; i < 2; i++) {
        Event e = Event.of(EventType.MINTED, 1_790_000_000_123L, r.cause(i), java.util.Map.of("ddc", 5L + i, "kind",
            DdcKind.DDC_721, "to", r.items().get(i).raw("to"), "creator", actor, "amount", 1L, "locked", false,
            "metadataRoot", Hash.of(new byte[32])));
        assertThat(new String(e.toBytes(), StandardCharsets.UTF_8)).as("relayed %s, item %s", relayed, i)
            .isEqualTo(new String(io.ddc.json.CanonicalJson.write(e.toJson()), StandardCharsets.UTF_8));
        assertThat(Event.fromBytes(e.toBytes()).toBytes()).isEqualTo(e.toBytes());
        assertThat(new String(e.toBytes(), StandardCharsets.UTF_8)).contains(relayed ? "\"relayerSig\":\"" : "\"req\":");
      }
    }
  }

  @Test
  void eventFromPairs_equalsEventFromAMap_andRejectsWhatDoesNotFit() throws Exception {
    io.ddc.crypto.sm.Sm2PrivateKey k = io.ddc.crypto.sm.Sm2PrivateKey.generate(new java.security.SecureRandom());
    Did actor = Did.of("did:test:uni");
    SignedRequest r = Request.builder("t.example", Operation.DDC721_MINT, actor).nonce(1)
        .items(List.of(Items.mint721(Did.of("did:test:alice"), null, null, null))).build()
        .sign(io.ddc.sign.Signers.sm2(k));
    java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("ddc", 5L);
    data.put("kind", DdcKind.DDC_721);
    data.put("to", Did.of("did:test:alice"));
    data.put("creator", actor);
    data.put("amount", 1);
    data.put("locked", false);
    Event fromMap = Event.of(EventType.MINTED, 7L, r.cause(0), data);
    Event fromPairs = Event.of(EventType.MINTED, 7L, r.cause(0), "ddc", 5L, "kind", DdcKind.DDC_721, "to",
        Did.of("did:test:alice"), "creator", actor, "amount", 1, "locked", false, "uri", null);
    assertThat(fromPairs.toBytes()).isEqualTo(fromMap.toBytes());
    assertThatThrownBy(() -> Event.of(EventType.MINTED, 7L, r.cause(0), "ddc", 5L, "kind", DdcKind.DDC_721, "to",
        actor, "creator", actor, "amount", 1, "locked", false, "colour", "red"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown field \"colour\"");
    assertThatThrownBy(() -> Event.of(EventType.MINTED, 7L, r.cause(0), "ddc", 5L, "kind", DdcKind.DDC_721))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks the required field");
    assertThatThrownBy(() -> Event.of(EventType.MINTED, 7L, r.cause(0), "ddc", 5L, "kind"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
    assertThatThrownBy(() -> Event.of(EventType.MINTED, 7L, r.cause(0), "ddc", 5L, "ddc", 6L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> Event.of(EventType.MINTED, 7L, r.cause(0), "ddc", "five"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ddc");
  }
}
