package io.ddc.crypto.sm;

/** Lowercase hexadecimal encoding and strict decoding. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Lowercase hex of {@code bytes}. */
  public static String encode(byte[] bytes) {
    char[] c = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      c[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      c[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(c);
  }

  /**
   * Decodes hex text (either case, no separators or whitespace).
   *
   * @throws MalformedEncodingException for an odd length or a non-hex character
   */
  public static byte[] decode(CharSequence hex) throws MalformedEncodingException {
    int n = hex.length();
    if (n % 2 != 0) {
      throw new MalformedEncodingException(SmCryptoException.Reason.MALFORMED_HEX,
          "hex text must have an even number of digits, but has " + n);
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < n; i += 2) {
      out[i / 2] = (byte) ((digit(hex, i) << 4) | digit(hex, i + 1));
    }
    return out;
  }

  private static int digit(CharSequence hex, int i) throws MalformedEncodingException {
    char c = hex.charAt(i);
    int d = Character.digit(c, 16);
    if (d < 0 || c > 'f') {
      throw new MalformedEncodingException(SmCryptoException.Reason.MALFORMED_HEX,
          "hex text must hold only 0-9, a-f, A-F, but has " + describe(c) + " at index " + i);
    }
    return d;
  }

  static String describe(char c) {
    return c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
