package io.ddc.merkle;

import java.util.List;

/** A straightforward recursive RFC 9162 tree, the reference the optimised log is checked against. */
final class ReferenceTree {
  private ReferenceTree() {}

  static byte[] root(TreeHasher h, List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      return h.emptyRoot();
    }
    if (leaves.size() == 1) {
      return h.leafHash(leaves.get(0));
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return h.nodeHash(root(h, leaves.subList(0, k)), root(h, leaves.subList(k, leaves.size())));
  }
}
