package com.smeloanflow.renewal;

import com.smeloanflow.platform.ProcessEndListener;
import com.smeloanflow.process.LoanRenewalProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * When a loan-renewal instance ends, however it ends (an end event, or cancelled in Cockpit or over the engine API,
 * custom listeners skipped or not), a renewal posting still recorded as under way on the old loan is withdrawn
 * ({@link RenewalPostingWithdrawals#renewalEnded}): nothing will book it any more. Unless core banking booked it, or the
 * record is younger than the job lock time (the posting job's run may still be waiting for core banking to post): then
 * it stays for an operator, logged. A renewal the instance leaves under way (an operator cancelled it before any end
 * event recorded how it ended) is recorded CANCELLED ({@link RenewalContractService#processEnded}); its unsigned
 * contract's envelope is cancelled after this transaction has committed ({@link RenewalEnvelopeCancellations}). A
 * built-in end listener of every version of the model ({@link ProcessEndListener}), which the engine calls even when an
 * operator cancels the instance skipping custom listeners, so it is not in the BPMN file. A renewed instance has no such
 * record ({@code LoanAccountService.renew} ends it), so this does nothing then.
 */
@Component
public class RenewalEndedListener extends ProcessEndListener {

  private final ObjectProvider<RenewalPostingWithdrawals> withdrawals;
  private final ObjectProvider<RenewalContractService> contracts;

  public RenewalEndedListener(ObjectProvider<RenewalPostingWithdrawals> withdrawals,
      ObjectProvider<RenewalContractService> contracts) {
    super(LoanRenewalProcess.KEY);
    this.withdrawals = withdrawals;
    this.contracts = contracts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String how = how(execution);
    withdrawals.getObject().renewalEnded(execution.getProcessBusinessKey(), how);
    contracts.getObject().processEnded(execution.getProcessBusinessKey(), how);
  }
}
