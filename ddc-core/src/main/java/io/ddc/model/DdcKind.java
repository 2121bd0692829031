package io.ddc.model;

/** The two kinds of distributed digital certificate. */
public enum DdcKind {
  /** Unique certificates, one owner each (ERC-721 semantics). */
  DDC_721("721"),
  /** Certificates with amounts, many holders each (ERC-1155 semantics). */
  DDC_1155("1155");

  private final String id;

  DdcKind(String id) {
    this.id = id;
  }

  /** The wire name: {@code 721}, {@code 1155}. */
  public String id() {
    return id;
  }

  /** The kind named {@code id}. */
  public static DdcKind parse(String id) throws MalformedDataException {
    for (DdcKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new MalformedDataException("expected a DDC kind (721 or 1155), but found \"" + Did.printable(id) + "\"");
  }
}
