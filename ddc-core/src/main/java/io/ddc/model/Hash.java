package io.ddc.model;

import io.ddc.crypto.sm.Hex;
import java.util.Arrays;

/** A 32-byte digest (SM3 or SHA-256): immutable, copied in and out, printed as lowercase hex. */
public final class Hash implements Comparable<Hash> {
  /** Digest length in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The digest {@code bytes}, which must be 32 bytes long. */
  public static Hash of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash is " + LENGTH + " bytes, but got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /** Parses 64 lowercase hex digits (the one spelling ddc writes and accepts). */
  public static Hash fromHex(String hex) throws MalformedDataException {
    if (hex.length() != 2 * LENGTH) {
      throw new MalformedDataException("a hash is " + 2 * LENGTH + " hex digits, but got " + hex.length());
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (c >= 'A' && c <= 'F') {
        // one spelling per hash: a bundle whose hashes change case must not verify as the same bundle
        throw new MalformedDataException("a hash is lowercase hex, but has '" + c + "' at " + i);
      }
    }
    try {
      return new Hash(Hex.decode(hex));
    } catch (io.ddc.crypto.sm.MalformedEncodingException e) {
      throw new MalformedDataException("not a hex hash: " + e.getMessage());
    }
  }

  /** A copy of the 32 bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Writes the 32 bytes at {@code out[off..]}. */
  public void copyTo(byte[] out, int off) {
    System.arraycopy(bytes, 0, out, off, LENGTH);
  }

  /** Lowercase hex. */
  public String hex() {
    return Hex.encode(bytes);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash && Arrays.equals(bytes, ((Hash) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
