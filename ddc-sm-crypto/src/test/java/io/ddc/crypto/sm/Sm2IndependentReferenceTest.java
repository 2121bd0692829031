package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The two computations of an SM2 verification, each against an implementation that shares no
 * code with ours: {@code [s]G + [t]Q} on Bouncy Castle's generic BigInteger curve (fresh points,
 * no cached tables) against the fast custom curve, and {@code SM3(Z_A ‖ M)} with Bouncy Castle's
 * SM3 against ddc's. (The verifier once re-ran both before rejecting, to mask false rejections
 * whose cause was a JIT miscompilation of ddc's SM3 output, now avoided: docs/CRYPTO.md.)
 */
class Sm2IndependentReferenceTest {
  @Test
  void theFastPointSum_equalsTheGenericCurvesSum() {
    SecureRandom r = new SecureRandom();
    ECCurve generic = GMNamedCurves.getByName("sm2p256v1").getCurve();
    ECPoint q = Sm2PrivateKey.generate().publicKey().point();
    for (int i = 0; i < 50; i++) {
      BigInteger s = new BigInteger(256, r).mod(Sm2Curve.N);
      BigInteger t = new BigInteger(256, r).mod(Sm2Curve.N);
      ECPoint fast = ECAlgorithms.sumOfTwoMultiplies(Sm2Curve.G, s, q, t).normalize();
      ECPoint g = generic.createPoint(Sm2Curve.G.getAffineXCoord().toBigInteger(),
          Sm2Curve.G.getAffineYCoord().toBigInteger());
      ECPoint p = generic.createPoint(q.normalize().getAffineXCoord().toBigInteger(),
          q.normalize().getAffineYCoord().toBigInteger());
      ECPoint ref = g.multiply(s).add(p.multiply(t)).normalize();
      assertThat(ref.getAffineXCoord().toBigInteger()).isEqualTo(fast.getAffineXCoord().toBigInteger());
      assertThat(ref.getAffineYCoord().toBigInteger()).isEqualTo(fast.getAffineYCoord().toBigInteger());
      assertThat(ref.getCurve()).isNotSameAs(fast.getCurve());
    }
  }

  @Test
  void ourDigestOfZaAndMessage_equalsBouncyCastles() {
    SecureRandom r = new SecureRandom();
    byte[] za = Sm2Verifier.za(Sm2PrivateKey.generate().publicKey(), DistinguishingId.DEFAULT);
    for (int len : new int[] {0, 1, 31, 32, 55, 56, 63, 64, 65, 119, 120, 777}) {
      byte[] msg = new byte[len];
      r.nextBytes(msg);
      SM3Digest bc = new SM3Digest();
      bc.update(za, 0, za.length);
      bc.update(msg, 0, msg.length);
      byte[] want = new byte[32];
      bc.doFinal(want, 0);
      assertThat(new Sm3Digest().update(za).update(msg).digest()).as("%d bytes", len).isEqualTo(want);
    }
  }
}
