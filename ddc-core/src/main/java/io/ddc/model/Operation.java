package io.ddc.model;

import static io.ddc.model.Field.opt;
import static io.ddc.model.Field.req;
import static io.ddc.model.FieldType.BOOL;
import static io.ddc.model.FieldType.DATA;
import static io.ddc.model.FieldType.DID;
import static io.ddc.model.FieldType.FIELDS;
import static io.ddc.model.FieldType.HASH;
import static io.ddc.model.FieldType.KEY;
import static io.ddc.model.FieldType.KEYS;
import static io.ddc.model.FieldType.KIND;
import static io.ddc.model.FieldType.NON_NEGATIVE;
import static io.ddc.model.FieldType.PERMISSIONS;
import static io.ddc.model.FieldType.POSITIVE;
import static io.ddc.model.FieldType.REF;
import static io.ddc.model.FieldType.ROLE;
import static io.ddc.model.FieldType.SIGNATURE;
import static io.ddc.model.FieldType.STATE;
import static io.ddc.model.FieldType.SWITCH;
import static io.ddc.model.FieldType.TEXT;
import static io.ddc.model.FieldType.URI;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every operation a request can ask for, with its wire name and the schema of its items. A
 * request carries one operation and 1 to {@link #maxItems()} items; a request with several items
 * is a batch and is applied all or nothing. The rules of each are in docs/RULES.md.
 */
public enum Operation {
  /** Creates the ledger: the actor becomes the Operator. Only on an empty ledger, one item. */
  LEDGER_INIT("ledger.init", null, true, 1,
      List.of(req("name", TEXT), req("keys", KEYS), req("permissions", PERMISSIONS))),
  /** Adds a platform or consumer account. */
  ACCOUNT_ADD("account.add", null, false, 10_000,
      List.of(req("did", DID), req("name", TEXT), req("role", ROLE), opt("leader", DID), req("keys", KEYS),
          opt("fields", FIELDS))),
  /** Changes an account's platform or operator state. */
  ACCOUNT_SET_STATE("account.setState", null, false, 10_000,
      List.of(req("did", DID), req("state", STATE), req("platformState", BOOL))),
  /** Adds a signing key to an account, valid from now (key rotation: add the new, then retire the old). */
  ACCOUNT_ADD_KEY("account.addKey", null, false, 100, List.of(req("did", DID), req("key", KEY))),
  /** Retires a key: it signs nothing from now on, and what it signed before stays valid. */
  ACCOUNT_RETIRE_KEY("account.retireKey", null, false, 100, List.of(req("did", DID), req("key", KEY))),
  /**
   * Revokes a compromised key: it signs nothing from now on, and what the ledger accepted under its
   * signature from {@code compromisedSince} (ms, not after now) on is void in proofs.
   */
  ACCOUNT_REVOKE_KEY("account.revokeKey", null, false, 100,
      List.of(req("did", DID), req("key", KEY), req("compromisedSince", NON_NEGATIVE))),
  /** Turns one of the Operator's switches on or off. */
  AUTHORITY_SET_SWITCH("authority.setSwitch", null, true, 16, List.of(req("switch", SWITCH), req("on", BOOL))),
  /** Approves or revokes transfers from one platform's accounts to another's. */
  AUTHORITY_CROSS_PLATFORM("authority.crossPlatformApproval", null, true, 10_000,
      List.of(req("from", DID), req("to", DID), req("approved", BOOL))),
  /** Adds an operation to, or removes it from, a role's allow-list. */
  AUTHORITY_SET_PERMISSION("authority.setPermission", null, true, 1_000,
      List.of(req("role", ROLE), req("operation", FieldType.OPERATION), req("allowed", BOOL))),
  /** Sets the DDC-721 collection's name and symbol. */
  DDC721_SET_NAME_SYMBOL("ddc721.setNameAndSymbol", DdcKind.DDC_721, true, 1,
      List.of(req("name", TEXT), req("symbol", TEXT))),
  /** Mints DDC-721 certificates, one per item. */
  DDC721_MINT("ddc721.mint", DdcKind.DDC_721, false, 100_000, mintFields(false, false)),
  /** Mints DDC-721 certificates that the receiver check must accept. */
  DDC721_SAFE_MINT("ddc721.safeMint", DdcKind.DDC_721, false, 100_000, mintFields(false, true)),
  /** Transfers DDC-721 certificates. */
  DDC721_TRANSFER("ddc721.transfer", DdcKind.DDC_721, false, 10_000,
      List.of(req("from", DID), req("to", DID), req("ddc", POSITIVE))),
  /** Transfers DDC-721 certificates that the receiver check must accept. */
  DDC721_SAFE_TRANSFER("ddc721.safeTransfer", DdcKind.DDC_721, false, 10_000,
      List.of(req("from", DID), req("to", DID), req("ddc", POSITIVE), opt("data", DATA))),
  /** Approves one account to transfer or burn one DDC-721. */
  DDC721_APPROVE("ddc721.approve", DdcKind.DDC_721, false, 10_000, List.of(req("to", DID), req("ddc", POSITIVE))),
  /** Approves or revokes an operator for all of the actor's DDC-721 certificates. */
  DDC721_SET_APPROVAL_FOR_ALL("ddc721.setApprovalForAll", DdcKind.DDC_721, false, 100,
      List.of(req("operator", DID), req("approved", BOOL))),
  /** Freezes a DDC-721 (Operator only). */
  DDC721_FREEZE("ddc721.freeze", DdcKind.DDC_721, true, 10_000, List.of(req("ddc", POSITIVE))),
  /** Unfreezes a DDC-721 (Operator only). */
  DDC721_UNFREEZE("ddc721.unfreeze", DdcKind.DDC_721, true, 10_000, List.of(req("ddc", POSITIVE))),
  /** Burns DDC-721 certificates. */
  DDC721_BURN("ddc721.burn", DdcKind.DDC_721, false, 10_000, List.of(req("ddc", POSITIVE))),
  /** Sets a DDC-721's URI once, while it is empty. */
  DDC721_SET_URI("ddc721.setURI", DdcKind.DDC_721, false, 10_000, List.of(req("ddc", POSITIVE), req("uri", URI))),
  /** Mints DDC-1155 certificates with amounts, a new id per item. */
  DDC1155_MINT("ddc1155.safeMint", DdcKind.DDC_1155, false, 100_000, mintFields(true, true)),
  /** Transfers amounts of DDC-1155 certificates (a batch transfer has several items). */
  DDC1155_TRANSFER("ddc1155.safeTransfer", DdcKind.DDC_1155, false, 10_000,
      List.of(req("from", DID), req("to", DID), req("ddc", POSITIVE), req("amount", POSITIVE), opt("data", DATA))),
  /** Approves or revokes an operator for all of the actor's DDC-1155 holdings. */
  DDC1155_SET_APPROVAL_FOR_ALL("ddc1155.setApprovalForAll", DdcKind.DDC_1155, false, 100,
      List.of(req("operator", DID), req("approved", BOOL))),
  /** Freezes a DDC-1155 (Operator only). */
  DDC1155_FREEZE("ddc1155.freeze", DdcKind.DDC_1155, true, 10_000, List.of(req("ddc", POSITIVE))),
  /** Unfreezes a DDC-1155 (Operator only). */
  DDC1155_UNFREEZE("ddc1155.unfreeze", DdcKind.DDC_1155, true, 10_000, List.of(req("ddc", POSITIVE))),
  /** Burns an owner's whole balance of a DDC-1155 (a batch burn has several items). */
  DDC1155_BURN("ddc1155.burn", DdcKind.DDC_1155, false, 10_000, List.of(req("owner", DID), req("ddc", POSITIVE))),
  /** Sets a DDC-1155's URI once, while it is empty. */
  DDC1155_SET_URI("ddc1155.setURI", DdcKind.DDC_1155, false, 10_000, List.of(req("ddc", POSITIVE), req("uri", URI))),
  /** The Operator issues business-fee points to itself. */
  FEE_SELF_RECHARGE("fee.selfRecharge", null, true, 1, List.of(req("amount", POSITIVE))),
  /** Moves points from the actor to another account, under BSN's recharge rules. */
  FEE_RECHARGE("fee.recharge", null, false, 10_000, List.of(req("to", DID), req("amount", POSITIVE))),
  /** Sets the fee of a DDC operation (Operator only). */
  FEE_SET("fee.setFee", null, true, 100, List.of(req("operation", FieldType.OPERATION), req("amount", NON_NEGATIVE))),
  /** Removes the fee of a DDC operation (Operator only). */
  FEE_DELETE("fee.deleteFee", null, true, 100, List.of(req("operation", FieldType.OPERATION))),
  /** Moves collected fees of a DDC kind to the Operator (Operator only). */
  FEE_SETTLE("fee.settlement", null, true, 2, List.of(req("kind", KIND), req("amount", POSITIVE)));

  private final String id;
  private final DdcKind kind;
  private final boolean operatorOnly;
  private final int maxItems;
  private final List<Field> schema;

  Operation(String id, DdcKind kind, boolean operatorOnly, int maxItems, List<Field> schema) {
    this.id = id;
    this.kind = kind;
    this.operatorOnly = operatorOnly;
    this.maxItems = maxItems;
    this.schema = schema;
  }

  private static List<Field> mintFields(boolean amount, boolean data) {
    List<Field> f = new java.util.ArrayList<>(List.of(req("to", DID), opt("uri", URI), opt("metadataRoot", HASH),
        opt("ref", REF), opt("locked", BOOL), opt("consent", SIGNATURE)));
    if (amount) {
      f.add(req("amount", POSITIVE));
    }
    if (data) {
      f.add(opt("data", DATA));
    }
    return List.copyOf(f);
  }

  /** The wire name, e.g. {@code ddc721.mint}. */
  public String id() {
    return id;
  }

  /** The DDC kind this operation acts on, or null for Authority and fee operations. */
  public DdcKind kind() {
    return kind;
  }

  /** Whether only an Operator may perform it, whatever the allow-list says. */
  public boolean operatorOnly() {
    return operatorOnly;
  }

  /** Most items in one request. */
  public int maxItems() {
    return maxItems;
  }

  /** Whether it creates DDCs. */
  public boolean isMint() {
    return this == DDC721_MINT || this == DDC721_SAFE_MINT || this == DDC1155_MINT;
  }

  /** Whether its receiver must accept through the receiver check. */
  public boolean isSafe() {
    return this == DDC721_SAFE_MINT || this == DDC721_SAFE_TRANSFER || this == DDC1155_MINT
        || this == DDC1155_TRANSFER;
  }

  List<Field> schema() {
    return schema;
  }

  /** A human-readable list of the item fields, {@code ?} marking optional ones. */
  public String describeItem() {
    return Field.names(schema);
  }

  /** The operation named {@code id}. */
  public static Operation parse(String id) throws MalformedDataException {
    for (Operation o : values()) {
      if (o.id.equals(id)) {
        return o;
      }
    }
    throw new MalformedDataException("unknown operation \"" + Did.printable(id) + "\"");
  }

  /** The allow-list a new ledger starts with for platforms and consumers (Operators may do everything). */
  public static Set<Operation> defaultPermissions(Role role) {
    switch (role) {
      case OPERATOR:
        return EnumSet.complementOf(EnumSet.of(LEDGER_INIT));
      case PLATFORM:
        return EnumSet.of(ACCOUNT_ADD, ACCOUNT_SET_STATE, ACCOUNT_ADD_KEY, ACCOUNT_RETIRE_KEY, ACCOUNT_REVOKE_KEY,
            DDC721_MINT, DDC721_SAFE_MINT, DDC721_TRANSFER,
            DDC721_SAFE_TRANSFER, DDC721_APPROVE, DDC721_SET_APPROVAL_FOR_ALL, DDC721_BURN, DDC721_SET_URI,
            DDC1155_MINT, DDC1155_TRANSFER, DDC1155_SET_APPROVAL_FOR_ALL, DDC1155_BURN, DDC1155_SET_URI,
            FEE_RECHARGE);
      case CONSUMER:
        return EnumSet.of(ACCOUNT_ADD_KEY, ACCOUNT_RETIRE_KEY, ACCOUNT_REVOKE_KEY, DDC721_TRANSFER,
            DDC721_SAFE_TRANSFER, DDC721_APPROVE, DDC721_SET_APPROVAL_FOR_ALL,
            DDC721_BURN, DDC721_SET_URI, DDC1155_TRANSFER, DDC1155_SET_APPROVAL_FOR_ALL, DDC1155_BURN,
            DDC1155_SET_URI, FEE_RECHARGE);
      default:
        throw new AssertionError(role);
    }
  }
}
