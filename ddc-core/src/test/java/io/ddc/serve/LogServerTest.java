package io.ddc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.bundle.Bundle;
import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.Bundles;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.publish.LogFixture;
import io.ddc.publish.LogSource;
import io.ddc.monitor.Monitor;
import io.ddc.checkpoint.NoteKey;
import io.ddc.sign.Signers;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogServer} and {@link BundleRefresh}: what is served, with which headers, and every refusal. */
class LogServerTest {
  static final String DIPLOMA = "{\"name\":\"Li Wei\",\"degree\":\"BSc\",\"gpa\":385}";

  @TempDir Path tmp;
  LogFixture f;
  LogServer server;
  long id;
  HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void quickTimeouts() {
    // read once by the JDK server when its first instance starts: a slow client is cut after 2 s here
    System.setProperty("sun.net.httpserver.maxReqTime", "2");
  }

  @BeforeEach
  void start() throws Exception {
    f = LogFixture.create(new MemoryLedgerStore());
    id = f.mintWithMetadata(DIPLOMA);
    f.mint(296).checkpoint();
    server = LogServer.builder(f.ledger, tmp.resolve("log")).port(0).publishEvery(Duration.ofMillis(200)).start();
  }

  @AfterEach
  void stop() {
    server.close();
    f.close();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  BundleVerifier verifier() {
    return BundleVerifier.builder().trust(LogFixture.ORIGIN, f.opKey.publicKey()).anyAge().build();
  }

  @Test
  void servesTheCheckpointAndTiles_withTheirTypesAndCaching() throws Exception {
    HttpResponse<byte[]> cp = get("/checkpoint");
    assertThat(cp.statusCode()).isEqualTo(200);
    assertThat(new String(cp.body(), StandardCharsets.UTF_8)).isEqualTo(f.ledger.latestCheckpoint().orElseThrow());
    assertThat(cp.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
    assertThat(cp.headers().firstValue("Cache-Control")).contains("public, max-age=5");
    assertThat(cp.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    HttpResponse<byte[]> full = get("/tile/0/000");
    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.body()).hasSize(8192).isEqualTo(Files.readAllBytes(server.dir().resolve("tile/0/000")));
    assertThat(full.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(full.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
    HttpResponse<byte[]> partial = get("/tile/entries/001.p/44");
    assertThat(partial.statusCode()).isEqualTo(200);
    assertThat(partial.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
    assertThat(get("/tile/0/001.p/43").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> gz = http.send(HttpRequest.newBuilder(uri("/tile/entries/000")).header("Accept-Encoding",
        "br, gzip;q=0.8").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(gz.headers().firstValue("Vary")).contains("Accept-Encoding");
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(server.dir().resolve("tile/entries/000")));
    }
    assertThat(gz.body().length).isLessThan((int) Files.size(server.dir().resolve("tile/entries/000")) / 2);
    assertThat(get("/tile/entries/000").headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(LogServer.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(LogServer.acceptsGzip("identity")).isFalse();
    assertThat(LogServer.acceptsGzip("deflate, GZIP")).isTrue();
    HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(uri("/tile/0/000")).method("HEAD",
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    // a monitor reads the served log over HTTP
    NoteKey key = NoteKey.of(LogFixture.ORIGIN, Signers.sm2(f.opKey.publicKey()));
    Monitor.Result r = new Monitor(LogSource.of(uri("/").toString()), LogFixture.ORIGIN, key).check(Optional.empty());
    assertThat(r.size()).isEqualTo(300);
    // the server publishes what the ledger signs later
    f.mint(10).checkpoint();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!new String(get("/checkpoint").body(), StandardCharsets.UTF_8).contains("\n310\n")) {
      assertThat(System.currentTimeMillis()).as("republished within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void servesFreshBundles_fullOrRedacted_thatVerify() throws Exception {
    HttpResponse<byte[]> b = get("/ddc/" + id + "/bundle");
    assertThat(b.statusCode()).isEqualTo(200);
    assertThat(b.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(verifier().verify(b.body()).valid()).isTrue();
    assertThat(new String(b.body(), StandardCharsets.UTF_8)).contains("\"/gpa\"");
    HttpResponse<byte[]> red = get("/ddc/" + id + "/bundle?hide=/gpa,/name");
    assertThat(red.statusCode()).isEqualTo(200);
    assertThat(verifier().verify(red.body()).valid()).isTrue();
    assertThat(new String(red.body(), StandardCharsets.UTF_8)).doesNotContain("/gpa").doesNotContain("Li Wei")
        .contains("/degree");
    assertThat(Bundle.parse(get("/ddc/" + id + "/bundle?hide=%2Fgpa").body()).metadata().hidden()).hasSize(1);
    // events appended after the latest checkpoint: no state proof until the Operator signs one
    f.mint(1);
    HttpResponse<byte[]> behind = get("/ddc/" + id + "/bundle");
    assertThat(behind.statusCode()).isEqualTo(409);
    assertThat(new String(behind.body(), StandardCharsets.UTF_8)).startsWith("checkpoint 300 does not cover the whole "
        + "log (301 events)");
    f.checkpoint();
    assertThat(get("/ddc/" + id + "/bundle").statusCode()).isEqualTo(200);
  }

  /** A raw request, bypassing any client-side normalisation; returns the whole response. */
  String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  String rawGet(String target) throws Exception {
    return raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  @Test
  void badRequests_get4xx_neverAStackTraceNorAFileOutsideTheLog() throws Exception {
    Files.writeString(tmp.resolve("secret.txt"), "SECRET");
    String[][] cases = {
        {"/tile/../secret.txt", "400"}, {"/tile/0/../../secret.txt", "400"}, {"/tile/0/%2e%2e/secret.txt", "400"},
        {"/tile/0/..%2f..%2fsecret.txt", "400"}, {"/../secret.txt", "404"}, {"/.publish.lock", "404"},
        {"/tile/0/000/", "400"}, {"/tile/0/0", "400"}, {"/tile/00/000", "400"}, {"/checkpoint?x=1", "400"},
        {"/ddc/99999999999999999999999999/bundle", "400"}, {"/ddc/9007199254740992/bundle", "400"},
        {"/ddc/0/bundle", "400"}, {"/ddc/01/bundle", "400"}, {"/ddc/abc/bundle", "400"}, {"/ddc/-1/bundle", "400"},
        {"/ddc/9999/bundle", "404"}, {"/ddc/1/bundle/x", "404"}, {"/ddc/1", "404"}, {"/", "404"},
        {"/ddc/1/bundle?hide=/nope", "400"}, {"/ddc/1/bundle?hide=nope", "400"}, {"/ddc/1/bundle?sort=1", "400"},
        {"/ddc/1/bundle?from=0", "400"}, {"/ddc/1/bundle?from=x", "400"}, {"/ddc/1/bundle?from=400", "409"},
        {"/ddc/1/bundle?from=1&from=2", "400"}, {"/ddc/1/bundle?hide=%zz", "400"},
        {"/tile/" + "x".repeat(5000), "414"}};
    for (String[] c : cases) {
      String resp = rawGet(c[0].replace("/ddc/1/", "/ddc/" + id + "/"));
      assertThat(resp).as(c[0]).startsWith("HTTP/1.1 " + c[1] + " ");
      assertThat(resp).as(c[0]).doesNotContain("SECRET").doesNotContain("\tat ");
      if (!c[0].contains("%zz")) {
        // (a request target that is not a URI is answered by the JDK server itself, before any handler)
        assertThat(resp).as(c[0]).doesNotContain("Exception").containsIgnoringCase("Access-Control-Allow-Origin: *");
      }
    }
    String post = raw("POST /checkpoint HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
    assertThat(post).startsWith("HTTP/1.1 405 ").containsIgnoringCase("Allow: GET, HEAD, OPTIONS");
    String put = raw("PUT /tile/0/000 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assertThat(put).startsWith("HTTP/1.1 405 ");
    String body = raw("GET /checkpoint HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
    assertThat(body).startsWith("HTTP/1.1 413 ");
    String options = raw("OPTIONS /ddc/1/bundle HTTP/1.1\r\nHost: x\r\nOrigin: https://a.example\r\n"
        + "Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n");
    assertThat(options).startsWith("HTTP/1.1 204 ").containsIgnoringCase("Access-Control-Allow-Methods: GET, HEAD, OPTIONS");
    assertThat(Files.readAllBytes(server.dir().resolve("tile/0/000"))).hasSize(8192);
  }

  @Test
  void aSlowClient_isCutOff_whileOthersAreServed() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      slow.setSoTimeout(15_000);
      slow.getOutputStream().write("GET /checkpoint HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      assertThat(get("/checkpoint").statusCode()).isEqualTo(200);
      long t0 = System.nanoTime();
      int read = slow.getInputStream().read(new byte[1024]);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // the JDK server closes it (or answers 408) after maxReqTime
      assertThat(ms).isLessThan(12_000);
      if (read > 0) {
        assertThat(read).isPositive();
      }
    }
  }

  @Test
  void refresh_givesABundleConsistentWithTheOldOne_andKeepsItsHiddenFields() throws Exception {
    byte[] old = Bundles.redact(get("/ddc/" + id + "/bundle").body(), List.of("/gpa"));
    String oldCheckpoint = Bundle.parse(old).checkpoint();
    f.mint(500).checkpoint();
    byte[] fresh = BundleRefresh.refresh(old, uri("/"));
    Bundle b = Bundle.parse(fresh);
    assertThat(b.consistency()).hasValueSatisfying(c -> assertThat(c.from()).isEqualTo(300));
    assertThat(b.checkpoint()).contains("\n800\n");
    assertThat(b.metadata().hidden()).hasSize(1);
    assertThat(new String(fresh, StandardCharsets.UTF_8)).doesNotContain("/gpa").contains("/name");
    assertThat(verifier().verify(fresh, oldCheckpoint).code()).isEqualTo("OK");
    // refreshing a fresh bundle: same checkpoint, no proof needed
    assertThat(verifier().verify(BundleRefresh.refresh(fresh, uri("/")), b.checkpoint()).valid()).isTrue();
  }

  @Test
  void refresh_refusesAnotherLog_anErrorAndGarbage() throws Exception {
    byte[] old = get("/ddc/" + id + "/bundle").body();
    try (LogFixture other = LogFixture.create(new MemoryLedgerStore())) {
      long otherId = other.mintWithMetadata(DIPLOMA);
      other.mint(600).checkpoint();
      assertThat(otherId).isEqualTo(id);
      try (LogServer s2 = LogServer.builder(other.ledger, tmp.resolve("other")).port(0).start()) {
        assertThatThrownBy(() -> BundleRefresh.refresh(old, URI.create("http://127.0.0.1:" + s2.port())))
            .isInstanceOfSatisfying(RefreshException.class, e -> {
              assertThat(e.reason()).isEqualTo(RefreshException.Reason.INCONSISTENT);
              assertThat(e.getMessage()).startsWith("the new checkpoint does not extend the old one");
            });
      }
    }
    Bundle b = Bundle.parse(old);
    byte[] unknown = new Bundle(9999, b.checkpoint(), b.mint(), b.issuer(), b.state(), b.metadata(), b.consistency())
        .toBytes();
    assertThatThrownBy(() -> BundleRefresh.refresh(unknown, uri("/"))).isInstanceOfSatisfying(RefreshException.class,
        e -> {
          assertThat(e.reason()).isEqualTo(RefreshException.Reason.SERVER_ERROR);
          assertThat(e.getMessage()).contains("answered HTTP 404: UNKNOWN_DDC");
        });
    assertThatThrownBy(() -> BundleRefresh.refresh("{}".getBytes(StandardCharsets.UTF_8), uri("/")))
        .isInstanceOf(io.ddc.model.MalformedDataException.class);
  }
}
