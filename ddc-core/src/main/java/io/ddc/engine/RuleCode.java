package io.ddc.engine;

/** Why the engine rejected a request; docs/RULES.md lists the rule behind each. */
public enum RuleCode {
  /** The ledger has no {@code ledger.init} yet. */
  NOT_INITIALIZED,
  /** {@code ledger.init} on a ledger that already has one. */
  ALREADY_INITIALIZED,
  /** The request names another ledger's origin. */
  WRONG_LEDGER,
  /** The request is malformed for its operation (item count, a field that is not allowed). */
  INVALID_ARGUMENT,
  /** A named account does not exist. */
  UNKNOWN_ACCOUNT,
  /** The actor's or relayer's signature does not verify with any of the account's keys. */
  BAD_SIGNATURE,
  /** The request's deadline has passed. */
  EXPIRED,
  /** The nonce is not above the actor's last accepted nonce. */
  BAD_NONCE,
  /** An account that must be active (actor, relayer, sender, receiver) is frozen. */
  ACCOUNT_FROZEN,
  /** The allow-list does not let the actor's role perform the operation. */
  NOT_PERMITTED,
  /** The actor's role or its relation to the account or DDC does not allow this. */
  NOT_AUTHORIZED,
  /** A switch this needs is off. */
  SWITCH_OFF,
  /** An account with this DID exists already. */
  ACCOUNT_EXISTS,
  /** The account never had the key named. */
  UNKNOWN_KEY,
  /** The account has (or had: keys are not reused) the key to be added. */
  KEY_EXISTS,
  /** Retiring the key would leave the account without a current key. */
  LAST_KEY,
  /** The change would set a value to what it already is. */
  STATE_UNCHANGED,
  /** An approval between accounts of different platforms. */
  NOT_SAME_PLATFORM,
  /** A transfer or mint to another platform's account without cross-platform approval. */
  CROSS_PLATFORM_NOT_APPROVED,
  /** No DDC of the operation's kind has this id. */
  UNKNOWN_DDC,
  /** The DDC is frozen. */
  DDC_FROZEN,
  /** The DDC is non-transferable (ERC-5192 locked). */
  DDC_LOCKED,
  /** The DDC is burned. */
  DDC_BURNED,
  /** The {@code from} account does not own the DDC. */
  NOT_OWNER,
  /** The URI is already set and is write-once. */
  URI_ALREADY_SET,
  /** Not enough of a DDC-1155 amount, collected fees or points to move. */
  INSUFFICIENT_BALANCE,
  /** The payer's points do not cover the operation's fee. */
  INSUFFICIENT_FEE,
  /** BSN's recharge rules forbid points moving between these roles. */
  RECHARGE_NOT_ALLOWED,
  /** The client reference was used before by the same platform. */
  DUPLICATE_REFERENCE,
  /** The mint needs the recipient's consent signature. */
  CONSENT_REQUIRED,
  /**
   * A consent on a mint item without a {@code ref}: a consent covers one certificate, named by
   * its client reference, so that it cannot be used twice (docs/RULES.md, "Consent").
   */
  CONSENT_NEEDS_REF,
  /** The recipient's consent signature does not verify. */
  BAD_CONSENT,
  /** The receiver check refused the DDC. */
  RECEIVER_REJECTED,
  /** A total would exceed 2^53 - 1. */
  OVERFLOW
}
