package io.ddc.crypto.sm;

/**
 * A token that every method handing out secret key bytes requires, so that each place that
 * does so names it and can be found with {@code grep SecretAccess.get}.
 */
public final class SecretAccess {
  private static final SecretAccess INSTANCE = new SecretAccess();

  private SecretAccess() {}

  /** Returns the token. Call it only where exporting a secret is intended. */
  public static SecretAccess get() {
    return INSTANCE;
  }
}
