package io.ddc.bundle;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm3;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes {@code valid.json} and {@code operator.pub.pem} of src/test/resources/bundle (see SOURCE.md there):
 * run with the test classpath and the directory as the argument, then run make-cases.py there.
 */
public final class BundleTestData {
  private BundleTestData() {}

  public static void main(String[] a) throws Exception {
    String origin = "example.ddc.io/ledger";
    Sm2PrivateKey op = Sm2PrivateKey.fromScalar(Sm3.hash("bundle test operator".getBytes()));
    Sm2PrivateKey pl = Sm2PrivateKey.fromScalar(Sm3.hash("bundle test platform".getBytes()));
    Did opDid = Did.of("did:bsn:operator"), pDid = Did.of("did:bsn:university"), alice = Did.of("did:bsn:alice");
    Ledger l = Ledger.builder(new MemoryLedgerStore()).clock(Clock.fixed(Instant.ofEpochMilli(1790000000000L), ZoneOffset.UTC))
        .checkpointSigner(origin, Signers.sm2(op)).open();
    l.submit(Request.builder(origin, Operation.LEDGER_INIT, opDid).nonce(1).item(Items.ledgerInit("Operator", List.of(op.publicKey().toUncompressed()))).build().sign(Signers.sm2(op)));
    l.submit(Request.builder(origin, Operation.ACCOUNT_ADD, opDid).nonce(2).item(Items.addAccount(pDid, "University", Role.PLATFORM, null, pl.publicKey().toUncompressed())).build().sign(Signers.sm2(op)));
    l.submit(Request.builder(origin, Operation.ACCOUNT_ADD, opDid).nonce(3).item(Items.addAccount(alice, "Alice", Role.CONSUMER, pDid, pl.publicKey().toUncompressed())).build().sign(Signers.sm2(op)));
    SecureRandom salts = SecureRandom.getInstance("SHA1PRNG");
    salts.setSeed(1L); // deterministic test data only; real salts come from a strong source
    Metadata m = Metadata.create("{\"name\":\"Li Wei\",\"degree\":\"BSc\",\"gpa\":385}".getBytes(), salts);
    long id = l.submit(Request.builder(origin, Operation.DDC721_MINT, pDid).nonce(1).item(Items.mint721(alice, null, null, "d-0")).item(Items.mint721(alice, "https://uni.example/d/1", m.root(), "d-1")).item(Items.mint721(alice, null, null, "d-2")).build().sign(Signers.sm2(pl))).mintedIds().get(1);
    l.putMetadata(id, m);
    Files.write(Path.of(a[0], "valid.json"), Bundles.prove(l, id));
    Files.writeString(Path.of(a[0], "operator.pub.pem"), op.publicKey().toPem());
  }
}
