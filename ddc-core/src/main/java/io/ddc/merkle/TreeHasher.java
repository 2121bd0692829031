package io.ddc.merkle;

/**
 * The hash functions of an RFC 9162 Merkle tree: leaf {@code H(0x00 ‖ entry)}, node
 * {@code H(0x01 ‖ left ‖ right)}, empty tree {@code H("")}. Implementations are stateless and
 * thread-safe, and write into the caller's arrays.
 */
public interface TreeHasher {
  /** The algorithm, part of the identity of every tree built with this hasher. */
  HashAlgorithm algorithm();

  /** Digest size in bytes. */
  int digestLength();

  /** Writes {@code H(0x00 ‖ entry[off..off+len-1])} at {@code out[outOff..]}. */
  void leafHash(byte[] entry, int off, int len, byte[] out, int outOff);

  /** Writes {@code H(0x01 ‖ left ‖ right)} at {@code out[outOff..]}; out may overlap the inputs. */
  void nodeHash(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff);

  /**
   * Hashes {@code count} nodes at once: children are {@code 2 * count} consecutive digests at
   * {@code children[off..]}, parents go to {@code out[outOff..]}. {@code out} may equal
   * {@code children} with {@code outOff == off}.
   */
  default void nodeHashes(byte[] children, int off, int count, byte[] out, int outOff) {
    int d = digestLength();
    for (int i = 0; i < count; i++) {
      nodeHash(children, off + 2 * d * i, children, off + 2 * d * i + d, out, outOff + d * i);
    }
  }

  /**
   * Writes the leaf hashes of {@code count} consecutive entries of {@code length} bytes each,
   * starting at {@code entries[off]}, to {@code out[outOff..]}.
   */
  default void leafHashes(byte[] entries, int off, int length, int count, byte[] out, int outOff) {
    for (int i = 0; i < count; i++) {
      leafHash(entries, off + length * i, length, out, outOff + digestLength() * i);
    }
  }

  /** The root of the empty tree, {@code H("")}. */
  byte[] emptyRoot();

  /** A new array holding the leaf hash of {@code entry}. */
  default byte[] leafHash(byte[] entry) {
    byte[] out = new byte[digestLength()];
    leafHash(entry, 0, entry.length, out, 0);
    return out;
  }

  /** A new array holding the node hash of two digests. */
  default byte[] nodeHash(byte[] left, byte[] right) {
    byte[] out = new byte[digestLength()];
    nodeHash(left, 0, right, 0, out, 0);
    return out;
  }

  /** SM3 on ddc-sm-crypto's fixed-size and multi-buffer paths. */
  static TreeHasher sm3() {
    return Sm3TreeHasher.INSTANCE;
  }

  /** SHA-256 from the JDK, as Certificate Transparency uses. */
  static TreeHasher sha256() {
    return Sha256TreeHasher.INSTANCE;
  }

  /** The hasher for {@code algorithm}. */
  static TreeHasher of(HashAlgorithm algorithm) {
    return algorithm == HashAlgorithm.SM3 ? sm3() : sha256();
  }
}
