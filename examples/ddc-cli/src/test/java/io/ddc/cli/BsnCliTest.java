package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static io.ddc.cli.WorkflowCliTest.json;
import static io.ddc.cli.WorkflowCliTest.ok;
import static io.ddc.cli.WorkflowCliTest.rejected;
import static io.ddc.cli.WorkflowCliTest.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.cli.DdcCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 §1: the commands that make every BSN DDC v2.2.1 operation reachable from the {@code ddc}
 * tool (docs/BSN.md), each with its output and a rejection, on the ledger of {@link WorkflowCliTest}.
 */
@SuppressWarnings("unchecked")
class BsnCliTest {
  @TempDir Path dir;
  String db;

  String p(String name) {
    return dir.resolve(name).toString();
  }

  @BeforeEach
  void ledger() {
    db = WorkflowCliTest.workflowLedger(dir);
  }

  @Test
  void authorityShow_permission_permissions() throws Exception {
    usage("name-symbol");
    usage("authority", "permissions", "--ledger", db);
    assertThat(ok("authority", "show", "--ledger", db).out())
        .isEqualTo("{\"switches\":{\"batch\":false,\"mintConsent\":false,\"platformAddConsumer\":false}}\n");
    ok("authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name", "batch", "--on");
    assertThat(json(ok("authority", "show", "--ledger", db)).get("switches"))
        .isEqualTo(Map.of("batch", true, "mintConsent", false, "platformAddConsumer", false));

    Map<?, ?> consumer = json(ok("authority", "permissions", "--ledger", db, "--role", "consumer"));
    assertThat(consumer.get("role")).isEqualTo("consumer");
    assertThat((List<Object>) consumer.get("operations")).contains("ddc721.burn").doesNotContain("ddc721.mint");
    assertThat((List<Object>) json(ok("authority", "permissions", "--ledger", db, "--role", "operator"))
        .get("operations")).contains("fee.settlement").doesNotContain("ledger.init");

    Run denied = ok("authority", "permission", "--ledger", db, "--key", p("operator.pem"), "--role", "consumer",
        "--operation", "ddc721.burn", "--deny");
    assertThat(denied.out()).isEqualTo("{\"allowed\":false,\"operation\":\"ddc721.burn\",\"role\":\"consumer\"}\n");
    assertThat((List<Object>) json(ok("authority", "permissions", "--ledger", db, "--role", "consumer"))
        .get("operations")).doesNotContain("ddc721.burn");
    String id = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice").out().strip();
    rejected("NOT_PERMITTED", "burn", "--ledger", db, "--key", p("alice.pem"), "--ddc", id);
    rejected("STATE_UNCHANGED", "authority", "permission", "--ledger", db, "--key", p("operator.pem"), "--role",
        "consumer", "--operation", "ddc721.burn", "--deny");
    rejected("NOT_AUTHORIZED", "authority", "permission", "--ledger", db, "--key", p("operator.pem"), "--role",
        "operator", "--operation", "ddc721.burn", "--deny");
    rejected("NOT_PERMITTED", "authority", "permission", "--ledger", db, "--key", p("uni.pem"), "--role",
        "consumer", "--operation", "ddc721.burn", "--allow");
    assertThat(ok("authority", "permission", "--ledger", db, "--key", p("operator.pem"), "--role", "consumer",
        "--operation", "ddc721.burn", "--allow").out()).contains("\"allowed\":true");
    usage("authority", "permission", "--ledger", db, "--key", p("operator.pem"), "--role", "consumer",
        "--operation", "ddc721.fly", "--allow");
    usage("authority", "permission", "--ledger", db, "--key", p("operator.pem"), "--role", "king",
        "--operation", "ddc721.burn", "--allow");
    usage("authority", "permission", "--ledger", db, "--key", p("operator.pem"), "--role", "consumer",
        "--operation", "ddc721.burn");
    usage("authority", "permissions", "--ledger", db, "--role", "king");
  }

