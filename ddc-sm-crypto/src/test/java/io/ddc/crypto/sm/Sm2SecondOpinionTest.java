package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** The verifier's second-opinion path computes what the fast path computes, independently. */
class Sm2SecondOpinionTest {
  @Test
  void referenceSum_equalsTheFastSum() {
    SecureRandom r = new SecureRandom();
    ECPoint q = Sm2PrivateKey.generate().publicKey().point();
    for (int i = 0; i < 50; i++) {
      BigInteger s = new BigInteger(256, r).mod(Sm2Curve.N);
      BigInteger t = new BigInteger(256, r).mod(Sm2Curve.N);
      ECPoint fast = ECAlgorithms.sumOfTwoMultiplies(Sm2Curve.G, s, q, t).normalize();
      ECPoint ref = Sm2Curve.referenceSum(s, q, t).normalize();
      assertThat(ref.getAffineXCoord().toBigInteger()).isEqualTo(fast.getAffineXCoord().toBigInteger());
      assertThat(ref.getAffineYCoord().toBigInteger()).isEqualTo(fast.getAffineYCoord().toBigInteger());
      assertThat(ref.getCurve()).isNotSameAs(fast.getCurve());
    }
  }

  @Test
  void referenceDigest_equalsOurSm3() {
    byte[] za = Sm3.hash(new byte[] {1, 2, 3});
    byte[] msg = new byte[777];
    new SecureRandom().nextBytes(msg);
    assertThat(Sm2Curve.referenceDigest(za, msg)).isEqualTo(new Sm3Digest().update(za).update(msg).digest());
  }
}
