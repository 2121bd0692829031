package io.ddc.sign;

import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.SignatureEncoding;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.crypto.sm.Sm2Signer;
import io.ddc.crypto.sm.Sm2Verifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** The built-in {@link Signer} and {@link Verifier} implementations. */
public final class Signers {
  private Signers() {}

  /** The scheme and public key every built-in signer and verifier reports. */
  private abstract static class Keyed {
    private final SignatureScheme scheme;
    private final byte[] publicKey;
    private final String description;

    Keyed(SignatureScheme scheme, byte[] publicKey, String description) {
      this.scheme = scheme;
      this.publicKey = publicKey.clone();
      this.description = description;
    }

    public SignatureScheme scheme() {
      return scheme;
    }

    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /** An SM2 signer holding {@code key} in this process. */
  public static Signer sm2(Sm2PrivateKey key) {
    Sm2Signer s = Sm2Signer.create(key, DistinguishingId.DEFAULT, SignatureEncoding.RAW);
    final class Sm2 extends Keyed implements Signer {
      Sm2() {
        super(SignatureScheme.SM2_SM3, key.publicKey().toUncompressed(), "Signer[sm2, " + key.publicKey() + "]");
      }

      @Override
      public byte[] sign(byte[] message) {
        return s.sign(message);
      }
    }
    return new Sm2();
  }

  /** An SM2 verifier. */
  public static Verifier sm2(Sm2PublicKey key) {
    Sm2Verifier v = Sm2Verifier.create(key, DistinguishingId.DEFAULT, SignatureEncoding.RAW);
    final class Sm2 extends Keyed implements Verifier {
      Sm2() {
        super(SignatureScheme.SM2_SM3, key.toUncompressed(), "Verifier[sm2, " + key + "]");
      }

      @Override
      public boolean isValid(byte[] message, byte[] signature) {
        return v.isValid(message, signature);
      }
    }
    return new Sm2();
  }

  /** An Ed25519 signer holding the 32-byte private seed in this process. */
  public static Signer ed25519(byte[] seed) {
    Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(seed.clone(), 0);
    final class Ed extends Keyed implements Signer {
      Ed() {
        super(SignatureScheme.ED25519, priv.generatePublicKey().getEncoded(), "Signer[ed25519]");
      }

      @Override
      public byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, priv);
        s.update(message, 0, message.length);
        return s.generateSignature();
      }
    }
    return new Ed();
  }

  /** An Ed25519 verifier for a 32-byte public key. */
  public static Verifier ed25519(Ed25519PublicKeyParameters key) {
    final class Ed extends Keyed implements Verifier {
      Ed() {
        super(SignatureScheme.ED25519, key.getEncoded(), "Verifier[ed25519]");
      }

      @Override
      public boolean isValid(byte[] message, byte[] signature) {
        if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
          return false;
        }
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, key);
        s.update(message, 0, message.length);
        return s.verifySignature(signature);
      }
    }
    return new Ed();
  }

  /** A verifier for {@code publicKey} in {@code scheme}'s encoding. */
  public static Verifier verifier(SignatureScheme scheme, byte[] publicKey) throws MalformedEncodingException {
    if (scheme == SignatureScheme.SM2_SM3) {
      return sm2(Sm2PublicKey.fromPoint(publicKey));
    }
    if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw new MalformedEncodingException(MalformedEncodingException.Reason.WRONG_LENGTH,
          "an Ed25519 public key is 32 bytes, but this one is " + publicKey.length);
    }
    try {
      return ed25519(new Ed25519PublicKeyParameters(publicKey, 0));
    } catch (IllegalArgumentException e) {
      throw new MalformedEncodingException(MalformedEncodingException.Reason.INVALID_POINT_ENCODING,
          "not an Ed25519 public key: " + e.getMessage());
    }
  }
}
