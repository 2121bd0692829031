package io.ddc.examples;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.Bundles;
import io.ddc.bundle.VerificationReport;
import io.ddc.client.DdcClient;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.model.Did;
import io.ddc.sign.Signers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * ddc embedded as an application would use it: an embedded ledger (one SQLite file), an Operator,
 * a university (platform) and a graduate (consumer), each acting through a {@link DdcClient}; the
 * university mints a diploma with metadata, the Operator signs a checkpoint, the graduate's bundle
 * verifies offline, a field is hidden and it verifies again. Run:
 * {@code java -cp ... io.ddc.examples.Quickstart [LEDGER.db]}.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    // README:begin
    Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("ddc").resolve("ddc.db");
    String origin = "quickstart.ddc.example/ledger";
    Sm2PrivateKey operatorKey = Sm2PrivateKey.generate();
    Sm2PrivateKey universityKey = Sm2PrivateKey.generate();
    Did op = Did.of("did:example:operator");
    Did uni = Did.of("did:example:university");
    Did alice = Did.of("did:example:alice");

    try (Ledger ledger = Ledger.builder(JdbcLedgerStore.sqlite(file)).checkpointSigner(origin, Signers.sm2(operatorKey))
        .open()) {
      // The Authority: the Operator creates the ledger and registers a platform and a consumer.
      DdcClient operator = DdcClient.initialize(ledger, origin, op, "Operator", Signers.sm2(operatorKey));
      operator.addPlatform(uni, "University", universityKey.publicKey().toUncompressed());
      operator.addConsumer(alice, "Alice", uni, Sm2PrivateKey.generate().publicKey().toUncompressed());

      // The university mints a diploma; the mint commits to salted digests of its fields, which
      // the ledger keeps for proofs. The reference makes a repeated call return the same DDC.
      DdcClient university = DdcClient.of(ledger, uni, Signers.sm2(universityKey));
      Map<String, Object> fields = Map.of("name", "Li Wei", "degree", "BSc", "gpa", 3.85);
      long id = university.mint721(alice, fields, "diploma-001").id();

      // The Operator signs a checkpoint; the holder's bundle proves the diploma against it.
      operator.checkpoint();
      byte[] bundle = university.prove(id);

      // Anyone verifies it offline, trusting only the log's origin and the Operator's public key, and
      // choosing how old a checkpoint (the status it proves) may be.
      BundleVerifier verifier = BundleVerifier.builder().trust(origin, operatorKey.publicKey())
          .maxAge(Duration.ofDays(30)).build();
      VerificationReport report = verifier.verify(bundle);
      System.out.println(report);

      // The holder hides the grade: the rest still verifies.
      byte[] redacted = Bundles.redact(bundle, List.of("/gpa"));
      System.out.println(verifier.verify(redacted));
    }
    // README:end
  }
}
