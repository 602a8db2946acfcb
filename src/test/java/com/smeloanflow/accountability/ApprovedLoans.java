package com.smeloanflow.accountability;

import com.smeloanflow.approval.ApprovalAuthority;
import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.approval.ApprovalOutcome;
import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.servicing.LoanAccount;
import java.time.Instant;

/** The approval a loan was granted on, as approval keeps it: by the model (模型自动审批) or by a person. */
public final class ApprovedLoans {

  private final ApprovalDecisions approvals;

  public ApprovedLoans(ApprovalDecisions approvals) {
    this.approvals = approvals;
  }

  /** The model approved the loan's principal (route AUTO): no approver. */
  public void byModel(LoanAccount loan) {
    approved(loan, ApprovalAuthority.MODEL, "model");
  }

  /** The approver {@code approver} approved the loan's principal. */
  public void byApprover(LoanAccount loan, String approver) {
    approved(loan, ApprovalAuthority.APPROVER, approver);
  }

  /** The approver {@code approver} approved the loan's principal on conditions (附条件批准) and wrote none down. */
  public void withConditionsUnstated(LoanAccount loan, String approver) {
    approved(loan, ApprovalOutcome.APPROVE_WITH_CONDITIONS, ApprovalAuthority.APPROVER, approver);
  }

  private void approved(LoanAccount loan, ApprovalAuthority authority, String decidedBy) {
    approved(loan, ApprovalOutcome.APPROVE, authority, decidedBy);
  }

  private void approved(LoanAccount loan, ApprovalOutcome outcome, ApprovalAuthority authority, String decidedBy) {
    approvals.save(new ApprovalDecisions.Approval(loan.applicationId(), outcome, authority, loan.principal(),
        GuaranteeType.CREDIT, null, null, RepaymentMethod.EQUAL_INSTALMENT, null, null, null, decidedBy, Instant.now(), null));
    approvals.confirm(loan.applicationId(), Instant.now());
  }
}
