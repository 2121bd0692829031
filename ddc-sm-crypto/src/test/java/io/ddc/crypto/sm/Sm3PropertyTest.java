package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the incremental digest. */
class Sm3PropertyTest {

  @Property(tries = 300)
  void anySplitOfTheMessage_givesTheOneShotDigest(
      @ForAll @Size(max = 700) byte[] message, @ForAll @Size(max = 8) List<@IntRange(max = 700) Integer> cuts) {
    Sm3Digest d = new Sm3Digest();
    int pos = 0;
    for (int cut : cuts.stream().sorted().toList()) {
      int c = Math.min(cut, message.length);
      if (c > pos) {
        d.update(message, pos, c - pos);
        pos = c;
      }
    }
    d.update(message, pos, message.length - pos);
    assertThat(d.digest()).isEqualTo(Sm3.hash(message));
  }

  @Property(tries = 200)
  void digestResets_soTheObjectIsReusable(@ForAll @Size(max = 300) byte[] a, @ForAll @Size(max = 300) byte[] b) {
    Sm3Digest d = new Sm3Digest();
    assertThat(d.update(a).digest()).isEqualTo(Sm3.hash(a));
    assertThat(d.update(b).digest()).isEqualTo(Sm3.hash(b));
  }
}
