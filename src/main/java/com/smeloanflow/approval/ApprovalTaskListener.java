package com.smeloanflow.approval;

import com.smeloanflow.platform.InvalidTaskInputException;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.math.BigDecimal;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "审批贷款申请" (complete): approve; approve with conditions (a lower amount and/or an extra
 * guarantee, re-priced by loan-pricing); return to the processing centre with a question; or
 * reject with a reason for the applicant.
 */
@Component("approvalTask")
public class ApprovalTaskListener implements TaskListener {

  static final String APPROVED_AMOUNT = "approvedAmount";
  static final String CONDITION_GUARANTEE = "conditionGuaranteeType";
  static final String CONDITIONS = "approvalConditions";
  static final String REPAYMENT_METHOD = "repaymentMethod";
  static final String COMMENT = "approvalComment";
  static final String REJECTION_REASON = "rejectionReason";

  private final ApprovalService approvals;
  private final LoanApplicationRepository applications;

  public ApprovalTaskListener(ApprovalService approvals, LoanApplicationRepository applications) {
    this.approvals = approvals;
    this.applications = applications;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String decision = form.choice(APPROVAL_DECISION.name(), "审批结论", Set.of(ApprovalService.APPROVE,
        ApprovalService.APPROVE_WITH_CONDITIONS, ApprovalService.RETURN, ApprovalService.REJECT));
    String applicationId = APPLICATION_ID.from(task);
    LoanApplication application = applications.get(applicationId);
    String approver = TaskActor.of(task);
    String comment = form.text(COMMENT);
    String repaymentMethod = form.text(REPAYMENT_METHOD);
    if (repaymentMethod != null && !ApprovalService.REPAYMENT_METHODS.contains(repaymentMethod)) {
      throw new InvalidTaskInputException("还款方式无效 (repaymentMethod must be one of " + ApprovalService.REPAYMENT_METHODS + ")");
    }
    switch (decision) {
      case ApprovalService.APPROVE -> approvals.decide(applicationId, ApprovalChecks.APPROVAL, decision, approver,
          null, null, null, repaymentMethod, comment);
      case ApprovalService.APPROVE_WITH_CONDITIONS -> {
        BigDecimal amount = form.money(APPROVED_AMOUNT, "批准金额");
        if (amount != null && amount.compareTo(application.requestedAmount()) > 0) {
          throw new InvalidTaskInputException("批准金额不能高于申请金额 " + application.requestedAmount().toPlainString()
              + " 元 (approvedAmount too high)");
        }
        if (amount != null && amount.compareTo(application.product().minAmount()) < 0) {
          throw new InvalidTaskInputException(application.product().label() + "批准金额不能低于 "
              + application.product().minAmount().toPlainString() + " 元 (approvedAmount below the product minimum)");
        }
        String guarantee = form.text(CONDITION_GUARANTEE);
        if (guarantee != null) {
          try {
            GuaranteeType.valueOf(guarantee);
          } catch (IllegalArgumentException e) {
            throw new InvalidTaskInputException("追加担保方式无效 (conditionGuaranteeType " + guarantee + ")");
          }
        }
        if (amount == null && guarantee == null) {
          throw new InvalidTaskInputException("附条件批准须降低金额或追加担保 (approvedAmount or conditionGuaranteeType required)");
        }
        String conditions = form.requiredText(CONDITIONS, "批准条件");
        if (guarantee != null && application.guaranteeType() == GuaranteeType.MORTGAGE) {
          // An extra guarantee adds to the mortgage, it does not replace it: the loan stays a mortgage
          // loan (registered before disbursement, priced as secured); the conditions name the addition.
          guarantee = GuaranteeType.MORTGAGE.name();
        }
        approvals.decide(applicationId, ApprovalChecks.APPROVAL, decision, approver, amount, guarantee, conditions,
            repaymentMethod, comment);
        if (guarantee != null) {
          GUARANTEE_TYPE.set(task.getExecution(), guarantee); // loan-pricing re-prices with the new guarantee
        }
      }
      case ApprovalService.RETURN -> {
        String question = form.requiredText(RETURN_QUESTION.name(), "需补充的问题");
        approvals.decide(applicationId, ApprovalChecks.APPROVAL, decision, approver, null, null, null, null, question);
      }
      default -> {
        String reason = form.requiredText(REJECTION_REASON, "拒绝原因");
        approvals.decide(applicationId, ApprovalChecks.APPROVAL, decision, approver, null, null, null, null, reason);
        ROUTE_REASON.set(task.getExecution(), "审批未通过: " + reason);
      }
    }
    form.discard(APPROVED_AMOUNT, CONDITION_GUARANTEE, CONDITIONS, REPAYMENT_METHOD, COMMENT, REJECTION_REASON);
  }
}
