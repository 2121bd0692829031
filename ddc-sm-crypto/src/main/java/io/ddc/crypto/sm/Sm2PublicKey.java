package io.ddc.crypto.sm;

import io.ddc.crypto.sm.SmCryptoException.Reason;
import io.ddc.crypto.sm.internal.Der;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An SM2 public key: a point of sm2p256v1 that has been checked to lie on the curve and not to
 * be the point at infinity. Immutable and thread-safe; an invalid instance cannot exist.
 *
 * <p>Encodings: SEC 1 uncompressed ({@code 04 ‖ x ‖ y}, 65 bytes) and compressed
 * ({@code 02|03 ‖ x}, 33 bytes) points; X.509 SubjectPublicKeyInfo DER and PEM
 * ({@code BEGIN PUBLIC KEY}) with algorithm id-ecPublicKey and named curve sm2p256v1, as
 * OpenSSL 3 writes them.
 */
public final class Sm2PublicKey {
  static final int UNCOMPRESSED_LENGTH = 65;
  static final int COMPRESSED_LENGTH = 33;
  /** The SM2 key OID used directly as the algorithm by OpenSSL 1.1.1 and GmSSL. */
  static final String SM2_ALGORITHM_OID = Sm2Curve.CURVE_OID;

  private final ECPoint point;
  private final byte[] uncompressed;

  private Sm2PublicKey(ECPoint point) {
    this.point = point.normalize();
    this.uncompressed = this.point.getEncoded(false);
  }

  /** Wraps a point already known to be valid. */
  static Sm2PublicKey ofValidPoint(ECPoint point) {
    return new Sm2PublicKey(point);
  }

