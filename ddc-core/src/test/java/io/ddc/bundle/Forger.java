package io.ddc.bundle;

import io.ddc.checkpoint.Checkpoint;
import io.ddc.checkpoint.Checkpoints;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.crypto.sm.Hex;
import io.ddc.json.CanonicalJson;
import io.ddc.merkle.MerkleProofs;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.Signer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Plays a malicious Operator: it edits a genuine bundle's JSON (keeping the issuer's genuine
 * signature), then recomputes the log, state and account roots from the bundle's own proof paths
 * and re-signs the checkpoint with the Operator's key. Everything the Operator alone controls
 * then agrees with the edit; only what the issuer signed can expose it.
 */
public final class Forger {
  private Forger() {}

  /** A mutable deep copy of parsed JSON. */
  @SuppressWarnings("unchecked")
  public static Object copy(Object v) {
    if (v instanceof Map) {
      Map<String, Object> m = new TreeMap<>();
      ((Map<String, Object>) v).forEach((k, x) -> m.put(k, copy(x)));
      return m;
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object x : (List<?>) v) {
        l.add(copy(x));
      }
      return l;
    }
    return v;
  }

  /** The member at a path of names (objects) and indexes (arrays). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> at(Map<String, Object> root, Object... path) {
    Object v = root;
    for (Object p : path) {
      v = p instanceof Integer ? ((List<Object>) v).get((Integer) p) : ((Map<String, Object>) v).get(p);
    }
    return (Map<String, Object>) v;
  }

  /** {@code bundle} edited by {@code edit}, with every root recomputed and the checkpoint re-signed. */
  @SuppressWarnings("unchecked")
  public static byte[] forge(byte[] bundle, Signer operator, Consumer<Map<String, Object>> edit) throws Exception {
    Map<String, Object> b = (Map<String, Object>) copy(CanonicalJson.parse(bundle));
    edit.accept(b);
    return resign(b, operator, null);
  }

  /**
   * Recomputes the checkpoint's log root (from the mint event and its inclusion path), state root
   * (state leaf) and account root (issuer leaf), optionally sets its time, and re-signs it.
   */
  @SuppressWarnings("unchecked")
  public static byte[] resign(Map<String, Object> b, Signer operator, Long time) throws Exception {
    TreeHasher h = TreeHasher.sm3();
    String note = (String) b.get("checkpoint");
    Checkpoint cp = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1), 32);
    Map<String, Object> mint = at(b, "mint");
    byte[] logRoot = MerkleProofs.rootFromInclusion(h, (Long) mint.get("seq"), cp.size(),
        h.leafHash(CanonicalJson.write(mint.get("event"))), hexes(mint.get("inclusion")));
    List<String> ext = new ArrayList<>();
    for (String e : cp.extensions()) {
      String[] p = e.split(" ");
      if (p[0].equals("state")) {
        Map<String, Object> st = at(b, "state");
        long id = (Long) at(st, "leaf").get("id");
        e = "state " + p[1] + " " + b64(MerkleProofs.rootFromInclusion(h, id - 1, Long.parseLong(p[1]),
            h.leafHash(CanonicalJson.write(st.get("leaf"))), hexes(st.get("path"))));
      } else if (p[0].equals("accounts")) {
        Map<String, Object> is = at(b, "issuer");
        e = "accounts " + p[1] + " " + b64(MerkleProofs.rootFromInclusion(h, (Long) at(is, "leaf").get("index"),
            Long.parseLong(p[1]), h.leafHash(CanonicalJson.write(is.get("leaf"))), hexes(is.get("path"))));
      } else if (p[0].equals("time") && time != null) {
        e = "time " + time;
      }
      ext.add(e);
    }
    b.put("checkpoint", Checkpoints.sign(new Checkpoint(cp.origin(), cp.size(), logRoot, ext),
        List.of(NoteSigner.of(cp.origin(), operator))));
    return CanonicalJson.write(b);
  }

  /** An edit setting (or, for null, removing) a member of the mint event's data. */
  public static Consumer<Map<String, Object>> data(String member, Object value) {
    return b -> {
      Map<String, Object> d = at(b, "mint", "event", "data");
      if (value == null) {
        d.remove(member);
      } else {
        d.put(member, value);
      }
    };
  }

  /**
   * An edit revealing the fields of {@code other} instead of the bundle's (none hidden) and writing
   * their root into the state leaf; string values only.
   */
  public static Consumer<Map<String, Object>> swapFields(io.ddc.model.Metadata other) {
    return b -> {
      List<Object> revealed = new ArrayList<>();
      for (io.ddc.model.Metadata.Disclosed f : other.fields()) {
        revealed.add(new TreeMap<>(Map.of("path", f.path(), "salt", f.salt().hex(), "value",
            f.value().substring(1, f.value().length() - 1))));
      }
      revealed.sort((x, y) -> ((String) ((Map<?, ?>) x).get("path")).compareTo((String) ((Map<?, ?>) y).get("path")));
      at(b, "metadata").put("revealed", revealed);
      at(b, "metadata").put("hidden", new ArrayList<>());
      at(b, "state", "leaf").put("metadataRoot", other.root().hex());
    };
  }

  private static String b64(byte[] x) {
    return Base64.getEncoder().encodeToString(x);
  }

  private static List<byte[]> hexes(Object l) throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (Object x : (List<?>) l) {
      out.add(Hex.decode((String) x));
    }
    return out;
  }
}
