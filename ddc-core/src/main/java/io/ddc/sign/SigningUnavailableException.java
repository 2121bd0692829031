package io.ddc.sign;

import io.ddc.DdcException;

/** The signing key could not be used right now (an HSM or remote signer is unreachable): retry later. */
public final class SigningUnavailableException extends DdcException {
  private static final long serialVersionUID = 1L;

  public SigningUnavailableException(String message, Throwable cause) {
    super("SIGNING_UNAVAILABLE", message, cause);
  }
}
