package com.smeloanflow.renewal;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The borrower's application for renewal over the channel, and what a loan's renewal looks like. An
 * application is taken only for a renewal OFFERED and not expired, of a loan not called in; it starts {@code
 * loan-renewal} (business key = the loan id) in the same transaction, so an accepted application always has its process.
 */
@Service
public class RenewalApplicationService {

  private static final Logger log = LoggerFactory.getLogger(RenewalApplicationService.class);
  static final int MAX_REQUEST_ID_LENGTH = 64;

  private final RenewalRepository renewals;
  private final LoanAccountService loans;
  private final RenewalPolicy policy;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final BusinessClock clock;
  private final int alertAfterAttempts;
  private final RenewalCommitteeService committee;

  public RenewalApplicationService(RenewalRepository renewals, LoanAccountService loans, RenewalPolicy policy,
      RuntimeService runtimeService, ManagementService managementService, BusinessClock clock,
      @Value("${smeloan.renewal.envelope-cancellation.alert-after-attempts}") int alertAfterAttempts,
      RenewalCommitteeService committee) {
    this.committee = committee;
    this.renewals = renewals;
    this.loans = loans;
    this.policy = policy;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.clock = clock;
    this.alertAfterAttempts = alertAfterAttempts;
  }

  /** The answer to an application: the renewal, and whether this request applied (false: a retry). */
  public record Applied(RenewalView renewal, boolean created) {}

  /**
   * @throws InvalidFieldsException   no or a bad request id (400, nothing stored)
   * @throws LoanNotFoundException    no such loan (404)
   * @throws com.smeloanflow.platform.StateConflictException with a {@link RenewalRefusal} code (409)
   */
  @Transactional
  public Applied apply(ApplyForRenewal command) {
    InputHygiene.refuseIfAny(InputHygiene.singleLine("requestId", command.requestId(), MAX_REQUEST_ID_LENGTH));
    if (command.requestId() == null || command.requestId().isBlank()) {
      throw new InvalidFieldsException(List.of(new FieldViolation("requestId", "REQUIRED", "不能为空, 渠道的请求编号 (重试时不变)")));
    }
    LoanAccount loan = loans.find(command.loanId()).orElseThrow(() -> new LoanNotFoundException(command.loanId()));
    Optional<LoanRenewal> byRequest = renewals.findByRequest(command.requestId());
    if (byRequest.isPresent()) {
      return replay(byRequest.get(), command);
    }
    LocalDate today = clock.today();
    LoanRenewal renewal = renewals.lock(loan.loanId()).orElse(null);
    if (renewal == null) {
      boolean inWindow = LoanAccount.ACTIVE.equals(loan.status()) && policy.workingCapital(loan.product())
          && policy.inWindow(loan.maturityDate(), today);
      throw (inWindow ? RenewalRefusal.NOT_OFFERED : RenewalRefusal.NOT_IN_WINDOW).refuse(loan.loanId(),
          "到期日" + ChineseDates.day(loan.maturityDate()));
    }
    if (command.requestId().equals(renewal.requestId())) {
      return replay(renewal, command); // the same request, raced with itself
    }
    switch (renewal.status()) {
      case NOT_ELIGIBLE -> throw RenewalRefusal.NOT_OFFERED.refuse(loan.loanId(), null);
      case OFFERED -> { }
      // the channel applies: the refusal names the status in the borrower's words
      default -> throw RenewalRefusal.ALREADY_APPLIED.refuse(loan.loanId(), renewal.status().customerLabel());
    }
    if (!LoanAccount.ACTIVE.equals(loan.status())) {
      throw RenewalRefusal.NOT_IN_WINDOW.refuse(loan.loanId(), "贷款已结清");
    }
    // Read under the renewal's lock, which a call-in takes before it accelerates the ledger (RenewalCallIns): one
    // committed before is seen here; one still to come waits for this application, then finds the renewal APPLIED and
    // ends it.
    Optional<LocalDate> calledIn = loans.acceleratedOn(loan.loanId());
    if (calledIn.isPresent()) {
      throw RenewalRefusal.CALLED_IN.refuse(loan.loanId(), "提前收回日" + ChineseDates.day(calledIn.get()));
    }
    if (today.isAfter(renewal.offerExpiresOn())) {
      throw RenewalRefusal.OFFER_EXPIRED.refuse(loan.loanId(), "最迟申请日" + ChineseDates.day(renewal.offerExpiresOn()));
    }
    BigDecimal dueAtMaturity = RenewalFactsService.principalDueAtMaturity(loan, loans.ledger(loan.loanId()));
    if (dueAtMaturity.compareTo(renewal.renewalAmount()) != 0) {
      throw RenewalRefusal.PRINCIPAL_CHANGED.refuse(loan.loanId(), "邀请金额 " + renewal.renewalAmount().toPlainString()
          + " 元, 现到期应还本金 " + dueAtMaturity.toPlainString() + " 元");
    }
    renewals.applied(loan.loanId(), command.requestId(), command.appliedBy(), clock.now());
    Date maturesAt = Date.from(renewal.maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant());
    ProcessVariable.trusted(() -> runtimeService.startProcessInstanceByKey(LoanRenewalProcess.KEY, loan.loanId(),
        Variables.createVariables().putValue(LoanRenewalProcess.Variables.MATURES_AT.name(), maturesAt)));
    log.info("Loan {}: renewal applied for by {} (request {}), {} CNY, matures {}", loan.loanId(), command.appliedBy(),
        command.requestId(), renewal.renewalAmount().toPlainString(), renewal.maturityDate());
    return new Applied(view(loan.loanId()).orElseThrow(), true);
  }

