package io.ddc.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Hex;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The log's roots and proofs against the reference tree and known answers. */
class MerkleLogTest {
  private static final String[] RFC6962_LEAVES = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
  };

  static List<byte[]> randomLeaves(SplittableRandom r, int n) {
    List<byte[]> leaves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[r.nextInt(0, 80)];
      r.nextBytes(b);
      leaves.add(b);
    }
    return leaves;
  }

  @Test
  void rfc6962ReferenceTree_rootsOfEverySize_bothHashes() throws Exception {
    List<String> lines;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("merkle/reference-roots.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }
    assertThat(lines).hasSize(18);
    for (String line : lines) {
      String[] f = line.split(" ");
      TreeHasher h = TreeHasher.of(HashAlgorithm.fromId(f[0]));
      int size = Integer.parseInt(f[1]);
      MerkleLog log = MerkleLog.open(h, new InMemoryTileStore(), 0);
      for (int i = 0; i < size; i++) {
        log.append(Hex.decode(RFC6962_LEAVES[i]));
      }
      assertThat(Hex.encode(log.root())).as(line).isEqualTo(f[2]);
    }
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void randomBatches_matchTheReferenceTree_atEverySize(HashAlgorithm alg) {
    TreeHasher h = TreeHasher.of(alg);
    SplittableRandom r = new SplittableRandom(alg.ordinal());
    List<byte[]> leaves = randomLeaves(r, 1300);
    MerkleLog log = MerkleLog.open(h, new InMemoryTileStore(), 0);
    int pos = 0;
    while (pos < leaves.size()) {
      int b = Math.min(leaves.size() - pos, r.nextInt(1, 70));
      log.appendAll(leaves.subList(pos, pos + b));
      pos += b;
      assertThat(log.root()).as("size %d", pos).isEqualTo(ReferenceTree.root(h, leaves.subList(0, pos)));
    }
    for (int size = 0; size <= leaves.size(); size += 37) {
      assertThat(log.root(size)).isEqualTo(ReferenceTree.root(h, leaves.subList(0, size)));
    }
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void runsOfEqualLengthEntries_hashedTogether_matchTheReferenceTree(HashAlgorithm alg) {
    TreeHasher h = TreeHasher.of(alg);
    SplittableRandom r = new SplittableRandom(11);
    List<byte[]> leaves = new ArrayList<>();
    for (int run = 0; run < 40; run++) {
      int len = r.nextInt(0, 3) == 0 ? r.nextInt(0, 200) : 64;
      int count = r.nextInt(1, 40);
      for (int i = 0; i < count; i++) {
        byte[] b = new byte[len];
        r.nextBytes(b);
        leaves.add(b);
      }
    }
    byte[] big = new byte[300_000];
    r.nextBytes(big);
    for (int i = 0; i < 9; i++) {
      leaves.add(big);
    }
    MerkleLog log = MerkleLog.open(h, new InMemoryTileStore(), 0);
    log.appendAll(leaves);
    assertThat(log.root()).isEqualTo(ReferenceTree.root(h, leaves));
    for (int i = 0; i < leaves.size(); i += 7) {
      assertThat(log.leafHash(i)).isEqualTo(h.leafHash(leaves.get(i)));
    }
  }

  @Test
  void largeBatch_usesTheParallelPath_andMatchesOneByOne() {
    TreeHasher h = TreeHasher.sm3();
    SplittableRandom r = new SplittableRandom(3);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 70_001; i++) {
      byte[] b = new byte[32];
      r.nextBytes(b);
      leaves.add(b);
    }
    MerkleLog batch = MerkleLog.open(h, new InMemoryTileStore(), 0);
    batch.append(leaves.get(0));
    batch.appendAll(leaves.subList(1, leaves.size()));
    MerkleLog single = MerkleLog.open(h, new InMemoryTileStore(), 0);
    for (byte[] l : leaves) {
      single.append(l);
    }
    assertThat(batch.root()).isEqualTo(single.root());
    assertThat(batch.root(65_537)).isEqualTo(single.root(65_537));
  }

  @Test
  void reopenedLog_continuesFromItsStore() {
    TreeHasher h = TreeHasher.sha256();
    InMemoryTileStore store = new InMemoryTileStore();
    List<byte[]> leaves = randomLeaves(new SplittableRandom(9), 700);
    MerkleLog first = MerkleLog.open(h, store, 0);
    first.appendAll(leaves.subList(0, 513));
    MerkleLog again = MerkleLog.open(h, store, 513);
    again.appendAll(leaves.subList(513, 700));
    assertThat(again.root()).isEqualTo(ReferenceTree.root(h, leaves));
    assertThatThrownBy(() -> MerkleLog.open(h, store, 900))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lacks nodes");
  }

  @Test
  void emptyLog_hasTheEmptyRoot_andRejectsProofRequestsOutOfRange() {
    MerkleLog log = MerkleLog.open(TreeHasher.sm3(), new InMemoryTileStore(), 0);
    assertThat(log.root()).isEqualTo(TreeHasher.sm3().emptyRoot());
    assertThatThrownBy(() -> log.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
    log.append(new byte[] {1});
    assertThatThrownBy(() -> log.inclusionProof(0, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.consistencyProof(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(log.inclusionProof(0, 1).hashes()).isEmpty();
    assertThat(log.consistencyProof(1, 1).hashes()).isEmpty();
  }

  @Test
  void sm3ProofCheckedAsSha256_isRejectedBeforeHashing() {
    MerkleLog log = MerkleLog.open(TreeHasher.sm3(), new InMemoryTileStore(), 0);
    log.appendAll(randomLeaves(new SplittableRandom(1), 10));
    InclusionProof p = log.inclusionProof(3, 10);
    assertThatThrownBy(() -> p.verify(TreeHasher.sha256(), log.leafHash(3), log.root()))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("sm3 tree")
        .extracting(e -> ((ProofException) e).reason())
        .isEqualTo(ProofException.Reason.WRONG_HASH_ALGORITHM);
    ConsistencyProof c = log.consistencyProof(4, 10);
    assertThatThrownBy(() -> c.verify(TreeHasher.sha256(), log.root(4), log.root()))
        .extracting(e -> ((ProofException) e).reason())
        .isEqualTo(ProofException.Reason.WRONG_HASH_ALGORITHM);
  }

}
