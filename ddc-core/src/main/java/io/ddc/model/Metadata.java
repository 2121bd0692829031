package io.ddc.model;

import io.ddc.crypto.sm.Sm3Digest;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A certificate's metadata, split into salted field commitments for selective disclosure.
 *
 * <p>The metadata is a JSON object in ddc's canonical form ({@link CanonicalJson}: numbers within
 * ±(2^53 - 1), no duplicate keys, bounded depth). Every leaf value — a string, number (an integer
 * or, like {@code "gpa": 3.85}, one with a fraction, written as ECMAScript writes it), boolean,
 * null, or an empty object or array — is a field named by its RFC 6901 JSON Pointer ({@code /address/city},
 * {@code /courses/0}). Each field gets a 32-byte random salt and the digest
 * {@code SM3("ddc/field/v1\n" ‖ salt ‖ u32(len(path)) ‖ path ‖ u32(len(value)) ‖ value)}, with
 * the path in UTF-8 and the value in canonical JSON; the length prefixes make every
 * (salt, path, value) encode differently. The metadata root is
 * {@code SM3("ddc/metadata/v1\n" ‖ digests sorted by value)}, so a hidden field's position says
 * nothing about its path: hidden fields leak only their number. See docs/ENCODING.md.
 */
public final class Metadata {
  /** Most fields in one certificate's metadata. */
  public static final int MAX_FIELDS = 4096;
  /**
   * Most bytes (UTF-8) of all the fields' paths together. A path repeats every key above its
   * field, so without this bound a small document (long keys above a long array) names fields
   * whose paths take thousands of times its size.
   */
  public static final int MAX_PATH_BYTES = 1 << 20;
  /** Salt length in bytes. */
  public static final int SALT_LENGTH = 32;
  private static final byte[] DOMAIN = "ddc/field/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ROOT_DOMAIN = "ddc/metadata/v1\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * One field: its JSON Pointer, canonical value and salt.
   *
   * @param path the RFC 6901 JSON Pointer
   * @param value the canonical JSON of the value
   * @param salt the 32-byte salt
   */
  public record Disclosed(String path, String value, Hash salt) {
    /** This field's digest. */
    public Hash digest() {
      return fieldDigest(salt, path, value);
    }
  }

  private final Object document;
  private final List<Disclosed> fields;
  private final Hash root;

  private Metadata(Object document, List<Disclosed> fields) {
    this.document = document;
    this.fields = List.copyOf(fields);
    List<Hash> digests = new ArrayList<>();
    for (Disclosed f : fields) {
      digests.add(f.digest());
    }
    this.root = rootOf(digests);
  }

  /** Splits the JSON object {@code json} into fields with fresh salts from {@code random}. */
  public static Metadata create(byte[] json, SecureRandom random) throws MalformedDataException {
    Object doc;
    try {
      doc = CanonicalJson.parse(json);
    } catch (JsonFormatException e) {
      throw new MalformedDataException("metadata is not acceptable JSON: " + e.getMessage());
    }
    if (!(doc instanceof Map)) {
      throw FieldType.wrong("metadata", "a JSON object", doc);
    }
    List<String[]> flat = new ArrayList<>();
    new Walk(flat).walk(new StringBuilder(), 0, doc);
    List<Disclosed> fields = new ArrayList<>();
    for (String[] f : flat) {
      byte[] salt = new byte[SALT_LENGTH];
      random.nextBytes(salt);
      fields.add(new Disclosed(f[0], f[1], Hash.of(salt)));
    }
    return new Metadata(doc, fields);
  }

  /**
   * As {@link #create(byte[], SecureRandom)}, from a Jackson tree (a {@code JsonNode} of
   * jackson-databind, or any {@link com.fasterxml.jackson.core.TreeNode}) holding a JSON object.
   * The same limits apply as to bytes.
   *
   * @throws MalformedDataException if the tree is not an acceptable JSON object (the message says
   *     why) or cannot be written
   */
  public static Metadata fromTree(com.fasterxml.jackson.core.TreeNode tree, SecureRandom random)
      throws MalformedDataException {
    java.util.Objects.requireNonNull(tree, "tree");
    return create(treeBytes(tree), random);
  }

