package io.ddc.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import io.ddc.model.MalformedDataException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link Bundle#parse}'s refusals, each with its message, where PIT found them untested: the size
 * and byte-order-mark checks at their edges, old and unknown versions, unknown and missing members
 * in every nested object, the mint's type and operation, the key-record and proof-length bounds,
 * DDC-1155 holders, revealed fields that are not leaves or not in order, hidden digests out of
 * order, JSON pointers, and how a found value is shown.
 */
class BundleParseTest {
  /** The test resource bundle/valid.json as mutable maps and lists. */
  static Map<String, Object> valid() throws Exception {
    try (InputStream in = BundleParseTest.class.getResourceAsStream("/bundle/valid.json")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> v = (Map<String, Object>) mutable(CanonicalJson.parse(in.readAllBytes()));
      return v;
    }
  }

  static Object mutable(Object v) {
    if (v instanceof Map) {
      Map<String, Object> m = new TreeMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put((String) k, mutable(x)));
      return m;
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      ((List<?>) v).forEach(x -> l.add(mutable(x)));
      return l;
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> at(Map<String, Object> m, String... path) {
    Map<String, Object> here = m;
    for (String p : path) {
      here = (Map<String, Object>) here.get(p);
    }
    return here;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> m, String... path) {
    return (List<Object>) at(m, java.util.Arrays.copyOf(path, path.length - 1)).get(path[path.length - 1]);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> revealed(Map<String, Object> b, int i) {
    return (Map<String, Object>) list(b, "metadata", "revealed").get(i);
  }

  static byte[] bytes(Map<String, Object> b) {
    return CanonicalJson.write(b);
  }

  static Map<String, Object> changed(Consumer<Map<String, Object>> change) throws Exception {
    Map<String, Object> b = valid();
    change.accept(b);
    return b;
  }

  static void assertRejected(Consumer<Map<String, Object>> change, String message) throws Exception {
    byte[] b = bytes(changed(change));
    assertThatThrownBy(() -> Bundle.parse(b)).isInstanceOf(MalformedDataException.class).hasMessage(message);
  }

  static String hex(int i) {
    return String.format("%064x", i);
  }

  @Test
  void theValidBundle_parses_andItsIdIsTheSm3OfItsCanonicalBytes() throws Exception {
    Bundle b = Bundle.parse(bytes(valid()));
    assertThat(b.id().toByteArray()).isEqualTo(Sm3.hash(b.toBytes()));
    assertThat(b.toBytes()).isEqualTo(bytes(valid()));
    assertThat(b).hasToString("Bundle[ddc 2, mint 6, 12 revealed, 0 hidden]");
  }

  @Test
  void theSizeLimit_andTheByteOrderMark_atTheirEdges() throws Exception {
    byte[] json = bytes(valid());
    byte[] exact = (new String(json, StandardCharsets.UTF_8) + " ".repeat(CanonicalJson.MAX_INPUT_BYTES - json.length))
        .getBytes(StandardCharsets.UTF_8);
    assertThat(exact.length).isEqualTo(CanonicalJson.MAX_INPUT_BYTES);
    assertThat(Bundle.parse(exact).ddc()).isEqualTo(2);
    byte[] over = java.util.Arrays.copyOf(exact, exact.length + 1);
    over[over.length - 1] = ' ';
    assertThatThrownBy(() -> Bundle.parse(over)).isInstanceOf(MalformedDataException.class)
        .hasMessage("a bundle is at most 1048576 bytes, but this one is 1048577");
    String bom = "the bundle starts with a UTF-8 byte order mark, which JSON texts must not carry (RFC 8259 §8.1)";
    assertThatThrownBy(() -> Bundle.parse(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}))
        .isInstanceOf(MalformedDataException.class).hasMessage(bom);
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(json, 0, withBom, 3, json.length);
    assertThatThrownBy(() -> Bundle.parse(withBom)).isInstanceOf(MalformedDataException.class).hasMessage(bom);
    assertThatThrownBy(() -> Bundle.parse(new byte[] {(byte) 0xef, (byte) 0xbb}))
        .isInstanceOf(MalformedDataException.class).hasMessageStartingWith("the bundle is not acceptable JSON: ");
  }

  @Test
  void versionOne_isNamedAsSuch_otherVersionsAreUnsupported_andANonIntegerIsMalformed() throws Exception {
    assertThatThrownBy(() -> Bundle.parse(bytes(changed(b -> b.put("v", 1L)))))
        .isInstanceOf(Bundle.UnsupportedVersionException.class).hasMessageStartingWith("this is a version-1 bundle");
    String unsupported = "is not supported; this verifier reads version 2";
    assertThatThrownBy(() -> Bundle.parse(bytes(changed(b -> {
      b.put("v", 1L);
      b.put("type", "other");
    })))).isInstanceOf(Bundle.UnsupportedVersionException.class).hasMessage("bundle version 1 " + unsupported);
    assertThatThrownBy(() -> Bundle.parse(bytes(changed(b -> b.put("v", 3L)))))
        .isInstanceOf(Bundle.UnsupportedVersionException.class).hasMessage("bundle version 3 " + unsupported);
    assertRejected(b -> b.put("v", "2"), "bundle.v must be the integer 2, but is a string");
  }

  @Test
  void unknownAndMissingMembers_areRefused_inEveryObject() throws Exception {
    assertRejected(b -> b.remove("ddc"), "bundle lacks the member \"ddc\"");
    assertRejected(b -> at(b, "issuer", "leaf").put("extra", 1L), "issuer.leaf has the unknown member \"extra\"");
    assertRejected(b -> at(b, "state", "leaf").put("extra", 1L), "state.leaf has the unknown member \"extra\"");
    assertRejected(b -> at(b, "metadata").put("extra", 1L), "metadata has the unknown member \"extra\"");
    assertRejected(b -> revealed(b, 0).put("extra", 1L), "metadata.revealed[0] has the unknown member \"extra\"");
    assertRejected(b -> at(b, "state", "leaf").remove("lastSeq"), "state.leaf lacks the member \"lastSeq\"");
    assertRejected(b -> b.put("consistency", new TreeMap<>(Map.of("from", 1L, "proof", List.of(), "x", 1L))),
        "consistency has the unknown member \"x\"");
    assertRejected(b -> b.put("consistency", new TreeMap<>(Map.of("from", 1L))), "consistency lacks the member \"proof\"");
    Bundle c = Bundle.parse(bytes(changed(b -> b.put("consistency", new TreeMap<>(Map.of("from", 3L,
        "proof", List.of(hex(1))))))));
    assertThat(c.consistency().orElseThrow().from()).isEqualTo(3);
  }

  @Test
  void theShapeOfEachMember_isChecked() throws Exception {
    assertRejected(b -> b.put("checkpoint", 5L), "bundle.checkpoint must be the signed checkpoint note as a string, "
        + "but is an integer");
    assertRejected(b -> b.put("mint", 5L), "mint must be an object, but is an integer");
    assertRejected(b -> at(b, "mint").put("inclusion", "x"), "mint.inclusion must be an array, but is a string");
    assertRejected(b -> revealed(b, 0).put("salt", 5L),
        "metadata.revealed[0].salt must be a hash (64 lowercase hex digits), but is an integer");
    assertRejected(b -> revealed(b, 0).put("path", 5L),
        "metadata.revealed[0].path must be a JSON pointer (string), but is an integer");
  }

  @Test
  void theMintEvent_mustBeAMint_ofAMintOperation() throws Exception {
    assertRejected(b -> at(b, "mint", "event").put("type", "ddc.transferred"),
        "mint.event.type must be \"ddc.minted\", but is \"ddc.transferred\"");
    assertRejected(b -> at(b, "mint", "event").remove("type"), "mint.event.type must be \"ddc.minted\", but is nothing");
    byte[] transfer = bytes(changed(b -> at(b, "mint", "event", "cause", "req").put("op", "ddc721.transfer")));
    assertThatThrownBy(() -> Bundle.parse(transfer)).isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("mint.event.cause.req.op must be one of [")
        .hasMessageEndingWith("], but is \"ddc721.transfer\"");
  }

  /**
   * Bug found here: a mint event without a cause, a request or an operation made {@code parse}
   * throw NullPointerException ({@code Set.of(...).contains(null)}), which escaped
   * {@link Bundles#redact(byte[], List)} and showed in a verification report as a verifier defect.
   */
  @Test
  void aMintEventWithoutAnOperation_isMalformed_notANullPointerException() throws Exception {
    List<Consumer<Map<String, Object>>> changes = List.of(
        b -> at(b, "mint", "event").put("cause", "x"),
        b -> at(b, "mint", "event").remove("cause"),
        b -> at(b, "mint", "event", "cause").remove("req"),
        b -> at(b, "mint", "event", "cause", "req").remove("op"),
        b -> at(b, "mint", "event", "cause", "req").put("op", 5L));
    for (Consumer<Map<String, Object>> change : changes) {
      byte[] bundle = bytes(changed(change));
      assertThatThrownBy(() -> Bundle.parse(bundle)).isInstanceOf(MalformedDataException.class)
          .hasMessageStartingWith("mint.event.cause.req.op must be one of [").hasMessageMatching(".*, but is (nothing|5)");
      assertThatThrownBy(() -> Bundles.redact(bundle, List.of("/name"))).isInstanceOf(MalformedDataException.class);
      VerificationReport r = BundleVerifier.builder().trust("o", io.ddc.crypto.sm.Sm2PrivateKey.generate().publicKey())
          .anyAge().build().verify(bundle);
      assertThat(r.firstFailure().orElseThrow().message()).startsWith("mint.event.cause.req.op must be one of [");
    }
  }

  @Test
  void keyRecords_andProofPaths_haveBounds() throws Exception {
    assertRejected(b -> list(b, "issuer", "leaf", "keys").clear(),
        "issuer.leaf.keys must hold 1 to 32 key records, but holds 0");
    Consumer<Map<String, Object>> keys32 = b -> {
      List<Object> keys = list(b, "issuer", "leaf", "keys");
      Object first = keys.get(0);
      keys.clear();
      keys.addAll(Collections.nCopies(32, first));
    };
    assertThat(Bundle.parse(bytes(changed(keys32))).issuer().leaf().keys()).hasSize(32);
    assertRejected(keys32.andThen(b -> list(b, "issuer", "leaf", "keys").add(list(b, "issuer", "leaf", "keys").get(0))),
        "issuer.leaf.keys must hold 1 to 32 key records, but holds 33");
    Consumer<Map<String, Object>> path64 = b -> {
      List<Object> p = list(b, "mint", "inclusion");
      p.clear();
      p.addAll(Collections.nCopies(64, hex(7)));
    };
    assertThat(Bundle.parse(bytes(changed(path64))).mint().inclusion()).hasSize(64);
    assertRejected(path64.andThen(b -> list(b, "mint", "inclusion").add(hex(7))),
        "mint.inclusion holds 65 hashes, at most 64 accepted");
  }

  @Test
  void aDdc1155_needsItsHolders_andA721MayNotHaveThem() throws Exception {
    Consumer<Map<String, Object>> to1155 = b -> {
      Map<String, Object> leaf = at(b, "state", "leaf");
      leaf.put("kind", "1155");
      leaf.remove("owner");
      leaf.put("owners", hex(9));
    };
    assertRejected(to1155, "state.holders is required for a DDC-1155");
    Bundle b1155 = Bundle.parse(bytes(changed(to1155.andThen(b -> at(b, "state").put("holders",
        new TreeMap<>(Map.of("did:example:alice", 3L)))))));
    assertThat(b1155.state().holders().orElseThrow()).hasSize(1);
    assertRejected(b -> at(b, "state").put("holders", new TreeMap<>()), "state.holders is only for a DDC-1155");
  }

  @Test
  void revealedValues_mustBeLeaves_inPathOrder_withoutAFieldBelowAnother() throws Exception {
    String notLeaf = "metadata.revealed[0].value must be a leaf value (string, number, boolean, null, {} or []), "
        + "but is a non-empty ";
    assertRejected(b -> revealed(b, 0).put("value",
        new TreeMap<>(Map.of("a", 1L))), notLeaf + "object: reveal its fields instead");
    assertRejected(b -> revealed(b, 0).put("value", List.of(1L)),
        notLeaf + "array: reveal its fields instead");
    Bundle empty = Bundle.parse(bytes(changed(b -> {
      revealed(b, 0).put("value", new TreeMap<>());
      revealed(b, 1).put("value", List.of());
    })));
    assertThat(empty.metadata().revealed().get(0).canonicalValue()).isEqualTo("{}");
    assertThat(empty.metadata().revealed().get(1).canonicalValue()).isEqualTo("[]");
    // revealed[0] is /address/city: a field /address above it, sorted first
    assertRejected(b -> {
      Map<String, Object> above = new TreeMap<>(revealed(b, 0));
      above.put("path", "/address");
      list(b, "metadata", "revealed").add(0, above);
    }, "metadata.revealed has both \"/address\" and \"/address/city\" below it: a field is a leaf");
    assertRejected(b -> {
      List<Object> r = list(b, "metadata", "revealed");
      r.add(1, r.get(0));
    }, "metadata.revealed must be sorted by path without repeats, but \"/address/city\" follows \"/address/city\"");
  }

  @Test
  void hiddenDigests_areSortedWithoutRepeats() throws Exception {
    Bundle ok = Bundle.parse(bytes(changed(b -> list(b, "metadata", "hidden").addAll(List.of(hex(1), hex(2), hex(3))))));
    assertThat(ok.metadata().hidden()).hasSize(3);
    assertRejected(b -> list(b, "metadata", "hidden").addAll(List.of(hex(1), hex(2), hex(2))),
        "metadata.hidden must be sorted without repeats, but digest 2 is not above digest 1");
    assertRejected(b -> list(b, "metadata", "hidden").addAll(List.of(hex(2), hex(1))),
        "metadata.hidden must be sorted without repeats, but digest 1 is not above digest 0");
  }

  @Test
  void aPointer_startsWithASlash_andUsesTildeOnlyAsTilde0OrTilde1() throws Exception {
    Bundle.checkPointer("/a~0~1b/~1", "p");
    Bundle.checkPointer("/", "p");
    assertThatThrownBy(() -> Bundle.checkPointer("a/b", "p")).isInstanceOf(MalformedDataException.class)
        .hasMessage("p must be an RFC 6901 JSON pointer starting with \"/\", but is \"a/b\"");
    assertThatThrownBy(() -> Bundle.checkPointer("", "p")).isInstanceOf(MalformedDataException.class)
        .hasMessage("p must be an RFC 6901 JSON pointer starting with \"/\", but is \"\"");
    assertThatThrownBy(() -> Bundle.checkPointer("/a~", "p")).isInstanceOf(MalformedDataException.class)
        .hasMessage("p has \"~\" not followed by 0 or 1 at 2: \"/a~\"");
    assertThatThrownBy(() -> Bundle.checkPointer("/a~2", "p")).isInstanceOf(MalformedDataException.class)
        .hasMessage("p has \"~\" not followed by 0 or 1 at 2: \"/a~2\"");
  }

  @Test
  void aFoundString_isShownUpTo80Characters_andNothingAsNothing() {
    assertThat(Bundle.show("x".repeat(80))).isEqualTo("\"" + "x".repeat(80) + "\"");
    assertThat(Bundle.show("x".repeat(81))).isEqualTo("\"" + "x".repeat(80) + "...\"");
    assertThat(Bundle.show(null)).isEqualTo("nothing");
    assertThat(Bundle.show(5L)).isEqualTo("5");
  }
}
