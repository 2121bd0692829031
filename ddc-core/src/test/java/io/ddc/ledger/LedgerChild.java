package io.ddc.ledger;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm3;
import io.ddc.engine.Receipt;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.sign.Signers;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate JVM that mints into a shared ledger, for the multi-process and crash tests. Keys are
 * derived from account names, so parent and children agree without passing secrets around.
 *
 * <p>Args: {@code STORE NAME_PREFIX THREADS REQUESTS BATCH CHECKPOINT_EVERY}; STORE is
 * {@code sqlite:PATH} or a JDBC URL. Thread t acts as account {@code did:test:NAME_PREFIX-t} and
 * prints {@code committed FIRST-LAST} (flushed) after each acknowledged request.
 */
public final class LedgerChild {
  private LedgerChild() {}

  static Sm2PrivateKey key(String name) {
    try {
      return Sm2PrivateKey.fromScalar(Sm3.hash(("ddc test key " + name).getBytes(StandardCharsets.UTF_8)));
    } catch (io.ddc.crypto.sm.MalformedEncodingException e) {
      throw new AssertionError(e);
    }
  }

  static LedgerStore open(String spec) throws Exception {
    return spec.startsWith("sqlite:") ? JdbcLedgerStore.sqlite(Path.of(spec.substring(7)))
        : JdbcLedgerStore.open(spec, null, null);
  }

  public static void main(String[] args) throws Exception {
    String spec = args[0];
    String prefix = args[1];
    int threads = Integer.parseInt(args[2]);
    int requests = Integer.parseInt(args[3]);
    int batch = Integer.parseInt(args[4]);
    long every = Long.parseLong(args[5]);
    PrintStream out = System.out;
    try (LedgerStore store = open(spec)) {
      Ledger ledger = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN,
          Signers.sm2(key("operator"))).checkpointEvery(every).open();
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = prefix + "-" + t;
        Thread th = new Thread(() -> {
          try {
            Did did = Did.of("did:test:" + name);
            var signer = Signers.sm2(key(name));
            for (int r = 0; r < requests; r++) {
              long nonce = ledger.read(s -> s.nextNonce(did));
              Request.Builder b = Request.builder(LedgerStoreContract.ORIGIN, Operation.DDC721_MINT, did).nonce(nonce);
              List<Item> items = new ArrayList<>();
              for (int i = 0; i < batch; i++) {
                items.add(Items.mint721(did, null, null, null));
              }
              Receipt rc = ledger.submit(b.items(items).build().sign(signer));
              List<Long> ids = rc.mintedIds();
              synchronized (out) {
                out.println("committed " + ids.get(0) + "-" + ids.get(ids.size() - 1));
                out.flush();
              }
            }
          } catch (Exception e) {
            synchronized (out) {
              out.println("error " + e);
              e.printStackTrace(out);
              out.flush();
            }
          }
        });
        th.start();
        ts.add(th);
      }
      for (Thread th : ts) {
        th.join();
      }
    }
  }
}
