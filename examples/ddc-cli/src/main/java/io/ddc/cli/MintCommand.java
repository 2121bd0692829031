package io.ddc.cli;

import io.ddc.DdcException;
import io.ddc.crypto.sm.MalformedEncodingException;
import io.ddc.engine.Receipt;
import io.ddc.ledger.Ledger;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ddc mint --ledger L --key PLATFORM.pem --to DID [--uri URI] [--metadata FILE.json] [--amount N] [--ref REF]
 * [--locked] [--safe [--data HEX]]}.
 */
@Command(name = "mint", mixinStandardHelpOptions = true,
    description = "Mint a certificate: a DDC-721, or with --amount a DDC-1155. Metadata (a JSON object) is committed "
        + "to by salted field digests and kept beside the ledger for ddc prove. Prints the new DDC id alone on the "
        + "last line.",
    footer = {"", "Example:", "  ddc mint --ledger ddc.db --key uni.pem --to did:ddc:alice --metadata diploma.json "
        + "--ref diploma-2026-001"})
final class MintCommand extends LedgerAction.Actor {
  @Option(names = "--to", required = true, paramLabel = "DID", description = "The receiver.")
  String to;

  @Option(names = "--uri", paramLabel = "URI", description = "The certificate's URI.")
  String uri;

  @Option(names = "--metadata", paramLabel = "FILE.json", description = "The certificate's fields (a JSON object).")
  Path metadata;

  @Option(names = "--amount", paramLabel = "N", description = "Mint a DDC-1155 of this amount.")
  Long amount;

  @Option(names = "--ref", paramLabel = "REF",
      description = "A client reference, unique per platform: minting the same reference again is rejected.")
  String ref;

  @Option(names = "--locked", description = "Non-transferable (ERC-5192 locked).")
  boolean locked;

  @Option(names = "--safe",
      description = "A safe mint (BSN's safeMint): the ledger's receiver check must accept it (DDC-1155 mints always are).")
  boolean safe;

  @Option(names = "--data", paramLabel = "HEX", description = "Bytes for the receiver check (with --safe; at most 1,024).")
  String data;

  /** Reads a metadata file and salts its fields. */
  static Metadata metadata(Path file) {
    try {
      return Metadata.create(Files.readAllBytes(file), new SecureRandom());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CliException(Main.EXIT_USAGE, "metadata file " + file + " does not exist");
    } catch (java.io.IOException e) {
      throw new CliException(Main.EXIT_USAGE, "cannot read metadata file " + file + ": " + e.getMessage());
    } catch (MalformedDataException e) {
      throw new CliException(Main.EXIT_USAGE, "metadata file " + file + ": " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws DdcException, MalformedEncodingException {
    Metadata m = metadata == null ? null : metadata(metadata);
    Operation op = amount != null ? Operation.DDC1155_MINT : safe ? Operation.DDC721_SAFE_MINT : Operation.DDC721_MINT;
    byte[] bytes = DdcCommands.OnDdcs.data(data, safe);
    Item item;
    try {
      item = Items.of(op, "to", did(to, "--to"), "uri", uri, "metadataRoot", m == null ? null : m.root(), "ref", ref,
          "locked", locked ? Boolean.TRUE : null, "amount", amount, "data", bytes);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, e.getMessage());
    }
    try (Ledger l = Ledgers.open(ledger)) {
      Receipt r = submit(l, op, List.of(item), m == null ? Map.of() : Map.of(0, m));
      out().println(r.mintedIds().get(0));
      out().flush();
    }
    return 0;
  }
}
