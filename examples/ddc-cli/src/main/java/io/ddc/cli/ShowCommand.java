package io.ddc.cli;

import io.ddc.json.CanonicalJson;
import io.ddc.ledger.Ledger;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.StateLeaf;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddc show --ledger L --ddc ID}. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print a DDC as JSON: id, kind, owner (DDC-721) or balances (DDC-1155), URI, status, metadata "
        + "root, creator, locked, and the approved account of a DDC-721 when there is one. Exit 1 when there is no "
        + "such DDC.",
    footer = {"", "Example:", "  ddc show --ledger ddc.db --ddc 1"})
final class ShowCommand extends LedgerAction {
  @Option(names = "--ddc", required = true, paramLabel = "ID", description = "The DDC id.")
  long ddc;

  @Override
  public Integer call() {
    try (Ledger l = Ledgers.open(ledger)) {
      Ddc d = l.state().ddc(ddc).orElse(null);
      if (d == null) {
        spec.commandLine().getErr().println("ddc show: there is no DDC " + ddc + " in " + ledger);
        return Main.EXIT_NO;
      }
      out().println(json(l, d));
      out().flush();
    }
    return 0;
  }

  static String json(Ledger l, Ddc d) {
    Map<String, Object> m = new TreeMap<>();
    m.put("id", d.id());
    m.put("kind", d.kind().id());
    m.put("creator", d.creator().value());
    if (d.kind() == DdcKind.DDC_721) {
      m.put("owner", d.owner().value());
    } else {
      Map<String, Object> balances = new TreeMap<>();
      l.state().holders(d.id()).forEach((k, v) -> balances.put(k.value(), v));
      m.put("balances", balances);
      m.put("supply", d.supply());
    }
    if (d.uri() != null) {
      m.put("uri", d.uri());
    }
    if (d.metadataRoot() != null) {
      m.put("metadataRoot", d.metadataRoot().hex());
    }
    if (d.ref() != null) {
      m.put("ref", d.ref());
    }
    if (d.approved() != null) {
      m.put("approved", d.approved().value());
    }
    m.put("status", StateLeaf.status(d));
    m.put("locked", d.locked());
    return new String(CanonicalJson.write(m), StandardCharsets.UTF_8);
  }
}
