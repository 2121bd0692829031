package io.ddc.model;

/** One of an account's two states; an account acts only when both are active. */
public enum AccountState {
  /** Usable. */
  ACTIVE("active"),
  /** Frozen: the account can neither act nor receive. */
  FROZEN("frozen");

  private final String id;

  AccountState(String id) {
    this.id = id;
  }

  /** The wire name: {@code active}, {@code frozen}. */
  public String id() {
    return id;
  }

  /** The state named {@code id}. */
  public static AccountState parse(String id) throws MalformedDataException {
    for (AccountState s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new MalformedDataException("expected an account state (active or frozen), but found \""
        + Did.printable(id) + "\"");
  }
}
