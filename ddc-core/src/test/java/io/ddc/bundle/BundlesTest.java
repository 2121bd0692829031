package io.ddc.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddc.ledger.NotFoundException;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.MalformedDataException;
import io.ddc.model.Metadata;
import io.ddc.model.Operation;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link Bundles}, the prover and the redactor, where PIT found them untested: the refusals (no
 * such checkpoint, a checkpoint behind the log, no such DDC, a consistency proof from a size out of
 * range, a bad or unused redaction pointer), the window of events that rebuilds the request's item
 * tree for a mint at any position, and revealed fields in path order where that is not document order.
 */
class BundlesTest extends BundleFixture {
  static long size(String note) {
    return Long.parseLong(note.split("\n")[1]);
  }

  @Test
  void prove_refusesACheckpointNeverKept_orNoneYet_orOneBehindTheLog_andAnUnknownDdc() throws Exception {
    long id = mintDiploma();
    assertThatThrownBy(() -> Bundles.prove(ledger, id, OptionalLong.empty()))
        .isInstanceOf(NotFoundException.class).hasMessage("the ledger has no checkpoint yet");
    long n = size(ledger.checkpoint());
    assertThatThrownBy(() -> Bundles.prove(ledger, id, OptionalLong.of(n + 1)))
        .isInstanceOf(NotFoundException.class).hasMessage("no checkpoint of size " + (n + 1) + " was kept");
    assertThat(Bundle.parse(Bundles.prove(ledger, id, OptionalLong.of(n))).ddc()).isEqualTo(id);
    assertThatThrownBy(() -> Bundles.prove(ledger, 999)).isInstanceOf(NotFoundException.class)
        .hasMessage("no DDC 999 in this ledger");
    ledger.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(bobDid, null, null, "later")));
    assertThatThrownBy(() -> Bundles.prove(ledger, id, OptionalLong.of(n)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("checkpoint " + n + " does not cover the whole log ("
            + (n + 1) + " events): state proofs are against the current state, so sign a new checkpoint first");
  }

  @Test
  void aConsistencyProof_goesFromASizeBetweenOneAndTheCheckpointsLess() throws Exception {
    long id = mintDiploma();
    long n = size(ledger.checkpoint());
    for (long from : new long[] {0, n, n + 1, -1}) {
      assertThatThrownBy(() -> Bundles.prove(ledger, id, OptionalLong.empty(), OptionalLong.of(from))).as("from %d", from)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a consistency proof goes from a size in [1, " + (n - 1) + "], not " + from);
    }
    for (long from : new long[] {1, n - 1}) {
      Bundle b = Bundle.parse(Bundles.prove(ledger, id, OptionalLong.empty(), OptionalLong.of(from)));
      assertThat(b.consistency().orElseThrow().from()).isEqualTo(from);
      assertThat(b.consistency().get().proof()).isNotEmpty();
    }
  }

  /** The request's items are rebuilt from the events around the mint: at the first, a middle and the last position. */
  @Test
  void everyMintOfAFiveItemRequest_provesAndVerifies() throws Exception {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      items.add(Items.mint721(i % 2 == 0 ? aliceDid : bobDid, null, null, "batch-" + i));
    }
    List<Long> ids = ledger.submit(req(pDid, platform, Operation.DDC721_MINT, items.toArray(new Item[0]))).mintedIds();
    ledger.submit(req(pDid, platform, Operation.DDC721_MINT, Items.mint721(bobDid, null, null, "after")));
    ledger.checkpoint();
    for (int i = 0; i < 5; i++) {
      VerificationReport r = verifier.verify(Bundles.prove(ledger, ids.get(i), OptionalLong.empty()));
      assertThat(r.valid()).as("item %d: %s", i, r).isTrue();
      assertThat(r.claims().get().ref()).contains("batch-" + i);
    }
  }

  /**
   * A request of more than 16 items keeps its item-group roots: each DDC's bundle is built from its
   * group's events and the roots, gives the same item path as the whole request, and verifies; a
   * damaged index is not trusted (the whole request is read instead).
   */
  @Test
  void aLargeRequestsBundles_comeFromItsItemGroups_andADamagedIndexIsNotUsed() throws Exception {
    int n = 2 * io.ddc.model.ItemGroups.SIZE + 5;
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(Items.mint721(i % 3 == 0 ? aliceDid : bobDid, null, null, "big-" + i));
    }
    io.ddc.model.SignedRequest request = req(pDid, platform, Operation.DDC721_MINT, items.toArray(new Item[0]));
    List<Long> ids = ledger.submit(request).mintedIds();
    ledger.checkpoint();
    String key = "ix/items/" + request.header().itemsRoot().hex();
    java.util.Optional<String> kept = ledger.store().read(r -> r.get(key));
    assertThat(kept).as("the index is kept")
        .contains(io.ddc.model.ItemGroups.encode(io.ddc.model.ItemGroups.roots(request)));
    for (int i : new int[] {0, 15, 16, 31, 32, n - 1}) {
      byte[] b = Bundles.prove(ledger, ids.get(i));
      assertThat(Bundle.parse(b).mint().itemPath()).as("item %d", i).isEqualTo(request.itemPath(i));
      VerificationReport r = verifier.verify(b);
      assertThat(r.valid()).as("item %d: %s", i, r).isTrue();
    }
    List<io.ddc.model.Hash> roots = io.ddc.model.ItemGroups.roots(request);
    java.util.Collections.swap(roots, 0, 1);
    for (String damaged : new String[] {"zz", io.ddc.model.ItemGroups.encode(roots)}) {
      ledger.store().write(tx -> {
        tx.put(key, damaged);
        return null;
      });
      byte[] b = Bundles.prove(ledger, ids.get(3));
      assertThat(Bundle.parse(b).mint().itemPath()).as("with %s", damaged).isEqualTo(request.itemPath(3));
      assertThat(verifier.verify(b).valid()).isTrue();
    }
  }

  /** Document order is not path order: "/c/10" sorts before "/c/2", and "/a b" before "/a/x". */
  @Test
  void revealedFields_areInPathOrder_evenWhereDocumentOrderDiffers() throws Exception {
    StringBuilder json = new StringBuilder("{\"a\":{\"x\":1},\"a b\":2,\"c\":[");
    for (int i = 0; i < 11; i++) {
      json.append(i == 0 ? "" : ",").append(i);
    }
    Metadata m = Metadata.create(json.append("]}").toString().getBytes(StandardCharsets.UTF_8), new SecureRandom());
    long id = ledger.submit(req(pDid, platform, Operation.DDC721_MINT,
        Items.mint721(aliceDid, null, m.root(), "ordered"))).mintedIds().get(0);
    ledger.putMetadata(id, m);
    Bundle b = Bundle.parse(Bundles.prove(ledger, id));
    List<String> paths = new ArrayList<>();
    b.metadata().revealed().forEach(f -> paths.add(f.path()));
    assertThat(paths).hasSize(13).isSorted().startsWith("/a b", "/a/x", "/c/0", "/c/1", "/c/10", "/c/2");
    VerificationReport r = verifier.verify(b.toBytes());
    assertThat(r.valid()).as(r.toString()).isTrue();
  }

  @Test
  void redact_refusesAPointerThatIsNotOne_orHidesNothing() throws Exception {
    byte[] b = Bundles.prove(ledger, mintDiploma());
    assertThatThrownBy(() -> Bundles.redact(b, List.of("gpa"))).isInstanceOf(MalformedDataException.class)
        .hasMessage("pointer must be an RFC 6901 JSON pointer starting with \"/\", but is \"gpa\"");
    assertThatThrownBy(() -> Bundles.redact(b, List.of("/gpa", "/nope"))).isInstanceOf(MalformedDataException.class)
        .hasMessage("no revealed field at /nope to hide");
    assertThatThrownBy(() -> Bundles.redact(b, List.of("/addr"))).as("a pointer hides whole tokens only")
        .isInstanceOf(MalformedDataException.class).hasMessage("no revealed field at /addr to hide");
    Bundle hidden = Bundle.parse(Bundles.redact(b, List.of("/address", "/gpa")));
    assertThat(hidden.metadata().hidden()).hasSize(3).isSorted();
    assertThat(hidden.metadata().revealed()).extracting(Bundle.Field::path).containsExactly("/degree", "/name");
  }
}
