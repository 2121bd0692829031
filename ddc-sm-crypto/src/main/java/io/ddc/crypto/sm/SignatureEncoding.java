package io.ddc.crypto.sm;

/** How an SM2 signature (r, s) is written as bytes. */
public enum SignatureEncoding {
  /** ASN.1 DER {@code SEQUENCE { INTEGER r, INTEGER s }}, as OpenSSL writes it (70 to 72 bytes). */
  DER,
  /** The fixed 64 bytes {@code r ‖ s}, each 32 bytes big-endian. */
  RAW
}
