package io.ddc.merkle;

import io.ddc.crypto.sm.Sm3;

/** RFC 9162 hashing with SM3. */
final class Sm3TreeHasher implements TreeHasher {
  static final Sm3TreeHasher INSTANCE = new Sm3TreeHasher();
  private static final byte[] EMPTY = Sm3.hash(new byte[0]);

  private Sm3TreeHasher() {}

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.SM3;
  }

  @Override
  public int digestLength() {
    return Sm3.DIGEST_LENGTH;
  }

  @Override
  public void leafHash(byte[] entry, int off, int len, byte[] out, int outOff) {
    Sm3.merkleLeaf(entry, off, len, out, outOff);
  }

  @Override
  public void nodeHash(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff) {
    Sm3.merkleNode(left, leftOff, right, rightOff, out, outOff);
  }

  @Override
  public void nodeHashes(byte[] children, int off, int count, byte[] out, int outOff) {
    Sm3.merkleNodes(children, off, count, out, outOff);
  }

  @Override
  public void leafHashes(byte[] entries, int off, int length, int count, byte[] out, int outOff) {
    Sm3.merkleLeaves(entries, off, length, count, out, outOff);
  }

  @Override
  public byte[] emptyRoot() {
    return EMPTY.clone();
  }

  @Override
  public String toString() {
    return "TreeHasher[sm3]";
  }
}
