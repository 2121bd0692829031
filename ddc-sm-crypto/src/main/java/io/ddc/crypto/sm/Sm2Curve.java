package io.ddc.crypto.sm;

import io.ddc.crypto.sm.SmCryptoException.Reason;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.FixedPointUtil;

/**
 * The recommended SM2 curve sm2p256v1 (GB/T 32918.5), on Bouncy Castle's optimised field
 * arithmetic ({@code CustomNamedCurves}, several times faster than the generic curve).
 */
final class Sm2Curve {
  static final String CURVE_OID = "1.2.156.10197.1.301";
  static final String EC_PUBLIC_KEY_OID = "1.2.840.10045.2.1";
  static final int FIELD_BYTES = 32;

  static final ECCurve CURVE;
  static final ECPoint G;
  static final BigInteger N;
  static final BigInteger P;
  /** {@code a ‖ b ‖ x_G ‖ y_G}, the curve part of Z_A. */
  static final byte[] ZA_CURVE_PART;

  private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

  static {
    X9ECParameters x9 = CustomNamedCurves.getByName("sm2p256v1");
    CURVE = x9.getCurve();
    G = x9.getG();
    N = x9.getN();
    P = CURVE.getField().getCharacteristic();
    FixedPointUtil.precompute(G);
    ZA_CURVE_PART = new byte[4 * FIELD_BYTES];
    put(CURVE.getA().toBigInteger(), ZA_CURVE_PART, 0);
    put(CURVE.getB().toBigInteger(), ZA_CURVE_PART, 32);
    put(G.getAffineXCoord().toBigInteger(), ZA_CURVE_PART, 64);
    put(G.getAffineYCoord().toBigInteger(), ZA_CURVE_PART, 96);
  }

  /** The same curve on Bouncy Castle's generic BigInteger arithmetic, for second opinions. */
  private Sm2Curve() {}

  static ECPoint multiplyG(BigInteger k) {
    return COMB.multiply(G, k).normalize();
  }

  /** Writes {@code v} as 32 bytes big-endian at {@code out[off..]}. */
  static void put(BigInteger v, byte[] out, int off) {
    byte[] b = v.toByteArray();
    int skip = b.length > FIELD_BYTES ? b.length - FIELD_BYTES : 0;
    int len = b.length - skip;
    java.util.Arrays.fill(out, off, off + FIELD_BYTES - len, (byte) 0);
    System.arraycopy(b, skip, out, off + FIELD_BYTES - len, len);
  }

  /** 32 bytes big-endian of {@code v}. */
  static byte[] bytes32(BigInteger v) {
    byte[] out = new byte[FIELD_BYTES];
    put(v, out, 0);
    return out;
  }

  /**
   * The validated affine point (x, y).
   *
   * @throws MalformedEncodingException when a coordinate is not below p or the point is not on
   *     the curve
   */
  static ECPoint point(BigInteger x, BigInteger y) throws MalformedEncodingException {
    if (x.signum() < 0 || x.compareTo(P) >= 0 || y.signum() < 0 || y.compareTo(P) >= 0) {
      throw new MalformedEncodingException(Reason.POINT_NOT_ON_CURVE,
          "public key coordinates must be below the field prime p");
    }
    ECPoint q = CURVE.createPoint(x, y);
    if (!q.isValid()) {
      throw new MalformedEncodingException(Reason.POINT_NOT_ON_CURVE,
          "public key point (" + Hex.encode(bytes32(x)) + ", " + Hex.encode(bytes32(y))
              + ") is not on sm2p256v1");
    }
    return q;
  }

  /** The point with x-coordinate {@code x} and y of parity {@code yOdd}. */
  static ECPoint decompress(BigInteger x, boolean yOdd) throws MalformedEncodingException {
    if (x.compareTo(P) >= 0) {
      throw new MalformedEncodingException(Reason.POINT_NOT_ON_CURVE,
          "compressed public key x must be below the field prime p");
    }
    ECFieldElement fx = CURVE.fromBigInteger(x);
    ECFieldElement rhs = fx.square().add(CURVE.getA()).multiply(fx).add(CURVE.getB());
    ECFieldElement fy = rhs.sqrt();
    if (fy == null) {
      throw new MalformedEncodingException(Reason.POINT_NOT_ON_CURVE,
          "compressed public key x = " + Hex.encode(bytes32(x))
              + " has no point on sm2p256v1 (x^3 + ax + b is not a square)");
    }
    BigInteger y = fy.toBigInteger();
    if (y.testBit(0) != yOdd) {
      y = P.subtract(y);
    }
    return point(x, y);
  }
}
