package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.junit.jupiter.api.Test;

/** Signing and verifying, and every way a verification can fail. */
class Sm2SignVerifyTest {
  private static final byte[] MSG = "a diploma".getBytes(StandardCharsets.UTF_8);
  private static final Sm2PrivateKey KEY = Sm2PrivateKey.generate();
  private static final DistinguishingId ID = DistinguishingId.utf8("issuer@example");

  @Test
  void signThenVerify_bothEncodings_andStreams() throws Exception {
    for (SignatureEncoding enc : SignatureEncoding.values()) {
      Sm2Signer signer = Sm2Signer.create(KEY, ID, enc);
      Sm2Verifier verifier = Sm2Verifier.create(KEY.publicKey(), ID, enc);
      byte[] sig = signer.sign(MSG);
      verifier.verify(MSG, sig);
      verifier.verify(new ByteArrayInputStream(MSG), sig);
      verifier.verify(MSG, signer.sign(new ByteArrayInputStream(MSG)));
      assertThat(verifier.isValid(MSG, sig)).isTrue();
      if (enc == SignatureEncoding.RAW) {
        assertThat(sig).hasSize(64);
      } else {
        assertThat(sig.length).isBetween(8, 72);
      }
    }
  }

  @Test
  void signaturesAreRandomized_butAllVerify() throws Exception {
    Sm2Signer signer = Sm2Signer.create(KEY, ID);
    byte[] a = signer.sign(MSG);
    byte[] b = signer.sign(MSG);
    assertThat(a).isNotEqualTo(b);
    Sm2Verifier v = Sm2Verifier.create(KEY.publicKey(), ID);
    v.verify(MSG, a);
    v.verify(MSG, b);
  }

  @Test
  void wrongMessage_wrongKey_wrongId_areVerificationFailures() {
    byte[] sig = Sm2Signer.create(KEY, ID).sign(MSG);
    Sm2Verifier right = Sm2Verifier.create(KEY.publicKey(), ID);
    assertThatThrownBy(() -> right.verify("a diplomA".getBytes(StandardCharsets.UTF_8), sig))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("does not verify")
        .extracting(e -> ((SmCryptoException) e).reason())
        .isEqualTo(SmCryptoException.Reason.SIGNATURE_MISMATCH);
    Sm2Verifier otherKey = Sm2Verifier.create(Sm2PrivateKey.generate().publicKey(), ID);
    assertThatThrownBy(() -> otherKey.verify(MSG, sig)).isInstanceOf(SignatureVerificationException.class);
    Sm2Verifier defaultId = Sm2Verifier.create(KEY.publicKey(), DistinguishingId.DEFAULT);
    assertThatThrownBy(() -> defaultId.verify(MSG, sig)).isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> right.verify(MSG, Sm2Signer.create(KEY, ID, SignatureEncoding.RAW).sign(MSG)))
        .isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void sReplacedByNMinusS_isAVerificationFailureNotAParseError() throws Exception {
    Sm2Signature sig = Sm2Signature.fromRaw(Sm2Signer.create(KEY, ID, SignatureEncoding.RAW).sign(MSG));
    Sm2Signature flipped = Sm2Signature.of(sig.r(), Sm2Curve.N.subtract(sig.s()));
    Sm2Verifier v = Sm2Verifier.create(KEY.publicKey(), ID);
    assertThatThrownBy(() -> v.verify(MSG, flipped.toDer())).isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void rPlusSEqualToN_isAVerificationFailure() {
    BigInteger r = BigInteger.valueOf(12345);
    Sm2Signature sig = Sm2Signature.of(r, Sm2Curve.N.subtract(r));
    Sm2Verifier v = Sm2Verifier.create(KEY.publicKey(), ID);
    assertThatThrownBy(() -> v.verify(MSG, sig.toDer()))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("(r + s) mod n = 0");
  }

  @Test
  void everySingleBitFlipOfADerSignature_isRejected() {
    byte[] sig = Sm2Signer.create(KEY, ID).sign(MSG);
    Sm2Verifier v = Sm2Verifier.create(KEY.publicKey(), ID);
    for (int bit = 0; bit < sig.length * 8; bit++) {
      byte[] bad = sig.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> v.verify(MSG, bad)).as("bit %d", bit).isInstanceOf(SmCryptoException.class);
    }
  }

  @Test
  void interoperatesWithBouncyCastleSm2Signer_bothWays() throws Exception {
    ECDomainParameters dom = new ECDomainParameters(Sm2Curve.CURVE, Sm2Curve.G, Sm2Curve.N);
    SM2Signer bc = new SM2Signer();
    bc.init(true, new ParametersWithID(new ECPrivateKeyParameters(KEY.scalar(), dom), ID.toByteArray()));
    bc.update(MSG, 0, MSG.length);
    Sm2Verifier.create(KEY.publicKey(), ID).verify(MSG, bc.generateSignature());

    bc.init(false, new ParametersWithID(new ECPublicKeyParameters(KEY.publicKey().point(), dom), ID.toByteArray()));
    byte[] ours = Sm2Signer.create(KEY, ID).sign(MSG);
    bc.update(MSG, 0, MSG.length);
    assertThat(bc.verifySignature(ours)).isTrue();
  }

  @Test
  void signerAndVerifier_areSafeToShareAcrossThreads() throws Exception {
    Sm2Signer signer = Sm2Signer.create(KEY, ID);
    Sm2Verifier verifier = Sm2Verifier.create(KEY.publicKey(), ID);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            byte[] m = ("message " + seed + "/" + i).getBytes(StandardCharsets.UTF_8);
            verifier.verify(m, signer.sign(m));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nothingPrintsTheSecret() {
    String secretHex = Hex.encode(KEY.toScalar(SecretAccess.get()));
    String pemBody = KEY.toPem(SecretAccess.get());
    Sm2Signer signer = Sm2Signer.create(KEY, ID);
    for (Object o : new Object[] {KEY, signer, Sm2Verifier.create(KEY.publicKey(), ID)}) {
      assertThat(o.toString()).doesNotContain(secretHex).doesNotContainIgnoringCase(secretHex.substring(0, 16));
    }
    assertThat(KEY.toString()).contains(Hex.encode(KEY.publicKey().toCompressed()));
    assertThat(pemBody).startsWith("-----BEGIN PRIVATE KEY-----");
  }
}
