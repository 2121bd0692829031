package io.ddc.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.Ed25519SignerKeys;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.checkpoint.SignedNote;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.monitor.Monitor;
import io.ddc.sign.Signers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's optional Ed25519 signature on published checkpoints, in Go's note key format. */
class Ed25519CosignTest {
  /**
   * Tessera's public test key pair (transparency-dev/tessera, testdata/build_log.sh, Apache-2.0; the
   * same source as the test log in resources/merkle/transparency-dev-tessera): test-only, published.
   */
  static final String TESSERA_SKEY =
      "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";
  static final String TESSERA_VKEY = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  @TempDir Path tmp;

  /** Ed25519 is deterministic: signing Tessera's checkpoint text with its key gives its note byte for byte. */
  @Test
  void tesserasSignerKey_givesItsVerifierKey_andItsCheckpointSignatures() throws Exception {
    NoteSigner s = Ed25519SignerKeys.parse(TESSERA_SKEY);
    assertThat(s.noteKey().encode()).isEqualTo(TESSERA_VKEY);
    Path log = Path.of(getClass().getResource("/merkle/transparency-dev-tessera/testdata/log").toURI());
    for (String name : new String[] {"checkpoint.8", "checkpoint.15"}) {
      String note = Files.readString(log.resolve(name));
      Checkpoint c = Checkpoint.parse(SignedNote.parse(note).text(), 32);
      assertThat(Checkpoints.sign(c, List.of(s))).as(name).isEqualTo(note);
    }
  }

  @Test
  void malformedSignerKeys_areRefused_withoutShowingTheKey() {
    String secret = "AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";
    for (String bad : new String[] {
        TESSERA_SKEY.replace("PRIVATE+KEY+", "PRIVATE+KEX+"),
        TESSERA_SKEY.replace("33d7b496", "33d7b497"),
        TESSERA_SKEY.replace("33d7b496", "33D7B496"),
        TESSERA_SKEY.replace("+AeymY", "+/+AeymY"),
        TESSERA_SKEY.replace("AeymY", "_eymY"),
        TESSERA_SKEY.replace("AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg", "/4ymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg"),
        "PRIVATE+KEY+name+00000000+AQ==", TESSERA_VKEY, "",
        // a name with a space (found by the fuzzer: it escaped as IllegalArgumentException)
        TESSERA_SKEY.replace("example.com/log", "example.com /log")}) {
      assertThatThrownBy(() -> Ed25519SignerKeys.parse(bad)).as(bad).isInstanceOfSatisfying(CheckpointException.class,
          e -> {
            assertThat(e.reason()).isEqualTo(CheckpointException.Reason.MALFORMED_KEY);
            assertThat(e.getMessage()).startsWith("not an Ed25519 note signer key: ").doesNotContain(secret);
          });
    }
  }

  @Test
  void generatedKeys_roundTrip_andToStringHidesTheSecret() throws Exception {
    Ed25519SignerKeys.KeyPair k = Ed25519SignerKeys.generate(LogFixture.ORIGIN);
    NoteSigner s = Ed25519SignerKeys.parse(k.signerKey());
    assertThat(s.noteKey().encode()).isEqualTo(k.verifierKey());
    assertThat(NoteKey.parse(k.verifierKey()).keyId()).isEqualTo(s.keyId());
    assertThat(k.toString()).doesNotContain(k.signerKey().substring(k.signerKey().lastIndexOf('+') + 1));
  }

  @Test
  void publish_withTheLogsEd25519Key_addsAVerifyingLine_stableAcrossReruns() throws Exception {
    Ed25519SignerKeys.KeyPair k = Ed25519SignerKeys.generate(LogFixture.ORIGIN);
    NoteSigner ed = Ed25519SignerKeys.parse(k.signerKey());
    try (LogFixture f = LogFixture.create(new MemoryLedgerStore())) {
      f.mint(297).checkpoint();
      Path out = tmp.resolve("log");
      assertThat(Publisher.publish(f.ledger, out, List.of(ed)).checkpointChanged()).isTrue();
      String published = Files.readString(out.resolve("checkpoint"));
      NoteKey sm2 = NoteKey.of(LogFixture.ORIGIN, Signers.sm2(f.opKey.publicKey()));
      NoteKey edKey = NoteKey.parse(k.verifierKey());
      assertThat(Checkpoints.verify(published, List.of(edKey, sm2), List.of(), LogFixture.ORIGIN, 32).size())
          .isEqualTo(300);
      assertThat(SignedNote.parse(published).signatures()).hasSize(2);
      assertThat(SignedNote.parse(published).text()).isEqualTo(SignedNote.parse(f.ledger.latestCheckpoint()
          .orElseThrow()).text());
      assertThat(Publisher.publish(f.ledger, out, List.of(ed)).checkpointChanged()).isFalse();
      assertThat(new Monitor(LogSource.directory(out), LogFixture.ORIGIN, sm2).check(Optional.empty()).size())
          .isEqualTo(300);
      new SpecReader(out, PublishTest.SM3).read("checkpoint");
    }
  }
}
