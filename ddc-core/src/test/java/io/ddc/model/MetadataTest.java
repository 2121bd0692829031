package io.ddc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.Sm3;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Certificate metadata: fields, salts, digests, the root, and the inputs that are refused. */
class MetadataTest {
  private static final byte[] DIPLOMA = ("{\"name\":\"Li Wei\",\"gpa\":385,\"degree\":\"BSc\","
      + "\"address\":{\"city\":\"Wuhan\",\"street/no\":\"Road~1\"},\"courses\":[\"SM2\",\"SM3\"],"
      + "\"honours\":true,\"minor\":null,\"notes\":{},\"tags\":[]}").getBytes(StandardCharsets.UTF_8);

  private static Metadata create(byte[] json) throws MalformedDataException {
    return Metadata.create(json, new SecureRandom());
  }

  @Test
  void fields_areTheLeafValues_namedByJsonPointers() throws Exception {
    Metadata m = create(DIPLOMA);
    List<String> paths = new ArrayList<>();
    m.fields().forEach(f -> paths.add(f.path() + "=" + f.value()));
    assertThat(paths).containsExactly("/address/city=\"Wuhan\"", "/address/street~1no=\"Road~1\"",
        "/courses/0=\"SM2\"", "/courses/1=\"SM3\"", "/degree=\"BSc\"", "/gpa=385", "/honours=true",
        "/minor=null", "/name=\"Li Wei\"", "/notes={}", "/tags=[]");
    assertThat(Metadata.escape("a~/b")).isEqualTo("a~0~1b");
  }

