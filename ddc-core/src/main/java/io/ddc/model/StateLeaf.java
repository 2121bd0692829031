package io.ddc.model;

import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The leaf of the state commitment tree for one DDC (leaf index {@code id - 1}): the canonical
 * JSON of {@code {"v":1,"id","kind","owner" (DDC-721) or "owners" (DDC-1155: SM3 of the canonical
 * JSON of its holders and balances),"uriHash" (SM3 of the URI's UTF-8, if set),"metadataRoot"
 * (if set),"status" (active, frozen or burned),"locked","lastSeq"}}. See docs/LEDGER.md.
 */
public final class StateLeaf {
  private StateLeaf() {}

  /** The status a state leaf records. */
  public static String status(Ddc d) {
    return d.burned() ? "burned" : d.frozen() ? "frozen" : "active";
  }

  /** The leaf bytes of {@code d}, whose holders (for a DDC-1155) are {@code holders}. */
  public static byte[] bytes(Ddc d, SortedMap<Did, Long> holders) {
    Map<String, Object> m = new TreeMap<>();
    m.put("v", 1L);
    m.put("id", d.id());
    m.put("kind", d.kind().id());
    if (d.kind() == DdcKind.DDC_721) {
      m.put("owner", d.owner().value());
    } else {
      m.put("owners", ownersDigest(holders).hex());
    }
    if (d.uri() != null) {
      m.put("uriHash", Hash.of(Sm3.hash(d.uri().getBytes(StandardCharsets.UTF_8))).hex());
    }
    if (d.metadataRoot() != null) {
      m.put("metadataRoot", d.metadataRoot().hex());
    }
    m.put("status", status(d));
    m.put("locked", d.locked());
    m.put("lastSeq", d.lastSeq());
    return CanonicalJson.write(m);
  }

  /** SM3 of the canonical JSON object from holder DID to balance. */
  public static Hash ownersDigest(SortedMap<Did, Long> holders) {
    Map<String, Object> m = new TreeMap<>();
    holders.forEach((k, v) -> m.put(k.value(), v));
    return Hash.of(Sm3.hash(CanonicalJson.write(m)));
  }
}
