package com.smeloanflow.renewal;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.processing.ApprovalRoute;
import com.smeloanflow.processing.ExposureService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Approval of a renewal by the application's authority rules: the table approval-authority (the latest
 * version) is given the fresh score of the offer scan and the borrower's exposure with the renewal amount
 * replacing the old loan's principal; it routes AUTO (the model approves), SINGLE (an approver, up to
 * 5,000,000 CNY of exposure), COMMITTEE (the credit committee votes: {@link RenewalCommitteeService}) or REJECT. A decline is told to the
 * borrower with a catalogue text; the old loan then runs to maturity as agreed.
 */
@Service
public class RenewalApprovalService {

  private static final Logger log = LoggerFactory.getLogger(RenewalApprovalService.class);
  /** The catalogue reasons an approver may give the borrower for a declined renewal. */
  public static final java.util.Set<CustomerReason> FOR_DECLINE = java.util.EnumSet.of(CustomerReason.OVERALL_ASSESSMENT,
      CustomerReason.CREDIT_RECORD, CustomerReason.PRODUCT_CRITERIA_NOT_MET, CustomerReason.INFORMATION_NOT_VERIFIED,
      CustomerReason.GUARANTEE_INSUFFICIENT);
  /** Who decided when the table did. */
  static final String MODEL = "模型";

  private final RenewalRepository renewals;
  private final LoanAccountService loans;
  private final LoanApplicationRepository applications;
  private final ExposureService exposure;
  private final DecisionService decisions;
  private final RenewalEligibilityRecheck recheck;
  private final BusinessClock clock;

  public RenewalApprovalService(RenewalRepository renewals, LoanAccountService loans, LoanApplicationRepository applications,
      ExposureService exposure, DecisionService decisions, RenewalEligibilityRecheck recheck, BusinessClock clock) {
    this.recheck = recheck;
    this.renewals = renewals;
    this.loans = loans;
    this.applications = applications;
    this.exposure = exposure;
    this.decisions = decisions;
    this.clock = clock;
  }

