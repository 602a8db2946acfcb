package com.smeloanflow.disbursement;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.ApplicationStatus;
import com.smeloanflow.intake.ApplicationStatusUpdater;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "撤销未签约申请": the contract was not signed, or the mortgage not registered, in time. */
@Component("withdrawUnsigned")
public class WithdrawUnsignedDelegate implements JavaDelegate {

  private final ApplicationStatusUpdater status;
  private final ApplicationHistory history;

  public WithdrawUnsignedDelegate(ApplicationStatusUpdater status, ApplicationHistory history) {
    this.status = status;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = APPLICATION_ID.from(execution);
    history.record(applicationId, "system", "WITHDRAWN", "合同未在期限内签署或抵押未在期限内登记 (" + execution.getCurrentActivityId() + ")");
    status.set(applicationId, ApplicationStatus.WITHDRAWN);
  }
}
