package com.smeloanflow.approval;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.intake.ApplicationValidator;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.Guarantor;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.processing.ExternalDataService;
import com.smeloanflow.processing.GuarantorChecks;
import com.smeloanflow.processing.ProcessingOutcomes;
import com.smeloanflow.processing.ScoringService;
import com.smeloanflow.scoring.ScoreCard;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * Approval decisions of the model, an approver or the credit committee, the rules they keep, and their
 * record. Every entry point (the task forms in Tasklist, the engine REST API, the model's service task)
 * goes through {@link #decide} or {@link #approveByModel}, so the rules hold whatever the client.
 */
@Service
public class ApprovalService {

  /** The user id the model decides as. */
  public static final String MODEL = "model";

  /**
   * A decision as an authority made it.
   *
   * @param approvedAmount for APPROVE_WITH_CONDITIONS a lower amount (null: the requested amount)
   * @param extraGuarantor for APPROVE_WITH_CONDITIONS a guarantor added as a condition (null: none); a conditional
   *     approval lowers the amount or adds a guarantor, or both
   * @param conditions for APPROVE_WITH_CONDITIONS what must be met (required)
   * @param notes the decider's internal notes (required to reject)
   * @param customerReason what the applicant is told when rejected (required to reject)
   * @param question for RETURN what the processing centre must answer (required)
   */
  public record Decision(String applicationId, String decidedBy, ApprovalAuthority authority, ApprovalOutcome outcome,
      BigDecimal approvedAmount, ExtraGuarantor extraGuarantor, String conditions, RepaymentMethod repaymentMethod, String notes,
      CustomerReason customerReason, String question) {}

  private final LoanApplicationRepository applications;
  private final ApprovalDecisions approvals;
  private final ProcessingOutcomes outcomes;
  private final ScoringService scoring;
  private final ExternalDataService externalData;
  private final ApplicationChecks checks;
  private final ApplicationHistory history;
  private final CaseFiles caseFiles;
  private final DeclineService declines;
  private final IdentityService identityService;
  private final BusinessClock clock;

  public ApprovalService(LoanApplicationRepository applications, ApprovalDecisions approvals, ProcessingOutcomes outcomes,
      ScoringService scoring, ExternalDataService externalData, ApplicationChecks checks, ApplicationHistory history,
      CaseFiles caseFiles, DeclineService declines, IdentityService identityService, BusinessClock clock) {
    this.applications = applications;
    this.approvals = approvals;
    this.outcomes = outcomes;
    this.scoring = scoring;
    this.externalData = externalData;
    this.checks = checks;
    this.history = history;
    this.caseFiles = caseFiles;
    this.declines = declines;
    this.identityService = identityService;
    this.clock = clock;
  }

  /** The repayment method a product uses unless the approver chooses another. */
  public static RepaymentMethod defaultRepaymentMethod(Product product) {
    return product == Product.REVOLVING_LINE ? RepaymentMethod.INTEREST_FIRST : RepaymentMethod.EQUAL_INSTALMENT;
  }

  /**
   * The model approves the requested amount (route AUTO). It never approves above its own suggested
   * limit: a table that routes such an application AUTO is a configuration error, and the step fails
   * (an incident) instead of paying out.
   */
  public void approveByModel(String applicationId) {
    LoanApplication application = applications.get(applicationId);
    ScoreCard card = scoring.find(applicationId).orElseThrow();
    if (application.requestedAmount().compareTo(card.suggestedLimit()) > 0) {
      throw new IllegalStateException("Application " + applicationId + " was routed AUTO but asks "
          + application.requestedAmount().toPlainString() + " CNY above the model's suggested limit "
          + card.suggestedLimit().toPlainString() + " CNY: the model does not approve it (check approval-authority)");
    }
    checks.record(applicationId, CheckType.APPROVAL, 1, ApprovalOutcome.APPROVE.name(), MODEL,
        "批准金额 " + application.requestedAmount().toPlainString() + " 元", "模型自动审批: " + outcomes.get(applicationId).routeReason());
    save(application, ApprovalOutcome.APPROVE, ApprovalAuthority.MODEL, application.requestedAmount(), null, null,
        defaultRepaymentMethod(application.product()), MODEL);
  }

  /**
   * Records a person's decision: an approver's (SINGLE) or the committee's resolution (COMMITTEE).
   *
   * @throws InvalidTaskInputException naming what the decision lacks or breaks (400 over REST, shown in Tasklist)
   * @throws AuthorizationException when the person lacks the authority (403)
   */
  public ApprovalOutcome decide(Decision decision) {
    LoanApplication application = applications.get(decision.applicationId());
    requireAuthority(decision, application);
    switch (decision.outcome()) {
      case APPROVE, APPROVE_WITH_CONDITIONS -> approve(decision, application);
      case RETURN -> {
        String question = required(decision.question(), "需补充的问题", "returnQuestion");
        checks.record(application.id(), checkType(decision), 1, decision.outcome().name(), decision.decidedBy(), question,
            decision.notes());
        history.record(application.id(), decision.decidedBy(), "APPROVAL_RETURNED", question);
      }
      case REJECT -> {
        String notes = required(decision.notes(), "拒绝理由(内部)", "rejectionReason");
        CustomerReason reason = decision.customerReason();
        if (reason == null || !CustomerReason.FOR_DECLINE_BY_STAFF.contains(reason)) {
          throw new InvalidTaskInputException("请选择告知客户的拒绝原因 (rejectionCustomerReason must be one of "
              + CustomerReason.FOR_DECLINE_BY_STAFF + ")");
        }
        checks.record(application.id(), checkType(decision), 1, decision.outcome().name(), decision.decidedBy(), null, notes);
        declines.decline(DeclineService.Decline.rejection(application.id(), Stage.APPROVAL, decision.decidedBy(),
            decision.authority().label() + "拒绝: " + notes, reason));
      }
      default -> throw new IllegalStateException("Unknown outcome " + decision.outcome());
    }
    return decision.outcome();
  }

  private void approve(Decision decision, LoanApplication application) {
    BigDecimal amount = decision.approvedAmount() == null ? application.requestedAmount() : decision.approvedAmount();
    ExtraGuarantor guarantor = decision.extraGuarantor();
    String conditions = decision.conditions();
    if (decision.outcome() == ApprovalOutcome.APPROVE_WITH_CONDITIONS) {
      // the amount applied for, entered or left empty, lowers nothing (above it, requireWithinLimits refuses it)
      if (amount.compareTo(application.requestedAmount()) == 0 && guarantor == null) {
        throw new InvalidTaskInputException("附条件批准须降低金额或追加保证人: 批准金额须低于申请金额 "
            + application.requestedAmount().toPlainString() + " 元, 或追加保证人 (" + ApprovalForm.APPROVED_AMOUNT
            + " below the amount applied for, or an extra guarantor, required)");
      }
      conditions = required(conditions, "批准条件", "approvalConditions");
    } else if (decision.approvedAmount() != null || guarantor != null) {
      throw new InvalidTaskInputException("降低金额或追加保证人请选择“附条件批准” (use APPROVE_WITH_CONDITIONS)");
    }
    requireWithinLimits(application, amount, AmountRole.DECIDER);
    if (guarantor != null) {
      screen(application, guarantor);
    }
    checks.record(application.id(), checkType(decision), 1, decision.outcome().name(), decision.decidedBy(),
        "批准金额 " + amount.toPlainString() + " 元" + (guarantor == null ? "" : "; 追加保证人 " + guarantor.describe()),
        decision.notes());
    save(application, decision.outcome(), decision.authority(), amount, guarantor, conditions,
        decision.repaymentMethod() == null ? defaultRepaymentMethod(application.product()) : decision.repaymentMethod(),
        decision.decidedBy());
  }

  /**
   * The amount a decision approves: the amount entered, else (none entered, or no conditional approval) the amount
   * applied for, read for a caller that has not read the application ({@link CommitteeService#resolve}).
   */
  BigDecimal amountApproved(Decision decision) {
    return decision.approvedAmount() != null ? decision.approvedAmount()
        : applications.get(decision.applicationId()).requestedAmount();
  }

  /**
   * Who names an amount to approve, so that a refusal of it says what that person can do about it: an approver or the
   * committee's chair decides, and approves a lower amount with conditions; a committee member votes, proposing an
   * amount the chair may adopt, or votes against or to return: the chair, not the member, concludes.
   */
  enum AmountRole {
    /** An approver, or the committee's chair signing the resolution (the form's 批准金额). */
    DECIDER("批准金额", ApprovalForm.APPROVED_AMOUNT),
    /** A committee member voting to approve (the vote's 建议批准金额). */
    MEMBER("建议批准金额", CommitteeVoteTaskListener.PROPOSED_AMOUNT);

    private final String label;
    private final String field;

    AmountRole(String label, String field) {
      this.label = label;
      this.field = field;
    }
  }

  /**
   * The limits of an amount to approve, the same for the amount an approver or the committee's chair approves and the
   * amount a committee member's vote to approve approves: not above the amount applied for (which intake kept within the
   * product's maximum), not below the product's minimum (so never zero or negative), not above the collateral cap
   * (appraised value × the LTV of table collateral-ltv) of a mortgage. A refusal says what the {@code role} can do.
   *
   * @param amount the amount to approve; for a {@link AmountRole#MEMBER} null is the amount applied for (a member's 同意,
   *     or 附条件同意 without an amount proposed), which only the collateral cap can refuse
   * @throws InvalidTaskInputException naming the limit broken (400 over REST, shown in Tasklist)
   */
  void requireWithinLimits(String applicationId, BigDecimal amount, AmountRole role) {
    requireWithinLimits(applications.get(applicationId), amount, role);
  }

  private void requireWithinLimits(LoanApplication application, BigDecimal amount, AmountRole role) {
    boolean asApplied = amount == null;
    BigDecimal approved = asApplied ? application.requestedAmount() : amount;
    if (approved.compareTo(application.requestedAmount()) > 0) {
      throw new InvalidTaskInputException(role.label + "不能高于申请金额 " + application.requestedAmount().toPlainString()
          + " 元 (" + role.field + " too high)");
    }
    if (approved.compareTo(application.product().minAmount()) < 0) {
      throw new InvalidTaskInputException(application.product().label() + role.label + "不能低于 "
          + application.product().minAmount().toPlainString() + " 元 (" + role.field + " below the product minimum)");
    }
    ProcessingOutcomes.Outcome outcome = outcomes.get(application.id());
    if (outcome.collateralCap() == null || approved.compareTo(outcome.collateralCap()) <= 0) {
      return;
    }
    String cap = outcome.collateralCap().toPlainString();
    String above = "超过抵押物可贷上限 " + cap + " 元 (评估价值 × 抵押率 "
        + outcome.collateralMaxLtvPercent().stripTrailingZeros().toPlainString() + "%), ";
    String memberMay = "或表决“不同意”或“退回补充信息” (";
    throw new InvalidTaskInputException(switch (role) {
      case DECIDER -> role.label + above + "请附条件降低金额 (" + role.field + " above the collateral cap)";
      case MEMBER -> asApplied
          ? "申请金额 " + approved.toPlainString() + " 元" + above + "请选择“附条件同意”并建议不高于 " + cap + " 元的批准金额, "
              + memberMay + CommitteeVoteTaskListener.VOTE + ": the amount applied for is above the collateral cap: propose at"
              + " most " + cap + " with APPROVE_WITH_CONDITIONS, or vote REJECT or RETURN)"
          : role.label + above + "请建议不高于 " + cap + " 元的批准金额, " + memberMay + role.field
              + " above the collateral cap: propose at most " + cap + ", or vote REJECT or RETURN)";
    });
  }

  /**
   * A guarantor added as a condition must stand: not the borrower, a person of full age as intake requires of a
   * guarantor ({@link ApplicationValidator#underAge}: a guarantee given by a minor is not enforceable), not a dishonest
   * debtor, nothing overdue at the bureau.
   */
  private void screen(LoanApplication application, ExtraGuarantor guarantor) {
    if (guarantor.partyId().equals(application.creditCode())) {
      throw new InvalidTaskInputException("保证人不能是借款企业本身 (extra guarantor is the borrower)");
    }
    if (guarantor.type() == Guarantor.PartyType.PERSON) {
      String id = guarantor.partyId();
      if (!ApplicationValidator.hasPossibleBirthDate(id, clock.today())) {
        throw new InvalidTaskInputException("追加保证人身份证号码中的出生日期无效 (" + ApprovalForm.GUARANTOR_ID + "=" + id + ")");
      }
      ApplicationValidator.underAge(ApprovalForm.GUARANTOR_ID, "追加保证人", id, clock.today()).ifPresent(minor -> {
        throw new InvalidTaskInputException(minor.message() + " (" + minor.field() + "=" + id + ")");
      });
    }
    List<GuarantorChecks.Finding> findings = externalData.screenGuarantor(guarantor.partyId()).stream()
        .filter(f -> f != GuarantorChecks.Finding.GUARANTOR_DATA_GAP).toList();
    if (!findings.isEmpty()) {
      throw new InvalidTaskInputException("追加的保证人不符合要求: " + findings.stream().map(GuarantorChecks.Finding::label)
          .collect(Collectors.joining("、")) + " (extra guarantor refused)");
    }
  }

  private void save(LoanApplication application, ApprovalOutcome outcome, ApprovalAuthority authority, BigDecimal amount,
      ExtraGuarantor guarantor, String conditions, RepaymentMethod method, String decidedBy) {
    ProcessingOutcomes.Outcome price = outcomes.get(application.id());
    GuaranteeType guarantee = guarantor != null && application.guaranteeType() == GuaranteeType.CREDIT
        ? GuaranteeType.GUARANTEE // a credit loan with a guarantor becomes a guaranteed loan; a mortgage stays one
        : application.guaranteeType();
    approvals.save(new ApprovalDecisions.Approval(application.id(), outcome, authority, amount, guarantee, guarantor, conditions,
        method, price.lprPercent(), price.spreadPercent(), price.annualRatePercent(), decidedBy, clock.now(), null));
    history.record(application.id(), decidedBy, authority.name() + "_" + outcome.name(),
        amount.toPlainString() + " 元" + (conditions == null ? "" : ", 条件: " + conditions));
  }

  /** The processing centre answered a question of the approver or the committee; the application goes back to approval. */
  public void informationProvided(String applicationId, String clerk, String answer) {
    String text = required(answer, "补充说明", "informationAnswer");
    String question = checks.of(applicationId, CheckType.APPROVAL, CheckType.COMMITTEE_RESOLUTION).stream()
        .filter(c -> ApprovalOutcome.RETURN.name().equals(c.outcome())).reduce((a, b) -> b).map(ApplicationChecks.Check::details)
        .orElse(null);
    checks.record(applicationId, CheckType.INFORMATION_PROVIDED, 1, "ANSWERED", clerk, question, text);
    history.record(applicationId, clerk, "INFORMATION_PROVIDED", text);
  }

  /** The approval is final: the application is approved and goes to contract. */
  public void confirm(String applicationId) {
    ApprovalDecisions.Approval approval = approvals.get(applicationId);
    approvals.confirm(applicationId, clock.now());
    history.record(applicationId, approval.decidedBy(), "APPROVED", approval.approvedAmount().toPlainString() + " 元, "
        + approval.repaymentMethod().label() + (approval.conditions() == null ? "" : ", 条件: " + approval.conditions()));
    caseFiles.setStatus(applicationId, ApplicationStatus.APPROVED);
  }

  /**
   * The person must belong to the authority's group, and the borrower's exposure must be within the
   * authority's limit (an approver: 5,000,000 CNY), whatever client completed the task.
   */
  private void requireAuthority(Decision decision, LoanApplication application) {
    ApprovalAuthority authority = decision.authority();
    if (authority == ApprovalAuthority.MODEL) {
      throw new IllegalArgumentException("The model approves through approveByModel");
    }
    boolean member = identityService.createGroupQuery().groupMember(decision.decidedBy()).groupId(authority.group()).count() > 0;
    if (!member) {
      throw new AuthorizationException(StaffText.of("审批权限: 用户 " + decision.decidedBy() + " 不属于 " + authority.group()
          + ", 不能以" + authority.label() + "身份审批申请 " + application.id(), "approval authority: user "
          + decision.decidedBy() + " is not in " + authority.group() + " and may not approve application " + application.id()));
    }
    BigDecimal exposure = outcomes.get(application.id()).borrowerExposure();
    if (authority.exposureLimit() != null && exposure != null && exposure.compareTo(authority.exposureLimit()) > 0) {
      throw new AuthorizationException(StaffText.of("审批权限: 借款人授信敞口 " + exposure.toPlainString() + " 元超过"
          + authority.label() + "权限 " + authority.exposureLimit().toPlainString() + " 元, 须提交贷审会",
          "approval authority: the borrower's exposure of " + exposure.toPlainString() + " CNY exceeds the "
          + authority.exposureLimit().toPlainString() + " CNY limit of " + authority.group() + "; the credit committee decides"));
    }
  }

  private static CheckType checkType(Decision decision) {
    return decision.authority() == ApprovalAuthority.COMMITTEE ? CheckType.COMMITTEE_RESOLUTION : CheckType.APPROVAL;
  }

  private static String required(String value, String label, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidTaskInputException("请填写" + label + " (" + field + " is required)");
    }
    return value.trim();
  }
}
