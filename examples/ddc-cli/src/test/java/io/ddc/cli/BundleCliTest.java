package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.cli.DdcCliTest.Run;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact contract of {@code ddc prove}, {@code ddc redact} and {@code ddc verify}. */
class BundleCliTest {
  static final String ORIGIN = "cli.ddc.io/ledger";

  @TempDir Path dir;
  Path ledgerFile;
  Path operatorPem;
  Path otherPem;
  long id;
  Sm2PrivateKey op;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @BeforeEach
  void ledger() throws Exception {
    op = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey pl = Sm2PrivateKey.generate(new SecureRandom());
    operatorPem = dir.resolve("operator.pub.pem");
    Files.writeString(operatorPem, op.publicKey().toPem());
    otherPem = dir.resolve("other.pub.pem");
    Files.writeString(otherPem, pl.publicKey().toPem());
    ledgerFile = dir.resolve("ledger.db");
    Did opDid = Did.of("did:test:operator");
    Did pDid = Did.of("did:test:university");
    Did alice = Did.of("did:test:alice");
    try (Ledger l = Ledger.builder(JdbcLedgerStore.sqlite(ledgerFile)).checkpointSigner(ORIGIN, Signers.sm2(op))
        .open()) {
      l.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, opDid).nonce(1)
          .item(Items.ledgerInit("Operator", List.of(op.publicKey().toUncompressed()))).build().sign(Signers.sm2(op)));
      l.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(2)
          .item(Items.addAccount(pDid, "University", Role.PLATFORM, null, pl.publicKey().toUncompressed()))
          .build().sign(Signers.sm2(op)));
      l.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(3)
          .item(Items.addAccount(alice, "Alice", Role.CONSUMER, pDid, pl.publicKey().toUncompressed()))
          .build().sign(Signers.sm2(op)));
      Metadata m = Metadata.create("{\"name\":\"Alice\",\"gpa\":391,\"address\":{\"city\":\"Wuhan\"}}"
          .getBytes(StandardCharsets.UTF_8), new SecureRandom());
      id = l.submit(Request.builder(ORIGIN, Operation.DDC721_MINT, pDid).nonce(1)
          .item(Items.mint721(alice, null, m.root(), "d-1")).build().sign(Signers.sm2(pl))).mintedIds().get(0);
      l.putMetadata(id, m);
      l.checkpoint();
    }
  }

  @Test
  void prove_verify_redact_verify() throws Exception {
    Run prove = ddc("prove", "--ledger", ledgerFile.toString(), "--ddc", Long.toString(id), "--out", p("b.json"));
    assertThat(prove.code()).as(prove.err()).isZero();
    Run ok = ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString());
    assertThat(ok.code()).as(ok.out()).isZero();
    assertThat(ok.out()).startsWith("VALID\n").contains("STATUS");
    Run redact = ddc("redact", "--in", p("b.json"), "--hide", "/gpa,/address/city", "--out", p("b2.json"));
    assertThat(redact.code()).as(redact.err()).isZero();
    assertThat(Files.readString(dir.resolve("b2.json"))).doesNotContain("Wuhan").doesNotContain("/gpa");
    Run ok2 = ddc("verify", p("b2.json"), "--origin", ORIGIN, "--trust", otherPem.toString(), "--trust", operatorPem.toString(), "--json");
    assertThat(ok2.code()).isZero();
    Object report = io.ddc.json.CanonicalJson.parse(ok2.out().trim().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(ok2.out()).as("--json prints one JSON object and nothing else").startsWith("{").endsWith("}\n");
    assertThat(((java.util.Map<?, ?>) report).get("code")).isEqualTo("OK");
    assertThat(((java.util.Map<?, ?>) ((java.util.Map<?, ?>) report).get("claims")).get("hiddenFields")).isEqualTo(2L);
    Files.delete(ledgerFile);
    assertThat(ddc("verify", p("b2.json"), "--origin", ORIGIN, "--trust", operatorPem.toString()).code()).as("ledger deleted").isZero();
  }

  @Test
  void invalidBundles_exit1_withTheReasonOnTheFirstLine() throws Exception {
    ddc("prove", "--ledger", ledgerFile.toString(), "--ddc", Long.toString(id), "--out", p("b.json"));
    Run untrusted = ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", otherPem.toString());
    assertThat(untrusted.code()).isEqualTo(1);
    assertThat(untrusted.out()).startsWith("INVALID: UNTRUSTED_CHECKPOINT: ");
    byte[] b = Files.readAllBytes(dir.resolve("b.json"));
    Files.write(dir.resolve("cut.json"), java.util.Arrays.copyOf(b, b.length / 3));
    Run cut = ddc("verify", p("cut.json"), "--origin", ORIGIN, "--trust", operatorPem.toString());
    assertThat(cut.code()).isEqualTo(1);
    assertThat(cut.out()).startsWith("INVALID: MALFORMED_BUNDLE: ");
    Run stale = ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--max-age", "0s");
    assertThat(stale.code()).isEqualTo(1);
    assertThat(stale.out()).startsWith("INVALID: STALE_CHECKPOINT: ");
  }

  @Test
  void knownCheckpoint_needsTheConsistencyProof() throws Exception {
    String note;
    long size;
    try (Ledger l = Ledger.builder(JdbcLedgerStore.sqlite(ledgerFile)).open()) {
      note = l.latestCheckpoint().get();
      size = l.size();
    }
    Files.writeString(dir.resolve("known.txt"), note);
    assertThat(ddc("prove", "--ledger", ledgerFile.toString(), "--ddc", Long.toString(id), "--out", p("b.json"))
        .code()).isZero();
    Run same = ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--known", p("known.txt"));
    assertThat(same.code()).as(same.out()).isZero();
    assertThat(ddc("prove", "--ledger", ledgerFile.toString(), "--ddc", Long.toString(id), "--out", p("c.json"),
        "--consistency-from", Long.toString(size)).code()).as("no larger checkpoint yet").isEqualTo(2);
  }

  @Test
  void witness_cosigns_bundlesCarryIt_andVerifyCountsTheQuorum() throws Exception {
    Sm2PrivateKey w1 = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey w2 = Sm2PrivateKey.generate(new SecureRandom());
    Files.writeString(dir.resolve("w1.pem"), w1.toPem(io.ddc.crypto.sm.SecretAccess.get()));
    Files.writeString(dir.resolve("w1.pub.pem"), w1.publicKey().toPem());
    Files.writeString(dir.resolve("w2.pub.pem"), w2.publicKey().toPem());
    String[] witness = {"witness", "--ledger", ledgerFile.toString(), "--key", p("w1.pem"), "--name", "w1.example",
        "--log-key", operatorPem.toString(), "--state", p("w1.state")};
    Run first = ddc(witness);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).startsWith(ORIGIN + "\n").contains("\n— w1.example ");
    ddc("prove", "--ledger", ledgerFile.toString(), "--ddc", Long.toString(id), "--out", p("b.json"));
    Run one = ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--witness", "w1.example=" + p("w1.pub.pem"));
    assertThat(one.code()).as(one.out()).isZero();
    assertThat(one.out()).contains("cosigned by 1 of 1 witnesses (w1.example)");
    Run all = ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--witness", "w1.example=" + p("w1.pub.pem"),
        "--witness", "w2.example=" + p("w2.pub.pem"));
    assertThat(all.code()).isEqualTo(1);
    assertThat(all.out()).startsWith("INVALID: WITNESS_QUORUM_NOT_MET: 2 of 2 witnesses must cosign");
    assertThat(ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--witness", "w1.example=" + p("w1.pub.pem"),
        "--witness", "w2.example=" + p("w2.pub.pem"), "--quorum", "1").code()).isZero();

    // the ledger grows: the witness needs and gets the consistency proof from its last checkpoint
    try (Ledger l = Ledger.builder(JdbcLedgerStore.sqlite(ledgerFile)).checkpointSigner(ORIGIN, Signers.sm2(op))
        .open()) {
      l.submit(Request.builder(ORIGIN, Operation.FEE_SELF_RECHARGE, Did.of("did:test:operator")).nonce(4)
          .item(Items.of(Operation.FEE_SELF_RECHARGE, "amount", 5)).build().sign(Signers.sm2(op)));
      l.checkpoint();
    }
    assertThat(ddc(witness).code()).isZero();

    // another history under the same Operator key: the witness refuses it
    Path forkFile = dir.resolve("fork.db");
    try (Ledger l = Ledger.builder(JdbcLedgerStore.sqlite(forkFile)).checkpointSigner(ORIGIN, Signers.sm2(op))
        .open()) {
      Did opDid = Did.of("did:test:operator");
      l.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, opDid).nonce(1)
          .item(Items.ledgerInit("Operator", List.of(op.publicKey().toUncompressed()))).build().sign(Signers.sm2(op)));
      for (int n = 2; n < 12; n++) {
        l.submit(Request.builder(ORIGIN, Operation.FEE_SELF_RECHARGE, opDid).nonce(n)
            .item(Items.of(Operation.FEE_SELF_RECHARGE, "amount", n)).build().sign(Signers.sm2(op)));
      }
      l.checkpoint();
    }
    String state = Files.readString(dir.resolve("w1.state"));
    witness[2] = forkFile.toString();
    Run fork = ddc(witness);
    assertThat(fork.code()).as(fork.err()).isEqualTo(1);
    assertThat(fork.out()).startsWith("REFUSED: INCONSISTENT: ");
    assertThat(Files.readString(dir.resolve("w1.state"))).as("a refusal keeps the state").isEqualTo(state);
    assertThat(ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--quorum", "1").code()).isEqualTo(2);
    assertThat(ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--witness", "nameless").code())
        .isEqualTo(2);
  }

  /** Trust is an (origin, key) pair: the origin comes from --origin or ORIGIN=PEM, and must match the log's. */
  @Test
  void trustIsAnOriginKeyPair() throws Exception {
    ddc("prove", "--ledger", ledgerFile.toString(), "--ddc", Long.toString(id), "--out", p("b.json"));
    Run noOrigin = ddc("verify", p("b.json"), "--trust", operatorPem.toString());
    assertThat(noOrigin.code()).isEqualTo(2);
    assertThat(noOrigin.err()).contains("--origin");
    assertThat(ddc("verify", p("b.json"), "--trust", ORIGIN + "=" + operatorPem).code()).isZero();
    Run other = ddc("verify", p("b.json"), "--trust", "other.ddc.io/ledger=" + operatorPem);
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.out()).startsWith("INVALID: UNTRUSTED_ORIGIN: ");
    Run json = ddc("verify", p("b.json"), "--origin", "other.ddc.io/ledger", "--trust", operatorPem.toString(),
        "--json");
    assertThat(json.code()).isEqualTo(1);
    assertThat(json.out()).startsWith("{").contains("\"code\":\"UNTRUSTED_ORIGIN\"").doesNotContain("claims");
    assertThat(ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--max-age", "any")
        .code()).isZero();
    // a known checkpoint of a log this verifier does not trust is a usage error, not a verdict
    String note = new String(Files.readAllBytes(dir.resolve("b.json")), java.nio.charset.StandardCharsets.UTF_8);
    String cp = (String) ((java.util.Map<?, ?>) io.ddc.json.CanonicalJson.parse(note.getBytes(
        java.nio.charset.StandardCharsets.UTF_8))).get("checkpoint");
    Files.writeString(dir.resolve("known.txt"), cp);
    Run known = ddc("verify", p("b.json"), "--origin", "other.ddc.io/ledger", "--trust", operatorPem.toString(),
        "--known", p("known.txt"));
    assertThat(known.code()).isEqualTo(2);
    assertThat(known.err()).contains("--known");
  }

  @Test
  void usageErrors_exit2() throws Exception {
    assertThat(ddc("verify", p("missing.json"), "--origin", ORIGIN, "--trust", operatorPem.toString()).code()).isEqualTo(2);
    assertThat(ddc("verify", p("missing.json")).code()).isEqualTo(2);
    assertThat(ddc("verify", p("x.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--bogus").code()).isEqualTo(2);
    ddc("prove", "--ledger", ledgerFile.toString(), "--ddc", Long.toString(id), "--out", p("b.json"));
    assertThat(ddc("verify", p("b.json"), "--origin", ORIGIN, "--trust", operatorPem.toString(), "--max-age", "soon").code())
        .isEqualTo(2);
    assertThat(ddc("prove", "--ledger", p("nope.db"), "--ddc", "1", "--out", p("c.json")).code()).isEqualTo(2);
    assertThat(ddc("prove", "--ledger", ledgerFile.toString(), "--ddc", "99", "--out", p("c.json")).code())
        .isEqualTo(2);
    assertThat(ddc("redact", "--in", p("b.json"), "--hide", "/nothing", "--out", p("d.json")).code()).isEqualTo(2);
  }
}
