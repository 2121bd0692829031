package io.ddc.serve;

import io.ddc.bundle.Bundle;
import io.ddc.bundle.Bundles;
import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.CheckpointException;
import io.ddc.checkpoint.SignedNote;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.ProofException;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Hash;
import io.ddc.model.MalformedDataException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A holder's stale bundle made fresh by a {@link LogServer}: {@code GET /ddc/{id}/bundle?from=SIZE}
 * with the old bundle's checkpoint size, so the new bundle carries the consistency proof from the
 * old checkpoint to the new one (docs/BUNDLE.md, "consistency"). The answer is checked here before
 * it is returned: same DDC and origin, a checkpoint no older, and a consistency proof that verifies
 * from the old root to the new one (equal sizes: equal roots). The fields the old bundle hid stay
 * hidden. This does not check signatures: verify the result with a {@code BundleVerifier} that
 * trusts the Operator's key, giving the old checkpoint as the known one.
 */
public final class BundleRefresh {
  private BundleRefresh() {}

  /**
   * The fresh bundle of {@code old}'s DDC from the server at {@code server} (its base URL).
   *
   * @throws MalformedDataException if {@code old} is not a bundle
   * @throws RefreshException if the server's answer is an error or does not extend the old bundle
   * @throws IOException if the server cannot be reached
   */
  public static byte[] refresh(byte[] old, URI server) throws MalformedDataException, RefreshException, IOException {
    Bundle before = parse(old, "the old bundle");
    Checkpoint k = checkpoint(before.checkpoint());
    String base = server.toString().endsWith("/") ? server.toString() : server + "/";
    URI uri = URI.create(base + "ddc/" + before.ddc() + "/bundle" + (k.size() > 0 ? "?from=" + k.size() : ""));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri);
    }
    byte[] body;
    try (InputStream in = resp.body()) {
      body = in.readNBytes(io.ddc.bundle.BundleVerifier.MAX_BUNDLE_BYTES + 1);
    }
    if (resp.statusCode() != 200) {
      String msg = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8).strip();
      throw new RefreshException(RefreshException.Reason.SERVER_ERROR, uri + " answered HTTP " + resp.statusCode()
          + (msg.isEmpty() ? "" : ": " + msg));
    }
    Bundle fresh;
    try {
      fresh = parse(body, "the server's answer");
    } catch (MalformedDataException e) {
      throw new RefreshException(RefreshException.Reason.MALFORMED_ANSWER, e.getMessage());
    }
    Checkpoint c;
    try {
      c = checkpoint(fresh.checkpoint());
    } catch (MalformedDataException e) {
      throw new RefreshException(RefreshException.Reason.MALFORMED_ANSWER, e.getMessage());
    }
    if (fresh.ddc() != before.ddc() || !c.origin().equals(k.origin())) {
      throw new RefreshException(RefreshException.Reason.WRONG_BUNDLE, "the server sent a bundle of DDC " + fresh.ddc()
          + " in " + c.origin() + ", not of DDC " + before.ddc() + " in " + k.origin());
    }
    if (c.size() < k.size()) {
      throw new RefreshException(RefreshException.Reason.OLDER, "the server's checkpoint (size " + c.size()
          + ") is older than the old bundle's (size " + k.size() + ")");
    }
    if (c.size() == k.size()) {
      if (!Arrays.equals(c.rootHash(), k.rootHash())) {
        throw new RefreshException(RefreshException.Reason.INCONSISTENT, "two checkpoints of size " + c.size()
            + " with different roots: a fork");
      }
    } else if (k.size() > 0) {
      Bundle.Consistency proof = fresh.consistency().filter(p -> p.from() == k.size()).orElseThrow(
          () -> new RefreshException(RefreshException.Reason.INCONSISTENT, "the server's bundle carries no consistency "
              + "proof from size " + k.size()));
      List<byte[]> hashes = new ArrayList<>();
      for (Hash h : proof.proof()) {
        hashes.add(h.toByteArray());
      }
      try {
        MerkleProofs.verifyConsistency(TreeHasher.sm3(), k.size(), c.size(), hashes, k.rootHash(), c.rootHash());
      } catch (ProofException e) {
        throw new RefreshException(RefreshException.Reason.INCONSISTENT, "the new checkpoint does not extend the old "
            + "one: " + e.getMessage());
      }
    }
    // hide again what the holder hid
    Set<String> shown = new HashSet<>();
    before.metadata().revealed().forEach(f -> shown.add(f.path()));
    List<String> hide = new ArrayList<>();
    fresh.metadata().revealed().stream().map(Bundle.Field::path).filter(p -> !shown.contains(p)).forEach(hide::add);
    Bundle out = hide.isEmpty() ? fresh : Bundles.redact(fresh, hide);
    return out.toBytes();
  }

  private static Bundle parse(byte[] b, String what) throws MalformedDataException {
    try {
      return Bundle.parse(b);
    } catch (Bundle.UnsupportedVersionException e) {
      throw new MalformedDataException(what + ": " + e.getMessage());
    } catch (MalformedDataException e) {
      throw new MalformedDataException(what + " is not a bundle: " + e.getMessage());
    }
  }

  private static Checkpoint checkpoint(String note) throws MalformedDataException {
    try {
      return Checkpoint.parse(SignedNote.parse(note).text(), 32);
    } catch (CheckpointException e) {
      throw new MalformedDataException("the bundle's checkpoint does not parse: " + e.getMessage());
    }
  }
}
