package io.ddc.model;

/** The three roles of the Authority tree, top down. */
public enum Role {
  /** Runs the ledger: adds platforms, edits the allow-list, freezes DDCs, issues points. */
  OPERATOR("operator"),
  /** An issuing organisation (a university, a hospital); its leader is the Operator. */
  PLATFORM("platform"),
  /** An end user (a holder); its leader is a platform. */
  CONSUMER("consumer");

  private final String id;

  Role(String id) {
    this.id = id;
  }

  /** The wire name: {@code operator}, {@code platform}, {@code consumer}. */
  public String id() {
    return id;
  }

  /** The role named {@code id}. */
  public static Role parse(String id) throws MalformedDataException {
    for (Role r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new MalformedDataException("expected a role (operator, platform or consumer), but found \""
        + Did.printable(id) + "\"");
  }
}
