package io.ddc.bench;

import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.SecretAccess;
import io.ddc.crypto.sm.SignatureVerificationException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2Signer;
import io.ddc.crypto.sm.Sm2Verifier;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SM2 sign and verify: ddc against the fastest plain Bouncy Castle ways, JCA
 * {@code Signature("SM3withSM2")} and {@code SM2Signer} on the custom curve, all reused
 * across calls; and ddc's verifier created per call versus reused for one key.
 *
 * <p>Run: {@code java -jar ddc-bench/target/benchmarks.jar Sm2Benchmark -rf json -rff sm2.json}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Sm2Benchmark {
  private static final DistinguishingId ID = DistinguishingId.DEFAULT;
  private final byte[] message = new byte[100];

  private Sm2PrivateKey key;
  private Sm2Signer ddcSigner;
  private Sm2Verifier ddcVerifier;
  private byte[] ddcSignature;

  private Signature jcaSigner;
  private Signature jcaVerifier;
  private byte[] jcaSignature;

  private SM2Signer bcSigner;
  private SM2Signer bcVerifier;
  private byte[] bcSignature;

  /** One key for everything; signatures to verify made once. */
  @Setup
  public void setUp() throws GeneralSecurityException, CryptoException {
    key = Sm2PrivateKey.generate();
    ddcSigner = Sm2Signer.create(key, ID);
    ddcVerifier = Sm2Verifier.create(key.publicKey(), ID);
    ddcSignature = ddcSigner.sign(message);

    Security.addProvider(new BouncyCastleProvider());
    KeyFactory kf = KeyFactory.getInstance("EC", "BC");
    PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(key.toPkcs8(SecretAccess.get())));
    PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(key.publicKey().toSpki()));
    jcaSigner = Signature.getInstance("SM3withSM2", "BC");
    jcaSigner.initSign(priv);
    jcaVerifier = Signature.getInstance("SM3withSM2", "BC");
    jcaVerifier.initVerify(pub);
    jcaSigner.update(message);
    jcaSignature = jcaSigner.sign();

    X9ECParameters x9 = CustomNamedCurves.getByName("sm2p256v1");
    ECDomainParameters dom = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN());
    BigInteger d = new BigInteger(1, key.toScalar(SecretAccess.get()));
    bcSigner = new SM2Signer();
    bcSigner.init(true, new ParametersWithID(new ECPrivateKeyParameters(d, dom), ID.toByteArray()));
    bcVerifier = new SM2Signer();
    bcVerifier.init(false, new ParametersWithID(
        new ECPublicKeyParameters(x9.getCurve().decodePoint(key.publicKey().toUncompressed()), dom),
        ID.toByteArray()));
    bcSigner.update(message, 0, message.length);
    bcSignature = bcSigner.generateSignature();
  }

  /** ddc: one signer, reused. */
  @Benchmark
  public byte[] signDdc() {
    return ddcSigner.sign(message);
  }

  /** Bouncy Castle JCA Signature("SM3withSM2"), initialised once. */
  @Benchmark
  public byte[] signBcJca() throws GeneralSecurityException {
    jcaSigner.update(message);
    return jcaSigner.sign();
  }

  /** Bouncy Castle SM2Signer on the custom curve, initialised once. */
  @Benchmark
  public byte[] signBcSm2Signer() throws CryptoException {
    bcSigner.update(message, 0, message.length);
    return bcSigner.generateSignature();
  }

  /** ddc: one verifier for the key, reused (one issuer, many certificates). */
  @Benchmark
  public Object verifyDdcReused() throws SignatureVerificationException, MalformedEncodingException {
    ddcVerifier.verify(message, ddcSignature);
    return ddcVerifier;
  }

  /** ddc: a new verifier per signature (Z_A and key tables computed each time). */
  @Benchmark
  public Object verifyDdcFresh() throws SignatureVerificationException, MalformedEncodingException {
    Sm2Verifier v = Sm2Verifier.create(key.publicKey(), ID);
    v.verify(message, ddcSignature);
    return v;
  }

  /** Bouncy Castle JCA Signature("SM3withSM2"), initialised once. */
  @Benchmark
  public boolean verifyBcJca() throws GeneralSecurityException {
    jcaVerifier.update(message);
    return jcaVerifier.verify(jcaSignature);
  }

  /** Bouncy Castle SM2Signer on the custom curve, initialised once. */
  @Benchmark
  public boolean verifyBcSm2Signer() {
    bcVerifier.update(message, 0, message.length);
    return bcVerifier.verifySignature(bcSignature);
  }
}
