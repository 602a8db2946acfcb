package com.smeloanflow.approval;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.intake.Guarantor;
import com.smeloanflow.intake.GuarantorRelation;
import com.smeloanflow.intake.ResidentIdNumber;
import com.smeloanflow.intake.UnifiedSocialCreditCode;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The fields an approval decision is made with, the same on the approver's form (审批贷款申请) and the
 * committee chair's (签发贷审会决议): decision, lower amount, guarantor added as a condition, conditions,
 * repayment method, internal comment, reason for rejecting (internal) with the customer reason, question
 * when returned.
 */
final class ApprovalForm {

  static final String DECISION = "approvalDecision";
  static final String APPROVED_AMOUNT = "approvedAmount";
  static final String GUARANTOR_TYPE = "extraGuarantorType";
  static final String GUARANTOR_NAME = "extraGuarantorName";
  static final String GUARANTOR_ID = "extraGuarantorIdNumber";
  static final String GUARANTOR_RELATION = "extraGuarantorRelation";
  static final String CONDITIONS = "approvalConditions";
  static final String REPAYMENT_METHOD = "repaymentMethod";
  static final String COMMENT = "approvalComment";
  static final String REJECTION_REASON = "rejectionReason";
  static final String CUSTOMER_REASON = "rejectionCustomerReason";
  static final String RETURN_QUESTION = "returnQuestion";

  static final String[] FIELDS = {DECISION, APPROVED_AMOUNT, GUARANTOR_TYPE, GUARANTOR_NAME, GUARANTOR_ID, GUARANTOR_RELATION,
      CONDITIONS, REPAYMENT_METHOD, COMMENT, REJECTION_REASON, CUSTOMER_REASON, RETURN_QUESTION};

  private ApprovalForm() {}

  /** Reads the decision of the task's form, as its actor made it for {@code authority}. */
  static ApprovalService.Decision read(DelegateTask task, ApprovalAuthority authority) {
    TaskForm form = TaskForm.of(task);
    ApprovalOutcome outcome = form.choice(DECISION, "审批结论", ApprovalOutcome.class);
    boolean conditional = outcome == ApprovalOutcome.APPROVE_WITH_CONDITIONS;
    boolean rejected = outcome == ApprovalOutcome.REJECT;
    return new ApprovalService.Decision(task.getExecution().getProcessBusinessKey(), TaskActor.of(task), authority, outcome,
        conditional ? form.money(APPROVED_AMOUNT, "批准金额") : null,
        conditional ? guarantor(form) : null,
        conditional ? form.text(CONDITIONS) : null,
        outcome.approves() ? form.optionalChoice(REPAYMENT_METHOD, "还款方式", RepaymentMethod.class) : null,
        rejected ? form.text(REJECTION_REASON) : form.text(COMMENT),
        rejected ? form.optionalChoice(CUSTOMER_REASON, "告知客户的原因", CustomerReason.class) : null,
        outcome == ApprovalOutcome.RETURN ? form.text(RETURN_QUESTION) : null);
  }

  static void discard(DelegateTask task) {
    TaskForm.of(task).discard(FIELDS);
  }

  /** The guarantor added as a condition, or null when none is named; check characters verified. */
  private static ExtraGuarantor guarantor(TaskForm form) {
    String name = form.text(GUARANTOR_NAME);
    String id = form.text(GUARANTOR_ID);
    if (name == null && id == null) {
      return null;
    }
    Guarantor.PartyType type = form.choice(GUARANTOR_TYPE, "追加保证人类型", Guarantor.PartyType.class);
    if (name == null) {
      throw new InvalidTaskInputException("请填写追加保证人名称 (" + GUARANTOR_NAME + " is required)");
    }
    String partyId = id == null ? null : id.toUpperCase();
    boolean valid = partyId != null && (type == Guarantor.PartyType.PERSON
        ? ResidentIdNumber.hasValidCheckDigit(partyId) : UnifiedSocialCreditCode.hasValidCheckCharacter(partyId));
    if (!valid) {
      throw new InvalidTaskInputException((type == Guarantor.PartyType.PERSON ? "追加保证人身份证号码校验位错误(GB 11643)"
          : "追加保证人统一社会信用代码校验位错误(GB 32100)") + " (" + GUARANTOR_ID + "=" + id + ")");
    }
    GuarantorRelation relation = form.choice(GUARANTOR_RELATION, "追加保证人与借款人关系", GuarantorRelation.class);
    return new ExtraGuarantor(type, name, partyId, relation);
  }
}
