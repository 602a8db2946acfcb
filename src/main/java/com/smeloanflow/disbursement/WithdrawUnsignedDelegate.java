package com.smeloanflow.disbursement;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "撤销未完成签约的申请": a deadline of signing passed. The applicant is told which: the
 * contract was not signed, a guarantor did not sign, or — to someone who signed — the mortgage was not
 * registered, so a customer who signed is never told "合同未签署". A credit line's applicant reads of the line's
 * contracts (循环额度借款合同, 最高额保证合同, 最高额抵押: {@link CustomerReason#forCreditLine}), not of a 借款合同.
 */
@Component("withdrawUnsigned")
public class WithdrawUnsignedDelegate implements JavaDelegate {

  private final ContractService contracts;
  private final DeclineService declines;
  private final LoanApplicationRepository applications;

  public WithdrawUnsignedDelegate(ContractService contracts, DeclineService declines,
      LoanApplicationRepository applications) {
    this.contracts = contracts;
    this.declines = declines;
    this.applications = applications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = execution.getProcessBusinessKey();
    ContractService.Contract contract = contracts.find(applicationId).orElseThrow();
    boolean line = applications.get(applicationId).product() == Product.REVOLVING_LINE;
    CustomerReason reason;
    String internal;
    if (!contract.signed()) {
      reason = CustomerReason.CONTRACT_NOT_SIGNED;
      internal = (line ? "循环额度借款合同 " : "借款合同 ") + contract.contractNumber() + " 未在 15 个工作日内签署";
    } else if (!contracts.allGuaranteesSigned(applicationId)) {
      reason = CustomerReason.GUARANTEES_NOT_SIGNED;
      internal = "保证合同未在 15 个工作日内全部签署";
    } else {
      reason = CustomerReason.MORTGAGE_NOT_REGISTERED;
      internal = "抵押登记未在 30 个工作日内办妥";
    }
    declines.decline(DeclineService.Decline.withdrawal(applicationId, Stage.CONTRACT_AND_DISBURSEMENT, internal,
        line ? reason.forCreditLine() : reason, null));
  }
}
