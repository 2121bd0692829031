package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.cli.DdcCliTest.Run;
import io.ddc.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issuer workflow of docs/CLI.md on an embedded SQLite ledger: every command and its error paths. */
class WorkflowCliTest {
  @TempDir Path dir;
  String db;

  String p(String name) {
    return dir.resolve(name).toString();
  }

  static Run ok(String... args) {
    Run r = ddc(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  static void rejected(String code, String... args) {
    Run r = ddc(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).startsWith("REJECTED: " + code + ": ");
    assertThat(r.out().lines().count()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  static void usage(String... args) {
    Run r = ddc(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).isNotBlank().doesNotContain("\tat ");
  }

  static Map<?, ?> json(Run r) throws Exception {
    String[] lines = r.out().strip().split("\n");
    return (Map<?, ?>) CanonicalJson.parse(lines[lines.length - 1].getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void ledger() throws Exception {
    db = workflowLedger(dir);
  }

  /**
   * Keys {@code operator}, {@code uni}, {@code alice}, {@code bob}, {@code other} ({@code NAME.pem},
   * {@code NAME.pub.pem}) in {@code dir}, and a ledger {@code ddc.db} with platform {@code did:t:uni}
   * and its consumers {@code did:t:alice} and {@code did:t:bob}; returns the ledger's path.
   */
  static String workflowLedger(Path dir) {
    for (String who : List.of("operator", "uni", "alice", "bob", "other")) {
      ok("keygen", "--out", dir.resolve(who + ".pem").toString(), "--pub", dir.resolve(who + ".pub.pem").toString());
    }
    String db = dir.resolve("ddc.db").toString();
    String operator = dir.resolve("operator.pem").toString();
    Run init = ok("init", "--ledger", db, "--origin", "test.ddc.io/ledger", "--key", operator);
    assertThat(init.out()).startsWith("test.ddc.io/ledger\n1\n");
    ok("account", "add", "--ledger", db, "--key", operator, "--role", "platform", "--did", "did:t:uni",
        "--name", "University", "--pub", dir.resolve("uni.pub.pem").toString());
    for (String who : List.of("alice", "bob")) {
      ok("account", "add", "--ledger", db, "--key", operator, "--role", "consumer", "--did", "did:t:" + who,
          "--name", Character.toUpperCase(who.charAt(0)) + who.substring(1), "--pub",
          dir.resolve(who + ".pub.pem").toString(), "--leader", "did:t:uni");
    }
    return db;
  }

  @Test
  void init_refusesAnExistingLedger_badOrigins_andMissingKeys() {
    usage("init", "--ledger", db, "--origin", "x", "--key", p("operator.pem"));
    usage("init", "--ledger", p("new.db"), "--origin", "has space", "--key", p("operator.pem"));
    usage("init", "--ledger", p("new.db"), "--origin", "x", "--key", p("missing.pem"));
    usage("init", "--ledger", p("new.db"), "--origin", "x", "--key", p("operator.pub.pem"));
    usage("init", "--ledger", p("new.db"), "--origin", "x", "--key", p("operator.pem"), "--did", "not a did");
    assertThat(Files.exists(dir.resolve("new.db"))).as("no half-made ledger after refusals").isFalse();
    Run unreachable = ddc("show", "--ledger", "jdbc:postgresql://127.0.0.1:1/none", "--ddc", "1");
    assertThat(unreachable.code()).isEqualTo(2);
    assertThat(unreachable.err().lines().count()).isEqualTo(1);
  }

  @Test
  void accounts_addStateShow_andTheirRejections() throws Exception {
    Map<?, ?> alice = json(ok("account", "show", "--ledger", db, "--did", "did:t:alice"));
    assertThat(alice.get("role")).isEqualTo("consumer");
    assertThat(alice.get("leader")).isEqualTo("did:t:uni");
    assertThat(ddc("account", "show", "--ledger", db, "--did", "did:t:nobody").code()).isEqualTo(1);
    rejected("NOT_PERMITTED", "account", "add", "--ledger", db, "--key", p("alice.pem"), "--role", "consumer",
        "--did", "did:t:carol", "--name", "Carol", "--pub", p("other.pub.pem"));
    rejected("ACCOUNT_EXISTS", "account", "add", "--ledger", db, "--key", p("operator.pem"), "--role", "consumer",
        "--did", "did:t:alice", "--name", "Alice", "--pub", p("other.pub.pem"), "--leader", "did:t:uni");
    usage("account", "add", "--ledger", db, "--key", p("operator.pem"), "--role", "king", "--did", "did:t:x",
        "--name", "X", "--pub", p("other.pub.pem"));
    usage("account", "add", "--ledger", db, "--key", p("other.pem"), "--role", "consumer", "--did", "did:t:x",
        "--name", "X", "--pub", p("other.pub.pem"));
    Map<?, ?> frozen = json(ok("account", "state", "--ledger", db, "--key", p("uni.pem"), "--did", "did:t:alice",
        "--frozen", "--platform-state"));
    assertThat(frozen.get("platformState")).isEqualTo("frozen");
    rejected("NOT_AUTHORIZED", "account", "state", "--ledger", db, "--key", p("uni.pem"), "--did", "did:t:alice",
        "--active");
    ok("account", "state", "--ledger", db, "--key", p("operator.pem"), "--did", "did:t:alice", "--active",
        "--platform-state");
    usage("account", "state", "--ledger", db, "--key", p("operator.pem"), "--did", "did:t:alice", "--active",
        "--frozen");
    usage("account", "state", "--ledger", db, "--key", p("operator.pem"), "--did", "did:t:alice");
  }

  @Test
  void mint_show_transfer_approve_freeze_burn_setUri() throws Exception {
    Files.writeString(dir.resolve("d.json"), "{\"name\":\"Alice\",\"gpa\":391}");
    Run mint = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--metadata", p("d.json"),
        "--ref", "r-1");
    String[] lines = mint.out().strip().split("\n");
    assertThat(lines[lines.length - 1]).isEqualTo("1");
    Map<?, ?> shown = json(ok("show", "--ledger", db, "--ddc", "1"));
    assertThat(shown.get("owner")).isEqualTo("did:t:alice");
    assertThat(shown.get("status")).isEqualTo("active");
    assertThat(shown.get("metadataRoot")).isInstanceOf(String.class);
    assertThat(ddc("show", "--ledger", db, "--ddc", "99").code()).isEqualTo(1);
    rejected("DUPLICATE_REFERENCE", "mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--ref",
        "r-1");
    rejected("UNKNOWN_ACCOUNT", "mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:nobody");
    rejected("NOT_PERMITTED", "mint", "--ledger", db, "--key", p("alice.pem"), "--to", "did:t:alice");
    usage("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--metadata", p("missing.json"));
    Files.writeString(dir.resolve("bad.json"), "{\"gpa\":1e400}"); // 3.9 is fine now; overflow is not
    usage("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--metadata", p("bad.json"));
    usage("mint", "--ledger", p("none.db"), "--key", p("uni.pem"), "--to", "did:t:alice");

    Map<?, ?> moved = json(ok("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1", "--to",
        "did:t:bob"));
    assertThat(moved.get("owner")).isEqualTo("did:t:bob");
    rejected("NOT_AUTHORIZED", "transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1", "--to",
        "did:t:alice");
    ok("approve", "--ledger", db, "--key", p("bob.pem"), "--ddc", "1", "--to", "did:t:alice");
    assertThat(json(ok("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1", "--to", "did:t:alice"))
        .get("owner")).as("the approved account moves it").isEqualTo("did:t:alice");
    usage("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1", "--to", "did:t:bob", "--amount", "2");
    usage("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", "42", "--to", "did:t:bob");

    rejected("NOT_PERMITTED", "freeze", "--ledger", db, "--key", p("uni.pem"), "--ddc", "1");
    assertThat(json(ok("freeze", "--ledger", db, "--key", p("operator.pem"), "--ddc", "1")).get("status"))
        .isEqualTo("frozen");
    rejected("DDC_FROZEN", "transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1", "--to", "did:t:bob");
    assertThat(json(ok("unfreeze", "--ledger", db, "--key", p("operator.pem"), "--ddc", "1")).get("status"))
        .isEqualTo("active");
    assertThat(json(ok("set-uri", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1", "--uri", "https://x/1"))
        .get("uri")).isEqualTo("https://x/1");
    rejected("URI_ALREADY_SET", "set-uri", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1", "--uri", "https://y");
    assertThat(json(ok("burn", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1")).get("status"))
        .isEqualTo("burned");
    rejected("DDC_BURNED", "burn", "--ledger", db, "--key", p("alice.pem"), "--ddc", "1");
  }

  @Test
  void ddc1155_amounts_andBalances() throws Exception {
    Run mint = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--amount", "10");
    String id = mint.out().strip();
    Map<?, ?> shown = json(ok("show", "--ledger", db, "--ddc", id));
    assertThat(shown.get("kind")).isEqualTo("1155");
    assertThat(shown.get("balances")).isEqualTo(Map.of("did:t:alice", 10L));
    Map<?, ?> after = json(ok("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", id, "--to", "did:t:bob",
        "--amount", "4"));
    assertThat(after.get("balances")).isEqualTo(Map.of("did:t:alice", 6L, "did:t:bob", 4L));
    usage("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", id, "--to", "did:t:bob");
    rejected("INSUFFICIENT_BALANCE", "transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", id, "--to",
        "did:t:bob", "--amount", "7");
    usage("approve", "--ledger", db, "--key", p("alice.pem"), "--ddc", id, "--to", "did:t:bob");
    assertThat(json(ok("burn", "--ledger", db, "--key", p("bob.pem"), "--ddc", id)).get("balances"))
        .isEqualTo(Map.of("did:t:alice", 6L));
  }

  /** Issue 19: the platform-adds-consumer switch, and the other switches, from the command line. */
  @Test
  void authoritySwitch_letsPlatformsAddConsumers() throws Exception {
    String[] carol = {"account", "add", "--ledger", db, "--key", p("uni.pem"), "--role", "consumer", "--did",
        "did:t:carol", "--name", "Carol", "--pub", p("other.pub.pem")};
    rejected("SWITCH_OFF", carol);
    Run on = ok("authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name", "platformAddConsumer",
        "--on");
    assertThat(on.out()).isEqualTo("{\"on\":true,\"switch\":\"platformAddConsumer\"}\n");
    assertThat(json(ok(carol)).get("leader")).isEqualTo("did:t:uni");
    rejected("STATE_UNCHANGED", "authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name",
        "platformAddConsumer", "--on");
    rejected("NOT_PERMITTED", "authority", "switch", "--ledger", db, "--key", p("uni.pem"), "--name", "batch", "--on");
    assertThat(ok("authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name", "platformAddConsumer",
        "--off").out()).isEqualTo("{\"on\":false,\"switch\":\"platformAddConsumer\"}\n");
    Run bad = ddc("authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name", "pause", "--on");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--name: expected a switch (platformAddConsumer, batch or mintConsent)");
    usage("authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name", "batch");
    usage("authority", "switch", "--ledger", db, "--key", p("operator.pem"), "--name", "batch", "--on", "--off");
    usage("authority", "--ledger", db);
  }

  /** Issue 19: cross-platform approval, one direction, given and withdrawn from the command line. */
  @Test
  void authorityCrossPlatform_letsDdcsReachAnotherPlatform() throws Exception {
    ok("account", "add", "--ledger", db, "--key", p("operator.pem"), "--role", "platform", "--did", "did:t:emp",
        "--name", "Employer", "--pub", p("other.pub.pem"));
    String id = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice").out().strip();
    String[] give = {"transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", id, "--to", "did:t:emp"};
    rejected("CROSS_PLATFORM_NOT_APPROVED", give);
    rejected("NOT_PERMITTED", "authority", "cross-platform", "--ledger", db, "--key", p("uni.pem"), "--from",
        "did:t:uni", "--to", "did:t:emp");
    rejected("INVALID_ARGUMENT", "authority", "cross-platform", "--ledger", db, "--key", p("operator.pem"), "--from",
        "did:t:alice", "--to", "did:t:emp");
    Run approved = ok("authority", "cross-platform", "--ledger", db, "--key", p("operator.pem"), "--from",
        "did:t:uni", "--to", "did:t:emp");
    assertThat(approved.out()).isEqualTo("{\"approved\":true,\"from\":\"did:t:uni\",\"to\":\"did:t:emp\"}\n");
    Run back = ok("authority", "cross-platform", "--ledger", db, "--key", p("operator.pem"), "--from",
        "did:t:emp", "--to", "did:t:uni", "--revoke");
    assertThat(back.out()).isEqualTo("{\"approved\":false,\"from\":\"did:t:emp\",\"to\":\"did:t:uni\"}\n");
    assertThat(json(ok(give)).get("owner")).isEqualTo("did:t:emp");
    usage("authority", "cross-platform", "--ledger", db, "--key", p("operator.pem"), "--from", "not a did", "--to",
        "did:t:emp");
  }

  /** Issue 19: operators for all, burning another holder's DDC-1155 balance, and the Operator's frozen burn. */
  @Test
  void approveAll_andBurnAnotherHoldersDdc1155() throws Exception {
    String id = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--amount", "5").out().strip();
    String[] bobBurnsAlices = {"burn", "--ledger", db, "--key", p("bob.pem"), "--ddc", id, "--owner", "did:t:alice"};
    rejected("NOT_AUTHORIZED", bobBurnsAlices);
    Run all = ok("approve-all", "--ledger", db, "--key", p("alice.pem"), "--kind", "1155", "--operator", "did:t:bob");
    assertThat(all.out()).isEqualTo(
        "{\"approved\":true,\"kind\":\"1155\",\"operator\":\"did:t:bob\",\"owner\":\"did:t:alice\"}\n");
    rejected("NOT_SAME_PLATFORM", "approve-all", "--ledger", db, "--key", p("alice.pem"), "--kind", "721",
        "--operator", "did:ddc:operator");
    rejected("INVALID_ARGUMENT", "approve-all", "--ledger", db, "--key", p("alice.pem"), "--kind", "721",
        "--operator", "did:t:alice");
    usage("approve-all", "--ledger", db, "--key", p("alice.pem"), "--kind", "999", "--operator", "did:t:bob");
    Map<?, ?> burned = json(ok(bobBurnsAlices));
    assertThat(burned.get("status")).isEqualTo("burned");
    assertThat(ok("approve-all", "--ledger", db, "--key", p("alice.pem"), "--kind", "1155", "--operator", "did:t:bob",
        "--revoke").out()).contains("\"approved\":false");
    String one = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice").out().strip();
    usage("burn", "--ledger", db, "--key", p("alice.pem"), "--ddc", one, "--owner", "did:t:alice");
    // the Operator's burn of a frozen DDC-1155 takes every holder's balance
    String shared = ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice", "--amount", "4").out()
        .strip();
    ok("transfer", "--ledger", db, "--key", p("alice.pem"), "--ddc", shared, "--to", "did:t:bob", "--amount", "1");
    ok("freeze", "--ledger", db, "--key", p("operator.pem"), "--ddc", shared);
    rejected("NOT_AUTHORIZED", "burn", "--ledger", db, "--key", p("operator.pem"), "--ddc", shared, "--owner",
        "did:t:alice");
    rejected("DDC_FROZEN", "burn", "--ledger", db, "--key", p("alice.pem"), "--ddc", shared);
    Map<?, ?> gone = json(ok("burn", "--ledger", db, "--key", p("operator.pem"), "--ddc", shared));
    assertThat(gone.get("balances")).isEqualTo(Map.of());
    assertThat(gone.get("status")).isEqualTo("burned");
  }

  @Test
  void fees_recharge_andBalance() throws Exception {
    assertThat(json(ok("recharge", "--ledger", db, "--key", p("operator.pem"), "--to", "did:ddc:operator",
        "--amount", "100")).get("points")).isEqualTo(100L);
    assertThat(json(ok("recharge", "--ledger", db, "--key", p("operator.pem"), "--to", "did:t:uni", "--amount", "30"))
        .get("points")).isEqualTo(30L);
    Run fee = ok("fee", "set", "--ledger", db, "--key", p("operator.pem"), "--kind", "721", "--operation", "mint",
        "--amount", "2");
    assertThat(fee.out().strip()).isEqualTo("ddc721.mint 2");
    ok("fee", "set", "--ledger", db, "--key", p("operator.pem"), "--kind", "1155", "--operation", "mint",
        "--amount", "3");
    ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice");
    assertThat(json(ok("balance", "--ledger", db, "--did", "did:t:uni")).get("points")).isEqualTo(28L);
    assertThat(json(ok("balance", "--ledger", db, "--did", "did:t:alice")).get("ddc721")).isEqualTo(1L);
    rejected("NOT_PERMITTED", "fee", "set", "--ledger", db, "--key", p("uni.pem"), "--kind", "721", "--operation",
        "mint", "--amount", "0");
    rejected("RECHARGE_NOT_ALLOWED", "recharge", "--ledger", db, "--key", p("alice.pem"), "--to", "did:t:bob",
        "--amount", "5");
    rejected("INSUFFICIENT_BALANCE", "recharge", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice",
        "--amount", "500");
    usage("fee", "set", "--ledger", db, "--key", p("operator.pem"), "--kind", "999", "--operation", "mint",
        "--amount", "1");
    usage("fee", "set", "--ledger", db, "--key", p("operator.pem"), "--kind", "721", "--operation", "fly",
        "--amount", "1");
    usage("balance", "--ledger", db, "--did", "did:t:nobody");
  }

  @Test
  void checkpoint_signsWithTheGivenKey_only() throws Exception {
    ok("mint", "--ledger", db, "--key", p("uni.pem"), "--to", "did:t:alice");
    usage("checkpoint", "--ledger", db);
    Run cp = ok("checkpoint", "--ledger", db, "--key", p("operator.pem"));
    String[] l = cp.out().split("\n");
    assertThat(l[0]).isEqualTo("test.ddc.io/ledger");
    assertThat(l[1]).isEqualTo("5");
    assertThat(l[2]).matches("[A-Za-z0-9+/]{43}=");
    assertThat(cp.out()).contains("\n— test.ddc.io/ledger ");
    ok("checkpoint", "--ledger", db, "--key", p("operator.pem"));
    usage("checkpoint", "--ledger", db, "--key", p("other.pem"));
    ok("prove", "--ledger", db, "--ddc", "1", "--out", p("b.json"));
    Run v = ok("verify", p("b.json"), "--origin", "test.ddc.io/ledger", "--trust", p("operator.pub.pem"));
    assertThat(v.out()).startsWith("VALID\n");
  }

  @Test
  void batchMint_commitsInChunks_andAReRunMintsOnlyWhatIsMissing() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      lines.add("{\"ref\":\"b-" + i + "\",\"to\":\"did:t:" + (i % 2 == 0 ? "bob" : "alice") + "\","
          + "\"metadata\":{\"n\":" + i + ",\"name\":\"student " + i + "\"}" + (i == 7 ? ",\"amount\":5" : "") + "}");
    }
    Files.write(dir.resolve("in.jsonl"), lines.subList(0, 3));
    Run first = ok("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("in.jsonl"), "--chunk", "2");
    assertThat(first.out()).isEqualTo("committed 1-2\ncommitted 3-3\n");
    assertThat(first.err()).contains("3 minted, 0 already there");
    Files.write(dir.resolve("in.jsonl"), lines);
    Run second = ok("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("in.jsonl"), "--chunk", "2");
    assertThat(second.out()).as("ddc 7 is a DDC-1155: its own chunk").isEqualTo("committed 4-5\ncommitted 6-6\n"
        + "committed 7-7\n");
    assertThat(second.err()).contains("4 minted, 3 already there");
    assertThat(ok("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("in.jsonl")).out()).isEmpty();
    assertThat(json(ok("show", "--ledger", db, "--ddc", "7")).get("kind")).isEqualTo("1155");
    ok("checkpoint", "--ledger", db, "--key", p("operator.pem"));
    ok("prove", "--ledger", db, "--ddc", "4", "--out", p("b4.json"));
    assertThat(Files.readString(dir.resolve("b4.json"))).as("metadata kept with the batch").contains("student 4");

    Files.write(dir.resolve("bad.jsonl"), List.of("{\"ref\":\"c-1\",\"to\":\"did:t:alice\"}", "{not json"));
    usage("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("bad.jsonl"));
    Files.write(dir.resolve("noref.jsonl"), List.of("{\"to\":\"did:t:alice\"}"));
    usage("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("noref.jsonl"));
    Files.write(dir.resolve("extra.jsonl"), List.of("{\"ref\":\"e\",\"to\":\"did:t:alice\",\"colour\":\"red\"}"));
    usage("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("extra.jsonl"));
    Files.write(dir.resolve("dup.jsonl"), List.of("{\"ref\":\"d\",\"to\":\"did:t:alice\"}",
        "{\"ref\":\"d\",\"to\":\"did:t:bob\"}"));
    usage("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("dup.jsonl"));
    usage("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("in.jsonl"), "--chunk", "0");
    usage("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("missing.jsonl"));

    Files.write(dir.resolve("partial.jsonl"), List.of("{\"ref\":\"p-1\",\"to\":\"did:t:alice\"}",
        "{\"ref\":\"p-2\",\"to\":\"did:t:alice\"}", "{\"ref\":\"p-3\",\"to\":\"did:t:nobody\"}"));
    Run partial = ddc("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("partial.jsonl"), "--chunk",
        "2");
    assertThat(partial.code()).isEqualTo(1);
    assertThat(partial.out()).startsWith("committed 8-9\nREJECTED: UNKNOWN_ACCOUNT: ")
        .contains("lines 3-3").contains("the lines before it are committed");

    // a malformed line after a committed chunk (the lines are parsed on a second thread): the
    // chunk before it stays committed, the error names the line, nothing after it is minted
    Files.write(dir.resolve("late.jsonl"), List.of("{\"ref\":\"q-1\",\"to\":\"did:t:alice\"}",
        "{\"ref\":\"q-2\",\"to\":\"did:t:alice\"}", "", "{\"ref\":\"q-3\",\"to\":\"did:t:alice\"}", "{oops",
        "{\"ref\":\"q-4\",\"to\":\"did:t:alice\"}"));
    Run late = ddc("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("late.jsonl"), "--chunk", "2");
    assertThat(late.code()).isEqualTo(2);
    assertThat(late.out()).isEqualTo("committed 10-11\n");
    assertThat(late.err()).contains("late.jsonl line 5 is not JSON");
    assertThat(ddc("show", "--ledger", db, "--ddc", "12").code()).as("q-3 was not committed").isNotZero();
  }

  /** A batch-mint killed with SIGKILL mid-run and re-run mints every line exactly once. */
  @Test
  void batchMint_killedMidRun_thenReRun_mintsEveryLineExactlyOnce() throws Exception {
    int n = 3000;
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      lines.add("{\"ref\":\"k-" + i + "\",\"to\":\"did:t:alice\",\"metadata\":{\"n\":" + i + "}}");
    }
    Files.write(dir.resolve("big.jsonl"), lines);
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        "io.ddc.cli.Main", "batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("big.jsonl"), "--chunk",
        "100").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int committed = 0;
    try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String l = out.readLine(); l != null && committed < 5; l = out.readLine()) {
        if (l.startsWith("committed ")) {
          committed++;
        }
      }
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, mid-chunk
      p.waitFor();
    }
    assertThat(committed).as("the killed run committed some chunks").isEqualTo(5);
    Run again = ok("batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("big.jsonl"), "--chunk", "100");
    assertThat(again.err()).contains("already there");
    Map<?, ?> last = json(ok("show", "--ledger", db, "--ddc", Integer.toString(n)));
    assertThat(last.get("ref")).as("DDC %s is the last line's", n).isNotNull();
    assertThat(ddc("show", "--ledger", db, "--ddc", Integer.toString(n + 1)).code()).as("nothing minted twice")
        .isEqualTo(1);
    java.util.Set<String> refs = new java.util.HashSet<>();
    try (io.ddc.ledger.Ledger l = io.ddc.ledger.Ledger.builder(io.ddc.ledger.jdbc.JdbcLedgerStore.sqlite(Path.of(db)))
        .open()) {
      for (long id = 1; id <= n; id++) {
        refs.add(l.state().ddc(id).get().ref());
        assertThat(l.metadata(id)).as("metadata of DDC %s kept", id).isPresent();
      }
      l.audit();
    }
    assertThat(refs).hasSize(n);
  }

  /**
   * Three batch-mint processes of the same platform on one ledger, with overlapping input files:
   * they race for the platform's nonces and references, and all complete; every reference is
   * minted exactly once.
   */
  @Test
  void threeBatchMintProcesses_samePlatform_allComplete() throws Exception {
    int per = 600;
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<Process> ps = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 1; i <= per; i++) {
        int n = f * per / 2 + i;
        lines.add("{\"ref\":\"m-" + n + "\",\"to\":\"did:t:alice\",\"metadata\":{\"n\":" + n + "}}");
      }
      Files.write(dir.resolve("m" + f + ".jsonl"), lines);
    }
    for (int f = 0; f < 3; f++) {
      ps.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
          "io.ddc.cli.Main", "batch-mint", "--ledger", db, "--key", p("uni.pem"), "--in", p("m" + f + ".jsonl"),
          "--chunk", "20").redirectErrorStream(true).start());
    }
    for (Process p : ps) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).doesNotContain("REJECTED").doesNotContain("Exception");
    }
    int distinct = per * 2;
    java.util.Set<String> refs = new java.util.HashSet<>();
    try (io.ddc.ledger.Ledger l = io.ddc.ledger.Ledger.builder(io.ddc.ledger.jdbc.JdbcLedgerStore.sqlite(Path.of(db)))
        .open()) {
      assertThat(l.state().latestDdcId()).isEqualTo(distinct);
      for (long id = 1; id <= distinct; id++) {
        refs.add(l.state().ddc(id).get().ref());
        assertThat(l.metadata(id)).as("metadata of DDC %s kept", id).isPresent();
      }
    }
    assertThat(refs).hasSize(distinct);
  }
}
