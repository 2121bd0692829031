package io.ddc.engine;

import io.ddc.DdcException;

/**
 * The engine's typed rejection of a request: a {@link RuleCode}, the index of the item that
 * broke the rule (-1 for the request as a whole) and a message. A rejected request changes
 * nothing: no event, no fee, no nonce or id consumed.
 */
public final class RequestRejectedException extends DdcException {
  private static final long serialVersionUID = 1L;

  private final RuleCode rule;
  private final int item;

  RequestRejectedException(RuleCode rule, int item, String message) {
    super(rule.name(), (item < 0 ? "" : "item " + item + ": ") + message);
    this.rule = rule;
    this.item = item;
  }

  /** The rule that was broken. */
  public RuleCode rule() {
    return rule;
  }

  /** The item that broke it, or -1 for the request as a whole. */
  public int item() {
    return item;
  }
}