  @Test
  void accountAddBatch_allOrNothing_behindTheBatchSwitch() throws Exception {
    ok("keygen", "--out", p("c1.pem"), "--pub", p("c1.pub.pem"));
    ok("keygen", "--out", p("p2.pem"), "--pub", p("p2.pub.pem"));
    Files.write(dir.resolve("accounts.jsonl"), List.of(
        "{\"did\":\"did:t:p2\",\"name\":\"P2\",\"role\":\"platform\",\"pub\":\"p2.pub.pem\"}", "",
        "{\"did\":\"did:t:c1\",\"name\":\"C1\",\"role\":\"consumer\",\"leader\":\"did:t:uni\",\"pub\":\""
            + p("c1.pub.pem") + "\"}"));
    String[] add = {"account", "add-batch", "--ledger", db, "--key", p("operator.pem"), "--in", p("accounts.jsonl")};
    rejected("SWITCH_OFF", add);
    assertThat(ddc("account", "show", "--ledger", db, "--did", "did:t:p2").code()).as("nothing added").isEqualTo(1);
    ok("authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name", "batch", "--on");
    String[] lines = ok(add).out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(json(new Run(0, lines[1], "")).get("leader")).isEqualTo("did:t:uni");
    assertThat(json(new Run(0, lines[0], "")).get("role")).isEqualTo("platform");
    rejected("ACCOUNT_EXISTS", add);

    Files.write(dir.resolve("bad.jsonl"), List.of("{\"did\":\"did:t:c9\",\"name\":\"C9\",\"role\":\"consumer\","
        + "\"leader\":\"did:t:uni\",\"pub\":\"c1.pub.pem\",\"colour\":\"red\"}"));
    Run bad = ddc("account", "add-batch", "--ledger", db, "--key", p("operator.pem"), "--in", p("bad.jsonl"));
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.jsonl line 1 has the unknown member \"colour\"");
    Files.write(dir.resolve("nopub.jsonl"), List.of("{\"did\":\"did:t:c9\",\"name\":\"C9\",\"role\":\"consumer\"}"));
    usage("account", "add-batch", "--ledger", db, "--key", p("operator.pem"), "--in", p("nopub.jsonl"));
    Files.write(dir.resolve("empty.jsonl"), List.of(""));
    usage("account", "add-batch", "--ledger", db, "--key", p("operator.pem"), "--in", p("empty.jsonl"));
    usage("account", "add-batch", "--ledger", db, "--key", p("operator.pem"), "--in", p("missing.jsonl"));
  }

  @Test
  void accountKeys_addRetireRevoke() throws Exception {
    ok("keygen", "--out", p("uni2.pem"), "--pub", p("uni2.pub.pem"));
    Map<?, ?> added = json(ok("account", "add-key", "--ledger", db, "--key", p("uni.pem"), "--did", "did:t:uni",
        "--pub", p("uni2.pub.pem")));
    assertThat((List<Object>) added.get("keys")).hasSize(2);
    rejected("KEY_EXISTS", "account", "add-key", "--ledger", db, "--key", p("uni.pem"), "--did", "did:t:uni",
        "--pub", p("uni2.pub.pem"));
    ok("account", "retire-key", "--ledger", db, "--key", p("uni2.pem"), "--did", "did:t:uni", "--pub",
        p("uni.pub.pem"));
    rejected("BAD_SIGNATURE", "mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice");
    rejected("LAST_KEY", "account", "retire-key", "--ledger", db, "--key", p("uni2.pem"), "--did", "did:t:uni",
        "--pub", p("uni2.pub.pem"));
    rejected("NOT_AUTHORIZED", "account", "revoke-key", "--ledger", db, "--key", p("uni2.pem"), "--did", "did:t:uni",
        "--pub", p("uni2.pub.pem"), "--compromised-since", "0");
    Map<?, ?> revoked = json(ok("account", "revoke-key", "--ledger", db, "--key", p("operator.pem"), "--did",
        "did:t:uni", "--pub", p("uni.pub.pem"), "--compromised-since", "2020-01-01T00:00:00Z"));
    assertThat(revoked.toString()).contains("1577836800000");
    usage("account", "revoke-key", "--ledger", db, "--key", p("operator.pem"), "--did", "did:t:uni", "--pub",
        p("uni.pub.pem"), "--compromised-since", "yesterday");
  }

  @Test
  void rechargeBatch_feeDeleteShowSettle_andPoints() throws Exception {
    ok("account", "add", "--ledger", db, "--key", p("operator.pem"), "--role", "platform", "--did", "did:t:emp",
        "--name", "Employer", "--pub", p("other.pub.pem"));
    ok("recharge", "--ledger", db, "--key", p("operator.pem"), "--to", "did:ddc:operator", "--amount", "100");
    String[] batch = {"recharge-batch", "--ledger", db, "--key", p("operator.pem"), "--to", "did:t:uni", "--amount",
        "30", "--to", "did:t:emp", "--amount", "20"};
    rejected("SWITCH_OFF", batch);
    ok("authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name", "batch", "--on");
    String[] lines = ok(batch).out().split("\n");
    assertThat(lines).containsExactly("{\"ddc721\":0,\"did\":\"did:t:uni\",\"points\":30}",
        "{\"ddc721\":0,\"did\":\"did:t:emp\",\"points\":20}");
    rejected("INSUFFICIENT_BALANCE", "recharge-batch", "--ledger", db, "--key", p("operator.pem"), "--to",
        "did:t:uni", "--amount", "10", "--to", "did:t:emp", "--amount", "41");
    assertThat(json(ok("balance", "--ledger", db, "--did", "did:t:uni")).get("points")).as("all or nothing")
        .isEqualTo(30L);
    usage("recharge-batch", "--ledger", db, "--key", p("operator.pem"), "--to", "did:t:uni", "--amount", "1",
        "--to", "did:t:emp");

    assertThat(ok("fee", "show", "--ledger", db).out()).isEmpty();
    ok("fee", "set", "--ledger", db, "--key", p("operator.pem"), "--kind", "721", "--operation", "mint", "--amount", "2");
    ok("fee", "set", "--ledger", db, "--key", p("operator.pem"), "--kind", "1155", "--operation", "burn", "--amount",
        "1");
    assertThat(ok("fee", "show", "--ledger", db).out()).isEqualTo("ddc721.mint 2\nddc1155.burn 1\n");
    assertThat(ok("fee", "show", "--ledger", db, "--kind", "1155").out()).isEqualTo("ddc1155.burn 1\n");
    assertThat(ok("fee", "show", "--ledger", db, "--kind", "721", "--operation", "mint").out())
        .isEqualTo("ddc721.mint 2\n");
    assertThat(ok("fee", "show", "--ledger", db, "--operation", "ddc721.burn").out()).isEqualTo("ddc721.burn none\n");
    usage("fee", "show", "--ledger", db, "--operation", "mint");

    ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice");
    ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice");
    assertThat(ok("points", "--ledger", db).out()).isEqualTo("{\"collected\":{\"1155\":0,\"721\":4},\"issued\":100}\n");
    rejected("INSUFFICIENT_BALANCE", "fee", "settle", "--ledger", db, "--key", p("operator.pem"), "--kind", "721",
        "--amount", "5");
    rejected("NOT_PERMITTED", "fee", "settle", "--ledger", db, "--key", p("uni.pem"), "--kind", "721", "--amount", "1");
    assertThat(ok("fee", "settle", "--ledger", db, "--key", p("operator.pem"), "--kind", "721", "--amount", "3").out())
        .isEqualTo("{\"collected\":1,\"kind\":\"721\",\"operator\":\"did:ddc:operator\",\"points\":53}\n");
    usage("fee", "settle", "--ledger", db, "--key", p("operator.pem"), "--kind", "999", "--amount", "1");

    assertThat(ok("fee", "delete", "--ledger", db, "--key", p("operator.pem"), "--kind", "721", "--operation",
        "mint").out()).isEqualTo("ddc721.mint none\n");
    rejected("STATE_UNCHANGED", "fee", "delete", "--ledger", db, "--key", p("operator.pem"), "--kind", "721",
        "--operation", "mint");
    rejected("NOT_PERMITTED", "fee", "delete", "--ledger", db, "--key", p("uni.pem"), "--kind", "1155", "--operation",
        "burn");
    assertThat(ok("fee", "show", "--ledger", db).out()).isEqualTo("ddc1155.burn 1\n");
  }

  @Test
  void safeMint_safeTransfer_approvedInShow() throws Exception {
    Run mint = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--safe", "--data", "0a0b");
    String id = mint.out().strip();
    rejected("UNKNOWN_ACCOUNT", "mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:nobody", "--safe");
    usage("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--data", "0a0b");
    usage("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--safe", "--data", "xyz");
    assertThat(ok("latest-id", "--ledger", db).out()).isEqualTo(id + "\n");
    String coin = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--amount", "3", "--safe",
        "--data", "01").out().strip();

    assertThat(json(ok("show", "--ledger", db, "--ddc", id)).containsKey("approved")).isFalse();
    assertThat(json(ok("approve", "--ledger", db, "--key", p("alice.pem"), "--ddc", id, "--to", "did:t:bob"))
        .get("approved")).isEqualTo("did:t:bob");
    assertThat(json(ok("show", "--ledger", db, "--ddc", id)).get("approved")).isEqualTo("did:t:bob");

    rejected("INSUFFICIENT_BALANCE", "transfer", "--ledger", db, "--key", p("bob.pem"), "--ddc", coin, "--amount", "4", "--to",
        "did:t:alice", "--safe");
    Map<?, ?> moved = json(ok("transfer", "--ledger", db, "--key", p("bob.pem"), "--ddc", id, "--to", "did:t:bob",
        "--safe", "--data", "ff"));
    assertThat(moved.get("owner")).isEqualTo("did:t:bob");
    assertThat(moved.containsKey("approved")).as("a transfer clears the approval").isFalse();
    rejected("NOT_AUTHORIZED", "transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", id, "--to",
        "did:t:alice", "--safe");
    usage("transfer", "--ledger", db, "--key", p("bob.pem"), "--ddc", id, "--to", "did:t:alice", "--data", "ff");
    assertThat(json(ok("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", coin, "--amount", "1", "--to",
        "did:t:bob", "--safe", "--data", "02")).get("balances")).isEqualTo(Map.of("did:t:alice", 2L, "did:t:bob", 1L));
  }

  @Test
  void batchTransfer_andBatchBurn() throws Exception {
    String a = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--amount", "10").out().strip();
    String b = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--amount", "5").out().strip();
    String one = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice").out().strip();
    Run moved = ok("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--amount", "3", "--ddc", b,
        "--amount", "5", "--to", "did:t:bob");
    String[] lines = moved.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(json(new Run(0, lines[0], "")).get("balances")).isEqualTo(Map.of("did:t:alice", 7L, "did:t:bob", 3L));
    assertThat(json(new Run(0, lines[1], "")).get("balances")).isEqualTo(Map.of("did:t:bob", 5L));
    rejected("INSUFFICIENT_BALANCE", "transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--amount", "1",
        "--ddc", b, "--amount", "1", "--to", "did:t:bob");
    assertThat(json(ok("show", "--ledger", db, "--ddc", a)).get("balances")).as("all or nothing")
        .isEqualTo(Map.of("did:t:alice", 7L, "did:t:bob", 3L));
    usage("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--amount", "1", "--ddc", b, "--to",
        "did:t:bob");
    usage("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--amount", "1", "--ddc", one,
        "--amount", "1", "--to", "did:t:bob");

    rejected("INSUFFICIENT_BALANCE", "burn", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--ddc", b);
    assertThat(json(ok("show", "--ledger", db, "--ddc", a)).get("balances")).as("all or nothing")
        .isEqualTo(Map.of("did:t:alice", 7L, "did:t:bob", 3L));
    rejected("NOT_AUTHORIZED", "burn", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--ddc", b, "--owner",
        "did:t:bob");
    Run burned = ok("burn", "--ledger", db, "--key", p("bob.pem"), "--ddc", a, "--ddc", b);
    assertThat(burned.out().split("\n")).hasSize(2);
    assertThat(json(ok("show", "--ledger", db, "--ddc", b)).get("status")).isEqualTo("burned");
    usage("burn", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--ddc", one);
  }

  @Test
  void nameSymbol_showAndSet() throws Exception {
    assertThat(ok("name-symbol", "show", "--ledger", db).out()).isEqualTo("{}\n");
    rejected("NOT_PERMITTED", "name-symbol", "set", "--ledger", db, "--key", p("uni.pem"), "--name", "Mine",
        "--symbol", "MINE");
    assertThat(ok("name-symbol", "set", "--ledger", db, "--key", p("operator.pem"), "--name", "Diplomas", "--symbol",
        "DIP").out()).isEqualTo("{\"name\":\"Diplomas\",\"symbol\":\"DIP\"}\n");
    assertThat(ok("name-symbol", "show", "--ledger", db).out()).isEqualTo("{\"name\":\"Diplomas\",\"symbol\":\"DIP\"}\n");
    assertThat(ok("latest-id", "--ledger", db).out()).isEqualTo("0\n");
    usage("name-symbol", "set", "--ledger", db, "--key", p("operator.pem"), "--name", "Diplomas");
  }

  @Test
  void relayerKey_relaysTheRequest_andTheRelayerPays() throws Exception {
    ok("recharge", "--ledger", db, "--key", p("operator.pem"), "--to", "did:ddc:operator", "--amount", "100");
    ok("recharge", "--ledger", db, "--key", p("operator.pem"), "--to", "did:t:uni", "--amount", "10");
    ok("fee", "set", "--ledger", db, "--key", p("operator.pem"), "--kind", "721", "--operation", "transfer",
        "--amount", "3");
    String id = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice").out().strip();
    rejected("INSUFFICIENT_FEE", "transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", id, "--to", "did:t:bob");
    assertThat(json(ok("transfer", "--ledger", db, "--key", p("alice.pem"), "--relayer-key", p("uni.pem"), "--ddc",
        id, "--to", "did:t:bob")).get("owner")).isEqualTo("did:t:bob");
    assertThat(json(ok("balance", "--ledger", db, "--did", "did:t:uni")).get("points")).isEqualTo(7L);
    usage("transfer", "--ledger", db, "--key", p("bob.pem"), "--relayer-key", p("other.pem"), "--ddc", id, "--to",
        "did:t:alice");
    usage("transfer", "--ledger", db, "--key", p("bob.pem"), "--relayer", "did:t:uni", "--ddc", id, "--to",
        "did:t:alice");
    ok("account", "state", "--ledger", db, "--key", p("operator.pem"), "--did", "did:t:uni", "--frozen");
    rejected("ACCOUNT_FROZEN", "transfer", "--ledger", db, "--key", p("bob.pem"), "--relayer-key", p("uni.pem"),
        "--ddc", id, "--to", "did:t:alice");
  }

  /**
   * Values the data model refuses (an amount out of range, data too long, a time past 2^53 − 1, an
   * empty operation, an id no DDC can have) are usage errors (exit 2), never "internal error"; a
   * rejected command appends nothing. Found by review.
   */
  @Test
  void valuesTheModelRefuses_areUsageErrors_andChangeNothing() throws Exception {
    String a = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--amount", "10").out().strip();
    String nft = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice").out().strip();
    String before = ok("latest-id", "--ledger", db).out();
    usage("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--amount", "0", "--ddc", a, "--amount", "1",
        "--to", "did:t:bob");
    usage("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", a, "--amount", "0", "--to", "did:t:bob");
    usage("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", nft, "--to", "did:t:bob", "--safe", "--data",
        "ab".repeat(1100));
    usage("recharge-batch", "--ledger", db, "--key", p("operator.pem"), "--to", "did:t:uni", "--amount", "-5");
    usage("recharge", "--ledger", db, "--key", p("operator.pem"), "--to", "did:t:uni", "--amount", "-5");
    usage("fee", "settle", "--ledger", db, "--key", p("operator.pem"), "--kind", "721", "--amount", "0");
    usage("fee", "set", "--ledger", db, "--key", p("operator.pem"), "--kind", "721", "--operation", "mint", "--amount",
        "-1");
    usage("fee", "show", "--ledger", db, "--kind", "1155", "--operation", "");
    usage("fee", "delete", "--ledger", db, "--key", p("operator.pem"), "--kind", "1155", "--operation", "");
    usage("account", "revoke-key", "--ledger", db, "--key", p("operator.pem"), "--did", "did:t:uni", "--pub",
        p("uni.pub.pem"), "--compromised-since", "9999999999999999");
    assertThat(ok("latest-id", "--ledger", db).out()).isEqualTo(before);
    for (String id : new String[] {"99999999999999999", "9007199254740992", "-1"}) {
      Run r = ddc("show", "--ledger", db, "--ddc", id);
      assertThat(r.code()).as("show --ddc %s: %s%s", id, r.out(), r.err()).isIn(1, 2);
      assertThat(r.err()).doesNotContain("internal error");
    }
  }
}
