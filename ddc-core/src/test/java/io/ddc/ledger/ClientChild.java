package io.ddc.ledger;

import io.ddc.client.DdcClient;
import io.ddc.client.Minted;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Did;
import io.ddc.sign.Signers;
import java.io.PrintStream;
import java.util.Map;

/**
 * A separate JVM issuing certificates through {@link DdcClient} as the platform
 * {@code did:test:PLATFORM}, for {@link ClientConcurrencyTest}.
 *
 * <p>Args: {@code STORE PLATFORM PREFIX COUNT}; mints COUNT DDC-721 with references
 * {@code PREFIX-0 ... PREFIX-(COUNT-1)} and small metadata, one request each, and prints
 * {@code minted REF ID} for each (flushed), or {@code error ...} and exits 1.
 */
public final class ClientChild {
  private ClientChild() {}

  public static void main(String[] args) throws Exception {
    String spec = args[0];
    String platform = args[1];
    String prefix = args[2];
    int count = Integer.parseInt(args[3]);
    PrintStream out = System.out;
    try (LedgerStore store = LedgerChild.open(spec)) {
      Ledger ledger = Ledger.builder(store).open();
      DdcClient client = DdcClient.of(ledger, Did.of("did:test:" + platform), Signers.sm2(LedgerChild.key(platform)));
      Did to = Did.of("did:test:" + platform);
      for (int i = 0; i < count; i++) {
        String ref = prefix + "-" + i;
        Minted m = client.mint721(to, Map.of("n", i, "by", prefix), ref);
        out.println("minted " + ref + " " + m.id());
      }
      out.flush();
    } catch (Exception e) {
      out.println("error " + e);
      e.printStackTrace(out);
      out.flush();
      System.exit(1);
    }
  }
}
