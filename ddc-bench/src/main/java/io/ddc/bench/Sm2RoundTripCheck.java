package io.ddc.bench;

import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2Signer;
import io.ddc.crypto.sm.Sm2Verifier;
import io.ddc.crypto.sm.Sm3Digest;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * A JIT check, not a benchmark: in one fresh JVM, signs and verifies {@code n} random messages
 * with a fresh signer and verifier each time (so Z_A is hashed again), and checks every SM3
 * digest against Bouncy Castle's. Prints {@code bad 0} when every signature verified and every
 * digest matched. This is the loop in which a C2 miscompilation of ddc's SM3 output on OpenJDK
 * 17.0.15 showed (docs/CRYPTO.md): run it in many JVMs after a JDK upgrade, e.g.
 * {@code for i in $(seq 30); do java -cp benchmarks.jar io.ddc.bench.Sm2RoundTripCheck 40000 $i; done}.
 */
public final class Sm2RoundTripCheck {
  private Sm2RoundTripCheck() {}

  /** Arguments: number of round trips, random seed. */
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
    Sm2PrivateKey key = Sm2PrivateKey.generate();
    SM3Digest reference = new SM3Digest();
    byte[] want = new byte[32];
    int bad = 0;
    for (int i = 0; i < n; i++) {
      byte[] message = new byte[16 + random.nextInt(200)];
      random.nextBytes(message);
      byte[] got = new Sm3Digest().update(message).digest();
      reference.update(message, 0, message.length);
      reference.doFinal(want, 0);
      if (!Arrays.equals(got, want) && bad++ < 5) {
        System.out.println("digest " + i + ": " + Hex.encode(got) + ", Bouncy Castle gives " + Hex.encode(want));
      }
      byte[] signature = Sm2Signer.create(key, DistinguishingId.DEFAULT).sign(message);
      if (!Sm2Verifier.create(key.publicKey(), DistinguishingId.DEFAULT).isValid(message, signature)
          && bad++ < 5) {
        System.out.println("round trip " + i + ": a fresh signature did not verify");
      }
    }
    System.out.println("bad " + bad);
  }
}
