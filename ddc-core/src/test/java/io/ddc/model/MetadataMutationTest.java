package io.ddc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Sm3;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bounds of {@link Metadata} at their edges, found untested by PIT: the field count and the
 * paths' byte total (counted in UTF-8 for one-, two-, three- and four-byte characters) accepted
 * exactly at the limit and refused one past it, the messages naming the field, the empty document,
 * the length prefixes of a field digest beyond one byte, and the disclosure JSON's refusals.
 */
class MetadataMutationTest {
  private static Metadata create(String json) throws MalformedDataException {
    return Metadata.create(json.getBytes(StandardCharsets.UTF_8), new SecureRandom());
  }

  /** {@code n} members {@code "<prefix><i, 4 digits>": i}. */
  private static String manyFields(int n, String prefix) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(prefix).append(String.format("%04d", i)).append("\":").append(i);
    }
    return sb.append('}').toString();
  }

  @Test
  void anEmptyDocument_hasNoFields_andTheRootOfNoDigests() throws Exception {
    Metadata m = create("{}");
    assertThat(m.fields()).isEmpty();
    assertThat(m.root()).isEqualTo(Metadata.rootOf(List.of()));
    assertThat(m.root().toByteArray()).isEqualTo(Sm3.hash("ddc/metadata/v1\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(m).hasToString("Metadata[0 fields, root " + m.root() + "]");
  }

  @Test
  void exactlyMaxFields_areAccepted_andTheOneBeyondIsNamed() throws Exception {
    assertThat(create(manyFields(Metadata.MAX_FIELDS, "f")).fields()).hasSize(4096);
    assertThatThrownBy(() -> create(manyFields(Metadata.MAX_FIELDS + 1, "f")))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("metadata has 4097 fields or more (field 4097 is /f4096); at most 4096 accepted");
    // a path of 60 characters is shown whole, a longer one is cut at 60
    String p59 = "k".repeat(55);
    assertThatThrownBy(() -> create(manyFields(Metadata.MAX_FIELDS + 1, p59))).hasMessageContaining(
        "(field 4097 is /" + p59 + "4096); ");
    String p60 = "k".repeat(56);
    assertThatThrownBy(() -> create(manyFields(Metadata.MAX_FIELDS + 1, p60))).hasMessageContaining(
        "(field 4097 is /" + p60 + "409...); ");
  }

  /**
   * A document whose paths take exactly {@code Metadata.MAX_PATH_BYTES + extra} bytes: 64 fields
   * under one long key, then one field whose key mixes characters of one to four UTF-8 bytes.
   */
  private static String pathsOf(int extra) {
    String big = "k".repeat(16_000);
    StringBuilder sb = new StringBuilder("{\"").append(big).append("\":[");
    long total = 0;
    for (int i = 0; i < 64; i++) {
      sb.append(i == 0 ? "" : ",").append(i);
      total += ("/" + big + "/" + i).length();
    }
    String mixed = "\u007f\u0080\u07ff\u0800\uffff\ud83d\ude00"; // 1 + 2 + 2 + 3 + 3 + 4 = 15 bytes
    long fill = Metadata.MAX_PATH_BYTES + extra - total - 1 - 15;
    return sb.append("],\"").append(mixed).append("z".repeat((int) fill)).append("\":true}").toString();
  }

  @Test
  void pathsOfExactlyMaxPathBytes_areAccepted_countedInUtf8_andOneByteMoreIsRefused() throws Exception {
    Metadata m = create(pathsOf(0));
    assertThat(m.fields()).hasSize(65);
    long bytes = 0;
    for (Metadata.Disclosed f : m.fields()) {
      bytes += f.path().getBytes(StandardCharsets.UTF_8).length;
    }
    assertThat(bytes).isEqualTo(Metadata.MAX_PATH_BYTES);
    String over = pathsOf(1);
    assertThatThrownBy(() -> create(over)).isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("metadata's field paths take more than 1048576 bytes of UTF-8 together (found 1048577 "
            + "bytes by field 65, whose path alone is at least ");
  }

  @Test
  void fieldDigest_lengthPrefixesAreFourBytesBigEndian_beyondTheFirstByte() {
    Hash salt = Hash.of(Sm3.hash(new byte[] {7}));
    String path = "/" + "p".repeat(299);
    for (int valueLength : new int[] {70_000, (1 << 24) + 3}) {
      String value = "\"" + "v".repeat(valueLength - 2) + "\"";
      byte[] p = path.getBytes(StandardCharsets.UTF_8);
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(13 + 32 + 8 + p.length + v.length);
      b.put("ddc/field/v1\n".getBytes(StandardCharsets.US_ASCII)).put(salt.toByteArray())
          .put(new byte[] {0, 0, 1, 44}).put(p)
          .put(new byte[] {(byte) (valueLength >>> 24), (byte) (valueLength >>> 16), (byte) (valueLength >>> 8),
              (byte) valueLength}).put(v);
      assertThat(Metadata.fieldDigest(salt, path, value).toByteArray()).as("value of %d bytes", valueLength)
          .isEqualTo(Sm3.hash(b.array()));
    }
  }

  @Test
  void fieldDigests_needSaltsPathsAndValuesInEqualNumber() {
    Hash salt = Hash.of(new byte[32]);
    assertThatThrownBy(() -> Metadata.fieldDigests(List.of(salt), List.of("/a", "/b"), List.of("1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("salts, paths and values differ in number");
    assertThatThrownBy(() -> Metadata.fieldDigests(List.of(salt), List.of("/a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("salts, paths and values differ in number");
  }

  @Test
  void theDisclosureJson_roundTrips_andRefusesAnythingElse() throws Exception {
    Metadata m = create("{\"name\":\"Li Wei\",\"gpa\":3.85,\"tags\":[]}");
    String json = m.toDisclosureJson();
    assertThat(json).startsWith("[{\"path\":\"/gpa\",\"salt\":\"" + m.fields().get(0).salt().hex() + "\",\"value\":\"3.85\"}");
    Metadata back = Metadata.fromDisclosureJson(json);
    assertThat(back.fields()).isEqualTo(m.fields());
    assertThat(back.root()).isEqualTo(m.root());
    assertThat(back.document()).isNull();

    String salt = m.fields().get(0).salt().hex();
    String[][] cases = {
        {"[", "a metadata disclosure is not JSON: "},
        {"{}", "metadata disclosure must be an array"},
        {"[1]", "a metadata disclosure entry must be {path, salt, value} strings"},
        {"[{\"path\":1,\"salt\":\"" + salt + "\",\"value\":\"1\"}]", "a metadata disclosure entry must be {path, salt, value} strings"},
        {"[{\"path\":\"/a\",\"salt\":\"" + salt + "\",\"value\":1}]", "a metadata disclosure entry must be {path, salt, value} strings"},
        {"[{\"path\":\"/a\",\"value\":\"1\"}]", "a metadata disclosure entry must be {path, salt, value} strings"},
        {"[{\"path\":\"/a\",\"salt\":\"00\",\"value\":\"1\"}]", "a hash is 64 hex digits, but got 2"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> Metadata.fromDisclosureJson(c[0])).as(c[0]).isInstanceOf(MalformedDataException.class)
          .hasMessageContaining(c[1]);
    }
    Metadata full = create(manyFields(Metadata.MAX_FIELDS, "f"));
    assertThat(Metadata.fromDisclosureJson(full.toDisclosureJson()).root()).isEqualTo(full.root());
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i <= Metadata.MAX_FIELDS; i++) {
      entries.add("x");
    }
    String tooMany = new String(io.ddc.json.CanonicalJson.write(entries), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Metadata.fromDisclosureJson(tooMany)).isInstanceOf(MalformedDataException.class)
        .hasMessage("a metadata disclosure has 4097 fields, at most 4096 accepted");
  }
}
