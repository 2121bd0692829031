package io.ddc.model;

import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import io.ddc.json.CanonicalWriter;
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
    // the members in canonical (sorted) order, written without building a map
    CanonicalWriter w = new CanonicalWriter(256);
    w.ascii("{\"id\":").integer(d.id())
        .ascii(",\"kind\":").string(d.kind().id())
        .ascii(",\"lastSeq\":").integer(d.lastSeq())
        .ascii(",\"locked\":").value(d.locked());
    if (d.metadataRoot() != null) {
      w.ascii(",\"metadataRoot\":").string(d.metadataRoot().hex());
    }
    if (d.kind() == DdcKind.DDC_721) {
      w.ascii(",\"owner\":").string(d.owner().value());
    } else {
      w.ascii(",\"owners\":").string(ownersDigest(holders).hex());
    }
    w.ascii(",\"status\":").string(status(d));
    if (d.uri() != null) {
      w.ascii(",\"uriHash\":").string(Hash.of(Sm3.hash(d.uri().getBytes(StandardCharsets.UTF_8))).hex());
    }
    return w.ascii(",\"v\":1}").toByteArray();
  }

  /** SM3 of the canonical JSON object from holder DID to balance. */
  public static Hash ownersDigest(SortedMap<Did, Long> holders) {
    Map<String, Object> m = new TreeMap<>();
    holders.forEach((k, v) -> m.put(k.value(), v));
    return Hash.of(Sm3.hash(CanonicalJson.write(m)));
  }
}
