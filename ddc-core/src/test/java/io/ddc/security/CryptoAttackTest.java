package io.ddc.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.Bundles;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.SignatureVerificationException;
import io.ddc.crypto.sm.SmCryptoException.Reason;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.crypto.sm.Sm2Signature;
import io.ddc.crypto.sm.Sm2Signer;
import io.ddc.crypto.sm.Sm2Verifier;
import io.ddc.crypto.sm.Sm3;
import io.ddc.engine.Engine;
import io.ddc.engine.RequestRejectedException;
import io.ddc.engine.RuleCode;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.merkle.HashAlgorithm;
import io.ddc.merkle.InMemoryTileStore;
import io.ddc.merkle.InclusionProof;
import io.ddc.merkle.MerkleLog;
import io.ddc.merkle.ProofException;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signers;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The attacks of docs/SECURITY.md against keys, signatures, checkpoints and proofs, each rejected
 * with its specific reason, at the primitive and, where it matters, through the engine and the
 * bundle verifier.
 */
class CryptoAttackTest {
  static final X9ECParameters SM2 = GMNamedCurves.getByName("sm2p256v1");
  static final BigInteger N = SM2.getN();
  static final byte[] MESSAGE = "a diploma".getBytes(StandardCharsets.UTF_8);
  final Sm2PrivateKey key = fixedKey();
  final Sm2Verifier verifier = Sm2Verifier.create(key.publicKey(), DistinguishingId.DEFAULT);

  static Sm2PrivateKey fixedKey() {
    try {
      return Sm2PrivateKey.fromScalar(Sm3.hash("attack test".getBytes(StandardCharsets.UTF_8)));
    } catch (MalformedEncodingException e) {
      throw new AssertionError(e);
    }
  }

