package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.cli.DdcCliTest.Run;
import io.ddc.crypto.sm.Sm2PrivateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of {@code ddc web-verifier}: the page with the trust configuration built in, safely. */
class WebVerifierCliTest {
  @TempDir Path dir;
  Path op;
  Path w1;
  String opHex;

  @BeforeEach
  void keys() throws Exception {
    boolean built = WebVerifierCommand.class.getResource(WebVerifierCommand.PAGE) != null;
    if (!built && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("the web verifier page is missing from the build under CI=true");
    }
    Assumptions.assumeTrue(built, "the page was not built (no Node): skipped outside CI");
    Sm2PrivateKey k = Sm2PrivateKey.generate(new SecureRandom());
    op = dir.resolve("op.pem");
    Files.writeString(op, k.publicKey().toPem());
    opHex = HexFormat.of().formatHex(k.publicKey().toUncompressed());
    w1 = dir.resolve("w1.pem");
    Files.writeString(w1, Sm2PrivateKey.generate(new SecureRandom()).publicKey().toPem());
  }

  private String config(String html) {
    int start = html.indexOf("<script type=\"application/json\" id=\"ddc-config\">");
    int end = html.indexOf("</script>", start);
    return html.substring(html.indexOf('>', start) + 1, end);
  }

  @Test
  void writes_the_page_with_the_trust_built_in() throws Exception {
    Path out = dir.resolve("verify.html");
    Run r = ddc("web-verifier", "--origin", "example.ddc.io/ledger", "--trust", op.toString(),
        "--witness", "w1.example=" + w1, "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("wrote ");
    String html = Files.readString(out);
    assertThat(html).doesNotContain(WebVerifierCommand.PLACEHOLDER).contains("Content-Security-Policy");
    String c = config(html);
    assertThat(c).startsWith("{\"trust\":[{\"origin\":\"example.ddc.io/ledger\",\"key\":\"" + opHex + "\"}],")
        .contains("\"witnesses\":[{\"name\":\"w1.example\",\"key\":\"04").endsWith("\"}],\"quorum\":1}");
  }

  @Test
  void an_origin_cannot_break_out_of_the_script_element() throws Exception {
    Path out = dir.resolve("verify.html");
    String evil = "x</script><script>alert(1)</script><!--";
    Run r = ddc("web-verifier", "--trust", evil + "=" + op, "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String html = Files.readString(out);
    assertThat(html).doesNotContain("<script>alert(1)");
    assertThat(config(html)).contains("x\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003c!--");
    assertThat(html.split("<script", -1)).hasSize(3); // the config data block and the page's script
  }

  @Test
  void usage_errors_exit_2() throws Exception {
    String out = dir.resolve("v.html").toString();
    assertThat(ddc("web-verifier", "--trust", op.toString(), "--out", out).code()).isEqualTo(2); // no origin
    assertThat(ddc("web-verifier", "--origin", "o", "--trust", op.toString(), "--witness", "w=" + op, "--out", out)
        .code()).isEqualTo(2); // a witness with the Operator's key
    assertThat(ddc("web-verifier", "--origin", "o", "--trust", op.toString(), "--witness", "w=" + w1, "--quorum", "2",
        "--out", out).code()).isEqualTo(2);
    assertThat(ddc("web-verifier", "--origin", "o", "--trust", op.toString(), "--quorum", "1", "--out", out).code())
        .isEqualTo(2);
    assertThat(ddc("web-verifier", "--origin", "o", "--trust", dir.resolve("missing.pem").toString(), "--out", out)
        .code()).isEqualTo(2);
    assertThat(ddc("web-verifier", "--origin", "o", "--trust", op.toString()).code()).isEqualTo(2); // no --out
    assertThat(Files.exists(Path.of(out))).isFalse();
  }
}
