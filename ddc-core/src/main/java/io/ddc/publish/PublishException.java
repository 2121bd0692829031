package io.ddc.publish;

import io.ddc.DdcException;

/** Why a log could not be published into a directory; nothing the published log's readers see changed. */
public final class PublishException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** The reasons. */
  public enum Reason {
    /** The ledger has no signed checkpoint yet: there is nothing a reader could verify. */
    NO_CHECKPOINT,
    /** The directory holds a checkpoint of another log (another origin), or one that does not parse. */
    OTHER_LOG,
    /** The directory's checkpoint is newer (larger) than the ledger's latest: the ledger is behind. */
    BEHIND,
    /** The directory's checkpoint has a root the ledger's log does not have at that size: a fork. */
    FORK,
    /** A tile or entry bundle already in the directory differs from what the ledger gives. */
    CONFLICT,
    /** An event is longer than the 65,535 bytes an entry bundle's 2-byte length can hold. */
    ENTRY_TOO_LARGE,
    /** The ledger's tiles do not match its events or its checkpoint. */
    CORRUPT,
    /** Another publisher holds the directory's lock. */
    LOCKED
  }

  private final Reason reason;

  /** A failure for {@code reason}. */
  public PublishException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  /** The reason. */
  public Reason reason() {
    return reason;
  }
}
