package io.ddc.model;

import java.util.Objects;

/**
 * A decentralised identifier naming an account, in the W3C DID syntax {@code did:method:id}
 * (BSN's are {@code did:bsn:...}). At most {@value #MAX_LENGTH} characters from
 * {@code [A-Za-z0-9._:%-]}, method lowercase letters and digits.
 */
public final class Did implements Comparable<Did> {
  /** Longest accepted DID. */
  public static final int MAX_LENGTH = 256;

  private final String value;

  private Did(String value) {
    this.value = value;
  }

  /** Parses {@code value}; an unchecked {@link IllegalArgumentException} for a caller's literal. */
  public static Did of(String value) {
    try {
      return parse(value);
    } catch (MalformedDataException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Parses untrusted {@code value}. */
  public static Did parse(String value) throws MalformedDataException {
    Objects.requireNonNull(value, "value");
    if (value.length() > MAX_LENGTH) {
      throw new MalformedDataException("a DID has at most " + MAX_LENGTH + " characters, but this one has "
          + value.length());
    }
    int c1 = value.indexOf(':');
    int c2 = c1 < 0 ? -1 : value.indexOf(':', c1 + 1);
    if (!value.startsWith("did:") || c2 < 0 || c2 == c1 + 1 || c2 == value.length() - 1) {
      throw new MalformedDataException("expected a DID of the form did:method:id, but found \""
          + printable(value) + "\"");
    }
    for (int i = 4; i < c2; i++) {
      char c = value.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        throw new MalformedDataException("a DID method is lowercase letters and digits, but \""
            + printable(value) + "\" has '" + printable(String.valueOf(c)) + "'");
      }
    }
    for (int i = c2 + 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '.' || c == '_' || c == ':' || c == '%' || c == '-')) {
        throw new MalformedDataException("a DID's id is made of [A-Za-z0-9._:%-], but \""
            + printable(value) + "\" has '" + printable(String.valueOf(c)) + "' at " + i);
      }
    }
    return new Did(value);
  }

  /** {@code s} cut to 80 characters, anything outside printable ASCII shown as a backslash-u escape, for messages. */
  public static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return s.length() > 80 ? sb + "..." : sb.toString();
  }

  /** The DID text. */
  public String value() {
    return value;
  }

  @Override
  public int compareTo(Did o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Did && ((Did) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
