package io.ddc.ledger;

import io.ddc.bundle.BundleVerifier;
import io.ddc.bundle.Bundles;
import io.ddc.bundle.VerificationReport;
import io.ddc.engine.Receipt;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * One writer of the soak ({@link SoakHarness}): mints (with metadata and references), transfers,
 * checkpoints, proves and verifies against a shared PostgreSQL ledger until killed. Prints one
 * flushed line per acknowledged operation: {@code acked ID REF}, {@code transferred ID},
 * {@code checkpoint SIZE}, {@code verified ID FILE}, {@code invalid ID CODE}, {@code error ...}.
 *
 * <p>Args: {@code URL K BUNDLE_DIR SEED}; it acts as platform {@code did:test:soak-K} and its
 * consumers {@code did:test:soak-K-h0}, {@code -h1}.
 */
public final class SoakChild {
  private SoakChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int k = Integer.parseInt(args[1]);
    Path bundles = Path.of(args[2]);
    SplittableRandom rnd = new SplittableRandom(Long.parseLong(args[3]));
    String run = Long.toHexString(rnd.nextLong() & 0xffffffffL);
    PrintStream out = System.out;
    Did platform = Did.of("did:test:soak-" + k);
    Did h0 = Did.of("did:test:soak-" + k + "-h0");
    Did h1 = Did.of("did:test:soak-" + k + "-h1");
    Signer platformSigner = Signers.sm2(LedgerChild.key("soak-" + k));
    Signer h0Signer = Signers.sm2(LedgerChild.key("soak-" + k + "-h0"));
    BundleVerifier verifier = BundleVerifier.builder().trust(LedgerStoreContract.ORIGIN, LedgerChild.key("operator").publicKey()).anyAge().build();
    SecureRandom salts = new SecureRandom();
    try (LedgerStore store = LedgerChild.open(url)) {
      Ledger ledger = Ledger.builder(store).checkpointSigner(LedgerStoreContract.ORIGIN,
          Signers.sm2(LedgerChild.key("operator"))).open();
      line(out, "ready " + run);
      List<Long> ownedByH0 = new ArrayList<>();
      List<Long> mine = new ArrayList<>();
      long n = 0;
      while (true) {
        int op = rnd.nextInt(100);
        try {
          if (op < 60 || mine.isEmpty()) {
            int count = 1 + rnd.nextInt(20);
            List<Item> items = new ArrayList<>();
            Metadata md = Metadata.create(("{\"n\":" + n + ",\"name\":\"soak " + k + "\",\"run\":\"" + run + "\"}")
                .getBytes(StandardCharsets.UTF_8), salts);
            for (int i = 0; i < count; i++) {
              String ref = "s" + k + "-" + run + "-" + (n++);
              items.add(Items.mint721(i % 2 == 0 ? h0 : h1, null, i == 0 ? md.root() : null, ref));
            }
            Receipt r = ledger.submit(Request.builder(LedgerStoreContract.ORIGIN, Operation.DDC721_MINT, platform)
                .nonce(ledger.read(s -> s.nextNonce(platform))).items(items).build().sign(platformSigner),
                Map.of(0, md));
            List<Long> ids = r.mintedIds();
            for (int i = 0; i < ids.size(); i++) {
              line(out, "acked " + ids.get(i) + " " + items.get(i).raw("ref"));
              mine.add(ids.get(i));
              if (i % 2 == 0) {
                ownedByH0.add(ids.get(i));
              }
            }
          } else if (op < 80 && !ownedByH0.isEmpty()) {
            long id = ownedByH0.remove(rnd.nextInt(ownedByH0.size()));
            ledger.submit(Request.builder(LedgerStoreContract.ORIGIN, Operation.DDC721_TRANSFER, h0)
                .nonce(ledger.read(s -> s.nextNonce(h0)))
                .item(Items.of(Operation.DDC721_TRANSFER, "from", h0, "to", h1, "ddc", id)).build().sign(h0Signer));
            line(out, "transferred " + id);
          } else if (op < 85) {
            String note = ledger.checkpoint();
            line(out, "checkpoint " + note.split("\n")[1]);
          } else {
            long id = mine.get(rnd.nextInt(mine.size()));
            byte[] bundle = null;
            for (int attempt = 0; attempt < 20 && bundle == null; attempt++) {
              ledger.checkpoint();
              try {
                bundle = Bundles.prove(ledger, id, OptionalLong.empty());
              } catch (IllegalArgumentException raced) {
                // another writer appended between the checkpoint and the proof: try again
              }
            }
            if (bundle == null) {
              line(out, "busy " + id);
              continue;
            }
            VerificationReport v = verifier.verify(bundle);
            if (v.valid()) {
              Path f = bundles.resolve("b-" + k + "-" + run + "-" + id + ".json");
              Files.write(f, bundle);
              line(out, "verified " + id + " " + f.getFileName());
            } else {
              line(out, "invalid " + id + " " + v.firstFailure().get().code() + " " + v.firstFailure().get().message());
            }
          }
        } catch (io.ddc.engine.RequestRejectedException e) {
          line(out, "rejected " + e.code() + " " + e.getMessage());
        }
      }
    } catch (Exception e) {
      line(out, "error " + e);
      throw e;
    }
  }

  private static void line(PrintStream out, String s) {
    synchronized (out) {
      out.println(s);
      out.flush();
    }
  }
}
