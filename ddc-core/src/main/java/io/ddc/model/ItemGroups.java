package io.ddc.model;

import io.ddc.merkle.MerkleTrees;
import io.ddc.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's item tree cut into aligned groups of {@link #SIZE} items, so that an item's
 * inclusion path ({@link SignedRequest#itemPath}) can be rebuilt from its own group's items and
 * the group roots, without the request's other items. The group roots are the item tree's nodes
 * at level {@link #LEVEL}: the path below them comes from the group's items, the path above them
 * from the tree over the roots, exactly as in the whole tree (RFC 9162 subtrees are aligned on
 * powers of two). A ledger keeps the roots of each large minting request (docs/LEDGER.md,
 * {@code ix/items/}) so that a bundle of one of its DDCs reads about {@link #SIZE} events, not all.
 */
public final class ItemGroups {
  /** The level of the group roots in the item tree. */
  public static final int LEVEL = 4;
  /** Items per group: 2^{@link #LEVEL}. */
  public static final int SIZE = 1 << LEVEL;

  private ItemGroups() {}

  /** The group roots of a request's item tree (a single group's root when it has at most {@link #SIZE} items). */
  public static List<Hash> roots(SignedRequest request) {
    List<Hash> out = new ArrayList<>();
    for (byte[] h : request.itemTree().level(LEVEL)) {
      out.add(Hash.of(h));
    }
    return out;
  }

  /** The group of item {@code index}. */
  public static int group(int index) {
    return index >>> LEVEL;
  }

  /** The first item index of group {@code group}. */
  public static int first(int group) {
    return group << LEVEL;
  }

  /**
   * The inclusion path of item {@code index} in its request's item tree, from the items of its
   * group (in order, the last group possibly shorter) and the request's group roots.
   *
   * @throws IllegalArgumentException if {@code groupItems} or {@code roots} cannot be the group and
   *     the roots of a tree with item {@code index}
   */
  public static List<Hash> path(List<Item> groupItems, int index, List<Hash> roots) {
    int group = group(index);
    if (group >= roots.size() || index - first(group) >= groupItems.size() || groupItems.size() > SIZE) {
      throw new IllegalArgumentException("item " + index + " is not in a group of " + groupItems.size()
          + " items among " + roots.size() + " groups");
    }
    TreeHasher h = TreeHasher.sm3();
    List<byte[]> leaves = Request.leafHashes(groupItems);
    List<byte[]> rootBytes = new ArrayList<>(roots.size());
    for (Hash r : roots) {
      rootBytes.add(r.toByteArray());
    }
    List<Hash> path = new ArrayList<>();
    for (byte[] x : MerkleTrees.build(h, leaves).path(index - first(group))) {
      path.add(Hash.of(x));
    }
    for (byte[] x : MerkleTrees.build(h, rootBytes).path(group)) {
      path.add(Hash.of(x));
    }
    return path;
  }

  /** The stored form of group roots: their hex, concatenated. */
  public static String encode(List<Hash> roots) {
    StringBuilder b = new StringBuilder(roots.size() * 64);
    for (Hash r : roots) {
      b.append(r.hex());
    }
    return b.toString();
  }

  /**
   * Group roots from their stored form.
   *
   * @throws MalformedDataException if {@code stored} is not a whole number of hex hashes
   */
  public static List<Hash> decode(String stored) throws MalformedDataException {
    if (stored.isEmpty() || stored.length() % 64 != 0) {
      throw new MalformedDataException("item group roots: expected a non-empty run of 64-digit hex hashes, found "
          + stored.length() + " characters");
    }
    List<Hash> out = new ArrayList<>(stored.length() / 64);
    for (int i = 0; i < stored.length(); i += 64) {
      out.add(Hash.fromHex(stored.substring(i, i + 64)));
    }
    return out;
  }
}
