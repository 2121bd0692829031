package io.ddc.bench.bsn;

import java.util.List;
import java.util.Set;

/**
 * Sorts one operation's two outcomes: an agreement (both accepted and left the same observable
 * state, or both rejected), a difference docs/RULES.md §6 lists (named by its topic there), or a
 * difference it does not list. A difference is listed only when it is exactly the one §6 describes
 * (the rule, the operation and the direction); everything else is "not listed".
 */
public final class Classifier {
  /** §6 topic: {@code crossPlatformCheck} is commented out of BSN's transfers and mints. */
  public static final String CROSS_PLATFORM = "§6 cross-platform transfers";
  /** §6 topic: BSN's Operator may freeze itself. */
  public static final String OPERATOR = "§6 Operator";
  /** §6 topic: BSN lets any holder (or anyone naming itself owner) set a DDC-1155's URI. */
  public static final String URI_1155 = "§6 1155 setURI";
  /** §6 topic: BSN's frozen 1155 burn pays the fee once per holder. */
  public static final String BURN_1155 = "§6 1155 burn";
  /** §6 topic: BSN accepts a request that changes nothing (e.g. deleting a fee never set). */
  public static final String NO_CHANGE = "§6 requests that change nothing";
  /** §6 topic: BSN charges only mints, transfers and burns, whatever fee is set on other operations. */
  public static final String FEES = "§6 fees on every operation";
  /** §6 topic: BSN ignores {@code changePlatformState} when a platform sets a state. */
  public static final String PLATFORM_STATE = "§6 a platform setting a state";
  /** §6 topic: BSN's batch calls need the batch switch even for one account. */
  public static final String BATCH = "§6 batch switch";
  /** §6 topic: BSN lets an approved account or operator-for-all burn while the owner is frozen. */
  public static final String BURN_FROZEN_OWNER = "§6 burn while the owner is frozen";
  /** §6 topic: BSN's Operator {@code burnBatch} of a frozen DDC-1155 burns only the named owner's balance. */
  public static final String BURN_BATCH_1155 = "§6 the Operator's burnBatch of a frozen DDC-1155";
  /** §6 topic: a DDC-1155 whose whole supply is burned stays usable in BSN. */
  public static final String BURNED_1155 = "§6 burned DDC-1155";

  /** The operations BSN never charges for, on which ddc charges a fee that is set. */
  private static final Set<OpKind> UNCHARGED = Set.of(OpKind.APPROVE_721, OpKind.APPROVAL_FOR_ALL, OpKind.SET_URI_721,
      OpKind.SET_URI_1155, OpKind.FREEZE, OpKind.UNFREEZE);
  /** The operations on a DDC-1155 that ddc refuses once its whole supply is burned. */
  private static final Set<OpKind> ON_A_1155 = Set.of(OpKind.FREEZE, OpKind.UNFREEZE, OpKind.SET_URI_1155,
      OpKind.BURN_1155, OpKind.BURN_1155_BATCH);

  private static final Set<OpKind> MINTS_AND_TRANSFERS = Set.of(OpKind.MINT_721, OpKind.SAFE_MINT_721,
      OpKind.MINT_721_BATCH, OpKind.MINT_1155, OpKind.MINT_1155_BATCH, OpKind.TRANSFER_721, OpKind.SAFE_TRANSFER_721,
      OpKind.TRANSFER_1155, OpKind.TRANSFER_1155_BATCH);

  private Classifier() {}

  /** How an operation came out on both sides. */
  public enum Kind {
    /** Both accepted, and the observable state is the same. */
    BOTH_ACCEPTED,
    /** Both rejected. */
    BOTH_REJECTED,
    /** A difference §6 lists. */
    LISTED,
    /** A difference §6 does not list. */
    NOT_LISTED
  }

  /**
   * The verdict on one operation.
   *
   * @param kind agreement or difference
   * @param topic the §6 topic of a listed difference, else null
   * @param signature what groups like outcomes: the operation kind, both outcomes, and for a state
   *     difference what differed (ids left out)
   */
  public record Verdict(Kind kind, String topic, String signature) {
    /** Whether the outcomes agree. */
    public boolean agrees() {
      return kind == Kind.BOTH_ACCEPTED || kind == Kind.BOTH_REJECTED;
    }
  }

