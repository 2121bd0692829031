package io.ddc.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ddc.DdcException;
import io.ddc.bundle.Bundles;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.NotFoundException;
import io.ddc.model.MalformedDataException;
import io.ddc.publish.Publisher;
import io.ddc.publish.TilePath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A read-only HTTP server for a ledger (docs/PUBLISH.md, "Serving"), on the JDK's
 * {@link HttpServer}: the published C2SP tlog-tiles log ({@code /checkpoint}, {@code /tile/…}, kept
 * up to date by publishing the ledger into the directory at start and then periodically) and fresh
 * proof bundles, {@code GET /ddc/{id}/bundle[?hide=/a,/b][&from=SIZE]}, against the ledger's latest
 * checkpoint. Only GET, HEAD and OPTIONS (CORS preflight); no write endpoint. Every response has a
 * {@code Content-Length}, {@code Access-Control-Allow-Origin: *} and
 * {@code X-Content-Type-Options: nosniff}; errors are one line of text, never a stack trace. A
 * file is served only if its path is one {@link TilePath#parse} accepts or {@code checkpoint}, so
 * nothing outside the directory (nor its lock or temporary files) is ever read.
 */
public final class LogServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LogServer.class.getName());
  /** The longest request target (path and query) served; longer is 414. */
  public static final int MAX_TARGET = 2048;
  /** Requests queued for the worker threads at most. */
  static final int MAX_QUEUED = 4096;
  /** How long a bundle request waits for one of the bundle slots before a 503. */
  static final long BUNDLE_WAIT_SECONDS = 5;
  /** The largest DDC id: 2^53 − 1. */
  static final long MAX_ID = (1L << 53) - 1;

  private final Ledger ledger;
  private final Path dir;
  private final HttpServer server;
  private final ExecutorService pool;
  private final ScheduledExecutorService publisher;
  private final Semaphore bundles;
  private final List<io.ddc.checkpoint.NoteSigner> cosigners;

  private LogServer(Builder b) throws IOException {
    this.ledger = b.ledger;
    this.cosigners = b.cosigners;
    this.dir = b.dir.toAbsolutePath().normalize();
    // the JDK server's own limits on slow clients (seconds), unless the application set them
    setIfAbsent("sun.net.httpserver.maxReqTime", "10");
    setIfAbsent("sun.net.httpserver.maxRspTime", "30");
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
    // headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK hold each response ~40 ms
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    this.server = HttpServer.create(new InetSocketAddress(b.bind, b.port), 128);
    // a bounded queue: when it is full, the accepting thread serves the next request itself, which
    // slows the acceptance of new ones (back-pressure) instead of queueing without bound
    this.pool = new java.util.concurrent.ThreadPoolExecutor(b.threads, b.threads, 0L, TimeUnit.MILLISECONDS,
        new java.util.concurrent.ArrayBlockingQueue<>(MAX_QUEUED), r -> {
          Thread t = new Thread(r, "ddc-serve");
          t.setDaemon(true);
          return t;
        }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
    this.bundles = new Semaphore(b.concurrentBundles);
    this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ddc-serve-publish");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    long every = b.publishEvery.toMillis();
    publisher.scheduleWithFixedDelay(this::publish, every, every, TimeUnit.MILLISECONDS);
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** A builder for a server of {@code ledger} publishing into {@code dir}. */
  public static Builder builder(Ledger ledger, Path dir) {
    return new Builder(ledger, dir);
  }

  /** The port the server listens on (the one chosen when 0 was asked for). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The published directory. */
  public Path dir() {
    return dir;
  }

  @Override
  public String toString() {
    return "LogServer[" + server.getAddress() + ", " + dir + ", " + ledger + "]";
  }

  private void publish() {
    try {
      Publisher.publish(ledger, dir, cosigners);
    } catch (DdcException | IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "publishing into {0} failed: {1}", dir, e.toString());
    }
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  /** Stops the server (idempotent); a publish under way completes first. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    // a publish under way completes (interrupting it would leave a temporary file behind)
    publisher.shutdown();
    try {
      publisher.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdownNow();
  }

  /** One response. */
  private record Response(int status, String type, String cache, byte[] body) {
    static Response text(int status, String message) {
      return new Response(status, "text/plain; charset=utf-8", "no-store",
          (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      Response r;
      try {
        r = respond(x);
      } catch (RuntimeException | Error e) {
        // never a stack trace to the client
        LOG.log(System.Logger.Level.WARNING, "internal error serving a request: {0}", e.toString());
        r = Response.text(500, "internal error");
      }
      var h = x.getResponseHeaders();
      h.set("Access-Control-Allow-Origin", "*");
      h.set("X-Content-Type-Options", "nosniff");
      if (r.type != null) {
        h.set("Content-Type", r.type);
      }
      if (r.cache != null) {
        h.set("Cache-Control", r.cache);
      }
      boolean head = "HEAD".equals(x.getRequestMethod());
      if (r.body.length == 0 || head) {
        if (head) {
          h.set("Content-Length", Integer.toString(r.body.length));
        }
        x.sendResponseHeaders(r.status, -1);
      } else {
        x.sendResponseHeaders(r.status, r.body.length);
        try (OutputStream out = x.getResponseBody()) {
          out.write(r.body);
        }
      }
    } catch (IOException e) {
      // the client went away
      LOG.log(System.Logger.Level.DEBUG, "response not sent: {0}", e.getMessage());
    }
  }

  private Response respond(HttpExchange x) throws IOException {
    String method = x.getRequestMethod();
    if (method.equals("OPTIONS")) {
      x.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      x.getResponseHeaders().set("Access-Control-Max-Age", "86400");
      return new Response(204, null, null, new byte[0]);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      x.getResponseHeaders().set("Allow", "GET, HEAD, OPTIONS");
      return Response.text(405, "only GET, HEAD and OPTIONS: this server is read-only");
    }
    String target = x.getRequestURI().getRawPath();
    String query = x.getRequestURI().getRawQuery();
    if (target == null || target.length() + (query == null ? 0 : query.length()) > MAX_TARGET) {
      return Response.text(414, "request target longer than " + MAX_TARGET + " characters");
    }
    String length = x.getRequestHeaders().getFirst("Content-Length");
    String chunked = x.getRequestHeaders().getFirst("Transfer-Encoding");
    if (length != null && !length.equals("0") || chunked != null) {
      return Response.text(413, "a GET carries no body here");
    }
    if (target.equals("/" + TilePath.CHECKPOINT)) {
      if (query != null) {
        return Response.text(400, "no query here");
      }
      return file(TilePath.CHECKPOINT, "text/plain; charset=utf-8", "public, max-age=5");
    }
    if (target.startsWith("/tile/")) {
      if (query != null) {
        return Response.text(400, "no query here");
      }
      var t = TilePath.parse(target.substring(1));
      if (t.isEmpty()) {
        return Response.text(400, "not a tile path (tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], C2SP)");
      }
      Response r = file(t.get().format(), "application/octet-stream",
          t.get().full() ? "public, max-age=31536000, immutable" : "public, max-age=3600");
      if (t.get().entries()) {
        // C2SP: entry bundles SHOULD be compressed at the HTTP layer
        x.getResponseHeaders().set("Vary", "Accept-Encoding");
        String accept = x.getRequestHeaders().getFirst("Accept-Encoding");
        if (r.status == 200 && accept != null && acceptsGzip(accept)) {
          x.getResponseHeaders().set("Content-Encoding", "gzip");
          byte[] body = r.body;
          r = new Response(200, r.type, r.cache, gzipped.get(t.get().format(), k -> gzip(body)));
        }
      }
      return r;
    }
    if (target.startsWith("/ddc/")) {
      return bundle(target, query);
    }
    return Response.text(404, "not found: this server has /checkpoint, /tile/... and /ddc/{id}/bundle");
  }

  /** Gzipped entry bundles by path (a path's content never changes), at most 64 MB of them. */
  private final com.github.benmanes.caffeine.cache.Cache<String, byte[]> gzipped =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumWeight(64L << 20)
          .<String, byte[]>weigher((k, v) -> v.length).build();

  static boolean acceptsGzip(String acceptEncoding) {
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.trim().split(";");
      if (p[0].trim().equalsIgnoreCase("gzip")) {
        return !(p.length > 1 && p[1].replace(" ", "").matches("q=0(\\.0*)?"));
      }
    }
    return false;
  }

  private static byte[] gzip(byte[] b) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length / 2 + 64);
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(b);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private Response file(String relative, String type, String cache) throws IOException {
    Path f = dir.resolve(relative).normalize();
    if (!f.startsWith(dir)) {
      return Response.text(400, "not a path of this log");
    }
    try {
      return new Response(200, type, cache, Files.readAllBytes(f));
    } catch (NoSuchFileException e) {
      return Response.text(404, "not published: " + relative);
    }
  }

  private Response bundle(String target, String query) {
    String[] parts = target.split("/", -1);
    if (parts.length != 4 || !parts[3].equals("bundle")) {
      return Response.text(404, "not found: /ddc/{id}/bundle");
    }
    long id = decimal(parts[2], MAX_ID);
    if (id < 1) {
      return Response.text(400, "a DDC id is a decimal from 1 to 2^53 - 1 without leading zeros");
    }
    List<String> hide = new ArrayList<>();
    OptionalLong from = OptionalLong.empty();
    if (query != null) {
      for (String kv : query.split("&", -1)) {
        int eq = kv.indexOf('=');
        String k = eq < 0 ? kv : kv.substring(0, eq);
        String v;
        try {
          v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return Response.text(400, "malformed query");
        }
        if (k.equals("hide") && !v.isEmpty()) {
          hide.addAll(List.of(v.split(",", -1)));
        } else if (k.equals("from") && from.isEmpty()) {
          long f = decimal(v, MAX_ID);
          if (f < 1) {
            return Response.text(400, "from is a log size from 1 to 2^53 - 1");
          }
          from = OptionalLong.of(f);
        } else {
          return Response.text(400, "unknown or repeated query parameter; this endpoint takes hide=/a,/b and from=SIZE");
        }
      }
      if (hide.size() > 1000) {
        return Response.text(400, "at most 1000 fields to hide");
      }
    }
    try {
      if (!bundles.tryAcquire(BUNDLE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        return Response.text(503, "too many bundles being built; retry in a moment");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.text(503, "shutting down");
    }
    try {
      byte[] b = prove(id, from);
      if (!hide.isEmpty()) {
        b = Bundles.redact(b, hide);
      }
      return new Response(200, "application/json", "no-cache", b);
    } catch (NotFoundException e) {
      return Response.text(404, e.code() + ": " + e.getMessage());
    } catch (MalformedDataException e) {
      return Response.text(400, "hide: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return Response.text(409, e.getMessage());
    } catch (DdcException e) {
      return Response.text(503, e.code() + ": the ledger cannot answer now");
    } finally {
      bundles.release();
    }
  }

  /** The bundle against the latest checkpoint; {@code from} equal to its size needs no proof. */
  private byte[] prove(long id, OptionalLong from) throws DdcException {
    if (from.isPresent()) {
      long latest = ledger.latestCheckpoint().map(n -> Long.parseLong(n.split("\n", 3)[1])).orElse(0L);
      if (from.getAsLong() == latest) {
        from = OptionalLong.empty();
      } else if (from.getAsLong() > latest) {
        throw new IllegalArgumentException("the latest checkpoint is of size " + latest + ", smaller than " + from
            .getAsLong());
      }
    }
    return Bundles.prove(ledger, id, OptionalLong.empty(), from);
  }

  /** A decimal without sign or leading zeros, at most {@code max}; -1 if not. */
  static long decimal(String s, long max) {
    if (s.isEmpty() || s.length() > 16 || s.length() > 1 && s.charAt(0) == '0') {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    long v = Long.parseLong(s);
    return v > max ? -1 : v;
  }

  /** Builds a {@link LogServer}. */
  public static final class Builder {
    private final Ledger ledger;
    private final Path dir;
    private String bind = "127.0.0.1";
    private int port = 8080;
    private int threads = 32;
    private int concurrentBundles = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private Duration publishEvery = Duration.ofSeconds(10);
    private List<io.ddc.checkpoint.NoteSigner> cosigners = List.of();

    private Builder(Ledger ledger, Path dir) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The address to listen on (default 127.0.0.1). */
    public Builder bind(String address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port (default 8080; 0 picks a free one). */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("a port is 0 to 65535, not " + p);
      }
      this.port = p;
      return this;
    }

    /** Worker threads (default 32: tile requests are served while bundle requests wait for a slot). */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("at least one thread");
      }
      this.threads = n;
      return this;
    }

    /**
     * Bundles built at once (default twice the processors, at least 4); a request waits up to 5 s
     * for a slot, then gets 503.
     */
    public Builder concurrentBundles(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("at least one bundle at a time");
      }
      this.concurrentBundles = n;
      return this;
    }

    /** How often the ledger is published into the directory again (default 10 s). */
    public Builder publishEvery(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("publishEvery must be positive");
      }
      this.publishEvery = d;
      return this;
    }

    @Override
    public String toString() {
      return "LogServer.Builder[" + bind + ":" + port + ", " + dir + ", " + cosigners.size() + " cosigner(s)]";
    }

    /** Signers that cosign the published checkpoint (the log's Ed25519 key; see {@link Publisher}). */
    public Builder cosigners(List<io.ddc.checkpoint.NoteSigner> signers) {
      this.cosigners = List.copyOf(signers);
      return this;
    }

    /**
     * Publishes the ledger into the directory (so a checkpoint is there to serve) and starts the
     * server.
     *
     * @throws io.ddc.publish.PublishException if the first publish is refused (no checkpoint, the
     *     directory holds another log)
     * @throws IOException if the port cannot be bound or the directory written
     */
    public LogServer start() throws DdcException, IOException {
      Publisher.publish(ledger, dir, cosigners);
      LogServer s = new LogServer(this);
      s.server.start();
      return s;
    }
  }
}
