package io.ddc.monitor;

import io.ddc.DdcException;

/** A published log that does not hold what its checkpoint says, or a checkpoint that breaks from the last one seen. */
public final class MonitorException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** What diverged, in the order the monitor checks. */
  public enum Reason {
    /** The checkpoint is missing, malformed, of another origin or not signed by the trusted key. */
    BAD_CHECKPOINT,
    /** The checkpoint is smaller (or older) than the last one seen. */
    ROLLBACK,
    /** The log at the last seen checkpoint's size has another root, or a checkpoint of the same size differs. */
    FORK,
    /** A tile or entry bundle the checkpoint needs is not published. */
    MISSING_TILE,
    /** An entry bundle does not hold the entries its path says (count, lengths). */
    MALFORMED_BUNDLE,
    /** An entry does not hash to its leaf in the level-0 tile: the entry (or the tile) was rewritten. */
    REWRITTEN_ENTRY,
    /** The entries do not give the checkpoint's log root. */
    LOG_ROOT_MISMATCH,
    /** A hash tile above level 0 does not hold the hashes the entries give. */
    TILE_MISMATCH,
    /** The rules, run again on the logged requests, do not give the logged events. */
    RULES_VIOLATED,
    /** The replayed state's DDC count or root is not the checkpoint's {@code state} line. */
    STATE_ROOT_MISMATCH,
    /** The replayed account count or root is not the checkpoint's {@code accounts} line. */
    ACCOUNT_ROOT_MISMATCH,
    /** The state file does not hold a checkpoint of this log signed by the trusted key (a usage error). */
    BAD_STATE
  }

  private final Reason reason;

  /** A divergence for {@code reason}. */
  public MonitorException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  /** The reason. */
  public Reason reason() {
    return reason;
  }
}