  /**
   * Decodes an uncompressed (65 bytes, {@code 04 ‖ x ‖ y}) or compressed (33 bytes,
   * {@code 02|03 ‖ x}) point.
   */
  public static Sm2PublicKey fromPoint(byte[] encoded) throws MalformedEncodingException {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length == 1 && encoded[0] == 0) {
      throw new MalformedEncodingException(Reason.POINT_AT_INFINITY,
          "public key is the point at infinity");
    }
    if (encoded.length == 0) {
      throw new MalformedEncodingException(Reason.INVALID_POINT_ENCODING,
          "public key point must be 65 bytes (04 ‖ x ‖ y) or 33 bytes (02|03 ‖ x), but is empty");
    }
    int prefix = encoded[0] & 0xff;
    if (prefix == 0x04) {
      if (encoded.length != UNCOMPRESSED_LENGTH) {
        throw new MalformedEncodingException(Reason.INVALID_POINT_ENCODING,
            "uncompressed public key point must be 65 bytes, but is " + encoded.length);
      }
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 33));
      BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 33, 65));
      return new Sm2PublicKey(Sm2Curve.point(x, y));
    }
    if (prefix == 0x02 || prefix == 0x03) {
      if (encoded.length != COMPRESSED_LENGTH) {
        throw new MalformedEncodingException(Reason.INVALID_POINT_ENCODING,
            "compressed public key point must be 33 bytes, but is " + encoded.length);
      }
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 33));
      return new Sm2PublicKey(Sm2Curve.decompress(x, prefix == 0x03));
    }
    throw new MalformedEncodingException(Reason.INVALID_POINT_ENCODING,
        String.format("public key point must start with 04, 02 or 03, but starts with %02x", prefix));
  }

  /**
   * Decodes an X.509 SubjectPublicKeyInfo. The algorithm must be id-ecPublicKey with the named
   * curve sm2p256v1 (as OpenSSL 3 writes it) or the SM2 OID itself (as OpenSSL 1.1.1 wrote it).
   */
  public static Sm2PublicKey fromSpki(byte[] der) throws MalformedEncodingException {
    Der top = Der.reader(der, "SubjectPublicKeyInfo");
    Der spki = top.sequence("SEQUENCE");
    top.end();
    readAlgorithm(spki.sequence("algorithm"), "SubjectPublicKeyInfo");
    byte[] point = spki.bitString("subjectPublicKey");
    spki.end();
    return fromPoint(point);
  }

  /** Decodes PEM text with the label {@code PUBLIC KEY}. */
  public static Sm2PublicKey fromPem(String pem) throws MalformedEncodingException {
    return fromSpki(Pem.decode(pem, Pem.PUBLIC_KEY).der());
  }

  /**
   * Decodes PEM text holding either a public key ({@code PUBLIC KEY}) or a private key
   * ({@code PRIVATE KEY} or {@code EC PRIVATE KEY}), whose public half is returned.
   */
  public static Sm2PublicKey fromPublicOrPrivatePem(String pem) throws MalformedEncodingException {
    Pem.Block block = Pem.decode(pem);
    if (block.label().equals(Pem.PUBLIC_KEY)) {
      return fromSpki(block.der());
    }
    return Sm2PrivateKey.fromBlock(block).publicKey();
  }

  /**
   * Checks an AlgorithmIdentifier for an SM2 key: id-ecPublicKey with the sm2p256v1 curve OID,
   * or the SM2 OID with absent or NULL parameters.
   */
  static void readAlgorithm(Der alg, String context) throws MalformedEncodingException {
    String oid = alg.oid("algorithm");
    if (oid.equals(Sm2Curve.EC_PUBLIC_KEY_OID)) {
      if (!alg.hasMore()) {
        throw new MalformedEncodingException(Reason.WRONG_CURVE,
            context + ": id-ecPublicKey needs a named curve parameter, but has none");
      }
      if (alg.peekTag() != Der.OID) {
        throw new MalformedEncodingException(Reason.WRONG_CURVE, context
            + ": only a named curve is supported, but the parameters are explicit or implicit");
      }
      String curve = alg.oid("namedCurve");
      if (!curve.equals(Sm2Curve.CURVE_OID)) {
        throw new MalformedEncodingException(Reason.WRONG_CURVE,
            context + ": curve must be sm2p256v1 (" + Sm2Curve.CURVE_OID + "), but is " + curve);
      }
    } else if (oid.equals(SM2_ALGORITHM_OID)) {
      if (alg.peekTag() == Der.NULL) {
        alg.readNull("parameters");
      } else if (alg.peekTag() == Der.OID) {
        String curve = alg.oid("namedCurve");
        if (!curve.equals(Sm2Curve.CURVE_OID)) {
          throw new MalformedEncodingException(Reason.WRONG_CURVE,
              context + ": curve must be sm2p256v1 (" + Sm2Curve.CURVE_OID + "), but is " + curve);
        }
      }
    } else {
      throw new MalformedEncodingException(Reason.UNSUPPORTED_ALGORITHM, context
          + ": key algorithm must be id-ecPublicKey (" + Sm2Curve.EC_PUBLIC_KEY_OID
          + ") with curve sm2p256v1, but is " + oid);
    }
    alg.end();
  }

  static byte[] algorithmIdentifier() {
    return Der.encodeSequence(Der.encodeOid(Sm2Curve.EC_PUBLIC_KEY_OID), Der.encodeOid(Sm2Curve.CURVE_OID));
  }

  /** The 65-byte uncompressed point {@code 04 ‖ x ‖ y}. */
  public byte[] toUncompressed() {
    return uncompressed.clone();
  }

  /** The 33-byte compressed point {@code 02|03 ‖ x}. */
  public byte[] toCompressed() {
    return point.getEncoded(true);
  }

  /** X.509 SubjectPublicKeyInfo DER, as OpenSSL 3 writes it. */
  public byte[] toSpki() {
    return Der.encodeSequence(algorithmIdentifier(), Der.encodeBitString(uncompressed));
  }

  /** PEM ({@code BEGIN PUBLIC KEY}) of {@link #toSpki()}. */
  public String toPem() {
    return Pem.encode(Pem.PUBLIC_KEY, toSpki());
  }

  ECPoint point() {
    return point;
  }

  /** x ‖ y, 64 bytes, the public-key part of Z_A. */
  byte[] xy() {
    return Arrays.copyOfRange(uncompressed, 1, 65);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sm2PublicKey && Arrays.equals(uncompressed, ((Sm2PublicKey) o).uncompressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(uncompressed);
  }

  /** The compressed point in hex. */
  @Override
  public String toString() {
    return "Sm2PublicKey[" + Hex.encode(toCompressed()) + "]";
  }
}
