package io.ddc.publish;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.jdbc.JdbcLedgerStore;
import io.ddc.ledger.spi.LedgerStore;
import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger for publishing tests: the Operator, a University (platform) and Alice; {@link #mint}
 * appends DDC-721 mints to Alice in batches. Events: 3 for the accounts, then one per mint.
 */
public final class LogFixture implements AutoCloseable {
  public static final String ORIGIN = "publish.ddc.example/log";
  public final Sm2PrivateKey opKey;
  public final Sm2PrivateKey pKey;
  public final Did op = Did.of("did:test:operator");
  public final Did uni = Did.of("did:test:university");
  public final Did alice = Did.of("did:test:alice");
  public final Ledger ledger;
  private long opNonce;
  private long uniNonce;

  private LogFixture(Sm2PrivateKey opKey, Sm2PrivateKey pKey, Ledger ledger, long opNonce, long uniNonce) {
    this.opKey = opKey;
    this.pKey = pKey;
    this.ledger = ledger;
    this.opNonce = opNonce;
    this.uniNonce = uniNonce;
  }

  /** A new ledger in {@code store} with the three accounts. */
  public static LogFixture create(LedgerStore store) throws Exception {
    Sm2PrivateKey opKey = Sm2PrivateKey.generate(new SecureRandom());
    Sm2PrivateKey pKey = Sm2PrivateKey.generate(new SecureRandom());
    Ledger l = Ledger.builder(store).checkpointSigner(ORIGIN, Signers.sm2(opKey)).open();
    LogFixture f = new LogFixture(opKey, pKey, l, 0, 0);
    f.submitOp(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed())), Operation.LEDGER_INIT);
    f.submitOp(Items.addAccount(f.uni, "University", Role.PLATFORM, null, pKey.publicKey().toUncompressed()),
        Operation.ACCOUNT_ADD);
    f.submitOp(Items.addAccount(f.alice, "Alice", Role.CONSUMER, f.uni, pKey.publicKey().toUncompressed()),
        Operation.ACCOUNT_ADD);
    return f;
  }

  /** A new SQLite ledger at {@code file}. */
  public static LogFixture sqlite(Path file) throws Exception {
    return create(JdbcLedgerStore.sqlite(file));
  }

  /** Reopens a SQLite ledger this fixture made (or a copy of one), with the same keys. */
  public LogFixture reopen(Path file) throws Exception {
    Ledger l = Ledger.builder(JdbcLedgerStore.sqlite(file)).checkpointSigner(ORIGIN, Signers.sm2(opKey)).open();
    return new LogFixture(opKey, pKey, l, l.state().lastNonce(op), l.state().lastNonce(uni));
  }

  private void submitOp(Item item, Operation o) throws Exception {
    ledger.submit(Request.builder(ORIGIN, o, op).nonce(++opNonce).item(item).build().sign(Signers.sm2(opKey)));
  }

  /** Mints {@code n} DDC-721s to Alice, in requests of at most 10,000 items. */
  public LogFixture mint(long n) throws Exception {
    Signer s = Signers.sm2(pKey);
    for (long done = 0; done < n; ) {
      int k = (int) Math.min(10_000, n - done);
      List<Item> items = new ArrayList<>(k);
      for (int i = 0; i < k; i++) {
        items.add(Items.mint721(alice, null, null, null));
      }
      ledger.submit(Request.builder(ORIGIN, Operation.DDC721_MINT, uni).nonce(++uniNonce).items(items).build().sign(s));
      done += k;
    }
    return this;
  }

  /** Mints one DDC-721 to Alice committing to {@code json}'s fields, kept for proofs; returns its id. */
  public long mintWithMetadata(String json) throws Exception {
    io.ddc.model.Metadata m = io.ddc.model.Metadata.create(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new SecureRandom());
    long id = ledger.submit(Request.builder(ORIGIN, Operation.DDC721_MINT, uni).nonce(++uniNonce)
        .item(Items.mint721(alice, null, m.root(), null)).build().sign(Signers.sm2(pKey))).mintedIds().get(0);
    ledger.putMetadata(id, m);
    return id;
  }

  /** Signs a checkpoint of the whole log. */
  public String checkpoint() throws Exception {
    return ledger.checkpoint();
  }

  @Override
  public void close() {
    ledger.close();
  }
}
