package io.ddc.merkle;

import java.util.Locale;

/**
 * The hash a Merkle tree is built with. It is part of a log's identity: proofs and roots carry
 * it, and checking a proof with a {@link TreeHasher} of another algorithm fails with
 * {@link ProofException.Reason#WRONG_HASH_ALGORITHM} before any hashing, even though SM3 and
 * SHA-256 digests have the same length.
 */
public enum HashAlgorithm {
  /** SM3 (GB/T 32905), the default. */
  SM3("sm3"),
  /** SHA-256; trees equal Certificate Transparency's (RFC 6962 / RFC 9162). */
  SHA256("sha256");

  private final String id;

  HashAlgorithm(String id) {
    this.id = id;
  }

  /** The lowercase name used in text formats and on the command line: {@code sm3}, {@code sha256}. */
  public String id() {
    return id;
  }

  /** The algorithm named {@code id} (case-insensitive). */
  public static HashAlgorithm fromId(String id) {
    for (HashAlgorithm a : values()) {
      if (a.id.equals(id.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown hash algorithm \"" + id + "\"; expected sm3 or sha256");
  }
}
