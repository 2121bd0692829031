package io.ddc.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One SM2 public key of an account with its validity window: valid for requests accepted at
 * times {@code t} (ledger milliseconds) with {@code from <= t}, {@code t < until} when the key was
 * retired or revoked, and {@code t < compromisedSince} when it was revoked for compromise. A
 * retired key's earlier signatures stay valid; a compromised key's signatures from
 * {@code compromisedSince} on do not, even those the ledger accepted before the revocation.
 * Keys are never deleted, so an account's key history can be proven. See docs/ENCODING.md.
 *
 * @param key the 65-byte uncompressed point in lowercase hex
 * @param from when the key became valid
 * @param until when it stopped being valid for new requests, or null while it is current
 * @param compromisedSince from when its signatures are void, or null if it was never revoked
 */
public record AccountKey(String key, long from, Long until, Long compromisedSince) {
  /** Most key records (current, retired and revoked) one account keeps. */
  public static final int MAX_RECORDS = 32;

  /** Checks nulls. */
  public AccountKey {
    Objects.requireNonNull(key, "key");
  }

  /** A key valid from {@code from} on. */
  public static AccountKey current(String key, long from) {
    return new AccountKey(key, from, null, null);
  }

  /** Whether a request accepted at {@code t} may be signed by this key. */
  public boolean validAt(long t) {
    return from <= t && (until == null || t < until) && (compromisedSince == null || t < compromisedSince);
  }

  /** Whether the key is valid for new requests: neither retired nor revoked. */
  public boolean current() {
    return until == null && compromisedSince == null;
  }

  /** This key retired at {@code t}. */
  public AccountKey retired(long t) {
    return new AccountKey(key, from, t, compromisedSince);
  }

  /**
   * This key revoked at {@code t} as compromised since {@code since}. A key revoked before keeps
   * the time it stopped signing and the earliest compromise time: a revocation never makes a
   * signature valid again.
   */
  public AccountKey revoked(long t, long since) {
    return new AccountKey(key, from, until == null ? t : until,
        compromisedSince == null ? since : Math.min(compromisedSince, since));
  }

  /** The canonical JSON object: {@code {"key","from","until"?,"compromisedSince"?}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new TreeMap<>();
    m.put("key", key);
    m.put("from", from);
    if (until != null) {
      m.put("until", until);
    }
    if (compromisedSince != null) {
      m.put("compromisedSince", compromisedSince);
    }
    return m;
  }

  /** The JSON of a list of key records. */
  public static List<Object> toJson(List<AccountKey> keys) {
    return keys.stream().map(k -> (Object) k.toJson()).toList();
  }

  /** Parses a key record written by {@link #toJson()}; {@code where} names it in errors. */
  public static AccountKey fromJson(Object v, String where) throws MalformedDataException {
    if (!(v instanceof Map)) {
      throw FieldType.wrong(where, "an object", v);
    }
    Map<?, ?> m = (Map<?, ?>) v;
    for (Object k : m.keySet()) {
      if (!List.of("key", "from", "until", "compromisedSince").contains(k)) {
        throw new MalformedDataException(where + " has the unknown member \"" + Did.printable(String.valueOf(k))
            + "\"");
      }
    }
    String key = (String) FieldType.KEY.check(where + ".key", m.get("key"));
    long from = (Long) FieldType.NON_NEGATIVE.check(where + ".from", m.get("from"));
    Long until = m.containsKey("until") ? (Long) FieldType.NON_NEGATIVE.check(where + ".until", m.get("until"))
        : null;
    Long since = m.containsKey("compromisedSince")
        ? (Long) FieldType.NON_NEGATIVE.check(where + ".compromisedSince", m.get("compromisedSince")) : null;
    return new AccountKey(key, from, until, since);
  }

  @Override
  public String toString() {
    return "AccountKey[" + key.substring(0, Math.min(16, key.length())) + "…, from " + from
        + (until == null ? "" : ", until " + until)
        + (compromisedSince == null ? "" : ", compromised since " + compromisedSince) + "]";
  }
}