  private Applied replay(LoanRenewal renewal, ApplyForRenewal command) {
    if (!renewal.loanId().equals(command.loanId())) {
      throw RenewalRefusal.REQUEST_ID_REUSED.refuse(command.loanId(), "请求编号 " + command.requestId());
    }
    return new Applied(view(renewal.loanId()).orElseThrow(), false);
  }

  /** The loan's renewal, if the offer scan evaluated it. */
  public Optional<RenewalView> view(String loanId) {
    LocalDate today = clock.today();
    return renewals.find(loanId).map(r -> new RenewalView(r.loanId(), r.status(), r.status().label(), r.maturityDate(),
        r.offerExpiresOn(), r.status() == RenewalStatus.OFFERED && !today.isAfter(r.offerExpiresOn()), r.renewalAmount(),
        r.requestId(), r.appliedAt(), r.approvalRoute(), r.decidedBy(),
        r.customerReason() == null ? null : CustomerReason.valueOf(r.customerReason()).text(), r.contractNumber(), r.signedAt(),
        r.newLoanId(), r.principalDueAtMaturity(), r.renewedAmount(), r.closedOn(), postingProblem(r),
        envelopeCancellation(r), r.eligibility(), r.maturityDeclineReason(), committee.castVotes(r.loanId()),
        committee.revotes(r.loanId())));
  }

  /**
   * For a CANCELLED or CALLED_IN renewal whose contract was sent and not signed: whether the e-signature service has
   * cancelled its envelope yet ({@link RenewalEnvelopeCancellations}), the service's last refusal in a Chinese line
   * ({@link RenewalView#refusalLine}). Read only in those states.
   */
  private RenewalView.EnvelopeCancellation envelopeCancellation(LoanRenewal renewal) {
    if (!RenewalEnvelopeCancellations.ENDS.contains(renewal.status()) || renewal.envelopeId() == null
        || renewal.signatureId() != null) {
      return null;
    }
    return renewals.envelopeCancellation(renewal.loanId()).map(state -> {
      boolean cancelled = state.cancelledAt() != null;
      String label = cancelled ? RenewalView.ENVELOPE_CANCELLED
          : state.attempts() >= alertAfterAttempts ? RenewalView.ENVELOPE_REFUSED : RenewalView.ENVELOPE_WAITING;
      return new RenewalView.EnvelopeCancellation(cancelled ? RenewalView.EnvelopeCancellationStatus.CANCELLED
          : RenewalView.EnvelopeCancellationStatus.WAITING, label, state.cancelledAt(), state.attempts(),
          RenewalView.refusalLine(state.lastError()), state.lastTriedAt());
    }).orElse(null);
  }

  /**
   * While a signed renewal waits for its maturity posting: whether the posting job failed, and whether it is
   * retried or stopped for an operator (no retries left: an incident). Asked of the engine only in these states.
   */
  private String postingProblem(LoanRenewal renewal) {
    if (renewal.status() != RenewalStatus.SIGNED && renewal.status() != RenewalStatus.AMOUNT_REVIEW) {
      return null;
    }
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(LoanRenewalProcess.KEY)
        .processInstanceBusinessKey(renewal.loanId()).list().stream()
        .flatMap(instance -> managementService.createJobQuery().processInstanceId(instance.getId())
            .activityId(LoanRenewalProcess.Elements.TASK_POST_RENEWAL).withException().list().stream())
        .map(job -> job.getRetries() > 0 ? RenewalView.POSTING_RETRIED : RenewalView.POSTING_NEEDS_OPERATOR)
        .findFirst().orElse(null);
  }
}