  @Test
  void fieldDigest_isSm3OverDomainSaltAndLengthPrefixedPathAndValue() {
    Hash salt = Hash.of(new byte[32]);
    byte[] expected = Sm3.hash(concat("ddc/field/v1\n".getBytes(StandardCharsets.US_ASCII), new byte[32],
        new byte[] {0, 0, 0, 4}, "/gpa".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 3},
        "385".getBytes(StandardCharsets.UTF_8)));
    assertThat(Metadata.fieldDigest(salt, "/gpa", "385").toByteArray()).isEqualTo(expected);
    assertThat(Metadata.fieldDigest(salt, "/gp", "a385")).isNotEqualTo(Metadata.fieldDigest(salt, "/gpa", "385"));
  }

  @Test
  void fieldDigests_inABatch_equalEachFieldDigest_forMixedAndRepeatedLengths() {
    java.util.Random rnd = new java.util.Random(7);
    java.util.List<Hash> salts = new java.util.ArrayList<>();
    java.util.List<String> paths = new java.util.ArrayList<>();
    java.util.List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < 41; i++) {
      byte[] salt = new byte[32];
      rnd.nextBytes(salt);
      salts.add(Hash.of(salt));
      paths.add("/f" + (i % 7));
      values.add("\"" + "x".repeat(rnd.nextInt(3) * 40 + i % 2) + "\"");
    }
    for (int i = 0; i < 10; i++) { // one group large enough for the multi-buffer path
      salts.add(Hash.of(Sm3.hash(new byte[] {(byte) i})));
      paths.add("/same");
      values.add("\"v\"");
    }
    java.util.List<Hash> batch = Metadata.fieldDigests(salts, paths, values);
    for (int i = 0; i < salts.size(); i++) {
      assertThat(batch.get(i)).as("field %s", i).isEqualTo(Metadata.fieldDigest(salts.get(i), paths.get(i),
          values.get(i)));
    }
    assertThat(Metadata.fieldDigests(java.util.List.of(), java.util.List.of(), java.util.List.of())).isEmpty();
  }

  @Test
  void root_isOverSortedDigests_soOrderAndHiddenPositionsLeakNothing() throws Exception {
    Metadata m = create(DIPLOMA);
    List<Hash> digests = new ArrayList<>();
    m.fields().forEach(f -> digests.add(f.digest()));
    Collections.shuffle(digests, new java.util.Random(1));
    assertThat(Metadata.rootOf(digests)).isEqualTo(m.root());
    // the formula, with Bouncy Castle's SM3 as an independent implementation
    List<Hash> sorted = new ArrayList<>(digests);
    Collections.sort(sorted);
    org.bouncycastle.crypto.digests.SM3Digest bc = new org.bouncycastle.crypto.digests.SM3Digest();
    byte[] domain = "ddc/metadata/v1\n".getBytes(StandardCharsets.US_ASCII);
    bc.update(domain, 0, domain.length);
    for (Hash h : sorted) {
      bc.update(h.toByteArray(), 0, 32);
    }
    byte[] want = new byte[32];
    bc.doFinal(want, 0);
    assertThat(m.root().toByteArray()).isEqualTo(want);
    assertThat(sorted.get(0).toString().compareTo(sorted.get(1).toString())).as("sorted by value").isNegative();
    digests.remove(0);
    assertThat(Metadata.rootOf(digests)).isNotEqualTo(m.root());
  }

  @Test
  void freshSalts_giveDifferentRootsForTheSameDocument() throws Exception {
    Set<Hash> roots = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      roots.add(create(DIPLOMA).root());
    }
    assertThat(roots).hasSize(20);
  }

  @Test
  void changingAnyValueOrSalt_changesTheRoot() throws Exception {
    Metadata m = create(DIPLOMA);
    for (int i = 0; i < m.fields().size(); i++) {
      List<Hash> digests = new ArrayList<>();
      for (int j = 0; j < m.fields().size(); j++) {
        Metadata.Disclosed f = m.fields().get(j);
        digests.add(j == i ? Metadata.fieldDigest(f.salt(), f.path(), f.value() + " ") : f.digest());
      }
      assertThat(Metadata.rootOf(digests)).isNotEqualTo(m.root());
    }
  }

  @Test
  void numbersWithAFraction_areFields_writtenAsEcmaScriptDoes() throws Exception {
    Metadata m = create("{\"gpa\":3.85,\"credits\":240.0,\"ratio\":1e-7}".getBytes(StandardCharsets.UTF_8));
    List<String> fields = new ArrayList<>();
    m.fields().forEach(f -> fields.add(f.path() + "=" + f.value()));
    assertThat(fields).containsExactly("/credits=240", "/gpa=3.85", "/ratio=1e-7");
    Metadata.Disclosed gpa = m.fields().get(1);
    assertThat(gpa.digest()).isEqualTo(Metadata.fieldDigest(gpa.salt(), "/gpa", "3.85"));
    assertThat(((java.util.Map<?, ?>) m.document()).get("gpa")).isEqualTo(3.85);
  }

  @Test
  void unacceptableJson_isRejectedClearly() {
    String[][] cases = {
        {"{\"gpa\":NaN}", "NaN"},
        {"{\"gpa\":1e400}", "beyond the range of a double"},
        {"{\"a\":1,\"a\":2}", "Duplicate"},
        {"[1,2]", "must be a JSON object"},
        {"\"text\"", "must be a JSON object"},
        {"{\"a\":9007199254740992}", "expected a number within ±(2^53 - 1)"},
        {"{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}", "depth"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> create(c[0].getBytes(StandardCharsets.UTF_8))).as(c[0])
          .isInstanceOf(MalformedDataException.class).hasMessageContaining(c[1]);
    }
    assertThatThrownBy(() -> create(Hex.decode("7b2261223a2280227d"))).isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("UTF-8");
  }

  /** 20 nested keys of 40,000 characters above an array of 4,000 elements: 808 KB of JSON. */
  static byte[] longKeysAboveALongArray() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append("{\"").append(String.valueOf((char) ('a' + i)).repeat(40_000)).append("\":");
    }
    sb.append('[');
    for (int i = 0; i < 4000; i++) {
      sb.append(i == 0 ? "" : ",").append('0');
    }
    sb.append(']').append("}".repeat(20));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Attack (issue 14, finding 6): 808 KB of metadata whose 4,000 fields each have an 800,000-byte
   * path. {@code create} built every path (3.2 GB) before checking any limit and ran out of memory
   * at -Xmx1g. Now the walk stops at the paths' byte bound, quickly and in little memory.
   */
  @Test
  void longKeysAboveALongArray_areRejectedQuicklyInLittleMemory() {
    byte[] json = longKeysAboveALongArray();
    assertThat(json.length).isBetween(800_000, 820_000);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long a0 = threads.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> create(json)).isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("paths take more than " + Metadata.MAX_PATH_BYTES + " bytes")
        .hasMessageContaining("accepted");
    long allocated = threads.getCurrentThreadAllocatedBytes() - a0;
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(allocated).as("bytes allocated for %d bytes of input", json.length)
        .isLessThan(64L * json.length + (16 << 20));
    assertThat(millis).as("milliseconds").isLessThan(1000);
  }

  @Test
  void pathsUpToTheBound_areAccepted() throws Exception {
    // 64 fields under a key of 16,000 characters: 1,024,xxx bytes of paths, just over; 60 fields pass
    String key = "k".repeat(16_000);
    StringBuilder sb = new StringBuilder("{\"" + key + "\":[");
    for (int i = 0; i < 60; i++) {
      sb.append(i == 0 ? "" : ",").append(i);
    }
    assertThat(create(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8)).fields()).hasSize(60);
    StringBuilder over = new StringBuilder("{\"" + key + "\":[");
    for (int i = 0; i < 70; i++) {
      over.append(i == 0 ? "" : ",").append(i);
    }
    assertThatThrownBy(() -> create(over.append("]}").toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("by field 66");
  }

  @Test
  void tooManyFields_areRejected() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i <= Metadata.MAX_FIELDS; i++) {
      sb.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
    }
    byte[] json = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> create(json)).isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("4097 fields");
  }

  @Test
  void toString_showsNoValuesOrSalts() throws Exception {
    Metadata m = create(DIPLOMA);
    assertThat(m.toString()).doesNotContain("Li Wei").doesNotContain(m.fields().get(0).salt().hex());
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
