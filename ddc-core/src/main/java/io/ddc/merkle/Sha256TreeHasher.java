package io.ddc.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 hashing with the JDK's SHA-256 (the Certificate Transparency tree). */
final class Sha256TreeHasher implements TreeHasher {
  static final Sha256TreeHasher INSTANCE = new Sha256TreeHasher();
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256TreeHasher::newDigest);

  private Sha256TreeHasher() {}

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.SHA256;
  }

  @Override
  public int digestLength() {
    return 32;
  }

  @Override
  public void leafHash(byte[] entry, int off, int len, byte[] out, int outOff) {
    MessageDigest d = DIGEST.get();
    d.update((byte) 0x00);
    d.update(entry, off, len);
    finish(d, out, outOff);
  }

  @Override
  public void nodeHash(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff) {
    MessageDigest d = DIGEST.get();
    d.update((byte) 0x01);
    d.update(left, leftOff, 32);
    d.update(right, rightOff, 32);
    finish(d, out, outOff);
  }

  private static void finish(MessageDigest d, byte[] out, int outOff) {
    try {
      d.digest(out, outOff, 32);
    } catch (DigestException e) {
      throw new IndexOutOfBoundsException("no room for 32 bytes at offset " + outOff + " of " + out.length);
    }
  }

  @Override
  public byte[] emptyRoot() {
    return newDigest().digest();
  }

  @Override
  public String toString() {
    return "TreeHasher[sha256]";
  }
}
