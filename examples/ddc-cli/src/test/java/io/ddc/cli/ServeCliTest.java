package io.ddc.cli;

import static io.ddc.cli.DdcCliTest.ddc;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.cli.DdcCliTest.Run;
import io.ddc.publish.LogFixture;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ddc serve}, then {@code ddc refresh} and {@code ddc monitor} against it. */
class ServeCliTest {
  @TempDir Path dir;

  @Test
  void serve_thenRefreshAStaleBundle_andMonitorOverHttp() throws Exception {
    Path db = dir.resolve("ledger.db");
    Path pub = dir.resolve("op.pub.pem");
    LogFixture f = LogFixture.sqlite(db);
    Files.writeString(pub, f.opKey.publicKey().toPem());
    long id = f.mintWithMetadata("{\"name\":\"Li Wei\",\"gpa\":385}");
    f.mint(10).checkpoint();
    Run stale = ddc("prove", "--ledger", db.toString(), "--ddc", Long.toString(id), "--out", dir.resolve("old.json")
        .toString());
    assertThat(stale.code()).as(stale.err()).isZero();
    assertThat(ddc("redact", "--in", dir.resolve("old.json").toString(), "--hide", "/gpa", "--out",
        dir.resolve("old-red.json").toString()).code()).isZero();
    f.mint(20).checkpoint();
    f.close();
    ServeCommand.stop = new CountDownLatch(1);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread t = new Thread(() -> code.set(Main.run(new String[] {"serve", "--ledger", db.toString(), "--port", "0",
        "--dir", dir.resolve("log").toString()}, new PrintWriter(out, true), new PrintWriter(err, true),
        new ByteArrayInputStream(new byte[0]))));
    t.start();
    try {
      long deadline = System.currentTimeMillis() + 30_000;
      Matcher m;
      while (!(m = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/) ").matcher(out.toString())).find()) {
        assertThat(System.currentTimeMillis()).as(err.toString()).isLessThan(deadline);
        Thread.sleep(20);
      }
      String url = m.group(1);
      assertThat(out.toString()).startsWith("serving " + LogFixture.ORIGIN + " at " + url + " (log published in ");
      HttpResponse<String> cp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "checkpoint"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(cp.body()).contains("\n34\n");
      Run refreshed = ddc("refresh", dir.resolve("old-red.json").toString(), "--from", url, "--out",
          dir.resolve("new.json").toString(), "--trust", pub.toString());
      assertThat(refreshed).isEqualTo(new Run(0, "refreshed DDC " + id + ": checkpoint 14 -> 34, consistent and VALID; "
          + "wrote " + dir.resolve("new.json") + " (" + Files.size(dir.resolve("new.json")) + " bytes)\n", ""));
      assertThat(Files.readString(dir.resolve("new.json"))).doesNotContain("/gpa").contains("/name");
      Run monitor = ddc("monitor", "--from", url, "--trust", pub.toString(), "--origin", LogFixture.ORIGIN, "--state",
          dir.resolve("m.state").toString());
      assertThat(monitor.code()).as(monitor.out() + monitor.err()).isZero();
      assertThat(monitor.out()).startsWith("OK " + LogFixture.ORIGIN + " size 34 (was 0)");
      Run notHttp = ddc("refresh", dir.resolve("old.json").toString(), "--from", "ftp://x", "--out", "x.json");
      assertThat(notHttp.code()).isEqualTo(2);
      Run unknown = ddc("refresh", dir.resolve("nope.json").toString(), "--from", url, "--out", "x.json");
      assertThat(unknown.code()).isEqualTo(2);
    } finally {
      ServeCommand.stop.countDown();
      t.join(30_000);
    }
    assertThat(code.get()).as(err.toString()).isZero();
    Run busy = ddc("serve", "--ledger", dir.resolve("none.db").toString());
    assertThat(busy.code()).isEqualTo(2);
  }
}
