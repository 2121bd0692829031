package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.internal.Der;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Key encodings round-trip and are read in every documented form. */
class Sm2KeyEncodingTest {

  @Test
  void generatedKeys_roundTripThroughEveryEncoding() throws Exception {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 20; i++) {
      Sm2PrivateKey key = Sm2PrivateKey.generate(random);
      Sm2PublicKey pub = key.publicKey();
      assertThat(Sm2PublicKey.fromPoint(pub.toUncompressed())).isEqualTo(pub);
      assertThat(Sm2PublicKey.fromPoint(pub.toCompressed())).isEqualTo(pub);
      assertThat(Sm2PublicKey.fromSpki(pub.toSpki())).isEqualTo(pub);
      assertThat(Sm2PublicKey.fromPem(pub.toPem())).isEqualTo(pub);
      assertThat(Sm2PublicKey.fromPublicOrPrivatePem(key.toPem(SecretAccess.get()))).isEqualTo(pub);
      Sm2PrivateKey back = Sm2PrivateKey.fromPem(key.toPem(SecretAccess.get()));
      assertThat(back.toScalar(SecretAccess.get())).isEqualTo(key.toScalar(SecretAccess.get()));
      assertThat(back.publicKey()).isEqualTo(pub);
      assertThat(Sm2PrivateKey.fromScalar(key.toScalar(SecretAccess.get())).publicKey()).isEqualTo(pub);
    }
  }

  @Test
  void spkiWithTheSm2AlgorithmOid_asOpenSsl111WroteIt_isRead() throws Exception {
    Sm2PublicKey pub = Sm2PrivateKey.generate().publicKey();
    byte[] legacy = Der.encodeSequence(
        Der.encodeSequence(Der.encodeOid(Sm2Curve.CURVE_OID)), Der.encodeBitString(pub.toUncompressed()));
    assertThat(Sm2PublicKey.fromSpki(legacy)).isEqualTo(pub);
    byte[] withNull = Der.encodeSequence(
        Der.encodeSequence(Der.encodeOid(Sm2Curve.CURVE_OID), Der.tlv(Der.NULL, new byte[0])),
        Der.encodeBitString(pub.toUncompressed()));
    assertThat(Sm2PublicKey.fromSpki(withNull)).isEqualTo(pub);
  }

  @Test
  void pemWithCrlfAndSurroundingBlankLines_isRead() throws Exception {
    Sm2PublicKey pub = Sm2PrivateKey.generate().publicKey();
    String crlf = "\r\n\n" + pub.toPem().replace("\n", "\r\n") + "\n\n";
    assertThat(Sm2PublicKey.fromPem(crlf)).isEqualTo(pub);
  }

  @Test
  void pemEncoding_uses64CharacterLines() {
    String pem = Pem.encode("X", new byte[100]);
    assertThat(pem.lines().skip(1).limit(2)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
    assertThat(pem).startsWith("-----BEGIN X-----\n").endsWith("-----END X-----\n");
  }

  @Test
  void distinguishingId_limitsAndPrinting() {
    assertThat(DistinguishingId.DEFAULT.toString()).isEqualTo("DistinguishingId[\"1234567812345678\"]");
    assertThat(DistinguishingId.of(new byte[] {0, 1}).toString()).isEqualTo("DistinguishingId[hex:0001]");
    assertThat(DistinguishingId.of(new byte[DistinguishingId.MAX_LENGTH]).length()).isEqualTo(8191);
    assertThatThrownBy(() -> DistinguishingId.of(new byte[DistinguishingId.MAX_LENGTH + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8192 bytes, at most 8191");
  }

  @Test
  void hex_roundTripsAndAcceptsUpperCase() throws Exception {
    assertThat(Hex.decode("00aBfF")).containsExactly(0, 0xab, 0xff);
    assertThat(Hex.encode(new byte[] {0, (byte) 0xab, (byte) 0xff})).isEqualTo("00abff");
  }
}
