package io.ddc.bundle;

import io.ddc.checkpoint.NoteKey;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.sign.Signers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one conformance case (docs/conformance/README.md): builds the verifier its manifest entry
 * describes and returns the code the Java verifier gives, {@code OK} for a valid bundle, or
 * {@code USAGE_ERROR} when the inputs themselves are refused (a known checkpoint the verifier does
 * not trust).
 */
final class ConformanceRunner {
  private ConformanceRunner() {}

  static String run(byte[] bundle, Path dir, Map<String, Object> c, Map<String, Sm2PublicKey> keys)
      throws Exception {
    BundleVerifier.Builder b = BundleVerifier.builder();
    for (Object t : (List<?>) c.get("trust")) {
      Map<?, ?> m = (Map<?, ?>) t;
      b.trust((String) m.get("origin"), key(keys, m.get("key")));
    }
    b.clock(Clock.fixed(Instant.ofEpochMilli((Long) c.get("now")), ZoneOffset.UTC));
    Object maxAge = c.get("maxAgeMs");
    if (maxAge == null || maxAge == io.ddc.json.CanonicalJson.NULL) {
      b.anyAge();
    } else {
      b.maxAge(Duration.ofMillis((Long) maxAge));
    }
    b.clockSkew(Duration.ofMillis((Long) c.get("skewMs")));
    if (c.containsKey("witnesses")) {
      List<NoteKey> ws = new ArrayList<>();
      for (Object w : (List<?>) c.get("witnesses")) {
        Map<?, ?> m = (Map<?, ?>) w;
        ws.add(NoteKey.of((String) m.get("name"), Signers.sm2(key(keys, m.get("key")))));
      }
      b.witnesses(ws, ((Long) c.get("quorum")).intValue());
    }
    String known = c.containsKey("known") ? Files.readString(dir.resolve((String) c.get("known"))) : null;
    try {
      return b.build().verify(bundle, known).code();
    } catch (IllegalArgumentException e) {
      return "USAGE_ERROR";
    }
  }

  private static Sm2PublicKey key(Map<String, Sm2PublicKey> keys, Object name) {
    Sm2PublicKey k = keys.get(name);
    if (k == null) {
      throw new IllegalArgumentException("the manifest names no key " + name);
    }
    return k;
  }
}
