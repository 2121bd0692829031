package io.ddc.crypto.sm;

import io.ddc.crypto.sm.SmCryptoException.Reason;
import io.ddc.crypto.sm.internal.Der;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * An SM2 signature (r, s) with both components in [1, n-1], and its two byte encodings.
 * Decoding is strict: DER must be minimal with no trailing bytes, raw must be exactly 64
 * bytes, and out-of-range components are rejected here rather than reported as a failed
 * verification.
 */
public final class Sm2Signature {
  /** Size of the raw {@code r ‖ s} encoding. */
  public static final int RAW_LENGTH = 64;
  /** Largest valid DER encoding: SEQUENCE of two 33-byte INTEGERs. */
  public static final int MAX_DER_LENGTH = 72;
  /**
   * Inputs above this size are refused before parsing; below it, malformed DER gets its
   * specific reason (e.g. trailing bytes) rather than just "too large".
   */
  static final int MAX_INPUT_LENGTH = 1024;

  private final BigInteger r;
  private final BigInteger s;

  private Sm2Signature(BigInteger r, BigInteger s) {
    this.r = r;
    this.s = s;
  }

  static Sm2Signature of(BigInteger r, BigInteger s) {
    return new Sm2Signature(r, s);
  }

  /** Decodes {@code bytes} in the given encoding. */
  public static Sm2Signature decode(byte[] bytes, SignatureEncoding encoding)
      throws MalformedEncodingException {
    Objects.requireNonNull(encoding, "encoding");
    return encoding == SignatureEncoding.DER ? fromDer(bytes) : fromRaw(bytes);
  }

  /** Decodes {@code SEQUENCE { INTEGER r, INTEGER s }}. */
  public static Sm2Signature fromDer(byte[] der) throws MalformedEncodingException {
    Objects.requireNonNull(der, "der");
    if (der.length > MAX_INPUT_LENGTH) {
      throw new MalformedEncodingException(Reason.TOO_LARGE, "DER signature is " + der.length
          + " bytes; a valid one has at most " + MAX_DER_LENGTH);
    }
    Der top = Der.reader(der, "SM2 signature");
    Der seq = top.sequence("SEQUENCE");
    top.end();
    BigInteger r = seq.integer("r");
    BigInteger s = seq.integer("s");
    seq.end();
    return checked(r, s);
  }

  /** Decodes the 64 bytes {@code r ‖ s}. */
  public static Sm2Signature fromRaw(byte[] raw) throws MalformedEncodingException {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != RAW_LENGTH) {
      throw new MalformedEncodingException(Reason.WRONG_LENGTH,
          "raw signature must be 64 bytes (r ‖ s), but is " + raw.length);
    }
    return checked(new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)));
  }

  private static Sm2Signature checked(BigInteger r, BigInteger s)
      throws MalformedEncodingException {
    check("r", r);
    check("s", s);
    return new Sm2Signature(r, s);
  }

  private static void check(String name, BigInteger v) throws MalformedEncodingException {
    if (v.signum() <= 0 || v.compareTo(Sm2Curve.N) >= 0) {
      throw new MalformedEncodingException(Reason.SIGNATURE_VALUE_OUT_OF_RANGE,
          "signature " + name + " must be in [1, n-1], but is "
              + (v.signum() < 0 ? "negative" : v.signum() == 0 ? "0" : "0x" + v.toString(16)));
    }
  }

  /** Encodes in the given encoding. */
  public byte[] encode(SignatureEncoding encoding) {
    return encoding == SignatureEncoding.DER ? toDer() : toRaw();
  }

  /** DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
  public byte[] toDer() {
    return Der.encodeSequence(Der.encodeInteger(r), Der.encodeInteger(s));
  }

  /** The 64 bytes {@code r ‖ s}. */
  public byte[] toRaw() {
    byte[] out = new byte[RAW_LENGTH];
    Sm2Curve.put(r, out, 0);
    Sm2Curve.put(s, out, 32);
    return out;
  }

  BigInteger r() {
    return r;
  }

  BigInteger s() {
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sm2Signature && r.equals(((Sm2Signature) o).r)
        && s.equals(((Sm2Signature) o).s);
  }

  @Override
  public int hashCode() {
    return 31 * r.hashCode() + s.hashCode();
  }

  @Override
  public String toString() {
    return "Sm2Signature[" + Hex.encode(toRaw()) + "]";
  }
}
