package io.ddc.examples;

import io.ddc.engine.DdcRegistry;
import io.ddc.engine.Engine;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.merkle.TreeHasher;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.time.Clock;
import java.util.List;

/**
 * DDC-1155: a certificate with an amount (say, 100 training credits), split between holders, part
 * of it burned. Runs on the in-memory registry (engine + state + log, no store): the quickest way
 * to try the rules.
 */
public final class AmountsExample {
  private AmountsExample() {}

  public static void main(String[] args) throws Exception {
    String origin = "amounts.ddc.example/ledger";
    Sm2PrivateKey opKey = Sm2PrivateKey.generate();
    Sm2PrivateKey pKey = Sm2PrivateKey.generate();
    Sm2PrivateKey aKey = Sm2PrivateKey.generate();
    Signer operator = Signers.sm2(opKey);
    Signer platform = Signers.sm2(pKey);
    Signer aliceSigner = Signers.sm2(aKey);
    Did op = Did.of("did:example:operator");
    Did academy = Did.of("did:example:academy");
    Did alice = Did.of("did:example:alice");
    Did bob = Did.of("did:example:bob");
    DdcRegistry reg = DdcRegistry.inMemory(Engine.create(), Clock.systemUTC(), TreeHasher.sm3());
    reg.submit(Request.builder(origin, Operation.LEDGER_INIT, op).nonce(1)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(operator));
    reg.submit(Request.builder(origin, Operation.AUTHORITY_SET_SWITCH, op).nonce(2) // several accounts at once
        .item(Items.of(Operation.AUTHORITY_SET_SWITCH, "switch", io.ddc.model.Switch.BATCH, "on", true))
        .build().sign(operator));
    reg.submit(Request.builder(origin, Operation.ACCOUNT_ADD, op).nonce(3)
        .item(Items.addAccount(academy, "Academy", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))
        .item(Items.addAccount(alice, "Alice", Role.CONSUMER, academy, aKey.publicKey().toUncompressed()))
        .item(Items.addAccount(bob, "Bob", Role.CONSUMER, academy, Sm2PrivateKey.generate().publicKey()
            .toUncompressed()))
        .build().sign(operator));
    long credits = reg.submit(Request.builder(origin, Operation.DDC1155_MINT, academy).nonce(1)
        .item(Items.mint1155(alice, 100, "https://academy.example/credits", null, "credits-2026"))
        .build().sign(platform)).mintedIds().get(0);
    reg.submit(Request.builder(origin, Operation.DDC1155_TRANSFER, alice).nonce(1)
        .item(Items.of(Operation.DDC1155_TRANSFER, "from", alice, "to", bob, "ddc", credits, "amount", 30))
        .build().sign(aliceSigner));
    System.out.println("after the transfer: " + reg.read(s -> s.holders(credits)));
    reg.submit(Request.builder(origin, Operation.DDC1155_BURN, alice).nonce(2)
        .item(Items.of(Operation.DDC1155_BURN, "owner", alice, "ddc", credits)).build().sign(aliceSigner));
    System.out.println("after Alice burns hers: " + reg.read(s -> s.holders(credits)) + ", supply "
        + reg.read(s -> s.ddc(credits).get().supply()));
  }
}
