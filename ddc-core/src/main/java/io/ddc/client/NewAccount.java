package io.ddc.client;

import io.ddc.model.Did;
import io.ddc.model.Item;
import io.ddc.model.Items;
import io.ddc.model.Role;
import java.util.Objects;

/**
 * One account to add with {@link DdcClient#addAccounts} (BSN's {@code addBatchAccountByOperator}
 * and {@code addBatchAccountByPlatform}): a platform or a consumer, with one SM2 public key.
 * Immutable.
 */
public final class NewAccount {
  private final Did did;
  private final String name;
  private final Role role;
  private final Did leader;
  private final byte[] publicKey;

  private NewAccount(Did did, String name, Role role, Did leader, byte[] publicKey) {
    this.did = Objects.requireNonNull(did, "did");
    this.name = Objects.requireNonNull(name, "name");
    this.role = role;
    this.leader = leader;
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
  }

  /**
   * A platform {@code did}, named {@code name}, with SM2 public key {@code publicKey} (65-byte
   * uncompressed point). Only the Operator adds platforms.
   *
   * @throws NullPointerException if an argument is null
   */
  public static NewAccount platform(Did did, String name, byte[] publicKey) {
    return new NewAccount(did, name, Role.PLATFORM, null, publicKey);
  }

  /**
   * A consumer {@code did} of platform {@code leader}, named {@code name}, with SM2 public key
   * {@code publicKey}. A platform adding its own consumers may give {@code leader} null (itself).
   *
   * @throws NullPointerException if {@code did}, {@code name} or {@code publicKey} is null
   */
  public static NewAccount consumer(Did did, String name, Did leader, byte[] publicKey) {
    return new NewAccount(did, name, Role.CONSUMER, leader, publicKey);
  }

  /** The new account's DID. */
  public Did did() {
    return did;
  }

  /** Its name. */
  public String name() {
    return name;
  }

  /** {@link Role#PLATFORM} or {@link Role#CONSUMER}. */
  public Role role() {
    return role;
  }

  /** A consumer's platform, or null (a platform, or a consumer added by its platform). */
  public Did leader() {
    return leader;
  }

  /** Its SM2 public key, a copy. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The {@code account.add} item. */
  Item item() {
    return Items.addAccount(did, name, role, leader, publicKey);
  }

  @Override
  public String toString() {
    return "NewAccount[" + role.id() + " " + did + (leader == null ? "" : " of " + leader) + "]";
  }
}
