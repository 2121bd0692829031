package io.ddc.model;

import io.ddc.json.CanonicalJson;
import io.ddc.sign.SignatureScheme;
import io.ddc.sign.Signer;
import io.ddc.sign.SigningUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recipient's consent to a mint: an SM2 signature by the recipient over
 * {@code "ddc/consent/v1\n"} followed by the canonical JSON of
 * {@code {"actor":..,"item":..,"ledger":..,"op":..}}, where {@code item} is the mint item without
 * its {@code consent} field. It binds the ledger, the minter and every field of the item, its
 * {@code ref} included: the item must have one, and as a platform mints a {@code ref} once, a
 * consent mints one DDC (the engine refuses a consent on an item without a {@code ref},
 * {@code CONSENT_NEEDS_REF}, and a second use, {@code DUPLICATE_REFERENCE}; docs/RULES.md).
 */
public final class Consent {
  private static final byte[] DOMAIN = "ddc/consent/v1\n".getBytes(StandardCharsets.US_ASCII);

  private Consent() {}

  /** The bytes the recipient signs. */
  public static byte[] signingBytes(String ledger, Did actor, Item mintItem) {
    Item bare = mintItem.without("consent");
    Map<String, Object> m = new TreeMap<>();
    m.put("ledger", ledger);
    m.put("op", mintItem.operation().id());
    m.put("actor", actor.value());
    m.put("item", bare.toJson());
    byte[] body = CanonicalJson.write(m);
    byte[] out = new byte[DOMAIN.length + body.length];
    System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
    System.arraycopy(body, 0, out, DOMAIN.length, body.length);
    return out;
  }

  /** {@code mintItem} (which must carry a {@code ref}) with the recipient's consent signature added. */
  public static Item sign(String ledger, Did actor, Item mintItem, Signer recipient)
      throws SigningUnavailableException {
    if (!mintItem.operation().isMint()) {
      throw new IllegalArgumentException("consent is for mint items, not " + mintItem.operation().id());
    }
    if (!mintItem.has("ref")) {
      throw new IllegalArgumentException("a consent covers one certificate, named by its ref: give the mint item a "
          + "ref");
    }
    if (recipient.scheme() != SignatureScheme.SM2_SM3) {
      throw new IllegalArgumentException("consent is signed with SM2, but the signer uses " + recipient.scheme());
    }
    byte[] sig = recipient.sign(signingBytes(ledger, actor, mintItem));
    Item.Builder b = Item.builder(mintItem.operation());
    mintItem.toJson().forEach(b::set);
    return b.set("consent", sig).build();
  }
}
