package io.ddc.crypto.sm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The SM2 distinguishing identifier ID_A that enters the signature through
 * {@code Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A)} (GB/T 32918.2 §5.5).
 *
 * <p>Signer and verifier must use the same ID; there is deliberately no implicit default.
 * {@link #DEFAULT} is the GM/T 0009-2012 value {@code "1234567812345678"}; note that the
 * OpenSSL 3 command line uses the {@link #EMPTY empty} ID unless told
 * {@code -pkeyopt distid:...}, and Bouncy Castle's default changed between versions.
 */
public final class DistinguishingId {
  /** ENTL_A is two bytes holding the ID length in bits, so at most 8191 bytes. */
  public static final int MAX_LENGTH = 0xffff / 8;

  /** The GM/T 0009-2012 (GB/T 35276-2017) default ID, ASCII {@code "1234567812345678"}. */
  public static final DistinguishingId DEFAULT = utf8("1234567812345678");

  /** The empty ID (ENTL_A = 0), the OpenSSL 3 command line's default. */
  public static final DistinguishingId EMPTY = new DistinguishingId(new byte[0]);

  private final byte[] bytes;

  private DistinguishingId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The ID made of the UTF-8 bytes of {@code id}. */
  public static DistinguishingId utf8(String id) {
    return of(id.getBytes(StandardCharsets.UTF_8));
  }

  /** The ID made of a copy of {@code id}. */
  public static DistinguishingId of(byte[] id) {
    Objects.requireNonNull(id, "id");
    if (id.length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "distinguishing ID is " + id.length + " bytes, at most " + MAX_LENGTH + " allowed");
    }
    return new DistinguishingId(id.clone());
  }

  /** A copy of the ID bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Length in bytes. */
  public int length() {
    return bytes.length;
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DistinguishingId && Arrays.equals(bytes, ((DistinguishingId) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The ID as text when it is printable ASCII, else as hex. */
  @Override
  public String toString() {
    for (byte b : bytes) {
      if (b < 0x20 || b > 0x7e) {
        return "DistinguishingId[hex:" + Hex.encode(bytes) + "]";
      }
    }
    return "DistinguishingId[\"" + new String(bytes, StandardCharsets.US_ASCII) + "\"]";
  }
}
