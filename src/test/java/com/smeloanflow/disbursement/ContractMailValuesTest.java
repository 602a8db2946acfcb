package com.smeloanflow.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The notes of the signing mail: a revolving line's applicant reads that a registered mortgage lets the line open
 * (nothing is paid out) and that the guarantors sign a 最高额保证合同; a term loan's applicant reads of the payout.
 */
class ContractMailValuesTest {

  private static final String ID = "SL20261201000001";

  private final ContractService contracts = mock(ContractService.class);
  private final ApprovalDecisions approvals = mock(ApprovalDecisions.class);
  private final LoanApplicationRepository applications = mock(LoanApplicationRepository.class);
  private final ContractMailValues values = new ContractMailValues(contracts, approvals, mock(DisbursementCheckService.class),
      applications);

  private Map<String, String> valuesFor(Product product, GuaranteeType guarantee) {
    when(applications.get(ID)).thenReturn(ContractTextTest.application(product, guarantee, 36));
    when(approvals.find(ID)).thenReturn(Optional.of(ContractTextTest.approval("1000000.00", guarantee)));
    when(contracts.guarantees(ID)).thenReturn(guarantee == GuaranteeType.GUARANTEE
        ? List.of(new ContractService.GuaranteeContract(ID, 1, "BZ20261201000001-1", "李强", "520302197001010011", "ENV-1", "SENT", null, null))
        : List.of());
    return values.values(ID);
  }

  @Test
  void lineOnMortgageOpensOnceTheMaximumAmountMortgageIsRegistered() {
    assertThat(valuesFor(Product.REVOLVING_LINE, GuaranteeType.MORTGAGE).get("mortgageNote"))
        .contains("最高额抵押登记", "登记完成后方可开通额度").doesNotContain("放款");
  }

  @Test
  void lineGuarantorsSignAMaximumAmountGuarantee() {
    assertThat(valuesFor(Product.REVOLVING_LINE, GuaranteeType.GUARANTEE).get("guaranteeNote"))
        .isEqualTo("保证人 李强 须在 15 个工作日内通过电子签约签署最高额保证合同。\n");
  }

  @Test
  void termLoanNotesStillSpeakOfThePayoutAndTheGuaranteeContract() {
    assertThat(valuesFor(Product.MORTGAGE_QUICK, GuaranteeType.MORTGAGE).get("mortgageNote")).contains("登记完成后方可放款");
    assertThat(valuesFor(Product.GROWTH, GuaranteeType.GUARANTEE).get("guaranteeNote"))
        .isEqualTo("保证人 李强 须在 15 个工作日内通过电子签约签署保证合同。\n");
  }
}
