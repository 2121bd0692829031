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
  void root_isOverSortedDigests_soOrderAndHiddenPositionsLeakNothing() throws Exception {
    Metadata m = create(DIPLOMA);
    List<Hash> digests = new ArrayList<>();
    m.fields().forEach(f -> digests.add(f.digest()));
    Collections.shuffle(digests, new java.util.Random(1));
    assertThat(Metadata.rootOf(digests)).isEqualTo(m.root());
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
  void unacceptableJson_isRejectedClearly() {
    String[][] cases = {
        {"{\"gpa\":3.85}", "only integers"},
        {"{\"gpa\":NaN}", "NaN"},
        {"{\"a\":1,\"a\":2}", "Duplicate"},
        {"[1,2]", "must be a JSON object"},
        {"\"text\"", "must be a JSON object"},
        {"{\"a\":9007199254740992}", "outside"},
        {"{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}", "depth"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> create(c[0].getBytes(StandardCharsets.UTF_8))).as(c[0])
          .isInstanceOf(MalformedDataException.class).hasMessageContaining(c[1]);
    }
    assertThatThrownBy(() -> create(Hex.decode("7b2261223a2280227d"))).isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("UTF-8");
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
