package io.ddc.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a reader fetches a published log's files: a directory or an HTTP(S) URL prefix. Only the
 * paths of {@link TilePath} and {@code checkpoint} are ever asked for, so a source never reads
 * outside its log. Every read is bounded in size.
 */
public interface LogSource {
  /** The longest file read: a checkpoint (1 MiB) or a full entry bundle (256 × (2 + 65,535) bytes). */
  int MAX_BYTES = 256 * (2 + Publisher.MAX_ENTRY);

  /**
   * The file at {@code path} ({@code checkpoint} or a tile path), or empty if the source does not
   * have it.
   *
   * @throws IOException if it cannot be read, or is longer than {@code maxBytes}
   */
  Optional<byte[]> get(String path, int maxBytes) throws IOException;

  /** The source {@code spec} names: an {@code http://} or {@code https://} URL prefix, or a directory. */
  static LogSource of(String spec) {
    if (spec.startsWith("http://") || spec.startsWith("https://")) {
      return http(URI.create(spec.endsWith("/") ? spec : spec + "/"));
    }
    return directory(Path.of(spec));
  }

  /** A published directory. */
  static LogSource directory(Path dir) {
    return new LogSource() {
      @Override
      public Optional<byte[]> get(String path, int maxBytes) throws IOException {
        check(path);
        Path f = dir.resolve(path);
        try {
          if (Files.size(f) > maxBytes) {
            throw new IOException(f + " is longer than " + maxBytes + " bytes");
          }
          return Optional.of(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        }
      }

      @Override
      public String toString() {
        return dir.toString();
      }
    };
  }

  /**
   * A log served over HTTP(S) under {@code prefix} (ending in {@code /}); 30 s per request; gzip
   * accepted (C2SP servers may compress entry bundles), the bound applying to the decompressed size.
   */
  static LogSource http(URI prefix) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    return new LogSource() {
      @Override
      public Optional<byte[]> get(String path, int maxBytes) throws IOException {
        check(path);
        HttpRequest req = HttpRequest.newBuilder(prefix.resolve(path)).timeout(Duration.ofSeconds(30))
            .header("Accept-Encoding", "gzip, identity").GET().build();
        HttpResponse<InputStream> resp;
        try {
          resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while fetching " + req.uri());
        }
        boolean gzip = resp.headers().firstValue("Content-Encoding").map(e -> e.trim().equalsIgnoreCase("gzip"))
            .orElse(false);
        // a gzipped body is bounded after decompression, like any other
        try (InputStream in = gzip ? new java.util.zip.GZIPInputStream(resp.body()) : resp.body()) {
          if (resp.statusCode() == 404) {
            return Optional.empty();
          }
          if (resp.statusCode() != 200) {
            throw new IOException(req.uri() + " answered HTTP " + resp.statusCode());
          }
          byte[] b = in.readNBytes(maxBytes + 1);
          if (b.length > maxBytes) {
            throw new IOException(req.uri() + " is longer than " + maxBytes + " bytes");
          }
          return Optional.of(b);
        }
      }

      @Override
      public String toString() {
        return prefix.toString();
      }
    };
  }

  private static void check(String path) {
    if (!path.equals(TilePath.CHECKPOINT) && TilePath.parse(path).isEmpty()) {
      throw new IllegalArgumentException("not a path of a published log: " + path);
    }
  }
}
