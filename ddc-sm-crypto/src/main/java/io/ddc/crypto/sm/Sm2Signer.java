package io.ddc.crypto.sm;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Signs messages with SM2 (GB/T 32918.2 §6.1): {@code e = SM3(Z_A ‖ M)}, then (r, s) with a
 * fresh random k per signature.
 *
 * <p>Immutable and thread-safe, unlike Bouncy Castle's {@code SM2Signer}: Z_A for the key and
 * distinguishing ID and {@code (1 + d)^-1 mod n} are computed once when the signer is created.
 * The distinguishing ID and encoding are always explicit.
 */
public final class Sm2Signer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Sm2PrivateKey key;
  private final DistinguishingId id;
  private final SignatureEncoding encoding;
  private final byte[] za;
  private final BigInteger inverseOnePlusD;

  private Sm2Signer(Sm2PrivateKey key, DistinguishingId id, SignatureEncoding encoding) {
    this.key = key;
    this.id = id;
    this.encoding = encoding;
    this.za = Sm2Verifier.za(key.publicKey(), id);
    this.inverseOnePlusD = key.scalar().add(BigInteger.ONE).modInverse(Sm2Curve.N);
  }

  /** A signer writing DER signatures, as OpenSSL does. */
  public static Sm2Signer create(Sm2PrivateKey key, DistinguishingId id) {
    return create(key, id, SignatureEncoding.DER);
  }

  /** A signer for {@code key} under distinguishing ID {@code id} writing {@code encoding}. */
  public static Sm2Signer create(
      Sm2PrivateKey key, DistinguishingId id, SignatureEncoding encoding) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(encoding, "encoding");
    return new Sm2Signer(key, id, encoding);
  }

  /** Signs {@code message}. */
  public byte[] sign(byte[] message) {
    return sign(message, 0, message.length);
  }

  /** Signs {@code message[off..off+len-1]}. */
  public byte[] sign(byte[] message, int off, int len) {
    Objects.checkFromIndexSize(off, len, message.length);
    Sm3Digest d = new Sm3Digest().update(za).update(message, off, len);
    return signDigest(d.digest(), null).encode(encoding);
  }

  /** Signs everything {@code message} yields, read in constant memory. */
  public byte[] sign(InputStream message) throws IOException {
    return signDigest(Sm2Verifier.digest(za, message), null).encode(encoding);
  }

  /** The public key of the signing key. */
  public Sm2PublicKey publicKey() {
    return key.publicKey();
  }

  /** The distinguishing ID. */
  public DistinguishingId id() {
    return id;
  }

  /** The encoding of the signatures returned. */
  public SignatureEncoding encoding() {
    return encoding;
  }

  /** Test seam: signs with a fixed k, for the standard's known-answer vectors only. */
  Sm2Signature signWithFixedK(byte[] message, BigInteger k) {
    Sm3Digest d = new Sm3Digest().update(za).update(message);
    return signDigest(d.digest(), k);
  }

  private Sm2Signature signDigest(byte[] digest, BigInteger fixedK) {
    BigInteger n = Sm2Curve.N;
    BigInteger e = new BigInteger(1, digest);
    BigInteger d = key.scalar();
    while (true) {
      BigInteger k = fixedK != null ? fixedK : randomScalar();
      ECPoint kg = Sm2Curve.multiplyG(k);
      BigInteger r = e.add(kg.getAffineXCoord().toBigInteger()).mod(n);
      if (r.signum() == 0 || r.add(k).equals(n)) {
        if (fixedK != null) {
          throw new IllegalArgumentException("the fixed k gives r = 0 or r + k = n");
        }
        continue;
      }
      BigInteger s = inverseOnePlusD.multiply(k.subtract(r.multiply(d))).mod(n);
      if (s.signum() == 0) {
        if (fixedK != null) {
          throw new IllegalArgumentException("the fixed k gives s = 0");
        }
        continue;
      }
      return Sm2Signature.of(r, s);
    }
  }

  private static BigInteger randomScalar() {
    BigInteger k;
    do {
      k = new BigInteger(Sm2Curve.N.bitLength(), RANDOM);
    } while (k.signum() == 0 || k.compareTo(Sm2Curve.N) >= 0);
    return k;
  }

  /** Shows the public key and ID only. */
  @Override
  public String toString() {
    return "Sm2Signer[" + key.publicKey() + ", " + id + ", " + encoding + "]";
  }
}
