package io.ddc.sign;

import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.SignatureEncoding;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.crypto.sm.Sm2Signer;
import io.ddc.crypto.sm.Sm2Verifier;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** The built-in {@link Signer} and {@link Verifier} implementations. */
public final class Signers {
  private Signers() {}

  /** An SM2 signer holding {@code key} in this process. */
  public static Signer sm2(Sm2PrivateKey key) {
    Objects.requireNonNull(key, "key");
    Sm2Signer s = Sm2Signer.create(key, DistinguishingId.DEFAULT, SignatureEncoding.RAW);
    byte[] pub = key.publicKey().toUncompressed();
    return new Signer() {
      @Override
      public SignatureScheme scheme() {
        return SignatureScheme.SM2_SM3;
      }

      @Override
      public byte[] publicKey() {
        return pub.clone();
      }

      @Override
      public byte[] sign(byte[] message) {
        return s.sign(message);
      }

      @Override
      public String toString() {
        return "Signer[sm2, " + key.publicKey() + "]";
      }
    };
  }

  /** An SM2 verifier. */
  public static Verifier sm2(Sm2PublicKey key) {
    Sm2Verifier v = Sm2Verifier.create(key, DistinguishingId.DEFAULT, SignatureEncoding.RAW);
    byte[] pub = key.toUncompressed();
    return new Verifier() {
      @Override
      public SignatureScheme scheme() {
        return SignatureScheme.SM2_SM3;
      }

      @Override
      public byte[] publicKey() {
        return pub.clone();
      }

      @Override
      public boolean isValid(byte[] message, byte[] signature) {
        return v.isValid(message, signature);
      }

      @Override
      public String toString() {
        return "Verifier[sm2, " + key + "]";
      }
    };
  }

  /** An Ed25519 signer holding the 32-byte private seed in this process. */
  public static Signer ed25519(byte[] seed) {
    Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(seed.clone(), 0);
    byte[] pub = priv.generatePublicKey().getEncoded();
    return new Signer() {
      @Override
      public SignatureScheme scheme() {
        return SignatureScheme.ED25519;
      }

      @Override
      public byte[] publicKey() {
        return pub.clone();
      }

      @Override
      public byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, priv);
        s.update(message, 0, message.length);
        return s.generateSignature();
      }

      @Override
      public String toString() {
        return "Signer[ed25519]";
      }
    };
  }

  /** An Ed25519 verifier for a 32-byte public key. */
  public static Verifier ed25519(Ed25519PublicKeyParameters key) {
    byte[] pub = key.getEncoded();
    return new Verifier() {
      @Override
      public SignatureScheme scheme() {
        return SignatureScheme.ED25519;
      }

      @Override
      public byte[] publicKey() {
        return pub.clone();
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

      @Override
      public String toString() {
        return "Verifier[ed25519]";
      }
    };
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
