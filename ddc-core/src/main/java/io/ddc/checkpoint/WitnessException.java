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
    /**
     * A fork or an equivocation: the same size as the cosigned checkpoint with another commitment (log
     * root, state or accounts line: anything but the time), a time earlier than the cosigned one's, or a
     * consistency proof that fails.
     */
    INCONSISTENT,
    /** A larger checkpoint without the consistency proof from the last cosigned one. */
    PROOF_NEEDED,
    /** The starting state given to {@link Witness#create} does not carry this witness's own valid cosignature. */
    STATE_NOT_COSIGNED,
    /** The witness's key is the log's key: its cosignature would be the log's own signature relabelled. */
    SAME_KEY_AS_THE_LOG
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
