package io.ddc.serve;

import io.ddc.DdcException;

/** Why a bundle could not be refreshed; the old bundle is untouched. */
public final class RefreshException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** The reasons. */
  public enum Reason {
    /** The server answered with an error (its status and message are in the message). */
    SERVER_ERROR,
    /** The server's answer is not a bundle. */
    MALFORMED_ANSWER,
    /** The answer is for another DDC or another log (origin). */
    WRONG_BUNDLE,
    /** The answer's checkpoint is older than the old bundle's. */
    OLDER,
    /** The answer does not prove that its log extends the old bundle's: a fork, or no proof. */
    INCONSISTENT
  }

  private final Reason reason;

  /** A failure for {@code reason}. */
  public RefreshException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  /** The reason. */
  public Reason reason() {
    return reason;
  }
}
