package io.ddc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.sign.Signer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ItemGroups}: an item's path rebuilt from its group's items and the group roots equals the
 * path in the whole item tree, for every size and position; malformed stored roots are refused.
 */
class ItemGroupsTest {
  private static final Signer SIGNER = io.ddc.sign.Signers.sm2(Sm2PrivateKey.generate(new SecureRandom()));

  private static SignedRequest request(int n) throws Exception {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(Items.mint721(Did.of("did:test:h" + (i % 7)), null, null, "r-" + i));
    }
    return Request.builder("test.ddc.io/groups", Operation.DDC721_MINT, Did.of("did:test:p")).nonce(1).items(items)
        .build().sign(SIGNER);
  }

  @Property(tries = 60)
  void thePathFromAGroup_isThePathInTheWholeTree(@ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 299) int at) throws Exception {
    int index = at % n;
    SignedRequest r = request(n);
    List<Hash> roots = ItemGroups.roots(r);
    assertThat(roots).hasSize((n + ItemGroups.SIZE - 1) / ItemGroups.SIZE);
    int first = ItemGroups.first(ItemGroups.group(index));
    List<Item> group = r.items().subList(first, Math.min(n, first + ItemGroups.SIZE));
    assertThat(ItemGroups.path(group, index, roots)).isEqualTo(r.itemPath(index));
    assertThat(ItemGroups.decode(ItemGroups.encode(roots))).isEqualTo(roots);
  }

  @Test
  void aGroupThatDoesNotHoldTheItem_orTooManyItems_isRefused() throws Exception {
    SignedRequest r = request(40);
    List<Hash> roots = ItemGroups.roots(r);
    assertThatThrownBy(() -> ItemGroups.path(r.items().subList(32, 40), 39, roots.subList(0, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("item 39 is not in a group of 8 items among 2 groups");
    assertThatThrownBy(() -> ItemGroups.path(r.items().subList(32, 36), 38, roots))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("item 38 is not in a group of 4 items among 3 groups");
    assertThatThrownBy(() -> ItemGroups.path(r.items().subList(0, 17), 3, roots))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("item 3 is not in a group of 17 items among 3 groups");
  }

  @Test
  void storedRootsThatAreNotWholeHexHashes_areRefused() {
    for (String bad : new String[] {"", "ab", "0".repeat(63), "g".repeat(64)}) {
      assertThatThrownBy(() -> ItemGroups.decode(bad)).as("%s", bad).isInstanceOf(MalformedDataException.class);
    }
  }
}
