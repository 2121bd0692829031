package io.ddc.examples;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.engine.DdcRegistry;
import io.ddc.engine.RequestRejectedException;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.model.SignedRequest;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.util.List;

/**
 * A relayed request (BSN's meta-transaction): a consumer signs a transfer offline with a deadline,
 * its platform relays it and countersigns. Both signatures cover every field, so the relayer
 * cannot change the receiver, and the request cannot be replayed.
 */
public final class RelayedRequestExample {
  private RelayedRequestExample() {}

  public static void main(String[] args) throws Exception {
    String origin = "relay.ddc.example/ledger";
    Sm2PrivateKey opKey = Sm2PrivateKey.generate();
    Sm2PrivateKey pKey = Sm2PrivateKey.generate();
    Sm2PrivateKey aKey = Sm2PrivateKey.generate();
    Signer operator = Signers.sm2(opKey);
    Signer platform = Signers.sm2(pKey);
    Did op = Did.of("did:example:operator");
    Did uni = Did.of("did:example:university");
    Did alice = Did.of("did:example:alice");
    Did bob = Did.of("did:example:bob");
    DdcRegistry reg = DdcRegistry.inMemory();
    reg.submit(Request.builder(origin, Operation.LEDGER_INIT, op).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(operator));
    reg.submit(Request.builder(origin, Operation.AUTHORITY_SET_SWITCH, op).nonce(2) // several accounts at once
        .item(Items.of(Operation.AUTHORITY_SET_SWITCH, "switch", io.ddc.model.Switch.BATCH, "on", true))
        .build().sign(operator));
    reg.submit(Request.builder(origin, Operation.ACCOUNT_ADD, op).nonce(3)
        .item(Items.addAccount(uni, "University", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))
        .item(Items.addAccount(alice, "Alice", Role.CONSUMER, uni, aKey.publicKey().toUncompressed()))
        .item(Items.addAccount(bob, "Bob", Role.CONSUMER, uni, Sm2PrivateKey.generate().publicKey().toUncompressed()))
        .build().sign(operator));
    long id = reg.submit(Request.builder(origin, Operation.DDC721_MINT, uni).nonce(1)
        .item(Items.mint721(alice, null, null, "relay-demo")).build().sign(platform)).mintedIds().get(0);

    // Alice signs on her device: a transfer to Bob, valid for ten minutes, relayed by the university.
    SignedRequest signedByAlice = Request.builder(origin, Operation.DDC721_TRANSFER, alice).nonce(1)
        .deadline(System.currentTimeMillis() + 600_000).relayer(uni)
        .item(Items.of(Operation.DDC721_TRANSFER, "from", alice, "to", bob, "ddc", id))
        .build().sign(Signers.sm2(aKey));
    byte[] wire = signedByAlice.toBytes(); // what travels to the relayer
    SignedRequest relayed = SignedRequest.fromBytes(wire).relay(platform);
    reg.submit(relayed);
    System.out.println("relayed: DDC " + id + " now belongs to " + reg.read(s -> s.ddc(id).get().owner()));
    try {
      reg.submit(relayed);
    } catch (RequestRejectedException e) {
      System.out.println("replayed: " + e.code());
    }
  }
}
