package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openssl dgst -sm3} as an independent reference for SM3. */
class Sm3OpenSslTest {
  @BeforeAll
  static void openssl() {
    OpenSsl.require();
  }

  @Test
  void everyLength0To4096_andSeveralLargeOnes_matchOpenSsl(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(99);
    List<String> args = new ArrayList<>(List.of("dgst", "-sm3", "-r"));
    Map<String, byte[]> ours = new HashMap<>();
    List<Integer> lengths = new ArrayList<>();
    for (int len = 0; len <= 4096; len++) {
      lengths.add(len);
    }
    for (int i = 0; i < 3; i++) {
      lengths.add(random.nextInt(1 << 20, 4 << 20));
    }
    for (int len : lengths) {
      byte[] data = new byte[len];
      random.nextBytes(data);
      Path f = dir.resolve("m" + len);
      Files.write(f, data);
      args.add(f.toString());
      ours.put(f.toString(), Sm3.hash(data));
    }
    String out = OpenSsl.ok(args.toArray(new String[0]));
    List<String> failures = new ArrayList<>();
    int lines = 0;
    for (String line : out.split("\n")) {
      String[] parts = line.split(" \\*", 2);
      lines++;
      if (!Hex.encode(ours.get(parts[1])).equals(parts[0])) {
        failures.add(parts[1]);
      }
    }
    assertThat(lines).isEqualTo(lengths.size());
    assertThat(failures).isEmpty();
  }
}
