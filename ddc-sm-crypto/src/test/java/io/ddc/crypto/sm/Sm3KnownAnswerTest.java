package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SM3 against the GB/T 32905-2016 Annex A vectors and OpenSSL's digest of a 3 GiB stream. */
class Sm3KnownAnswerTest {

  @Test
  void standardVectors_allMatch_oneShotAndIncremental() {
    List<String> failures = new ArrayList<>();
    JsonNode vectors = TestResources.smVectors().get("sm3").get("vectors");
    assertThat(vectors.size()).isEqualTo(3);
    for (JsonNode v : vectors) {
      byte[] msg = TestResources.hex(v.get("msg_hex").asText());
      String want = v.get("digest").asText();
      String oneShot = Hex.encode(Sm3.hash(msg));
      Sm3Digest d = new Sm3Digest();
      for (byte b : msg) {
        d.update(b);
      }
      String byteByByte = Hex.encode(d.digest());
      if (!oneShot.equals(want) || !byteByByte.equals(want)) {
        failures.add(v.get("name").asText() + ": want " + want + ", one-shot " + oneShot
            + ", byte by byte " + byteByByte);
      }
    }
    assertThat(failures).isEmpty();
  }

  /** More than 2^31 bytes, not a multiple of the block size, in constant memory. */
  @Test
  void multiGibStream_matchesOpenSsl() throws Exception {
    String[] line = TestResources.text("vectors/sm3-large.txt").strip().split(" ");
    long length = Long.parseLong(line[0]);
    assertThat(length).isGreaterThan(3L << 30);
    try (InputStream zeros = new ZeroStream(length)) {
      assertThat(Hex.encode(Sm3.hash(zeros))).isEqualTo(line[1]);
    }
  }

  /** {@code length} zero bytes, generated on the fly. */
  private static final class ZeroStream extends InputStream {
    private long left;

    ZeroStream(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
