package io.ddc.examples;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.Bundles;
import io.ddc.bundle.VerificationReport;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * ddc embedded as an application would use it: an embedded ledger (one SQLite file), an Operator,
 * a university (platform) and a graduate (consumer); the university mints a diploma with metadata,
 * the Operator signs a checkpoint, the graduate's bundle verifies offline, a field is hidden and it
 * verifies again. Run: {@code java -cp ... io.ddc.examples.Quickstart [LEDGER.db]}.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("ddc-quickstart").resolve("ddc.db");
    // README:begin
    String origin = "quickstart.ddc.example/ledger";
    Sm2PrivateKey operatorKey = Sm2PrivateKey.generate();
    Sm2PrivateKey universityKey = Sm2PrivateKey.generate();
    Signer operator = Signers.sm2(operatorKey);
    Signer university = Signers.sm2(universityKey);
    Did op = Did.of("did:example:operator");
    Did uni = Did.of("did:example:university");
    Did alice = Did.of("did:example:alice");

    try (Ledger ledger = Ledger.builder(JdbcLedgerStore.sqlite(file)).checkpointSigner(origin, operator).open()) {
      // The Authority: the Operator creates the ledger and registers a platform and a consumer.
      ledger.submit(Request.builder(origin, Operation.LEDGER_INIT, op).nonce(1)
          .item(Items.ledgerInit("Operator", List.of(operatorKey.publicKey().toUncompressed())))
          .build().sign(operator));
      ledger.submit(Request.builder(origin, Operation.ACCOUNT_ADD, op).nonce(2)
          .item(Items.addAccount(uni, "University", Role.PLATFORM, null, universityKey.publicKey().toUncompressed()))
          .build().sign(operator));
      ledger.submit(Request.builder(origin, Operation.ACCOUNT_ADD, op).nonce(3)
          .item(Items.addAccount(alice, "Alice", Role.CONSUMER, uni, Sm2PrivateKey.generate().publicKey()
              .toUncompressed()))
          .build().sign(operator));

      // The university mints a diploma; the mint commits to salted digests of its fields.
      Metadata diploma = Metadata.create("{\"name\":\"Li Wei\",\"degree\":\"BSc\",\"gpa\":3.85}"
          .getBytes(StandardCharsets.UTF_8), new SecureRandom());
      long id = ledger.submit(Request.builder(origin, Operation.DDC721_MINT, uni).nonce(1)
          .item(Items.mint721(alice, "https://uni.example/d/1", diploma.root(), "diploma-001"))
          .build().sign(university), Map.of(0, diploma)).mintedIds().get(0);

      // The Operator signs a checkpoint; the holder's bundle proves the diploma against it.
      ledger.checkpoint();
      byte[] bundle = Bundles.prove(ledger, id);

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
