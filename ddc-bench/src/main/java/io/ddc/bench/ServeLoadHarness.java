package io.ddc.bench;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.publish.TilePath;
import io.ddc.serve.LogServer;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ddc serve} under load on 127.0.0.1, bounded in clients and time: CLIENTS threads, each with
 * its own HTTP/1.1 connection, fetch for SECONDS (after a 3 s warm-up) a mix of 80 % tiles and entry
 * bundles (a random full or partial one of the published log) and 20 % fresh proof bundles (a
 * random DDC, one in three redacted). Prints throughput, p50 / p99 latency per kind, every status
 * that was not 200, and the heap after GC before and after (memory must stay bounded).
 *
 * <p>Run: {@code java -cp ddc-bench/target/benchmarks.jar io.ddc.bench.ServeLoadHarness CLIENTS SECONDS EVENTS}
 * (defaults 50, 20, 10000).
 */
public final class ServeLoadHarness {
  static final String ORIGIN = "load.ddc.io/log";

  private ServeLoadHarness() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    Path dir = Files.createTempDirectory("ddc-serve-load");
    SecureRandom random = new SecureRandom();
    Sm2PrivateKey opKey = Sm2PrivateKey.generate(random);
    Sm2PrivateKey pKey = Sm2PrivateKey.generate(random);
    try (Ledger ledger = Ledger.builder(JdbcLedgerStore.sqlite(dir.resolve("ddc.db")))
        .checkpointSigner(ORIGIN, Signers.sm2(opKey)).open()) {
      long ddcs = fill(ledger, opKey, pKey, events);
      ledger.checkpoint();
      long size = ledger.size();
      List<String> tiles = new ArrayList<>();
      for (int level = -1; level == -1 || level == 0 || (size >>> (8 * level)) > 0; level++) {
        for (TilePath t : TilePath.tilesOf(level, size, 0)) {
          tiles.add("/" + t.format());
        }
      }
      tiles.add("/checkpoint");
      try (LogServer server = LogServer.builder(ledger, dir.resolve("log")).port(0).start()) {
        String base = "http://127.0.0.1:" + server.port();
        System.out.printf("ledger: %d events, %d DDCs; %d tile paths; %d clients for %d s%n", size, ddcs, tiles.size(),
            clients, seconds);
        long heapBefore = heapAfterGc();
        run(base, tiles, ddcs, clients, 3, false);
        run(base, tiles, ddcs, clients, seconds, true);
        long heapAfter = heapAfterGc();
        System.out.printf("heap after GC: %.1f MB before, %.1f MB after%n", heapBefore / 1e6, heapAfter / 1e6);
      }
    }
  }

  private static long heapAfterGc() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  /** Operator, a platform, a holder, and {@code events - 3} mints, one in 100 with 5 metadata fields. */
  static long fill(Ledger ledger, Sm2PrivateKey opKey, Sm2PrivateKey pKey, int events) throws Exception {
    Signer op = Signers.sm2(opKey);
    Did opDid = Did.of("did:load:operator");
    Did uni = Did.of("did:load:university");
    Did alice = Did.of("did:load:alice");
    ledger.submit(Request.builder(ORIGIN, Operation.LEDGER_INIT, opDid).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(op));
    ledger.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(2).item(Items.addAccount(uni,
        "University", Role.PLATFORM, null, pKey.publicKey().toUncompressed())).build().sign(op));
    ledger.submit(Request.builder(ORIGIN, Operation.ACCOUNT_ADD, opDid).nonce(3).item(Items.addAccount(alice,
        "Alice", Role.CONSUMER, uni, pKey.publicKey().toUncompressed())).build().sign(op));
    return mint(ledger, pKey, 1, events - 3);
  }

  /**
   * {@code count} DDC-721 mints to the holder by the platform, in requests of 1,000 from nonce
   * {@code firstNonce} on, one in 100 with 5 metadata fields kept for proofs; returns {@code count}.
   */
  static long mint(Ledger ledger, Sm2PrivateKey pKey, long firstNonce, long count) throws Exception {
    Signer p = Signers.sm2(pKey);
    Did uni = Did.of("did:load:university");
    Did alice = Did.of("did:load:alice");
    long nonce = firstNonce - 1;
    long minted = 0;
    SecureRandom random = new SecureRandom();
    while (minted < count) {
      int k = (int) Math.min(1_000, count - minted);
      List<Item> items = new ArrayList<>();
      List<Metadata> metas = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        Metadata m = (minted + i) % 100 == 0 ? Metadata.create(("{\"name\":\"Holder " + (minted + i)
            + "\",\"degree\":\"BSc\",\"year\":2026,\"gpa\":385,\"id\":\"S" + (minted + i) + "\"}")
            .getBytes(StandardCharsets.UTF_8), random) : null;
        metas.add(m);
        items.add(Items.mint721(alice, null, m == null ? null : m.root(), null));
      }
      List<Long> ids = ledger.submit(Request.builder(ORIGIN, Operation.DDC721_MINT, uni).nonce(++nonce).items(items)
          .build().sign(p)).mintedIds();
      for (int i = 0; i < k; i++) {
        if (metas.get(i) != null) {
          ledger.putMetadata(ids.get(i), metas.get(i));
        }
      }
      minted += k;
    }
    return minted;
  }

  static void run(String base, List<String> tiles, long ddcs, int clients, int seconds, boolean report)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int cap = 2_000_000 / clients;
    long[][] tileLat = new long[clients][cap];
    long[][] bundleLat = new long[clients][cap];
    int[] tileN = new int[clients];
    int[] bundleN = new int[clients];
    Map<String, AtomicLong> other = new ConcurrentHashMap<>();
    AtomicLong bytes = new AtomicLong();
    CountDownLatch done = new CountDownLatch(clients);
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int me = c;
      Thread t = new Thread(() -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        SplittableRandom rnd = new SplittableRandom(me);
        try {
          while (System.nanoTime() < end) {
            boolean bundle = rnd.nextInt(5) == 0;
            String path = bundle ? "/ddc/" + (1 + rnd.nextLong(ddcs)) + "/bundle" + (rnd.nextInt(3) == 0
                ? "?hide=/gpa" : "") : tiles.get(rnd.nextInt(tiles.size()));
            long s = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            long ns = System.nanoTime() - s;
            int status = r.statusCode();
            // hide=/gpa on a DDC without metadata is a 400 by design: counted apart
            if (status != 200 && !(status == 400 && path.endsWith("?hide=/gpa"))) {
              other.computeIfAbsent(status + " " + (bundle ? "bundle" : "tile"), k -> new AtomicLong())
                  .incrementAndGet();
            }
            bytes.addAndGet(r.body().length);
            if (bundle && bundleN[me] < cap) {
              bundleLat[me][bundleN[me]++] = ns;
            } else if (!bundle && tileN[me] < cap) {
              tileLat[me][tileN[me]++] = ns;
            }
          }
        } catch (Exception e) {
          other.computeIfAbsent("client error " + e, k -> new AtomicLong()).incrementAndGet();
        } finally {
          done.countDown();
        }
      });
      t.setDaemon(true);
      t.start();
    }
    done.await();
    double secs = (System.nanoTime() - t0) / 1e9;
    if (!report) {
      return;
    }
    long[] tl = flatten(tileLat, tileN);
    long[] bl = flatten(bundleLat, bundleN);
    System.out.printf("%d requests in %.1f s: %.0f requests/s, %.1f MB/s%n", tl.length + bl.length, secs,
        (tl.length + bl.length) / secs, bytes.get() / 1e6 / secs);
    System.out.printf("tiles and checkpoint: %d, p50 %.2f ms, p99 %.2f ms%n", tl.length, pct(tl, 50), pct(tl, 99));
    System.out.printf("fresh bundles: %d, p50 %.2f ms, p99 %.2f ms%n", bl.length, pct(bl, 50), pct(bl, 99));
    System.out.println("statuses other than 200: " + (other.isEmpty() ? "none" : other));
  }

  private static long[] flatten(long[][] lat, int[] n) {
    int total = Arrays.stream(n).sum();
    long[] out = new long[total];
    int p = 0;
    for (int i = 0; i < lat.length; i++) {
      System.arraycopy(lat[i], 0, out, p, n[i]);
      p += n[i];
    }
    Arrays.sort(out);
    return out;
  }

  private static double pct(long[] sorted, int p) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }
}
