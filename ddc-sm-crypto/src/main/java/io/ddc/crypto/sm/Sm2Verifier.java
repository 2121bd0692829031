package io.ddc.crypto.sm;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.ECAlgorithms;

/**
 * Verifies SM2 signatures (GB/T 32918.2 §7.1) for one public key and distinguishing ID.
 *
 * <p>Immutable and thread-safe. Creating a verifier computes Z_A once, and the public key's
 * point accumulates Bouncy Castle's cached wNAF tables as it is used, so one verifier (or one
 * {@link Sm2PublicKey} object) checking many signatures, one issuer and many certificates, is
 * faster than fresh objects per signature. A signature that fails the fast check is checked
 * once more on independent code before it is rejected (see docs/CRYPTO.md for why).
 *
 * <p>The outcome is one of three: the method returns (valid); {@link MalformedEncodingException}
 * (the signature bytes are not a valid encoding, or r or s is outside [1, n-1]); or
 * {@link SignatureVerificationException} (well formed, but not a signature of this message by
 * this key under this ID).
 */
public final class Sm2Verifier {
  private final Sm2PublicKey key;
  private final DistinguishingId id;
  private final SignatureEncoding encoding;
  private final byte[] za;
  private final ECPoint q;

  private Sm2Verifier(Sm2PublicKey key, DistinguishingId id, SignatureEncoding encoding) {
    this.key = key;
    this.id = id;
    this.encoding = encoding;
    this.za = za(key, id);
    // Bouncy Castle caches wNAF tables on the point object (thread-safely) and widens them as
    // the point is reused, so every verifier made from one Sm2PublicKey shares and speeds up.
    this.q = key.point();
  }

  /** A verifier of DER signatures, as OpenSSL writes them. */
  public static Sm2Verifier create(Sm2PublicKey key, DistinguishingId id) {
    return create(key, id, SignatureEncoding.DER);
  }

  /** A verifier for {@code key} under {@code id} reading signatures in {@code encoding}. */
  public static Sm2Verifier create(
      Sm2PublicKey key, DistinguishingId id, SignatureEncoding encoding) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(encoding, "encoding");
    return new Sm2Verifier(key, id, encoding);
  }

  /**
   * Checks that {@code signature} signs {@code message}.
   *
   * @throws MalformedEncodingException if the signature is not a valid encoding
   * @throws SignatureVerificationException if it is well formed but does not verify
   */
  public void verify(byte[] message, byte[] signature)
      throws MalformedEncodingException, SignatureVerificationException {
    Objects.requireNonNull(message, "message");
    Sm2Signature sig = Sm2Signature.decode(Objects.requireNonNull(signature, "signature"), encoding);
    check(new Sm3Digest().update(za).update(message).digest(), sig);
  }

  /** Checks that {@code signature} signs everything {@code message} yields. */
  public void verify(InputStream message, byte[] signature)
      throws IOException, MalformedEncodingException, SignatureVerificationException {
    Sm2Signature sig = Sm2Signature.decode(Objects.requireNonNull(signature, "signature"), encoding);
    check(digest(za, message), sig);
  }

  /** Checks a decoded signature over {@code message}. */
  public void verify(byte[] message, Sm2Signature signature) throws SignatureVerificationException {
    check(new Sm3Digest().update(za).update(message).digest(), signature);
  }

  /** Whether {@code signature} is a valid encoding that signs {@code message}. */
  public boolean isValid(byte[] message, byte[] signature) {
    try {
      verify(message, signature);
      return true;
    } catch (SmCryptoException e) {
      return false;
    }
  }

  private void check(byte[] digest, Sm2Signature sig) throws SignatureVerificationException {
    BigInteger n = Sm2Curve.N;
    BigInteger r = sig.r();
    BigInteger s = sig.s();
    BigInteger t = r.add(s).mod(n);
    if (t.signum() == 0) {
      throw new SignatureVerificationException(
          "signature does not verify: (r + s) mod n = 0 for key " + key + " and " + id);
    }
    BigInteger e = new BigInteger(1, digest);
    if (matches(e, r, ECAlgorithms.sumOfTwoMultiplies(Sm2Curve.G, s, q, t))) {
      return;
    }
    throw new SignatureVerificationException(
        "signature does not verify for key " + key + ", " + id
            + " and this message (wrong key, ID, message or a corrupted signature)");
  }

  private static boolean matches(BigInteger e, BigInteger r, ECPoint sum) {
    ECPoint x1y1 = sum.normalize();
    return !x1y1.isInfinity()
        && e.add(x1y1.getAffineXCoord().toBigInteger()).mod(Sm2Curve.N).equals(r);
  }

  /** The public key. */
  public Sm2PublicKey publicKey() {
    return key;
  }

  /** The distinguishing ID. */
  public DistinguishingId id() {
    return id;
  }

  /** The encoding of the signatures read. */
  public SignatureEncoding encoding() {
    return encoding;
  }

  /** {@code Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A)} (GB/T 32918.2 §5.5). */
  static byte[] za(Sm2PublicKey key, DistinguishingId id) {
    int bits = id.length() * 8;
    return new Sm3Digest()
        .update((byte) (bits >>> 8))
        .update((byte) bits)
        .update(id.bytes())
        .update(Sm2Curve.ZA_CURVE_PART)
        .update(key.xy())
        .digest();
  }

  static byte[] digest(byte[] za, InputStream message) throws IOException {
    return new Sm3Digest().update(za).update(message).digest();
  }

  @Override
  public String toString() {
    return "Sm2Verifier[" + key + ", " + id + ", " + encoding + "]";
  }
}