  /**
   * Classifies an operation's outcomes.
   *
   * @param op the operation
   * @param ddcCode {@code OK} or the rule code (or {@code MALFORMED})
   * @param bsnReason null if BSN accepted, else its revert reason
   * @param stateDiffs when both accepted: the observable differences (empty if none)
   * @param ddcFrozenBefore whether the operation's DDC was frozen before it (ddc's state)
   */
  public static Verdict classify(Op op, String ddcCode, String bsnReason, List<String> stateDiffs,
      boolean ddcFrozenBefore) {
    boolean ddcOk = "OK".equals(ddcCode);
    boolean bsnOk = bsnReason == null;
    String outcome = op.kind() + " ddc=" + ddcCode + " bsn=" + (bsnOk ? "OK" : bsnReason);
    if (ddcOk && bsnOk) {
      if (stateDiffs.isEmpty()) {
        return new Verdict(Kind.BOTH_ACCEPTED, null, outcome);
      }
      String signature = op.kind() + " both OK, state differs: " + String.join("; ", stateDiffs.stream()
          .map(Classifier::withoutIds).distinct().toList());
      boolean feesOnly = stateDiffs.stream().allMatch(d -> d.startsWith("points ") || d.startsWith("collected "));
      if (op.kind() == OpKind.BURN_1155 && ddcFrozenBefore && op.actor() == 0 && feesOnly) {
        return new Verdict(Kind.LISTED, BURN_1155, signature);
      }
      if (op.kind() == OpKind.BURN_1155_BATCH && op.actor() == 0 && ddcFrozenBefore) {
        return new Verdict(Kind.LISTED, BURN_BATCH_1155, signature);
      }
      if (UNCHARGED.contains(op.kind()) && feesOnly) {
        return new Verdict(Kind.LISTED, FEES, signature);
      }
      return new Verdict(Kind.NOT_LISTED, null, signature);
    }
    if (!ddcOk && !bsnOk) {
      return new Verdict(Kind.BOTH_REJECTED, null, outcome);
    }
    if (bsnOk && "CROSS_PLATFORM_NOT_APPROVED".equals(ddcCode) && MINTS_AND_TRANSFERS.contains(op.kind())) {
      return new Verdict(Kind.LISTED, CROSS_PLATFORM, outcome);
    }
    if (bsnOk && "NOT_AUTHORIZED".equals(ddcCode) && op.kind() == OpKind.SET_STATE && op.actor() == 0
        && op.account() == 0) {
      return new Verdict(Kind.LISTED, OPERATOR, outcome);
    }
    if (bsnOk && "NOT_AUTHORIZED".equals(ddcCode) && op.kind() == OpKind.SET_URI_1155) {
      return new Verdict(Kind.LISTED, URI_1155, outcome);
    }
    if (bsnOk && "STATE_UNCHANGED".equals(ddcCode) && op.kind() == OpKind.DELETE_FEE) {
      return new Verdict(Kind.LISTED, NO_CHANGE, outcome);
    }
    if (bsnOk && "INSUFFICIENT_FEE".equals(ddcCode) && UNCHARGED.contains(op.kind())) {
      return new Verdict(Kind.LISTED, FEES, outcome);
    }
    if (bsnOk && "NOT_AUTHORIZED".equals(ddcCode) && op.kind() == OpKind.SET_STATE && op.actor() != 0 && !op.flag()) {
      return new Verdict(Kind.LISTED, PLATFORM_STATE, outcome);
    }
    if (ddcOk && bsnReason.contains("switcher of batch is closed") && op.kind() == OpKind.ADD_ACCOUNTS_BATCH
        && op.accounts().size() == 1) {
      return new Verdict(Kind.LISTED, BATCH, outcome);
    }
    if (bsnOk && "ACCOUNT_FROZEN".equals(ddcCode) && op.actor() != 0
        && (op.kind() == OpKind.BURN_1155 || op.kind() == OpKind.BURN_1155_BATCH || op.kind() == OpKind.BURN_721)) {
      return new Verdict(Kind.LISTED, BURN_FROZEN_OWNER, outcome);
    }
    if (ddcOk && bsnReason.contains("insufficient balance") && op.kind() == OpKind.BURN_1155_BATCH
        && op.actor() == 0) {
      return new Verdict(Kind.LISTED, BURN_BATCH_1155, outcome);
    }
    if (bsnOk && "DDC_BURNED".equals(ddcCode) && ON_A_1155.contains(op.kind())
        && (op.kind() == OpKind.SET_URI_1155 || op.kind().name().startsWith("BURN_1155")
            || op.ddcKind() == io.ddc.model.DdcKind.DDC_1155)) {
      return new Verdict(Kind.LISTED, BURNED_1155, outcome);
    }
    return new Verdict(Kind.NOT_LISTED, null, outcome);
  }

  /** A state difference line without the numbers that vary between instances. */
  static String withoutIds(String diff) {
    int colon = diff.indexOf(':');
    String what = colon < 0 ? diff : diff.substring(0, colon);
    return what.replaceAll("\\(.*\\)", "").replaceAll("\\bs\\d+\\b", "sN").replaceAll("\\bd\\d+\\b", "dN")
        .replaceAll("\\s+", " ").trim();
  }
}
