package io.ddc.crypto.sm;

import io.ddc.crypto.sm.SmCryptoException.Reason;
import io.ddc.crypto.sm.internal.Der;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An SM2 private key: a scalar d in [1, n-2] with its public key [d]G. Immutable and
 * thread-safe; creation checks the range and, when a public key comes with the encoding, that
 * it matches d. The secret leaves only through methods that take {@link SecretAccess}, and
 * {@link #toString()} shows the public key only.
 *
 * <p>Encodings: PKCS#8 PrivateKeyInfo DER and PEM ({@code BEGIN PRIVATE KEY}) holding an
 * RFC 5915 ECPrivateKey, as {@code openssl genpkey -algorithm SM2} writes; the SEC 1
 * {@code BEGIN EC PRIVATE KEY} form is read too.
 */
public final class Sm2PrivateKey {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BigInteger N_MINUS_2 = Sm2Curve.N.subtract(BigInteger.TWO);

  private final BigInteger d;
  private final Sm2PublicKey publicKey;

  private Sm2PrivateKey(BigInteger d, Sm2PublicKey publicKey) {
    this.d = d;
    this.publicKey = publicKey;
  }

  /** A fresh key from a {@link SecureRandom}. */
  public static Sm2PrivateKey generate() {
    return generate(RANDOM);
  }

  /** A fresh key drawn uniformly from [1, n-2] with {@code random}. */
  public static Sm2PrivateKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    BigInteger d;
    do {
      d = new BigInteger(Sm2Curve.N.bitLength(), random);
    } while (d.signum() == 0 || d.compareTo(N_MINUS_2) > 0);
    return new Sm2PrivateKey(d, Sm2PublicKey.ofValidPoint(Sm2Curve.multiplyG(d)));
  }

  /** The key with scalar {@code d}, 32 bytes big-endian. */
  public static Sm2PrivateKey fromScalar(byte[] d) throws MalformedEncodingException {
    Objects.requireNonNull(d, "d");
    if (d.length != Sm2Curve.FIELD_BYTES) {
      throw new MalformedEncodingException(Reason.WRONG_LENGTH,
          "private key scalar must be 32 bytes, but is " + d.length);
    }
    return fromScalar(new BigInteger(1, d), null);
  }

  private static Sm2PrivateKey fromScalar(BigInteger d, byte[] publicPoint)
      throws MalformedEncodingException {
    if (d.signum() <= 0 || d.compareTo(N_MINUS_2) > 0) {
      throw new MalformedEncodingException(Reason.SCALAR_OUT_OF_RANGE,
          "private key scalar must be in [1, n-2]");
    }
    Sm2PublicKey derived = Sm2PublicKey.ofValidPoint(Sm2Curve.multiplyG(d));
    if (publicPoint != null) {
      Sm2PublicKey given = Sm2PublicKey.fromPoint(publicPoint);
      if (!given.equals(derived)) {
        throw new MalformedEncodingException(Reason.KEY_MISMATCH,
            "the public key stored with the private key (" + given
                + ") is not the one the private scalar gives (" + derived + ")");
      }
    }
    return new Sm2PrivateKey(d, derived);
  }

  /** Decodes PKCS#8 PrivateKeyInfo DER for an SM2 key. */
  public static Sm2PrivateKey fromPkcs8(byte[] der) throws MalformedEncodingException {
    Der top = Der.reader(der, "PrivateKeyInfo");
    Der info = top.sequence("SEQUENCE");
    top.end();
    BigInteger version = info.integer("version");
    if (version.signum() != 0 && !version.equals(BigInteger.ONE)) {
      throw new MalformedEncodingException(Reason.UNSUPPORTED_ALGORITHM,
          "PrivateKeyInfo version must be 0 or 1, but is " + version);
    }
    Sm2PublicKey.readAlgorithm(info.sequence("privateKeyAlgorithm"), "PrivateKeyInfo");
    byte[] inner = info.octetString("privateKey");
    // Optional [0] attributes and, in version 1, [1] publicKey are allowed and ignored.
    while (info.hasMore()) {
      int tag = info.peekTag();
      if (tag != 0xa0 && tag != 0x81 && tag != 0xa1) {
        throw new MalformedEncodingException(Reason.MALFORMED_DER,
            String.format("PrivateKeyInfo: unexpected field with tag 0x%02x after privateKey", tag));
      }
      info.read(tag, "optional field");
    }
    return fromEcPrivateKey(inner, "PrivateKeyInfo/privateKey/ECPrivateKey");
  }

  /** Decodes an RFC 5915 / SEC 1 ECPrivateKey, whose curve, if named, must be sm2p256v1. */
  static Sm2PrivateKey fromEcPrivateKey(byte[] der, String context)
      throws MalformedEncodingException {
    Der top = Der.reader(der, context);
    Der ec = top.sequence("SEQUENCE");
    top.end();
    BigInteger version = ec.integer("version");
    if (!version.equals(BigInteger.ONE)) {
      throw new MalformedEncodingException(Reason.UNSUPPORTED_ALGORITHM,
          context + ": ECPrivateKey version must be 1, but is " + version);
    }
    byte[] scalar = ec.octetString("privateKey");
    if (scalar.length != Sm2Curve.FIELD_BYTES) {
      throw new MalformedEncodingException(Reason.WRONG_LENGTH,
          context + ": private key scalar must be 32 bytes, but is " + scalar.length);
    }
    byte[] publicPoint = null;
    if (ec.peekTag() == 0xa0) {
      Der params = ec.read(0xa0, "parameters");
      String curve = params.oid("namedCurve");
      params.end();
      if (!curve.equals(Sm2Curve.CURVE_OID)) {
        throw new MalformedEncodingException(Reason.WRONG_CURVE,
            context + ": curve must be sm2p256v1 (" + Sm2Curve.CURVE_OID + "), but is " + curve);
      }
    }
    if (ec.peekTag() == 0xa1) {
      Der pub = ec.read(0xa1, "publicKey");
      publicPoint = pub.bitString("BIT STRING");
      pub.end();
    }
    ec.end();
    return fromScalar(new BigInteger(1, scalar), publicPoint);
  }

  /** Decodes PEM text labelled {@code PRIVATE KEY} (PKCS#8) or {@code EC PRIVATE KEY} (SEC 1). */
  public static Sm2PrivateKey fromPem(String pem) throws MalformedEncodingException {
    return fromBlock(Pem.decode(pem));
  }

  static Sm2PrivateKey fromBlock(Pem.Block block) throws MalformedEncodingException {
    switch (block.label()) {
      case Pem.PRIVATE_KEY:
        return fromPkcs8(block.der());
      case Pem.EC_PRIVATE_KEY:
        return fromEcPrivateKey(block.der(), "ECPrivateKey");
      case Pem.ENCRYPTED_PRIVATE_KEY:
        throw new MalformedEncodingException(Reason.ENCRYPTED_KEY,
            "the private key is password-encrypted; decrypt it first, e.g. with openssl pkey");
      default:
        throw new MalformedEncodingException(Reason.UNEXPECTED_PEM_LABEL,
            "expected a PEM block labelled PRIVATE KEY or EC PRIVATE KEY, but found "
                + block.label());
    }
  }

  /** The public key [d]G. */
  public Sm2PublicKey publicKey() {
    return publicKey;
  }

  /** The secret scalar, 32 bytes big-endian. */
  public byte[] toScalar(SecretAccess access) {
    Objects.requireNonNull(access, "access");
    return Sm2Curve.bytes32(d);
  }

  /** PKCS#8 PrivateKeyInfo DER, with the public key inside as OpenSSL 3 writes it. */
  public byte[] toPkcs8(SecretAccess access) {
    Objects.requireNonNull(access, "access");
    byte[] ecPrivateKey = Der.encodeSequence(
        Der.encodeInteger(BigInteger.ONE),
        Der.tlv(Der.OCTET_STRING, Sm2Curve.bytes32(d)),
        Der.encodeExplicit(1, Der.encodeBitString(publicKey.toUncompressed())));
    return Der.encodeSequence(
        Der.encodeInteger(BigInteger.ZERO),
        Sm2PublicKey.algorithmIdentifier(),
        Der.tlv(Der.OCTET_STRING, ecPrivateKey));
  }

  /** PEM ({@code BEGIN PRIVATE KEY}) of {@link #toPkcs8}. */
  public String toPem(SecretAccess access) {
    return Pem.encode(Pem.PRIVATE_KEY, toPkcs8(access));
  }

  BigInteger scalar() {
    return d;
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "Sm2PrivateKey[public=" + publicKey + "]";
  }
}
