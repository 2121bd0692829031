package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** SM2 known answers from GB/T 32918 and the derived vectors in sm-vectors.json. */
class Sm2KnownAnswerTest {
  private static final JsonNode VECTORS = TestResources.smVectors();

  private static byte[] hex(JsonNode v, String field) {
    return TestResources.hex(v.get(field).asText());
  }

  private static BigInteger num(JsonNode v, String field) {
    return new BigInteger(v.get(field).asText(), 16);
  }

  @Test
  void gbt32918part5AnnexA_reproducedByteForByte() throws Exception {
    JsonNode v = VECTORS.get("sm2_signature").get(0);
    assertThat(v.get("curve").get("name").asText()).startsWith("sm2p256v1");
    Sm2PrivateKey key = Sm2PrivateKey.fromScalar(hex(v, "private_key_d"));
    assertThat(key.publicKey().toUncompressed()).isEqualTo(hex(v, "public_key_uncompressed"));
    assertThat(key.publicKey().toCompressed()).isEqualTo(hex(v, "public_key_compressed"));
    DistinguishingId id = DistinguishingId.of(hex(v, "user_id_hex"));
    assertThat(id).isEqualTo(DistinguishingId.DEFAULT);
    assertThat(Sm2Verifier.za(key.publicKey(), id)).isEqualTo(hex(v, "za"));
    byte[] msg = v.get("msg_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    assertThat(new Sm3Digest().update(hex(v, "za")).update(msg).digest()).isEqualTo(hex(v, "e"));

    Sm2Signer signer = Sm2Signer.create(key, id, SignatureEncoding.DER);
    Sm2Signature sig = signer.signWithFixedK(msg, num(v, "k"));
    assertThat(sig.toRaw()).isEqualTo(hex(v, "sig_raw_r_s"));
    assertThat(sig.toDer()).isEqualTo(hex(v, "sig_der"));

    Sm2Verifier.create(key.publicKey(), id, SignatureEncoding.DER).verify(msg, hex(v, "sig_der"));
    Sm2Verifier.create(key.publicKey(), id, SignatureEncoding.RAW).verify(msg, hex(v, "sig_raw_r_s"));

    assertThat(key.publicKey().toSpki()).isEqualTo(hex(v, "spki_der_bc"));
    assertThat(Sm2PrivateKey.fromPkcs8(hex(v, "pkcs8_der_bc")).toScalar(SecretAccess.get()))
        .isEqualTo(hex(v, "private_key_d"));
  }

  @Test
  void derivedVectors_otherIds_reproduced() throws Exception {
    JsonNode derived = VECTORS.get("sm2_derived_not_standard");
    Sm2PrivateKey key = Sm2PrivateKey.fromScalar(hex(derived, "private_key_d"));
    byte[] msg = derived.get("msg_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    assertThat(derived.get("cases").size()).isEqualTo(2);
    for (JsonNode c : derived.get("cases")) {
      DistinguishingId id = DistinguishingId.utf8(c.get("user_id_ascii").asText());
      assertThat(Sm2Verifier.za(key.publicKey(), id)).as("Z_A for %s", id).isEqualTo(hex(c, "za"));
      Sm2Signature sig = Sm2Signer.create(key, id).signWithFixedK(msg, num(derived, "k"));
      assertThat(sig.toRaw()).as("signature for %s", id).isEqualTo(hex(c, "sig_raw_r_s"));
      Sm2Verifier.create(key.publicKey(), id, SignatureEncoding.RAW).verify(msg, sig.toRaw());
    }
    assertThat(DistinguishingId.EMPTY.length()).isZero();
  }

  /**
   * GB/T 32918.2 Annex A uses an example curve, not sm2p256v1, which this library does not
   * sign on. The vector still checks our SM3 in the Z_A and e computations, and the signature
   * equation, with Bouncy Castle's generic curve arithmetic.
   */
  @Test
  void gbt32918part2AnnexA_exampleCurve_zaDigestAndSignatureEquation() {
    JsonNode v = VECTORS.get("sm2_signature").get(1);
    JsonNode c = v.get("curve");
    BigInteger p = num(c, "p");
    BigInteger n = num(c, "n");
    ECCurve curve = new ECCurve.Fp(p, num(c, "a"), num(c, "b"), n, BigInteger.ONE);
    ECPoint g = curve.createPoint(num(c, "xG"), num(c, "yG"));
    BigInteger d = num(v, "private_key_d");
    ECPoint pub = g.multiply(d).normalize();
    assertThat(pub.getAffineXCoord().toBigInteger()).isEqualTo(num(v, "public_key_x"));
    assertThat(pub.getAffineYCoord().toBigInteger()).isEqualTo(num(v, "public_key_y"));

    byte[] id = hex(v, "user_id_hex");
    Sm3Digest z = new Sm3Digest().update((byte) (id.length * 8 >>> 8)).update((byte) (id.length * 8)).update(id);
    for (String f : new String[] {"a", "b", "xG", "yG"}) {
      z.update(hex(c, f));
    }
    z.update(hex(v, "public_key_x")).update(hex(v, "public_key_y"));
    byte[] za = z.digest();
    assertThat(za).isEqualTo(hex(v, "za"));
    byte[] msg = v.get("msg_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    byte[] e = new Sm3Digest().update(za).update(msg).digest();
    assertThat(e).isEqualTo(hex(v, "e"));

    BigInteger k = num(v, "k");
    BigInteger x1 = g.multiply(k).normalize().getAffineXCoord().toBigInteger();
    BigInteger r = new BigInteger(1, e).add(x1).mod(n);
    BigInteger s = d.add(BigInteger.ONE).modInverse(n).multiply(k.subtract(r.multiply(d))).mod(n);
    assertThat(r).isEqualTo(num(v, "r"));
    assertThat(s).isEqualTo(num(v, "s"));
  }
}
