package io.ddc.bench.bsn;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.bench.bsn.Classifier.Kind;
import io.ddc.bench.bsn.Classifier.Verdict;
import io.ddc.model.DdcKind;
import io.ddc.model.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {
  private static final Op MINT = Op.of(OpKind.MINT_721, 1).account(5).uris(List.of("")).build();

  @Test
  void sameOutcomes_agree() {
    assertThat(Classifier.classify(MINT, "OK", null, List.of(), false).kind()).isEqualTo(Kind.BOTH_ACCEPTED);
    assertThat(Classifier.classify(MINT, "NOT_PERMITTED", "DDC721:no permission", List.of(), false).kind())
        .isEqualTo(Kind.BOTH_REJECTED);
  }

  @Test
  void crossPlatformMint_isListed_butOtherRejectionsOfAMint_areNot() {
    Verdict v = Classifier.classify(MINT, "CROSS_PLATFORM_NOT_APPROVED", null, List.of(), false);
    assertThat(v.kind()).isEqualTo(Kind.LISTED);
    assertThat(v.topic()).isEqualTo(Classifier.CROSS_PLATFORM);
    assertThat(Classifier.classify(MINT, "ACCOUNT_FROZEN", null, List.of(), false).kind()).isEqualTo(Kind.NOT_LISTED);
    assertThat(Classifier.classify(MINT, "OK", "DDC721:no permission", List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
  }

  @Test
  void operatorFreezingItself_isListed_aPlatformChangingTheOperatorsState_too_butNotItsOwn() {
    Op self = Op.of(OpKind.SET_STATE, 0).account(0).uris(List.of("frozen")).build();
    assertThat(Classifier.classify(self, "NOT_AUTHORIZED", null, List.of(), false).topic())
        .isEqualTo(Classifier.OPERATOR);
    Op operatorState = Op.of(OpKind.SET_STATE, 2).account(5).uris(List.of("frozen")).build();
    assertThat(Classifier.classify(operatorState, "NOT_AUTHORIZED", null, List.of(), false).topic())
        .isEqualTo(Classifier.PLATFORM_STATE);
    Op platformState = Op.of(OpKind.SET_STATE, 2).account(5).uris(List.of("frozen")).flag(true).build();
    assertThat(Classifier.classify(platformState, "NOT_AUTHORIZED", null, List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
  }

  @Test
  void uri1155_byAHolder_isListed_soIsABurnedDdc_butNotALockedOne() {
    Op uri = Op.of(OpKind.SET_URI_1155, 4).ddcs(List.of(0)).uris(List.of("u")).build();
    assertThat(Classifier.classify(uri, "NOT_AUTHORIZED", null, List.of(), false).topic())
        .isEqualTo(Classifier.URI_1155);
    assertThat(Classifier.classify(uri, "DDC_BURNED", null, List.of(), false).topic())
        .isEqualTo(Classifier.BURNED_1155);
    assertThat(Classifier.classify(uri, "OK", "DDC1155:locked ddc", List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
    Op freeze721 = Op.of(OpKind.FREEZE, 0).ddcKind(DdcKind.DDC_721).ddcs(List.of(0)).build();
    assertThat(Classifier.classify(freeze721, "DDC_BURNED", null, List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
  }

  @Test
  void frozen1155BurnByTheOperator_differingInFeesOnly_isListed() {
    Op burn = Op.of(OpKind.BURN_1155, 0).other(0).ddcs(List.of(0)).build();
    List<String> fees = List.of("points s0: ddc 7, BSN 4", "collected 1155: ddc 3, BSN 6");
    assertThat(Classifier.classify(burn, "OK", null, fees, true).topic()).isEqualTo(Classifier.BURN_1155);
    assertThat(Classifier.classify(burn, "OK", null, fees, false).kind()).isEqualTo(Kind.NOT_LISTED);
    List<String> balances = List.of("d0 (1155 ddc #1, BSN #1) balance s3: ddc 0, BSN 2");
    Verdict v = Classifier.classify(burn, "OK", null, balances, true);
    assertThat(v.kind()).isEqualTo(Kind.NOT_LISTED);
    assertThat(v.signature()).contains("dN balance sN").doesNotContain("#1");
  }

  @Test
  void deletingAnUnsetFee_andFeesOnUnchargedOperations_areListed_aMintsFeeIsNot() {
    Op delete = Op.of(OpKind.DELETE_FEE, 0).feeOperation(Operation.DDC721_MINT).build();
    assertThat(Classifier.classify(delete, "STATE_UNCHANGED", null, List.of(), false).topic())
        .isEqualTo(Classifier.NO_CHANGE);
    Op approve = Op.of(OpKind.APPROVE_721, 3).account(4).ddcs(List.of(0)).build();
    assertThat(Classifier.classify(approve, "INSUFFICIENT_FEE", null, List.of(), false).topic())
        .isEqualTo(Classifier.FEES);
    assertThat(Classifier.classify(approve, "OK", null, List.of("points s3: ddc 1, BSN 2"), false).topic())
        .isEqualTo(Classifier.FEES);
    assertThat(Classifier.classify(MINT, "INSUFFICIENT_FEE", null, List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
    Op settle = Op.of(OpKind.SETTLE, 0).ddcKind(DdcKind.DDC_721).amounts(List.of(1L)).build();
    assertThat(Classifier.classify(settle, "INSUFFICIENT_BALANCE", "charge: account balance is not enough",
        List.of(), false).agrees()).isTrue();
  }

  @Test
  void aOneAccountBatchWithTheSwitchOff_isListed_twoAccountsAreNot() {
    Op one = Op.of(OpKind.ADD_ACCOUNTS_BATCH, 0).accounts(List.of(4)).amounts(List.of(-1L)).build();
    assertThat(Classifier.classify(one, "OK", "Authority:switcher of batch is closed", List.of(), false).topic())
        .isEqualTo(Classifier.BATCH);
    Op two = Op.of(OpKind.ADD_ACCOUNTS_BATCH, 0).accounts(List.of(4, 5)).amounts(List.of(-1L, -1L)).build();
    assertThat(Classifier.classify(two, "OK", "Authority:switcher of batch is closed", List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
  }

  @Test
  void burnsNamedInSection6_areListed_aConsumerBurnBatchShortOfBalanceIsNot() {
    Op byOperatorForAll = Op.of(OpKind.BURN_1155, 4).other(7).ddcs(List.of(0)).build();
    assertThat(Classifier.classify(byOperatorForAll, "ACCOUNT_FROZEN", null, List.of(), false).topic())
        .isEqualTo(Classifier.BURN_FROZEN_OWNER);
    Op operatorBatch = Op.of(OpKind.BURN_1155_BATCH, 0).other(0).ddcs(List.of(0, 1)).build();
    assertThat(Classifier.classify(operatorBatch, "OK", "DDC1155:insufficient balance", List.of(), true).topic())
        .isEqualTo(Classifier.BURN_BATCH_1155);
    Op consumerBatch = Op.of(OpKind.BURN_1155_BATCH, 3).other(3).ddcs(List.of(0, 1)).build();
    assertThat(Classifier.classify(consumerBatch, "OK", "DDC1155:insufficient balance", List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
  }

  @Test
  void selectors_areKeccakOfTheSignature() {
    assertThat(BsnCalls.selector("transfer(address,uint256)")).isEqualTo("0xa9059cbb");
    assertThat(BsnCalls.all()).extracting(BsnCalls.Fn::signature).contains("mintBatch(address,string[])",
        BsnCalls.LOCK);
  }
}
