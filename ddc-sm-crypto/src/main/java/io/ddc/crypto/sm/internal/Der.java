package io.ddc.crypto.sm.internal;

import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.SmCryptoException.Reason;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A strict reader and a minimal writer of the ASN.1 DER subset keys and signatures use.
 *
 * <p>Internal. The reader accepts only DER: definite minimal lengths, minimal INTEGERs, no
 * trailing bytes (checked by {@link #end()}). Every error says which field was being read, what
 * was expected and what was found.
 */
public final class Der {
  public static final int INTEGER = 0x02;
  public static final int BIT_STRING = 0x03;
  public static final int OCTET_STRING = 0x04;
  public static final int NULL = 0x05;
  public static final int OID = 0x06;
  public static final int SEQUENCE = 0x30;

  private final byte[] buf;
  private int pos;
  private final int end;
  private final String context;

  private Der(byte[] buf, int pos, int end, String context) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.context = context;
  }

  /** A reader over all of {@code der}; {@code context} names the structure in messages. */
  public static Der reader(byte[] der, String context) {
    return new Der(der, 0, der.length, context);
  }

  /** Whether unread bytes remain. */
  public boolean hasMore() {
    return pos < end;
  }

  /** The tag of the next element, or -1 at the end. */
  public int peekTag() {
    return pos < end ? buf[pos] & 0xff : -1;
  }

  /** Fails unless every byte has been read. */
  public void end() throws MalformedEncodingException {
    if (pos != end) {
      throw new MalformedEncodingException(Reason.TRAILING_BYTES,
          context + ": " + (end - pos) + " unexpected bytes after the last field");
    }
  }

  /** Reads an element with tag {@code tag} and returns a reader over its contents. */
  public Der read(int tag, String field) throws MalformedEncodingException {
    if (pos >= end) {
      throw malformed(field, "expected " + tagName(tag) + " but the input ended");
    }
    int found = buf[pos] & 0xff;
    if (found != tag) {
      throw malformed(field, "expected " + tagName(tag) + " but found " + tagName(found));
    }
    pos++;
    int len = readLength(field);
    Der content = new Der(buf, pos, pos + len, context + "/" + field);
    pos += len;
    return content;
  }

  /** Reads a SEQUENCE. */
  public Der sequence(String field) throws MalformedEncodingException {
    return read(SEQUENCE, field);
  }

  /** Reads an INTEGER in minimal two's-complement form. */
  public BigInteger integer(String field) throws MalformedEncodingException {
    byte[] v = read(INTEGER, field).rest();
    if (v.length == 0) {
      throw malformed(field, "INTEGER has no content bytes");
    }
    if (v.length > 1 && ((v[0] == 0 && v[1] >= 0) || (v[0] == -1 && v[1] < 0))) {
      throw new MalformedEncodingException(Reason.NON_MINIMAL_DER,
          context + "/" + field + ": INTEGER has a redundant leading byte 0x"
              + String.format("%02x", v[0] & 0xff));
    }
    return new BigInteger(v);
  }

  /** Reads an OCTET STRING. */
  public byte[] octetString(String field) throws MalformedEncodingException {
    return read(OCTET_STRING, field).rest();
  }

  /** Reads a BIT STRING that must have no unused bits, returning its bytes. */
  public byte[] bitString(String field) throws MalformedEncodingException {
    byte[] v = read(BIT_STRING, field).rest();
    if (v.length == 0) {
      throw malformed(field, "BIT STRING has no unused-bits byte");
    }
    if (v[0] != 0) {
      throw malformed(field, "BIT STRING must have 0 unused bits, but has " + (v[0] & 0xff));
    }
    return Arrays.copyOfRange(v, 1, v.length);
  }

  /** Reads an OBJECT IDENTIFIER and returns it in dotted form. */
  public String oid(String field) throws MalformedEncodingException {
    byte[] v = read(OID, field).rest();
    if (v.length == 0) {
      throw malformed(field, "OBJECT IDENTIFIER has no content bytes");
    }
    StringBuilder sb = new StringBuilder();
    long value = 0;
    boolean first = true;
    boolean start = true;
    for (int i = 0; i < v.length; i++) {
      int b = v[i] & 0xff;
      if (start && b == 0x80) {
        throw new MalformedEncodingException(Reason.NON_MINIMAL_DER,
            context + "/" + field + ": OBJECT IDENTIFIER arc has a redundant leading 0x80");
      }
      if (value > (Long.MAX_VALUE >> 7)) {
        throw malformed(field, "OBJECT IDENTIFIER arc is too large");
      }
      value = (value << 7) | (b & 0x7f);
      start = (b & 0x80) == 0;
      if (start) {
        if (first) {
          int top = value < 40 ? 0 : value < 80 ? 1 : 2;
          sb.append(top).append('.').append(value - 40L * top);
          first = false;
        } else {
          sb.append('.').append(value);
        }
        value = 0;
      }
    }
    if (!start) {
      throw malformed(field, "OBJECT IDENTIFIER ends inside an arc");
    }
    return sb.toString();
  }

  /** Reads a NULL. */
  public void readNull(String field) throws MalformedEncodingException {
    if (read(NULL, field).hasMore()) {
      throw malformed(field, "NULL must be empty");
    }
  }

  /** The unread bytes, consuming them. */
  public byte[] rest() {
    byte[] v = Arrays.copyOfRange(buf, pos, end);
    pos = end;
    return v;
  }

  private int readLength(String field) throws MalformedEncodingException {
    if (pos >= end) {
      throw malformed(field, "the input ended before the length");
    }
    int first = buf[pos++] & 0xff;
    int len;
    if (first < 0x80) {
      len = first;
    } else if (first == 0x80) {
      throw new MalformedEncodingException(Reason.NON_MINIMAL_DER,
          context + "/" + field + ": indefinite length (BER) is not DER");
    } else {
      int n = first & 0x7f;
      if (n > 3) {
        throw malformed(field, "length of " + n + " bytes is larger than any input taken here");
      }
      if (end - pos < n) {
        throw malformed(field, "the input ended inside the length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (buf[pos++] & 0xff);
      }
      if (len < 0x80 || len < (1 << (8 * (n - 1)))) {
        throw new MalformedEncodingException(Reason.NON_MINIMAL_DER,
            context + "/" + field + ": length " + len + " is not in its shortest form");
      }
    }
    if (len > end - pos) {
      throw malformed(field, "length " + len + " exceeds the " + (end - pos) + " bytes left");
    }
    return len;
  }

  private MalformedEncodingException malformed(String field, String what) {
    return new MalformedEncodingException(Reason.MALFORMED_DER, context + "/" + field + ": " + what);
  }

  static String tagName(int tag) {
    switch (tag) {
      case INTEGER:
        return "INTEGER (0x02)";
      case BIT_STRING:
        return "BIT STRING (0x03)";
      case OCTET_STRING:
        return "OCTET STRING (0x04)";
      case NULL:
        return "NULL (0x05)";
      case OID:
        return "OBJECT IDENTIFIER (0x06)";
      case SEQUENCE:
        return "SEQUENCE (0x30)";
      default:
        return String.format("tag 0x%02x", tag);
    }
  }

  // ---- writing ----

  /** Encodes one element. */
  public static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** Encodes a SEQUENCE of already encoded elements. */
  public static byte[] encodeSequence(byte[]... elements) {
    return tlv(SEQUENCE, concat(elements));
  }

  /** Encodes a non-negative INTEGER minimally. */
  public static byte[] encodeInteger(BigInteger v) {
    return tlv(INTEGER, v.toByteArray());
  }

  /** Encodes a BIT STRING with no unused bits. */
  public static byte[] encodeBitString(byte[] bits) {
    byte[] c = new byte[bits.length + 1];
    System.arraycopy(bits, 0, c, 1, bits.length);
    return tlv(BIT_STRING, c);
  }

  /** Encodes an OBJECT IDENTIFIER from dotted form. */
  public static byte[] encodeOid(String dotted) {
    String[] arcs = dotted.split("\\.", -1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      base128(out, Long.parseLong(arcs[i]));
    }
    return tlv(OID, out.toByteArray());
  }

  /** Encodes a context-specific constructed tag {@code [n]} around {@code content}. */
  public static byte[] encodeExplicit(int n, byte[] content) {
    return tlv(0xa0 | n, content);
  }

  /** Concatenates byte arrays. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void base128(ByteArrayOutputStream out, long v) {
    int groups = 1;
    for (long t = v >>> 7; t != 0; t >>>= 7) {
      groups++;
    }
    for (int g = groups - 1; g >= 0; g--) {
      int b = (int) ((v >>> (7 * g)) & 0x7f);
      out.write(g == 0 ? b : b | 0x80);
    }
  }
}
