package com.smeloanflow.approval;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.ApplicationStatus;
import com.smeloanflow.intake.ApplicationStatusUpdater;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.casefile.ApplicationChecks;
import java.math.BigDecimal;
import com.smeloanflow.servicing.RepaymentMethod;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Approval decisions of the model, an approver, the committee or a team lead, and their record. */
@Service
public class ApprovalService {

  public static final String APPROVE = "APPROVE";
  public static final String APPROVE_WITH_CONDITIONS = "APPROVE_WITH_CONDITIONS";
  public static final String RETURN = "RETURN";
  public static final String REJECT = "REJECT";
  public static final Set<String> REPAYMENT_METHODS = Arrays.stream(RepaymentMethod.values()).map(Enum::name)
      .collect(Collectors.toUnmodifiableSet());
  public static final String MODEL = "model";

  private final LoanApplicationRepository applications;
  private final ApprovalRepository approvals;
  private final ApplicationChecks checks;
  private final ApplicationHistory history;
  private final ApplicationStatusUpdater status;
  private final BusinessClock clock;

  public ApprovalService(LoanApplicationRepository applications, ApprovalRepository approvals, ApplicationChecks checks,
      ApplicationHistory history, ApplicationStatusUpdater status, BusinessClock clock) {
    this.applications = applications;
    this.approvals = approvals;
    this.checks = checks;
    this.history = history;
    this.status = status;
    this.clock = clock;
  }

  /** The repayment method a product uses unless the approver chooses another. */
  public static String defaultRepaymentMethod(Product product) {
    return product == Product.REVOLVING_LINE ? "INTEREST_FIRST" : "EQUAL_INSTALMENT";
  }

  /**
   * Records a decision (check record + history); for an approval, also what was approved. The
   * approved amount defaults to the requested amount, the guarantee to the requested guarantee.
   */
  public void decide(String applicationId, String checkType, String decision, String decidedBy, BigDecimal approvedAmount,
      String guaranteeType, String conditions, String repaymentMethod, String notes) {
    LoanApplication application = applications.get(applicationId);
    checks.record(applicationId, checkType, 1, decision, decidedBy,
        approvedAmount == null ? null : "批准金额 " + approvedAmount.toPlainString() + " 元", notes);
    history.record(applicationId, decidedBy, checkType + "_" + decision, notes);
    if (APPROVE.equals(decision) || APPROVE_WITH_CONDITIONS.equals(decision)) {
      approvals.save(applicationId, new ApprovalRepository.Approval(decision,
          approvedAmount == null ? application.requestedAmount() : approvedAmount,
          guaranteeType == null ? application.guaranteeType().name() : guaranteeType,
          conditions,
          repaymentMethod == null ? defaultRepaymentMethod(application.product()) : repaymentMethod,
          decidedBy, clock.now(), null));
    }
  }

  /** The approval is final: the application is approved and goes to contract. */
  public void confirm(String applicationId) {
    ApprovalRepository.Approval approval = approvals.find(applicationId).orElseThrow(() ->
        new IllegalStateException("Application " + applicationId + " has no approval to confirm"));
    history.record(applicationId, approval.approvedBy(), "APPROVED",
        approval.approvedAmount().toPlainString() + " 元, " + approval.repaymentMethod()
            + (approval.conditions() == null ? "" : ", 条件: " + approval.conditions()));
    status.set(applicationId, ApplicationStatus.APPROVED);
  }
}
