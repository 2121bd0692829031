package io.ddc.bench.bsn;

import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.model.Did;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The accounts of a differential run, by slot: each slot is one ddc DID with an SM2 key and one
 * anvil address. Slot 0 is the Operator. The keys are random (a signature decides nothing but
 * whether it verifies), so a run is reproducible from its seed alone.
 */
public final class Accounts {
  private final List<Did> dids = new ArrayList<>();
  private final List<Sm2PrivateKey> keys = new ArrayList<>();
  private final List<Signer> signers = new ArrayList<>();
  private final List<String> addresses;

  /** {@code addresses.size()} slots, slot {@code i} at {@code addresses.get(i)}. */
  public Accounts(List<String> addresses) {
    this.addresses = List.copyOf(addresses);
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < addresses.size(); i++) {
      Sm2PrivateKey key = Sm2PrivateKey.generate(random);
      dids.add(Did.of("did:bsndiff:" + i));
      keys.add(key);
      signers.add(Signers.sm2(key));
    }
  }

  /** Slots with made-up addresses, for runs of ddc's side alone (tests). */
  public static Accounts offline(int slots) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      addresses.add(String.format(Locale.ROOT, "0x%040x", i + 1));
    }
    return new Accounts(addresses);
  }

  /** The number of slots. */
  public int size() {
    return dids.size();
  }

  /** The slot's DID. */
  public Did did(int slot) {
    return dids.get(slot);
  }

  /** The slot's anvil address. */
  public String address(int slot) {
    return addresses.get(slot);
  }

  /** The slot's SM2 public key, uncompressed. */
  public byte[] publicKey(int slot) {
    return keys.get(slot).publicKey().toUncompressed();
  }

  /** The slot's signer. */
  public Signer signer(int slot) {
    return signers.get(slot);
  }

  /** The slot of an address, or -1. */
  public int slotOf(String address) {
    for (int i = 0; i < addresses.size(); i++) {
      if (addresses.get(i).equalsIgnoreCase(address)) {
        return i;
      }
    }
    return -1;
  }
}
