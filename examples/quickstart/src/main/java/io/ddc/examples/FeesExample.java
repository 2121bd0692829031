package io.ddc.examples;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.engine.DdcRegistry;
import io.ddc.engine.RequestRejectedException;
import io.ddc.model.Did;
import io.ddc.model.Items;
import io.ddc.model.Operation;
import io.ddc.model.Request;
import io.ddc.model.Role;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.util.List;

/**
 * Business fees: points, never a currency. The Operator issues points, recharges a platform, sets
 * a fee on DDC-721 mints; each mint then costs the platform points, and a mint it cannot pay for is
 * rejected with nothing changed.
 */
public final class FeesExample {
  private FeesExample() {}

  public static void main(String[] args) throws Exception {
    String origin = "fees.ddc.example/ledger";
    Sm2PrivateKey opKey = Sm2PrivateKey.generate();
    Sm2PrivateKey pKey = Sm2PrivateKey.generate();
    Signer operator = Signers.sm2(opKey);
    Signer platform = Signers.sm2(pKey);
    Did op = Did.of("did:example:operator");
    Did uni = Did.of("did:example:university");
    DdcRegistry reg = DdcRegistry.inMemory();
    long n = 1;
    reg.submit(Request.builder(origin, Operation.LEDGER_INIT, op).nonce(n++)
        .item(Items.ledgerInit("Operator", List.of(opKey.publicKey().toUncompressed()))).build().sign(operator));
    reg.submit(Request.builder(origin, Operation.ACCOUNT_ADD, op).nonce(n++)
        .item(Items.addAccount(uni, "University", Role.PLATFORM, null, pKey.publicKey().toUncompressed()))
        .build().sign(operator));
    reg.submit(Request.builder(origin, Operation.FEE_SELF_RECHARGE, op).nonce(n++)
        .item(Items.of(Operation.FEE_SELF_RECHARGE, "amount", 1000)).build().sign(operator));
    reg.submit(Request.builder(origin, Operation.FEE_RECHARGE, op).nonce(n++)
        .item(Items.of(Operation.FEE_RECHARGE, "to", uni, "amount", 5)).build().sign(operator));
    reg.submit(Request.builder(origin, Operation.FEE_SET, op).nonce(n++)
        .item(Items.of(Operation.FEE_SET, "operation", Operation.DDC721_MINT, "amount", 2)).build().sign(operator));
    for (long i = 1; i <= 3; i++) {
      try {
        reg.submit(Request.builder(origin, Operation.DDC721_MINT, uni).nonce(i)
            .item(Items.mint721(uni, null, null, "fee-demo-" + i)).build().sign(platform));
        System.out.println("mint " + i + " paid; the university has " + reg.read(s -> s.points(uni)) + " points");
      } catch (RequestRejectedException e) {
        System.out.println("mint " + i + " rejected: " + e.code() + " (" + e.detail() + ")");
      }
    }
    System.out.println("collected for DDC-721: " + reg.read(s -> s.collected(io.ddc.model.DdcKind.DDC_721)));
  }
}
