package io.ddc.bundle;

import static io.ddc.bundle.Forger.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.model.MalformedDataException;
import io.ddc.sign.Signers;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier's configuration is refused when it would make the checks meaningless (no trusted
 * key, no freshness policy, a witness holding the log's key, a quorum one key could meet alone),
 * the caller's known checkpoint must be signed by a trusted key, and the checkpoint body's
 * numbers stop at 2^53 - 1.
 */
class BundleVerifierBuilderTest extends BundleFixture {
  private final Sm2PrivateKey w1 = Sm2PrivateKey.generate(new SecureRandom());
  private final Sm2PrivateKey w2 = Sm2PrivateKey.generate(new SecureRandom());

  private static NoteKey witness(String name, Sm2PrivateKey k) {
    return NoteKey.of(name, Signers.sm2(k.publicKey()));
  }

  @Test
  void anOrigin_isOneNonEmptyLine_withoutSpacesOrPlus() {
    for (String bad : new String[] {"", "\nlog", " log", "+log", "a\nb", "a b", "a+b"}) {
      assertThatThrownBy(() -> BundleVerifier.builder().trust(bad, opKey.publicKey()))
          .as("origin %s", bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("an origin is one non-empty line without spaces or '+', not \"");
    }
    assertThatThrownBy(() -> BundleVerifier.builder().trust(null, opKey.publicKey()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith(", not null");
    assertThat(BundleVerifier.builder().trust("l", opKey.publicKey()).anyAge().build()).isNotNull();
  }

  @Test
  void aVerifier_needsATrustedKey_andAFreshnessPolicy_andNoNegativeDurations() {
    assertThatThrownBy(() -> BundleVerifier.builder().anyAge().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one trusted (origin, key) pair");
    assertThatThrownBy(() -> BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose a freshness policy");
    assertThatThrownBy(() -> BundleVerifier.builder().maxAge(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum age must not be negative");
    assertThatThrownBy(() -> BundleVerifier.builder().clockSkew(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clock skew must not be negative");
    // zero is allowed for both, and the builder chains
    assertThat(BundleVerifier.builder().clockSkew(Duration.ZERO).trust(ORIGIN, opKey.publicKey())
        .maxAge(Duration.ZERO).build()).isNotNull();
    // maxAge after anyAge, and anyAge after maxAge: the last one counts
    assertThat(BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).anyAge().maxAge(Duration.ZERO).build())
        .isNotNull();
  }

  @Test
  void witnesses_needAQuorumFrom1ToTheirNumber_distinctNames_distinctKeys_andNotTheLogsKey() {
    NoteKey a = witness("w1.example", w1);
    NoteKey b = witness("w2.example", w2);
    for (int q : new int[] {0, 3}) {
      assertThatThrownBy(() -> BundleVerifier.builder().witnesses(List.of(a, b), q))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("the quorum must be between 1 and the 2 "
              + "witnesses, but is " + q);
    }
    assertThat(BundleVerifier.builder().trust(ORIGIN, opKey.publicKey()).anyAge().witnesses(List.of(a, b), 2).build())
        .isNotNull();
    assertThatThrownBy(() -> BundleVerifier.builder().witnesses(List.of(a, witness("w1.example", w2)), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("witness w1.example is listed twice");
    assertThatThrownBy(() -> BundleVerifier.builder().witnesses(List.of(a, witness("w3.example", w1)), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("witness w3.example has the same public "
            + "key as another listed witness");
    assertThatThrownBy(() -> BundleVerifier.builder().trust("other.example/log", pKey.publicKey())
        .trust(ORIGIN, opKey.publicKey()).anyAge().witnesses(List.of(a, witness("w9.example", opKey)), 1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("witness w9.example uses the key of the "
            + "log");
  }

  @Test
  void aKnownCheckpoint_signedByAnUntrustedKey_isTheCallersError() throws Exception {
    long id = mintDiploma();
    byte[] bundle = Bundles.prove(ledger, id);
    String note = ledger.latestCheckpoint().get();
    Checkpoint cp = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1), 32);
    String byOther = Checkpoints.sign(cp, List.of(NoteSigner.of(ORIGIN, platform)));
    assertThatThrownBy(() -> verifier.verify(bundle, byOther)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the known checkpoint is not signed by a trusted key of " + ORIGIN);
    assertThat(verifier.verify(bundle, note).valid()).isTrue();
  }

  @Test
  void mintNotAsSigned_showsBothValues() throws Exception {
    long id = mintDiploma();
    byte[] genuine = Bundles.prove(ledger, id);
    VerificationReport r = verifier.verify(Forger.forge(genuine, op, b -> at(b, "mint", "event", "data").remove("ref")));
    assertThat(r.firstFailure().get().message()).isEqualTo("the mint event's ref is absent, but the issuer signed "
        + "\"diploma-1\"");
    r = verifier.verify(Forger.forge(genuine, op, b -> at(b, "mint", "event", "data").put("amount", 2L)));
    assertThat(r.firstFailure().get().message()).isEqualTo("the mint event's amount is 2, but the issuer signed 1");
  }

  private static String body(String time) {
    String root = Base64.getEncoder().encodeToString(new byte[32]);
    return "o.example/log\n1\n" + root + "\nstate 1 " + root + "\naccounts 1 " + root + "\ntime " + time + "\n";
  }

  @Test
  void checkpointNumbers_stopAt2To53Minus1() throws Exception {
    assertThat(CheckpointBody.parse(body("9007199254740991")).time()).isEqualTo(9007199254740991L);
    assertThatThrownBy(() -> CheckpointBody.parse(body("9007199254740992"))).isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("time line needs a decimal from 0 to 2^53 - 1");
    assertThatThrownBy(() -> CheckpointBody.parse(body("1").replace("\ntime ", "\nclock ")))
        .isInstanceOf(MalformedDataException.class).hasMessageStartingWith("expected the checkpoint line \"time <ms>\"");
    assertThatThrownBy(() -> CheckpointBody.parse(body("1").replace("\nstate ", "\nstates ")))
        .isInstanceOf(MalformedDataException.class).hasMessageStartingWith("expected the checkpoint line \"state <size> "
            + "<root>\"");
  }
}
