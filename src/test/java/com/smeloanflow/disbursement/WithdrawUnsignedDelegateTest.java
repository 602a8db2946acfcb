package com.smeloanflow.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * What the applicant is told when a signing deadline passes: a credit line's applicant reads of the line's contracts
 * (循环额度借款合同, 最高额保证合同, 最高额抵押), a term loan's applicant of the 借款合同.
 */
class WithdrawUnsignedDelegateTest {

  private static final String ID = "SL20261201000001";

  private final ContractService contracts = mock(ContractService.class);
  private final DeclineService declines = mock(DeclineService.class);
  private final LoanApplicationRepository applications = mock(LoanApplicationRepository.class);

  /** The customer reason of the withdrawal: contract signed or not, guarantees all signed or not. */
  private CustomerReason withdrawnFor(Product product, boolean contractSigned, boolean guaranteesSigned) {
    when(applications.get(ID)).thenReturn(ContractTextTest.application(product, GuaranteeType.GUARANTEE, 36));
    when(contracts.find(ID)).thenReturn(java.util.Optional.of(new ContractService.Contract(ID, "HT20261201000001", "合同",
        "ENV-1", Instant.parse("2026-12-01T02:00:00Z"), contractSigned ? "SIGNED" : "SENT", contractSigned ? "SIG-1" : null,
        null, null, null, null, null)));
    when(contracts.allGuaranteesSigned(ID)).thenReturn(guaranteesSigned);
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessBusinessKey()).thenReturn(ID);

    new WithdrawUnsignedDelegate(contracts, declines, applications).execute(execution);

    ArgumentCaptor<DeclineService.Decline> decline = ArgumentCaptor.forClass(DeclineService.Decline.class);
    verify(declines).decline(decline.capture());
    return decline.getValue().customerReason();
  }

  @Test
  void aLinesApplicantWhoDidNotSignIsToldOfTheCreditLineContractNotALoanContract() {
    CustomerReason reason = withdrawnFor(Product.REVOLVING_LINE, false, false);

    assertThat(reason).isEqualTo(CustomerReason.CREDIT_LINE_CONTRACT_NOT_SIGNED);
    assertThat(reason.text()).startsWith("循环额度借款合同未在规定期限内签署");
  }

  @Test
  void aLinesApplicantWhoseGuarantorsDidNotSignIsToldOfTheMaximumAmountGuaranteeAndTheLinesContract() {
    CustomerReason reason = withdrawnFor(Product.REVOLVING_LINE, true, false);

    assertThat(reason).isEqualTo(CustomerReason.CREDIT_LINE_GUARANTEES_NOT_SIGNED);
    assertThat(reason.text()).contains("最高额保证合同", "已签署的循环额度借款合同相应解除");
  }

  @Test
  void aLinesApplicantWhoseMortgageWasNotRegisteredIsToldOfTheLinesContract() {
    assertThat(withdrawnFor(Product.REVOLVING_LINE, true, true).text())
        .contains("最高额抵押登记", "已签署的循环额度借款合同相应解除");
  }

  @Test
  void aTermLoansApplicantIsStillToldOfTheLoanContract() {
    assertThat(withdrawnFor(Product.GROWTH, false, false)).isEqualTo(CustomerReason.CONTRACT_NOT_SIGNED);
  }

  @Test
  void everyReasonThatSpeaksOfALoanContractOrAPayoutHasALinesWording() {
    for (CustomerReason reason : CustomerReason.values()) {
      assertThat(reason.forCreditLine().text()).as(reason.name())
          .doesNotContainPattern("(?<!循环额度)借款合同").doesNotContain("本次贷款不予发放", "放款");
    }
  }
}
