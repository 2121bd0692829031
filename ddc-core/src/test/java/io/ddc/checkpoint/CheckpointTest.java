package io.ddc.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.Signers;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checkpoints in C2SP signed notes: signing, cosigning, strict parsing, trust policy. */
class CheckpointTest {
  private static final String ORIGIN = "example.ddc/test-log";

  static Path resource(String name) throws URISyntaxException {
    return Paths.get(CheckpointTest.class.getClassLoader().getResource(name).toURI());
  }

  static NoteKey testKey() throws Exception {
    List<String> lines = Files.readAllLines(resource("checkpoint/test-key.txt"));
    return NoteKey.parse(lines.get(3));
  }

  @Test
  void validResource_verifies() throws Exception {
    Checkpoint c = Checkpoints.verify(Files.readString(resource("checkpoint/valid.txt")),
        List.of(testKey()), List.of(), ORIGIN, 32);
    assertThat(c.origin()).isEqualTo(ORIGIN);
    assertThat(c.size()).isEqualTo(42);
  }

  static Stream<Arguments> malformed() throws Exception {
    try (Stream<Path> files = Files.list(resource("checkpoint/malformed"))) {
      return files.sorted().map(p -> Arguments.of(p.getFileName().toString(), p)).collect(Collectors.toList()).stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedCase_rejectedWithTheReasonInItsName(String name, Path file) throws Exception {
    String reason = name.split("--")[0];
    byte[] bytes = Files.readAllBytes(file);
    NoteKey key = testKey();
    assertThatThrownBy(() -> {
      SignedNote.parse(bytes);
      Checkpoints.verify(new String(bytes, StandardCharsets.UTF_8), List.of(key), List.of(), ORIGIN, 32);
    })
        .isInstanceOf(CheckpointException.class)
        .satisfies(e -> assertThat(((CheckpointException) e).reason().name()).as(e.getMessage()).isEqualTo(reason));
  }

  @Test
  void signVerify_roundTrip_withExtensionsAndWitnessCosignature() throws Exception {
    NoteSigner operator = NoteSigner.of("ddc.example/log", Signers.sm2(Sm2PrivateKey.generate()));
    NoteSigner witness = NoteSigner.of("witness.example/w1", Signers.ed25519(new byte[32]));
    Checkpoint c = new Checkpoint("ddc.example/log", 7, new byte[32], List.of("state-root AAAA", "time 1"));
    String note = Checkpoints.sign(c, List.of(operator));
    String cosigned = Checkpoints.cosign(note, List.of(witness));
    assertThat(cosigned).startsWith(note.substring(0, note.indexOf("\n\n")));
    assertThat(Checkpoints.verify(cosigned, List.of(operator.noteKey(), witness.noteKey()), List.of(), null, 32))
        .isEqualTo(c);
    // The witness is required but the original note lacks it.
    assertThatThrownBy(() -> Checkpoints.verify(note, List.of(operator.noteKey(), witness.noteKey()), List.of(), null, 32))
        .extracting(e -> ((CheckpointException) e).reason())
        .isEqualTo(CheckpointException.Reason.MISSING_REQUIRED_SIGNATURE);
    // Signatures by unknown keys are ignored.
    NoteSigner stranger = NoteSigner.of("stranger.example", Signers.sm2(Sm2PrivateKey.generate()));
    String extra = Checkpoints.cosign(note, List.of(stranger));
    assertThat(Checkpoints.verify(extra, List.of(operator.noteKey()), List.of(), null, 32)).isEqualTo(c);
    // A known optional key whose signature fails rejects the whole note.
    NoteKey fakeWitness = NoteKey.of("witness.example/w1", Signers.ed25519(new byte[32]).publicKey().length == 32
        ? Signers.verifier(io.ddc.sign.SignatureScheme.ED25519, Signers.ed25519(new byte[32]).publicKey()) : null);
    assertThat(fakeWitness.keyId()).isEqualTo(witness.noteKey().keyId());
    String tampered = cosigned.replace("time 1\n", "time 2\n");
    assertThatThrownBy(() -> Checkpoints.verify(tampered, List.of(operator.noteKey()), List.of(fakeWitness), null, 32))
        .extracting(e -> ((CheckpointException) e).reason())
        .isEqualTo(CheckpointException.Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verifierKeys_roundTripAndRejectGarbage() throws Exception {
    NoteSigner s = NoteSigner.of("ddc.example/log", Signers.sm2(Sm2PrivateKey.generate()));
    String vkey = s.noteKey().encode();
    assertThat(NoteKey.parse(vkey).keyId()).isEqualTo(s.keyId());
    for (String bad : new String[] {"", "name+0000000g+AQ==", "name+00000000+AQ==",
        vkey.replace("ddc.example/log", "ddc.example/other"), "name+00000000+!!!", "na me+00000000+AQ=="}) {
      assertThatThrownBy(() -> NoteKey.parse(bad)).as(bad)
          .extracting(e -> ((CheckpointException) e).reason())
          .isEqualTo(CheckpointException.Reason.MALFORMED_KEY);
    }
  }

  @Test
  void oversizedNote_isRejectedUnparsed() {
    byte[] big = new byte[SignedNote.MAX_NOTE_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    assertThatThrownBy(() -> SignedNote.parse(big))
        .extracting(e -> ((CheckpointException) e).reason())
        .isEqualTo(CheckpointException.Reason.TOO_LARGE);
  }

  /**
   * Tessera's 15-entry test log (see test resources merkle/SOURCE.md): the entries rebuild every
   * checkpoint's root with ddc's SHA-256 log, and every checkpoint verifies with the log's
   * Ed25519 key.
   */
  @Test
  void tesseraTestLog_entriesReproduceEveryCheckpoint_andEd25519SignaturesVerify() throws Exception {
    Path log = resource("merkle/transparency-dev-tessera/testdata/log");
    byte[] bundle = Files.readAllBytes(log.resolve("tile/entries/000.p/15"));
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < bundle.length; ) {
      int len = ((bundle[i] & 0xff) << 8) | (bundle[i + 1] & 0xff);
      entries.add(java.util.Arrays.copyOfRange(bundle, i + 2, i + 2 + len));
      i += 2 + len;
    }
    assertThat(entries).hasSize(15);
    assertThat(new String(entries.get(0), StandardCharsets.UTF_8)).isEqualTo("one");
    NoteKey key = NoteKey.parse("example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx");
    MerkleLog tree = MerkleLog.open(TreeHasher.sha256(), new InMemoryTileStore(), 0);
    tree.appendAll(entries);
    byte[] leafTile = Files.readAllBytes(log.resolve("tile/0/000.p/15"));
    for (int i = 0; i < 15; i++) {
      assertThat(tree.leafHash(i)).isEqualTo(java.util.Arrays.copyOfRange(leafTile, 32 * i, 32 * i + 32));
    }
    for (int n = 1; n <= 15; n++) {
      String note = Files.readString(log.resolve("checkpoint." + n));
      Checkpoint c = Checkpoints.verify(note, List.of(key), List.of(), "example.com/log/testdata", 32);
      assertThat(c.size()).isEqualTo(n);
      assertThat(Hex.encode(tree.root(n))).as("size %d", n).isEqualTo(Hex.encode(c.rootHash()));
    }
  }

}
