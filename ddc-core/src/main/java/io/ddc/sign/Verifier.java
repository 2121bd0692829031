package io.ddc.sign;

/** Checks signatures of one public key; thread-safe. */
public interface Verifier {
  /** The signature scheme. */
  SignatureScheme scheme();

  /** The public key in the scheme's encoding. */
  byte[] publicKey();

  /** Whether {@code signature} is a valid signature of {@code message}; never throws for bad input. */
  boolean isValid(byte[] message, byte[] signature);
}