  /**
   * Routes the renewal; the table's AUTO approves and its REJECT declines at once. Before the authority table, the
   * eligibility table is asked again with the loan as it stands now ({@link RenewalEligibilityRecheck}): a loan downgraded
   * or overdue since the offer is declined by the model (route REJECT, the borrower told the overall assessment).
   */
  @Transactional
  public RenewalRoute route(String loanId) {
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow();
    Optional<RenewalEligibilityTable.Answer> lapsed = recheck.noLongerEligible(renewal);
    if (lapsed.isPresent()) {
      String routeReason = RenewalEligibilityRecheck.internalReason(lapsed.get());
      renewals.routed(loanId, ApprovalRoute.REJECT.name());
      renewals.decided(loanId, RenewalStatus.DECLINED, MODEL, routeReason, CustomerReason.OVERALL_ASSESSMENT.name(),
          clock.now(), clock.today());
      log.info("Loan {}: renewal declined, no longer eligible since the offer: {}", loanId, lapsed.get().code());
      return new RenewalRoute(ApprovalRoute.REJECT, routeReason, CustomerReason.OVERALL_ASSESSMENT.name());
    }
    DmnDecisionResult result = decisions.evaluateDecisionByKey(LoanRenewalProcess.AUTHORITY_DECISION)
        .variables(Map.of("facts", facts(renewal))).evaluate();
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + LoanRenewalProcess.AUTHORITY_DECISION + " has no rule for loan " + loanId);
    }
    RenewalRoute route = new RenewalRoute(ApprovalRoute.valueOf(result.getSingleResult().getEntry("approvalRoute")),
        result.getSingleResult().getEntry("routeReason"), result.getSingleResult().getEntry("customerReason"));
    renewals.routed(loanId, route.route().name());
    if (route.route() == ApprovalRoute.AUTO) {
      renewals.decided(loanId, RenewalStatus.APPLIED, MODEL, route.routeReason(), null, clock.now(), null);
    } else if (route.route() == ApprovalRoute.REJECT) {
      String reason = route.customerReason() != null ? route.customerReason() : CustomerReason.OVERALL_ASSESSMENT.name();
      renewals.decided(loanId, RenewalStatus.DECLINED, MODEL, route.routeReason(), CustomerReason.valueOf(reason).name(),
          clock.now(), clock.today());
    }
    log.info("Loan {}: renewal routed {} ({})", loanId, route.route(), route.routeReason());
    return route;
  }

  /** What approval-authority reads, by the names an application's facts use. */
  Map<String, Object> facts(LoanRenewal renewal) {
    LoanAccount loan = loans.find(renewal.loanId()).orElseThrow();
    LoanApplication application = applications.get(loan.applicationId());
    LoanRenewal.Eligibility e = renewal.eligibility();
    Map<String, Object> facts = new HashMap<>();
    facts.put("eligible", true);
    facts.put("hardRedFlag", e.hardRedFlag());
    facts.put("redFlag", e.redFlag());
    facts.put("grade", e.grade());
    facts.put("guaranteeType", application.guaranteeType().name());
    facts.put("requestedAmount", renewal.renewalAmount());
    facts.put("suggestedLimit", e.suggestedLimit());
    // The exposure as for an application, with the renewal amount in place of the old application's request:
    // the old loan's principal at maturity is what the new loan replaces.
    facts.put("borrowerExposure", exposure.exposureOf(application).subtract(application.requestedAmount())
        .add(renewal.renewalAmount()));
    facts.put("exceptionReviewed", false);
    return facts;
  }

  /**
   * A person decides: the approver (SINGLE) or the committee's chair signing or vetoing its resolution. Declining needs a catalogue reason the borrower is told and an internal note.
   *
   * <p>Under the renewal's row lock ({@code loan_renewal}, the first in the order loan_renewal -> loan_account ->
   * monitored_loan), taken before anything is written: a call-in ({@link RenewalCallIns}), an operator's cancellation
   * ({@link RenewalContractService#processEnded}), the lapse at maturity or a second decision on the same task, each
   * locking the row first too, either waits for this decision or is waited for; the one that comes second finds the
   * renewal as the first left it. A decision on a renewal no longer awaiting one ({@link LoanRenewal#awaitsDecision})
   * is refused and writes nothing; the engine then rolls the task's completion back with it.
   *
   * @return whether approved
   * @throws StateConflictException the renewal no longer awaits a decision (decided, lapsed, called in, cancelled)
   * @throws InvalidTaskInputException a decline without a reason or a note, or a note longer than
   *     {@link LoanRenewal#NOTE_MAX_LENGTH} (the task stays open)
   */
  @Transactional
  public boolean decide(DecideRenewal command) {
    LoanRenewal renewal = renewals.lockAwaitingDecision(command.loanId());
    if (command.note() != null && command.note().length() > LoanRenewal.NOTE_MAX_LENGTH) {
      throw new InvalidTaskInputException("审批意见最多 " + LoanRenewal.NOTE_MAX_LENGTH
          + " 字 (renewalDecisionNote is too long)");
    }
    if (!command.approve()) {
      if (command.customerReason() == null || !FOR_DECLINE.contains(command.customerReason())) {
        throw new InvalidTaskInputException("请选择告知借款人的原因 (renewalCustomerReason must be one of "
            + FOR_DECLINE + ")");
      }
      if (command.note() == null || command.note().isBlank()) {
        throw new InvalidTaskInputException("不批准时须填写审批意见 (renewalDecisionNote is required)");
      }
    }
    if (command.approve()) {
      recheck.requireEligibleToApprove(renewal, "不能批准续贷, 请选择不批准");
    }
    renewals.decided(command.loanId(), command.approve() ? RenewalStatus.APPLIED : RenewalStatus.DECLINED,
        command.decidedBy(), command.note(), command.approve() ? null : command.customerReason().name(), clock.now(),
        command.approve() ? null : clock.today());
    log.info("Loan {}: renewal {} by {}", command.loanId(), command.approve() ? "approved" : "declined", command.decidedBy());
    return command.approve();
  }
}