  static Reason reasonOf(ThrowingRunnable r) {
    try {
      r.run();
    } catch (io.ddc.crypto.sm.SmCryptoException e) {
      return e.reason();
    } catch (Exception e) {
      throw new AssertionError("expected an SmCryptoException, got " + e, e);
    }
    throw new AssertionError("expected a rejection");
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static byte[] raw(BigInteger r, BigInteger s) {
    byte[] out = new byte[64];
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    System.arraycopy(rb, Math.max(0, rb.length - 32), out, 32 - Math.min(32, rb.length), Math.min(32, rb.length));
    System.arraycopy(sb, Math.max(0, sb.length - 32), out, 64 - Math.min(32, sb.length), Math.min(32, sb.length));
    return out;
  }

  @Test
  void publicKeys_offTheCurve_atInfinity_orWithoutASquareRoot_areRejected() {
    byte[] p = key.publicKey().toUncompressed();
    byte[] offCurve = p.clone();
    offCurve[64] ^= 1;
    assertThat(reasonOf(() -> Sm2PublicKey.fromPoint(offCurve))).isEqualTo(Reason.POINT_NOT_ON_CURVE);
    assertThat(reasonOf(() -> Sm2PublicKey.fromPoint(new byte[] {0}))).isEqualTo(Reason.POINT_AT_INFINITY);
    // x = 3 has no square root of x^3 + ax + b on sm2p256v1 for one of the parities: find an x without one
    BigInteger x = BigInteger.ONE;
    while (SM2.getCurve().createPoint(x, BigInteger.ONE) != null) {
      try {
        SM2.getCurve().decodePoint(compressed(x));
        x = x.add(BigInteger.ONE);
      } catch (IllegalArgumentException noRoot) {
        break;
      }
    }
    byte[] noRoot = compressed(x);
    assertThat(reasonOf(() -> Sm2PublicKey.fromPoint(noRoot))).isEqualTo(Reason.POINT_NOT_ON_CURVE);
    // the engine never accepts such a key for an account: its schema rejects it
    assertThatThrownBy(() -> Items.addKey(Did.of("did:t:x"), offCurve)).hasMessageContaining("not an SM2 public key");
  }

  static byte[] compressed(BigInteger x) {
    byte[] out = new byte[33];
    out[0] = 2;
    byte[] xb = x.toByteArray();
    System.arraycopy(xb, Math.max(0, xb.length - 32), out, 33 - Math.min(32, xb.length), Math.min(32, xb.length));
    return out;
  }

  @Test
  void signatureValues_outOfRange_areRejectedBeforeAnyCurveArithmetic() {
    BigInteger one = BigInteger.ONE;
    for (BigInteger[] rs : new BigInteger[][] {{BigInteger.ZERO, one}, {one, BigInteger.ZERO}, {N, one}, {one, N},
        {N.add(one), one}}) {
      byte[] sig = raw(rs[0], rs[1]);
      assertThat(reasonOf(() -> Sm2Signature.fromRaw(sig))).as("r=%s s=%s", rs[0], rs[1])
          .isEqualTo(Reason.SIGNATURE_VALUE_OUT_OF_RANGE);
    }
  }

  @Test
  void sReplacedByNMinusS_wrongId_andSignaturesWithoutZa_doNotVerify() throws Exception {
    Sm2Signature good = Sm2Signature.fromDer(Sm2Signer.create(key, DistinguishingId.DEFAULT).sign(MESSAGE));
    verifier.verify(MESSAGE, good);
    byte[] g = good.toRaw();
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOf(g, 32));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(g, 32, 64));
    Sm2Signature malleated = Sm2Signature.fromRaw(raw(r, N.subtract(s)));
    assertThat(reasonOf(() -> verifier.verify(MESSAGE, malleated))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    Sm2Verifier otherId = Sm2Verifier.create(key.publicKey(), DistinguishingId.utf8("ALICE123@YAHOO.COM"));
    assertThat(reasonOf(() -> otherId.verify(MESSAGE, good))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    byte[] withoutZa = signWithoutZa(MESSAGE);
    assertThat(reasonOf(() -> verifier.verify(MESSAGE, Sm2Signature.fromRaw(withoutZa))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  /** An SM2 signature computed with e = SM3(M) instead of SM3(Z_A ‖ M): the distinguishing ID left out. */
  byte[] signWithoutZa(byte[] message) throws Exception {
    BigInteger d = new BigInteger(1, Hex.decode(keyScalarHex()));
    BigInteger e = new BigInteger(1, Sm3.hash(message));
    BigInteger k = new BigInteger(1, Sm3.hash("k".getBytes(StandardCharsets.UTF_8))).mod(N);
    ECPoint kg = SM2.getG().multiply(k).normalize();
    BigInteger r = e.add(kg.getAffineXCoord().toBigInteger()).mod(N);
    BigInteger s = d.add(BigInteger.ONE).modInverse(N).multiply(k.subtract(r.multiply(d))).mod(N);
    // check the construction is right: it verifies under the textbook equation with e = SM3(M)
    BigInteger t = r.add(s).mod(N);
    ECPoint p = SM2.getCurve().decodePoint(key.publicKey().toUncompressed());
    ECPoint x1 = SM2.getG().multiply(s).add(p.multiply(t)).normalize();
    assertThat(e.add(x1.getAffineXCoord().toBigInteger()).mod(N)).isEqualTo(r);
    return raw(r, s);
  }

  String keyScalarHex() {
    return Hex.encode(Sm3.hash("attack test".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void derEncodings_nonMinimal_withTrailingBytes_areRejected() throws Exception {
    byte[] der = Sm2Signer.create(key, DistinguishingId.DEFAULT).sign(MESSAGE);
    byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
    assertThat(reasonOf(() -> Sm2Signature.fromDer(trailing))).isEqualTo(Reason.TRAILING_BYTES);
    byte[] longForm = new byte[der.length + 1];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x81;
    longForm[2] = der[1];
    System.arraycopy(der, 2, longForm, 3, der.length - 2);
    assertThat(reasonOf(() -> Sm2Signature.fromDer(longForm))).isEqualTo(Reason.NON_MINIMAL_DER);
  }

  @Test
  void theEngine_rejectsRequestsSignedWithoutZa_orUnderAnotherId() throws Exception {
    String origin = "attack.ddc.io/ledger";
    Did op = Did.of("did:t:operator");
    io.ddc.engine.DdcRegistry reg = io.ddc.engine.DdcRegistry.inMemory(Engine.create(), Clock.systemUTC(),
        TreeHasher.sm3());
    reg.submit(Request.builder(origin, Operation.LEDGER_INIT, op).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(key.publicKey().toUncompressed()))).build().sign(Signers.sm2(key)));
    Request r = Request.builder(origin, Operation.FEE_SELF_RECHARGE, op).nonce(2)
        .item(Items.of(Operation.FEE_SELF_RECHARGE, "amount", 1)).build();
    SignedRequest good = r.sign(Signers.sm2(key));
    SignedRequest noZa = good.withSignature(signWithoutZa(r.header().signingBytes()));
    assertThatThrownBy(() -> reg.submit(noZa)).isInstanceOfSatisfying(RequestRejectedException.class,
        e -> assertThat(e.rule()).isEqualTo(RuleCode.BAD_SIGNATURE));
    byte[] otherId = Sm2Signature.fromDer(Sm2Signer.create(key, DistinguishingId.utf8("ALICE123@YAHOO.COM"))
        .sign(r.header().signingBytes())).toRaw();
    assertThatThrownBy(() -> reg.submit(good.withSignature(otherId)))
        .isInstanceOfSatisfying(RequestRejectedException.class,
            e -> assertThat(e.rule()).isEqualTo(RuleCode.BAD_SIGNATURE));
    reg.submit(good);
  }

  @Test
  void aCheckpointSignedByAnUntrustedKey_isRejected_byNoteAndByBundle() throws Exception {
    String origin = "attack.ddc.io/ledger";
    Sm2PrivateKey stranger = Sm2PrivateKey.generate();
    String note = Checkpoints.sign(new Checkpoint(origin, 1, new byte[32], List.of()),
        List.of(NoteSigner.of(origin, Signers.sm2(stranger))));
    assertThatThrownBy(() -> Checkpoints.verify(note, List.of(NoteSigner.of(origin, Signers.sm2(key)).noteKey()),
        List.of(), origin, 32)).isInstanceOfSatisfying(CheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(CheckpointException.Reason.MISSING_REQUIRED_SIGNATURE));

    Did op = Did.of("did:t:operator");
    Ledger l = Ledger.builder(new MemoryLedgerStore()).checkpointSigner(origin, Signers.sm2(stranger)).open();
    l.submit(Request.builder(origin, Operation.LEDGER_INIT, op).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(stranger.publicKey().toUncompressed())))
        .build().sign(Signers.sm2(stranger)));
    l.submit(Request.builder(origin, Operation.DDC721_MINT, op).nonce(2)
        .item(Items.mint721(op, null, null, null)).build().sign(Signers.sm2(stranger)));
    byte[] bundle = Bundles.prove(l, 1);
    BundleVerifier v = BundleVerifier.builder().trust(origin, key.publicKey()).anyAge().build();
    assertThat(v.verify(bundle).firstFailure().get().code()).isEqualTo("UNTRUSTED_CHECKPOINT");
  }

  @Test
  void anSm3Proof_presentedAsSha256_isRejected_andViceVersa() throws Exception {
    MerkleLog log = MerkleLog.open(TreeHasher.sm3(), new InMemoryTileStore(), 0);
    for (int i = 0; i < 9; i++) {
      log.append(new byte[] {(byte) i});
    }
    InclusionProof p = log.inclusionProof(4, 9);
    assertThat(p.algorithm()).isEqualTo(HashAlgorithm.SM3);
    byte[] leaf = TreeHasher.sm3().leafHash(new byte[] {4});
    p.verify(TreeHasher.sm3(), leaf, log.root());
    assertThatThrownBy(() -> p.verify(TreeHasher.sha256(), leaf, log.root()))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.reason()).isEqualTo(ProofException.Reason.WRONG_HASH_ALGORITHM));
    InclusionProof relabelled = new InclusionProof(HashAlgorithm.SHA256, 4, 9, p.hashes());
    assertThatThrownBy(() -> relabelled.verify(TreeHasher.sha256(), TreeHasher.sha256().leafHash(new byte[] {4}),
        log.root())).isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> relabelled.verify(TreeHasher.sm3(), leaf, log.root()))
        .isInstanceOfSatisfying(ProofException.class,
            e -> assertThat(e.reason()).isEqualTo(ProofException.Reason.WRONG_HASH_ALGORITHM));
  }
}
