package io.ddc.cli;

import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2PublicKey;
import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Reading the files the commands take, with limits and messages that name the file. */
final class Inputs {
  /** Key and signature files are small; refuse anything larger before reading it. */
  static final long MAX_SMALL_FILE = 64 * 1024;

  private Inputs() {}

  static byte[] smallFile(Path file, String what) {
    try {
      long size = Files.size(file);
      if (size > MAX_SMALL_FILE) {
        throw new CliException(Main.EXIT_USAGE, what + " " + file + " is " + size
            + " bytes; at most " + MAX_SMALL_FILE + " expected");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException(Main.EXIT_USAGE, what + " " + file + " does not exist");
    } catch (IOException e) {
      throw new CliException(Main.EXIT_USAGE, "cannot read " + what + " " + file + ": " + e);
    }
  }

  static String text(Path file, String what) {
    byte[] bytes = smallFile(file, what);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CliException(Main.EXIT_USAGE, what + " " + file
          + " is not PEM text (it is binary; DER keys can be converted with openssl pkey)");
    }
  }

  static Sm2PrivateKey privateKey(Path file) throws MalformedEncodingException {
    try {
      return Sm2PrivateKey.fromPem(text(file, "private key"));
    } catch (MalformedEncodingException e) {
      throw new MalformedEncodingException(e.reason(), "private key " + file + ": " + e.getMessage());
    }
  }

  static Sm2PublicKey publicKey(Path file) throws MalformedEncodingException {
    try {
      return Sm2PublicKey.fromPublicOrPrivatePem(text(file, "public key"));
    } catch (MalformedEncodingException e) {
      throw new MalformedEncodingException(e.reason(), "public key " + file + ": " + e.getMessage());
    }
  }

  static InputStream open(Path fileOrNull) {
    if (fileOrNull == null) {
      return Main.stdin;
    }
    try {
      return Files.newInputStream(fileOrNull);
    } catch (NoSuchFileException e) {
      throw new CliException(Main.EXIT_USAGE, "input file " + fileOrNull + " does not exist");
    } catch (IOException e) {
      throw new CliException(Main.EXIT_USAGE, "cannot read input file " + fileOrNull + ": " + e);
    }
  }

  static DistinguishingId id(String id) {
    try {
      return DistinguishingId.utf8(id);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, "--id: " + e.getMessage());
    }
  }

  /** One {@code --trust [ORIGIN=]PUBKEY.pem} argument: the log's origin and its Operator key. */
  record Trust(String origin, io.ddc.crypto.sm.Sm2PublicKey key) {}

  /**
   * Reads {@code --trust} argument {@code arg}: the origin written before {@code =}, or else
   * {@code origin} (from {@code --origin}); a key with neither is a usage error.
   */
  static Trust trust(String arg, String origin) throws java.io.IOException,
      io.ddc.crypto.sm.MalformedEncodingException {
    int eq = arg.indexOf('=');
    String o = eq > 0 ? arg.substring(0, eq) : origin;
    if (o == null) {
      throw new CliException(Main.EXIT_USAGE, "--trust " + arg + " names no log: give --origin ORIGIN or write "
          + "--trust ORIGIN=PUBKEY.pem (trust is an (origin, key) pair)");
    }
    return new Trust(o, publicKey(java.nio.file.Path.of(eq > 0 ? arg.substring(eq + 1) : arg)));
  }

  /**
   * A line of a JSON Lines input ({@code where} names it) as a JSON object with only the members
   * {@code members} ({@code expected} lists them for the message); anything else is a usage error.
   */
  static Map<?, ?> jsonObjectLine(String where, String text, Set<String> members, String expected) {
    Object v;
    try {
      v = CanonicalJson.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (JsonFormatException e) {
      throw new CliException(Main.EXIT_USAGE, where + " is not JSON: " + e.getMessage());
    }
    if (!(v instanceof Map)) {
      throw new CliException(Main.EXIT_USAGE, where + " must be a JSON object");
    }
    Map<?, ?> m = (Map<?, ?>) v;
    for (Object k : m.keySet()) {
      if (!members.contains(k)) {
        throw new CliException(Main.EXIT_USAGE, where + " has the unknown member \"" + k + "\" (expected "
            + expected + ")");
      }
    }
    return m;
  }
}
