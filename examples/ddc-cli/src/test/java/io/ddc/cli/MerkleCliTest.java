package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact contract of {@code ddc merkle}, checked on the RFC 6962 reference tree. */
class MerkleCliTest {
  /** The eight RFC 6962 reference leaves; the first is the empty leaf. */
  private static final String LEAVES = "\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n";

  @TempDir Path dir;
  private String file;

  @BeforeEach
  void writeLeaves() throws Exception {
    Path f = dir.resolve("leaves.txt");
    Files.writeString(f, LEAVES);
    file = f.toString();
  }

  @Test
  void root_sha256_matchesCertificateTransparency() {
    assertThat(ddc("merkle", "root", "--alg", "sha256", file).out())
        .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n");
    assertThat(ddc("merkle", "root", "--alg", "sha256", "--size", "3", file).out())
        .isEqualTo("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77\n");
    assertThat(ddc("merkle", "root", "--size", "8", file).out())
        .isEqualTo("bc48ba7a709184b5f2a631e1adeb8dc2a0d4c018c1d6cc89b5664fe154c93b38\n");
    assertThat(ddc(new ByteArrayInputStream(new byte[0]), "merkle", "root").out())
        .isEqualTo("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b\n");
  }

  @Test
  void inclusionAndConsistency_matchTransparencyDevProbes_readingStdin() {
    var in = new ByteArrayInputStream(LEAVES.getBytes(StandardCharsets.US_ASCII));
    DdcCliTest.Run incl = ddc(in, "merkle", "inclusion", "--alg", "sha256", "--index", "0");
    assertThat(incl.code()).isZero();
    assertThat(incl.out()).isEqualTo(String.join("\n",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4") + "\n");
    assertThat(ddc("merkle", "consistency", "--alg", "sha256", "--old", "1", file).out()).isEqualTo(incl.out());
    assertThat(ddc("merkle", "inclusion", "--index", "0", "--size", "1", file)).isEqualTo(new DdcCliTest.Run(0, "", ""));
    assertThat(ddc("merkle", "consistency", "--old", "4", "--size", "4", file)).isEqualTo(new DdcCliTest.Run(0, "", ""));
  }

  @Test
  void outOfRangeArguments_exit2WithAClearMessage() throws Exception {
    assertThat(ddc("merkle", "inclusion", "--index", "8", file).err())
        .isEqualTo("ddc merkle inclusion: --index 8 is not below the tree size 8\n");
    assertThat(ddc("merkle", "consistency", "--old", "5", "--size", "4", file).err())
        .isEqualTo("ddc merkle consistency: --old 5 is greater than the tree size 4\n");
    assertThat(ddc("merkle", "consistency", "--old", "0", file).code()).isEqualTo(2);
    assertThat(ddc("merkle", "root", "--size", "9", file).err()).contains("beyond the 8 leaves");
    for (String[] args : new String[][] {
        {"merkle", "inclusion", "--index", "8", file}, {"merkle", "consistency", "--old", "0", file},
        {"merkle", "root", "--size", "9", file}, {"merkle", "consistency", "--old", "5", "--size", "4", file},
        {"merkle", "inclusion", file}, {"merkle"}}) {
      assertThat(ddc(args).code()).as(String.join(" ", args)).isEqualTo(2);
    }
    Files.writeString(dir.resolve("bad.txt"), "00\nzz\n");
    assertThat(ddc("merkle", "root", dir.resolve("bad.txt").toString()).err()).contains("leaves line 2");
  }
}
