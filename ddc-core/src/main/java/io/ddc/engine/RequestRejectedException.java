package io.ddc.engine;

import io.ddc.DdcException;

/**
 * The engine's typed rejection of a request: a {@link RuleCode}, the index of the item that
 * broke the rule (-1 for the request as a whole) and a message. A rejected request changes
 * nothing: no event, no fee, no nonce or id consumed.
 *
 * <p>{@link #getMessage()} starts with the rule code, e.g. {@code "BAD_NONCE: nonce 1 is not above
 * did:example:uni's last nonce 1"}, so a log line or a stack trace names the rule; {@link
 * #detail()} is the same text without it.
 */
public final class RequestRejectedException extends DdcException {
  private static final long serialVersionUID = 1L;

  private final RuleCode rule;
  private final int item;
  private final String detail;

  RequestRejectedException(RuleCode rule, int item, String message) {
    super(rule.name(), rule.name() + ": " + detail(item, message));
    this.rule = rule;
    this.item = item;
    this.detail = detail(item, message);
  }

  private static String detail(int item, String message) {
    return (item < 0 ? "" : "item " + item + ": ") + message;
  }

  /** The message without the rule code: which item, and what was expected and found. */
  public String detail() {
    return detail;
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
