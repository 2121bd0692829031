package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One resource file per malformed input (see {@code malformed/README.md}); each is rejected
 * with the reason its name gives.
 */
class MalformedInputTest {
  interface Reader {
    Object read(byte[] fileBytes) throws Exception;
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] hex(byte[] b) {
    return TestResources.hex(text(b));
  }

  private static final Map<String, Reader> READERS = Map.of(
      "public-key-pem", b -> Sm2PublicKey.fromPem(text(b)),
      "private-key-pem", b -> Sm2PrivateKey.fromPem(text(b)),
      "point", b -> Sm2PublicKey.fromPoint(hex(b)),
      "scalar", b -> Sm2PrivateKey.fromScalar(hex(b)),
      "signature-der", b -> Sm2Signature.fromDer(hex(b)),
      "signature-raw", b -> Sm2Signature.fromRaw(hex(b)),
      "hex", b -> Hex.decode(text(b)));

  static Stream<Arguments> cases() throws IOException {
    Path root = TestResources.path("malformed");
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> list = files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .sorted()
          .collect(Collectors.toList());
      return list.stream().map(p -> Arguments.of(
          p.getParent().getFileName().toString() + "/" + p.getFileName(), p));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedWithTheReasonInItsName(String name, Path file) {
    String folder = file.getParent().getFileName().toString();
    Reader reader = READERS.get(folder);
    assertThat(reader).as("a reader for folder %s", folder).isNotNull();
    String reason = file.getFileName().toString().split("--")[0];
    assertThatThrownBy(() -> reader.read(TestResources.readAll(file)))
        .isInstanceOf(MalformedEncodingException.class)
        .satisfies(e -> assertThat(((SmCryptoException) e).reason().name())
            .as("reason; message was: %s", e.getMessage())
            .isEqualTo(reason))
        .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
  }

  @Test
  void everyReaderHasCases() throws IOException {
    Map<String, Long> counts;
    try (Stream<Path> files = Files.walk(TestResources.path("malformed"))) {
      counts = files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .collect(Collectors.groupingBy(p -> p.getParent().getFileName().toString(), Collectors.counting()));
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(READERS.keySet());
  }

  /** Random bytes and mutated valid encodings only ever raise the documented exception. */
  @Test
  void randomAndMutatedInputs_onlyRaiseTheDocumentedException() {
    SplittableRandom random = new SplittableRandom(1);
    Sm2PrivateKey key = Sm2PrivateKey.generate();
    byte[][] seeds = {
        key.publicKey().toSpki(), key.toPkcs8(SecretAccess.get()), key.publicKey().toUncompressed(),
        key.publicKey().toCompressed(), Sm2Signer.create(key, DistinguishingId.DEFAULT).sign(new byte[1])};
    for (int i = 0; i < 20_000; i++) {
      byte[] seed = seeds[i % seeds.length];
      byte[] input = i % 4 == 0 ? new byte[random.nextInt(100)] : seed.clone();
      if (i % 4 == 0) {
        random.nextBytes(input);
      } else {
        for (int m = random.nextInt(1, 4); m > 0 && input.length > 0; m--) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
        if (random.nextInt(8) == 0) {
          input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 3));
        }
      }
      for (Reader r : new Reader[] {
          Sm2PublicKey::fromSpki, Sm2PrivateKey::fromPkcs8, Sm2PublicKey::fromPoint, Sm2Signature::fromDer,
          b -> Sm2PublicKey.fromPem(Pem.encode(Pem.PUBLIC_KEY, b))}) {
        try {
          r.read(input);
        } catch (MalformedEncodingException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        } catch (Exception e) {
          fail("input " + Hex.encode(input) + " escaped with " + e, e);
        }
      }
    }
  }

}