  /** Writes trees as JSON text; thread-safe, and costly enough to build once. */
  private static final com.fasterxml.jackson.core.JsonFactory TREE_WRITER = new com.fasterxml.jackson.core.JsonFactory();

  /** The JSON text of a Jackson tree, written by jackson-core alone (no ObjectMapper needed). */
  public static byte[] treeBytes(com.fasterxml.jackson.core.TreeNode tree) throws MalformedDataException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (com.fasterxml.jackson.core.JsonParser p = tree.traverse();
        com.fasterxml.jackson.core.JsonGenerator g = TREE_WRITER.createGenerator(out)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    } catch (java.io.IOException | RuntimeException e) {
      throw new MalformedDataException("the metadata tree cannot be written as JSON: " + e.getMessage());
    }
    return out.toByteArray();
  }

  /**
   * As {@link #create(byte[], SecureRandom)}, from a JSON object given as plain Java values:
   * {@code Map}s with {@code String} keys, {@code List}s, {@code String}, {@code Boolean}, integral
   * numbers ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}), {@code Double}, {@code Float}
   * and {@code null} (JSON null). The same limits apply as to bytes.
   *
   * @throws MalformedDataException if a value is of another type (the message names its path and
   *     type), a key is not a string, a number is not finite or outside ±(2^53 - 1), or a limit is passed
   */
  public static Metadata fromMap(Map<String, ?> fields, SecureRandom random) throws MalformedDataException {
    java.util.Objects.requireNonNull(fields, "fields");
    byte[] json = CanonicalJson.write(plain(new java.util.ArrayDeque<>(), fields, 0));
    return create(json, random);
  }

  /**
   * The plain value as {@link CanonicalJson} writes it. {@code path} holds the segments down to
   * {@code v}; the path text is built only for an error message, so the cost stays linear in the
   * input whatever its nesting and key lengths (issue 14, finding 6).
   */
  private static Object plain(java.util.ArrayDeque<String> path, Object v, int depth) throws MalformedDataException {
    if (depth > CanonicalJson.MAX_DEPTH) {
      throw new MalformedDataException("metadata nests deeper than " + CanonicalJson.MAX_DEPTH + " levels at "
          + where(path));
    }
    if (v == null) {
      return CanonicalJson.NULL;
    } else if (v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new MalformedDataException(where(path) + " is " + d + "; expected a finite number");
      }
      return d;
    } else if (v instanceof Map) {
      Map<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new MalformedDataException(where(path) + " has a key of type "
              + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + "; expected String keys");
        }
        String k = (String) e.getKey();
        path.addLast(k);
        out.put(k, plain(path, e.getValue(), depth + 1));
        path.removeLast();
      }
      return out;
    } else if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      int i = 0;
      for (Object o : (List<?>) v) {
        path.addLast(Integer.toString(i++));
        out.add(plain(path, o, depth + 1));
        path.removeLast();
      }
      return out;
    }
    throw new MalformedDataException(where(path) + " is a " + v.getClass().getName() + "; expected a Map, List, "
        + "String, Boolean, Long, Integer, Short, Byte, Double, Float or null");
  }

  /** "the metadata", or "metadata field /a/b" (a JSON pointer, abbreviated) for an error message. */
  private static String where(java.util.ArrayDeque<String> path) {
    if (path.isEmpty()) {
      return "the metadata";
    }
    StringBuilder sb = new StringBuilder();
    for (String segment : path) {
      sb.append('/').append(escape(segment));
      if (sb.length() > 200) {
        break;
      }
    }
    return "metadata field " + abbreviate(sb.toString());
  }

  /**
   * The walk over the document that names its fields, failing as soon as the field count or the
   * paths' total size passes its bound: its cost is linear in the document's size, whatever its shape.
   */
  private static final class Walk {
    private final List<String[]> out;
    private long pathBytes;

    Walk(List<String[]> out) {
      this.out = out;
    }

    /** Walks {@code v}, whose path is {@code path} ({@code bytes} bytes of UTF-8). */
    void walk(StringBuilder path, long bytes, Object v) throws MalformedDataException {
      if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          String token = escape((String) e.getKey());
          into(path, bytes, token, e.getValue());
        }
      } else if (v instanceof List && !((List<?>) v).isEmpty()) {
        List<?> l = (List<?>) v;
        for (int i = 0; i < l.size(); i++) {
          into(path, bytes, Integer.toString(i), l.get(i));
        }
      } else if (path.length() > 0) {
        if (out.size() == MAX_FIELDS) {
          throw new MalformedDataException("metadata has " + (MAX_FIELDS + 1) + " fields or more (field "
              + (MAX_FIELDS + 1) + " is " + abbreviate(path) + "); at most " + MAX_FIELDS + " accepted");
        }
        pathBytes += bytes;
        out.add(new String[] {path.toString(), new String(CanonicalJson.write(v), StandardCharsets.UTF_8)});
      }
    }

    private void into(StringBuilder path, long bytes, String token, Object child) throws MalformedDataException {
      long b = bytes + 1 + utf8Length(token);
      if (pathBytes + b > MAX_PATH_BYTES) {
        throw new MalformedDataException("metadata's field paths take more than " + MAX_PATH_BYTES
            + " bytes of UTF-8 together (found " + (pathBytes + b) + " bytes by field " + (out.size() + 1)
            + ", whose path alone is at least " + b + " bytes); at most " + MAX_PATH_BYTES + " accepted");
      }
      int mark = path.length();
      path.append('/').append(token);
      walk(path, b, child);
      path.setLength(mark);
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static String abbreviate(CharSequence path) {
    return path.length() <= 60 ? path.toString() : path.subSequence(0, 60) + "...";
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** The parsed document (canonical values). */
  public Object document() {
    return document;
  }

  /** The fields, in document order. */
  public List<Disclosed> fields() {
    return fields;
  }

  /** The metadata root a mint commits to. */
  public Hash root() {
    return root;
  }

  /** The digest of one field. */
  public static Hash fieldDigest(Hash salt, String path, String canonicalValue) {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    byte[] v = canonicalValue.getBytes(StandardCharsets.UTF_8);
    Sm3Digest d = new Sm3Digest();
    d.update(DOMAIN, 0, DOMAIN.length);
    d.update(salt.toByteArray(), 0, SALT_LENGTH);
    d.update(u32(p.length), 0, 4);
    d.update(p, 0, p.length);
    d.update(u32(v.length), 0, 4);
    d.update(v, 0, v.length);
    return Hash.of(d.digest());
  }

  /**
   * The digests of several fields at once ({@code salts}, {@code paths} and canonical
   * {@code values} side by side): the same as {@link #fieldDigest} for each, with eight or more
   * fields whose encodings have equal length hashed together on the multi-buffer path.
   */
  public static List<Hash> fieldDigests(List<Hash> salts, List<String> paths, List<String> values) {
    int n = salts.size();
    if (paths.size() != n || values.size() != n) {
      throw new IllegalArgumentException("salts, paths and values differ in number");
    }
    byte[][] messages = new byte[n][];
    java.util.Map<Integer, List<Integer>> byLength = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      byte[] p = paths.get(i).getBytes(StandardCharsets.UTF_8);
      byte[] v = values.get(i).getBytes(StandardCharsets.UTF_8);
      java.nio.ByteBuffer m = java.nio.ByteBuffer.allocate(DOMAIN.length + SALT_LENGTH + 8 + p.length + v.length);
      m.put(DOMAIN).put(salts.get(i).toByteArray()).putInt(p.length).put(p).putInt(v.length).put(v);
      messages[i] = m.array();
      byLength.computeIfAbsent(messages[i].length, k -> new ArrayList<>()).add(i);
    }
    Hash[] out = new Hash[n];
    byte[] digest = new byte[Hash.LENGTH];
    for (java.util.Map.Entry<Integer, List<Integer>> g : byLength.entrySet()) {
      int len = g.getKey();
      List<Integer> idx = g.getValue();
      if (idx.size() < 8) {
        for (int i : idx) {
          out[i] = Hash.of(io.ddc.crypto.sm.Sm3.hash(messages[i]));
        }
        continue;
      }
      byte[] packed = new byte[len * idx.size()];
      for (int j = 0; j < idx.size(); j++) {
        System.arraycopy(messages[idx.get(j)], 0, packed, j * len, len);
      }
      byte[] digests = new byte[Hash.LENGTH * idx.size()];
      io.ddc.crypto.sm.Sm3.hashEach(packed, 0, len, idx.size(), digests, 0);
      for (int j = 0; j < idx.size(); j++) {
        System.arraycopy(digests, j * Hash.LENGTH, digest, 0, Hash.LENGTH);
        out[idx.get(j)] = Hash.of(digest);
      }
    }
    return java.util.Arrays.asList(out);
  }

  /** The root over field digests (in any order: they are sorted first). */
  public static Hash rootOf(Collection<Hash> digests) {
    List<Hash> sorted = new ArrayList<>(digests);
    Collections.sort(sorted);
    Sm3Digest d = new Sm3Digest();
    d.update(ROOT_DOMAIN, 0, ROOT_DOMAIN.length);
    for (Hash x : sorted) {
      d.update(x.toByteArray(), 0, Hash.LENGTH);
    }
    return Hash.of(d.digest());
  }

  /** The fields with their salts as canonical JSON: {@code [{"path","salt","value"}...]}, for keeping. */
  public String toDisclosureJson() {
    // the canonical JSON of [{"path", "salt", "value"}, ...], members in RFC 8785 order, written
    // directly (one of these per minted DDC); DisclosureJsonPropertyTest holds it to CanonicalJson.write
    io.ddc.json.CanonicalWriter w = new io.ddc.json.CanonicalWriter(64 + 160 * fields.size());
    w.ascii('[');
    for (int i = 0; i < fields.size(); i++) {
      Disclosed f = fields.get(i);
      w.ascii(i == 0 ? "{\"path\":" : ",{\"path\":").string(f.path()).ascii(",\"salt\":\"")
          .ascii(f.salt().hex()).ascii("\",\"value\":").string(f.value()).ascii('}');
    }
    return new String(w.ascii(']').toByteArray(), StandardCharsets.UTF_8);
  }

  /** Reads what {@link #toDisclosureJson} wrote. */
  public static Metadata fromDisclosureJson(String json) throws MalformedDataException {
    Object v;
    try {
      v = CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (JsonFormatException e) {
      throw new MalformedDataException("a metadata disclosure is not JSON: " + e.getMessage());
    }
    if (!(v instanceof List)) {
      throw FieldType.wrong("metadata disclosure", "an array", v);
    }
    if (((List<?>) v).size() > MAX_FIELDS) {
      throw new MalformedDataException("a metadata disclosure has " + ((List<?>) v).size() + " fields, at most "
          + MAX_FIELDS + " accepted");
    }
    List<Disclosed> fields = new ArrayList<>();
    for (Object o : (List<?>) v) {
      if (!(o instanceof Map) || !(((Map<?, ?>) o).get("path") instanceof String)
          || !(((Map<?, ?>) o).get("value") instanceof String) || !(((Map<?, ?>) o).get("salt") instanceof String)) {
        throw new MalformedDataException("a metadata disclosure entry must be {path, salt, value} strings");
      }
      Map<?, ?> m = (Map<?, ?>) o;
      fields.add(new Disclosed((String) m.get("path"), (String) m.get("value"), Hash.fromHex((String) m.get("salt"))));
    }
    return new Metadata(null, fields);
  }

  private static byte[] u32(int n) {
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  @Override
  public String toString() {
    return "Metadata[" + fields.size() + " fields, root " + root + "]";
  }
}
