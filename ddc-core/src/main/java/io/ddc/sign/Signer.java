package io.ddc.sign;

/**
 * Something that signs bytes with a key it may never hand over: a key in this process, an HSM,
 * or a remote signing service. ddc asks only for signatures and the public key.
 *
 * <p>Implementations must be thread-safe. A failure to reach the signing service is reported
 * as {@link SigningUnavailableException}.
 */
public interface Signer {
  /** The signature scheme, which fixes the encoding of {@link #publicKey()} and of signatures. */
  SignatureScheme scheme();

  /** The public key in the scheme's encoding. */
  byte[] publicKey();

  /** A signature over {@code message} in the scheme's encoding. */
  byte[] sign(byte[] message) throws SigningUnavailableException;
}
