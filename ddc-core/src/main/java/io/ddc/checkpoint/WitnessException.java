package io.ddc.checkpoint;

import io.ddc.DdcException;

/** A witness refused to cosign a checkpoint, with the reason. */
public final class WitnessException extends DdcException {
  private static final long serialVersionUID = 1L;

  /** Why a witness refuses. */
  public enum Reason {
    /** The note is not a checkpoint signed by the log key the witness follows. */
    NOT_SIGNED_BY_THE_LOG,
    /** The checkpoint is smaller than one the witness cosigned before: a rollback. */
    ROLLBACK,
    /** The same size as a cosigned checkpoint with another root, or a consistency proof that fails: a fork. */
    INCONSISTENT,
    /** A larger checkpoint without the consistency proof from the last cosigned one. */
    PROOF_NEEDED
  }

  private final Reason reason;

  /** A refusal for {@code reason}. */
  public WitnessException(Reason reason, String message) {
    super(reason.name(), message);
    this.reason = reason;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
