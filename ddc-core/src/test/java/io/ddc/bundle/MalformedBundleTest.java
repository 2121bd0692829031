package io.ddc.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.Sm2PublicKey;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One resource per malformed or altered bundle, named after the reason code the verifier must give. */
class MalformedBundleTest {
  static BundleVerifier verifier() throws Exception {
    try (InputStream in = MalformedBundleTest.class.getResourceAsStream("/bundle/operator.pub.pem")) {
      Sm2PublicKey key = Sm2PublicKey.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
      return BundleVerifier.create(List.of(key), BundleVerifier.DEFAULT_MAX_AGE,
          Clock.fixed(Instant.ofEpochMilli(1_790_000_060_000L), ZoneOffset.UTC));
    }
  }

  static Stream<String> cases() throws Exception {
    Path dir = Path.of(MalformedBundleTest.class.getResource("/bundle/malformed").toURI());
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void theValidBundle_isValid() throws Exception {
    try (InputStream in = MalformedBundleTest.class.getResourceAsStream("/bundle/valid.json")) {
      VerificationReport r = verifier().verify(in.readAllBytes());
      assertThat(r.valid()).as(r.toString()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCase_isInvalid_withItsCode(String name) throws Exception {
    byte[] b;
    try (InputStream in = MalformedBundleTest.class.getResourceAsStream("/bundle/malformed/" + name)) {
      b = in.readAllBytes();
    }
    VerificationReport r = verifier().verify(b);
    assertThat(r.valid()).as(name).isFalse();
    assertThat(r.firstFailure().get().code()).as(r.toString()).isEqualTo(name.substring(0, name.indexOf("--")));
    assertThat(r.toString()).startsWith("INVALID: " + name.substring(0, name.indexOf("--")) + ": ");
  }
}
