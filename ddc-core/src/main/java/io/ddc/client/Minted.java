package io.ddc.client;

import io.ddc.engine.Receipt;
import java.util.List;
import java.util.Optional;

/**
 * What a mint through {@link DdcClient} gave: the DDC ids, one per certificate in the order asked,
 * and the receipt of the request that minted them, or none when every certificate had been minted
 * before under the same client references (an idempotent repeat; see {@link DdcClient}).
 *
 * @param ids the DDC ids, in the order of the mints
 * @param receipt the receipt, empty for a repeat that minted nothing
 */
public record Minted(List<Long> ids, Optional<Receipt> receipt) {
  /** Copies the list. */
  public Minted {
    ids = List.copyOf(ids);
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a mint gives at least one id");
    }
  }

  /**
   * The id of a single mint.
   *
   * @throws IllegalStateException if several certificates were minted
   */
  public long id() {
    if (ids.size() != 1) {
      throw new IllegalStateException(ids.size() + " DDCs were minted; use ids()");
    }
    return ids.get(0);
  }

  /** Whether this was a repeat: the certificates existed already and nothing was minted now. */
  public boolean repeated() {
    return receipt.isEmpty();
  }
}
