package io.ddc.model;

import static io.ddc.model.Field.opt;
import static io.ddc.model.Field.req;
import static io.ddc.model.FieldType.BOOL;
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
import static io.ddc.model.FieldType.STATE;
import static io.ddc.model.FieldType.SWITCH;
import static io.ddc.model.FieldType.TEXT;
import static io.ddc.model.FieldType.URI;

import java.util.List;

/** The kinds of change, each with the schema of its {@code data}. */
public enum EventType {
  /** The ledger was created; {@code operator} is its first Operator. */
  LEDGER_INITIALIZED("ledger.initialized", List.of(req("operator", DID), req("name", TEXT), req("keys", KEYS),
      req("permissions", PERMISSIONS))),
  /** An account was added. */
  ACCOUNT_ADDED("account.added", List.of(req("did", DID), req("name", TEXT), req("role", ROLE),
      req("leader", DID), req("keys", KEYS), opt("fields", FIELDS))),
  /** An account's states are now these. */
  ACCOUNT_STATE_CHANGED("account.stateChanged", List.of(req("did", DID), req("platformState", STATE),
      req("operatorState", STATE))),
  /** A switch was turned on or off. */
  /** A key was added to an account, valid from the event's time. */
  KEY_ADDED("account.keyAdded", List.of(req("did", DID), req("key", KEY))),
  /** A key was retired at the event's time; its earlier signatures stay valid. */
  KEY_RETIRED("account.keyRetired", List.of(req("did", DID), req("key", KEY))),
  /** A key was revoked at the event's time; its signatures from {@code compromisedSince} on are void. */
  KEY_REVOKED("account.keyRevoked", List.of(req("did", DID), req("key", KEY),
      req("compromisedSince", NON_NEGATIVE))),
  SWITCH_SET("authority.switchSet", List.of(req("switch", SWITCH), req("on", BOOL))),
  /** Transfers from one platform to another were approved or revoked. */
  CROSS_PLATFORM_APPROVAL_SET("authority.crossPlatformApprovalSet", List.of(req("from", DID), req("to", DID),
      req("approved", BOOL))),
  /** An operation was added to or removed from a role's allow-list. */
  PERMISSION_SET("authority.permissionSet", List.of(req("role", ROLE), req("operation", FieldType.OPERATION),
      req("allowed", BOOL))),
  /** A collection's name and symbol were set. */
  NAME_SYMBOL_SET("ddc.nameSymbolSet", List.of(req("kind", KIND), req("name", TEXT), req("symbol", TEXT))),
  /** A DDC was created. */
  MINTED("ddc.minted", List.of(req("ddc", POSITIVE), req("kind", KIND), req("creator", DID), req("to", DID),
      req("amount", POSITIVE), opt("uri", URI), opt("metadataRoot", HASH), opt("ref", REF), req("locked", BOOL))),
  /** An amount (1 for DDC-721) of a DDC changed hands; a DDC-721 approval is cleared. */
  TRANSFERRED("ddc.transferred", List.of(req("ddc", POSITIVE), req("kind", KIND), req("from", DID),
      req("to", DID), req("amount", POSITIVE))),
  /** One account was approved for one DDC-721. */
  APPROVED("ddc.approved", List.of(req("ddc", POSITIVE), req("owner", DID), req("approved", DID))),
  /** An operator was approved or revoked for all of an owner's DDCs of a kind. */
  APPROVAL_FOR_ALL_SET("ddc.approvalForAllSet", List.of(req("kind", KIND), req("owner", DID),
      req("operator", DID), req("approved", BOOL))),
  /** A DDC was frozen. */
  FROZEN("ddc.frozen", List.of(req("ddc", POSITIVE), req("kind", KIND))),
  /** A DDC was unfrozen. */
  UNFROZEN("ddc.unfrozen", List.of(req("ddc", POSITIVE), req("kind", KIND))),
  /** An owner's amount (1 for DDC-721) of a DDC was destroyed. */
  BURNED("ddc.burned", List.of(req("ddc", POSITIVE), req("kind", KIND), req("owner", DID),
      req("amount", POSITIVE))),
  /** A DDC's URI was set. */
  URI_SET("ddc.uriSet", List.of(req("ddc", POSITIVE), req("kind", KIND), req("uri", URI))),
  /** The Operator issued points to itself. */
  POINTS_ISSUED("fee.pointsIssued", List.of(req("to", DID), req("amount", POSITIVE))),
  /** Points moved between accounts. */
  RECHARGED("fee.recharged", List.of(req("from", DID), req("to", DID), req("amount", POSITIVE))),
  /** A business fee was paid into its kind's collected pool. */
  FEE_PAID("fee.paid", List.of(req("payer", DID), req("operation", FieldType.OPERATION), req("amount", POSITIVE),
      opt("ddc", POSITIVE))),
  /** The fee of an operation was set. */
  FEE_RULE_SET("fee.ruleSet", List.of(req("operation", FieldType.OPERATION), req("amount", NON_NEGATIVE))),
  /** The fee of an operation was removed. */
  FEE_RULE_REMOVED("fee.ruleRemoved", List.of(req("operation", FieldType.OPERATION))),
  /** Collected fees of a kind moved to the Operator. */
  SETTLED("fee.settled", List.of(req("kind", KIND), req("to", DID), req("amount", POSITIVE)));

  private final String id;
  private final List<Field> schema;

  EventType(String id, List<Field> schema) {
    this.id = id;
    this.schema = schema;
  }

  /** The wire name, e.g. {@code ddc.minted}. */
  public String id() {
    return id;
  }

  List<Field> schema() {
    return schema;
  }

  /** The type named {@code id}. */
  public static EventType parse(String id) throws MalformedDataException {
    for (EventType t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new MalformedDataException("unknown event type \"" + Did.printable(id) + "\"");
  }
}
