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
  void operatorFreezingItself_isListed_aPlatformStateFlagIsNot() {
    Op self = Op.of(OpKind.SET_STATE, 0).account(0).uris(List.of("frozen")).build();
    assertThat(Classifier.classify(self, "NOT_AUTHORIZED", null, List.of(), false).topic())
        .isEqualTo(Classifier.OPERATOR);
    Op platform = Op.of(OpKind.SET_STATE, 2).account(5).uris(List.of("frozen")).build();
    assertThat(Classifier.classify(platform, "NOT_AUTHORIZED", null, List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
  }

  @Test
  void uri1155_byAHolder_isListed_onABurnedDdc_isNot() {
    Op uri = Op.of(OpKind.SET_URI_1155, 4).ddcs(List.of(0)).uris(List.of("u")).build();
    assertThat(Classifier.classify(uri, "NOT_AUTHORIZED", null, List.of(), false).topic())
        .isEqualTo(Classifier.URI_1155);
    assertThat(Classifier.classify(uri, "DDC_BURNED", null, List.of(), false).kind()).isEqualTo(Kind.NOT_LISTED);
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
  void feeOperations_haveNoListedDifference() {
    Op delete = Op.of(OpKind.DELETE_FEE, 0).feeOperation(Operation.DDC721_MINT).build();
    assertThat(Classifier.classify(delete, "STATE_UNCHANGED", null, List.of(), false).kind())
        .isEqualTo(Kind.NOT_LISTED);
    Op settle = Op.of(OpKind.SETTLE, 0).ddcKind(DdcKind.DDC_721).amounts(List.of(1L)).build();
    assertThat(Classifier.classify(settle, "INSUFFICIENT_BALANCE", "charge: account balance is not enough",
        List.of(), false).agrees()).isTrue();
  }

  @Test
  void selectors_areKeccakOfTheSignature() {
    assertThat(BsnCalls.selector("transfer(address,uint256)")).isEqualTo("0xa9059cbb");
    assertThat(BsnCalls.all()).extracting(BsnCalls.Fn::signature).contains("mintBatch(address,string[])",
        BsnCalls.LOCK);
  }
}
