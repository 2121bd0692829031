package io.ddc.sign;

/** The signature schemes ddc signs and verifies with. */
public enum SignatureScheme {
  /**
   * SM2 (GB/T 32918.2) with SM3, distinguishing ID {@code 1234567812345678} (GM/T 0009);
   * public key the 65-byte uncompressed point, signature the 64 bytes {@code r ‖ s}.
   */
  SM2_SM3,
  /** Ed25519 (RFC 8032); public key 32 bytes, signature 64 bytes. Used by transparency-log witnesses. */
  ED25519
}
