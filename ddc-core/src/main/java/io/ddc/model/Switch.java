package io.ddc.model;

/** The Operator's switches; every switch starts off. */
public enum Switch {
  /** Platforms may add consumers under themselves (BSN's platform switcher). */
  PLATFORM_ADD_CONSUMER("platformAddConsumer"),
  /** Requests with more than one item may add accounts or recharge points (BSN's batch switcher). */
  BATCH("batch"),
  /** A mint to a consumer other than the minter needs the recipient's consent signature. */
  MINT_CONSENT("mintConsent");

  private final String id;

  Switch(String id) {
    this.id = id;
  }

  /** The wire name. */
  public String id() {
    return id;
  }

  /** The switch named {@code id}. */
  public static Switch parse(String id) throws MalformedDataException {
    for (Switch s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new MalformedDataException("expected a switch (platformAddConsumer, batch or mintConsent), but found \""
        + Did.printable(id) + "\"");
  }
}
