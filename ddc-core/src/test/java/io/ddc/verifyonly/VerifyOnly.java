package io.ddc.verifyonly;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.VerificationReport;
import io.ddc.crypto.sm.Sm2PublicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What an offline verifier application does, and nothing else: read a bundle and the Operator's
 * public key, verify, print the report's first line. Run by {@link VerifyOnlyClassPathTest} in a
 * JVM whose class path holds only the jars verification needs.
 */
public final class VerifyOnly {
  private VerifyOnly() {}

  /** Arguments: bundle file, Operator public key PEM file, origin, the verifier's clock (ms). */
  public static void main(String[] args) throws Exception {
    Sm2PublicKey key = Sm2PublicKey.fromPem(Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII));
    BundleVerifier verifier = BundleVerifier.builder().trust(args[2], key).anyAge()
        .clock(Clock.fixed(Instant.ofEpochMilli(Long.parseLong(args[3])), ZoneOffset.UTC)).build();
    VerificationReport report = verifier.verify(Files.readAllBytes(Path.of(args[0])));
    System.out.println("REPORT " + report.toString().lines().findFirst().orElse(""));
  }
}
