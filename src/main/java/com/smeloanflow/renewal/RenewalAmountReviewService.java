package com.smeloanflow.renewal;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.calendar.BankCalendar;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 复核续贷金额: a prepayment after the renewal contract was signed changed the old loan's principal due at
 * maturity, so no money moved. The group that approved the renewal decides on a day people work: the last working
 * day before a maturity date that is no working day (核对到期应还本金 finds the change at 00:00 of that day,
 * {@link #amountCheckAt}), else the maturity date itself (the maturity posting finds it). The daily close of the
 * maturity date, at 00:30 the next day, counts unpaid principal due that day overdue:
 *
 * <ul>
 *   <li><b>RENEW_DUE</b>: renew the principal now due. The signed amount is the ceiling: lending less under the
 *       signed contract is allowed, more never. Refused while the old loan can no longer be renewed (no longer
 *       active, its maturity principal already counted overdue, or no longer eligible: downgraded, in arrears or with
 *       a warning signal under check since the offer); the task stays open. The posting then lends
 *       that amount; if the principal due changed again in between, it posts nothing and asks again.</li>
 *   <li><b>LAPSE</b>: do not renew; the renewal is withdrawn and the old loan falls due as agreed.</li>
 * </ul>
 * The note is internal and required either way.
 */
@Service
public class RenewalAmountReviewService {

  private static final Logger log = LoggerFactory.getLogger(RenewalAmountReviewService.class);
  /** When the review is due on the day it opens: its last minute (on the maturity date, before the daily close counts it overdue). */
  static final LocalTime DUE_AT = LocalTime.of(23, 59);

  private final RenewalRepository renewals;
  private final LoanAccountService loans;
  private final BusinessClock clock;
  private final BankCalendar calendar;
  private final RenewalEligibilityRecheck recheck;

  public RenewalAmountReviewService(RenewalRepository renewals, LoanAccountService loans, BusinessClock clock,
      BankCalendar calendar, RenewalEligibilityRecheck recheck) {
    this.recheck = recheck;
    this.renewals = renewals;
    this.loans = loans;
    this.clock = clock;
    this.calendar = calendar;
  }

  /** The due date of a review the maturity posting asks for: 23:59 China Standard Time of the maturity date. */
  public Date dueAtMaturity(String loanId) {
    return dueOn(renewals.find(loanId).orElseThrow().maturityDate());
  }

  /** The due date of a review that opens on {@code day}: 23:59 China Standard Time of that day. */
  public Date dueOn(LocalDate day) {
    return Date.from(day.atTime(DUE_AT).atZone(BusinessClock.BANK_ZONE).toInstant());
  }

  /**
   * When a signed renewal's principal due is checked before its maturity ({@code renewalAmountCheckAt}): 00:00
   * China Standard Time of the last working day before a maturity date that is no working day, so that a review
   * it asks for falls on a day people work. Null when the maturity date is a working day (the posting at maturity
   * checks, and the review takes place that day) or when that working day has passed already (signed on the
   * days off just before the maturity date: only the maturity is left).
   */
  public Date amountCheckAt(LocalDate maturity) {
    if (calendar.isWorkingDay(maturity)) {
      return null;
    }
    LocalDate checkOn = calendar.lastWorkingDayBefore(maturity);
    return checkOn.isBefore(clock.today()) ? null : Date.from(checkOn.atStartOfDay(BusinessClock.BANK_ZONE).toInstant());
  }

  /**
   * The figures the reviewer sees: the signed amount, the principal the posting found due at maturity, and
   * the difference (the principal prepaid since signing).
   */
  public record Figures(BigDecimal signedAmount, BigDecimal dueAtMaturity, BigDecimal prepaidSinceSigning,
      String contractNumber) {}

  public Figures figures(String loanId) {
    LoanRenewal renewal = renewals.find(loanId).orElseThrow();
    BigDecimal due = renewal.principalDueAtMaturity();
    return new Figures(renewal.renewalAmount(), due, renewal.renewalAmount().subtract(due), renewal.contractNumber());
  }

  /**
   * Records the decision.
   *
   * @return whether the principal now due is renewed (the posting follows)
   * @throws InvalidTaskInputException no note, or RENEW_DUE while the old loan cannot be renewed (the task stays open)
   */
  @Transactional
  public boolean review(ReviewRenewalAmount command) {
    if (command.note() == null || command.note().isBlank()) {
      throw new InvalidTaskInputException("请填写复核意见 (renewalAmountReviewNote is required)");
    }
    if (command.note().length() > LoanRenewal.NOTE_MAX_LENGTH) {
      throw new InvalidTaskInputException("复核意见最多 " + LoanRenewal.NOTE_MAX_LENGTH + " 字 (renewalAmountReviewNote is too long)");
    }
    String loanId = command.loanId();
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow();
    if (renewal.status() != RenewalStatus.AMOUNT_REVIEW) {
      throw new InvalidTaskInputException("借据 " + loanId + " 的续贷不在待复核续贷金额状态 (" + renewal.status().label() + ")");
    }
    if (command.renewDue()) {
      requireRenewable(renewal);
      renewals.amountReviewed(loanId, RenewalStatus.AMOUNT_REVIEW, LoanRenewal.RENEW_DUE, command.reviewedBy(),
          command.note(), clock.now(), null);
      log.info("Loan {}: {} decided to renew the {} CNY now due at maturity (signed {})", loanId, command.reviewedBy(),
          renewal.principalDueAtMaturity().toPlainString(), renewal.renewalAmount().toPlainString());
    } else {
      renewals.amountReviewed(loanId, RenewalStatus.WITHDRAWN, LoanRenewal.LAPSE, command.reviewedBy(), command.note(),
          clock.now(), clock.today());
      log.info("Loan {}: {} decided not to renew after a prepayment since signing; the old loan falls due {}", loanId,
          command.reviewedBy(), renewal.maturityDate());
    }
    return command.renewDue();
  }

  /**
   * The old loan can still be renewed with the principal now due: active, not counted overdue, still eligible (the
   * eligibility table asked again with the loan as it stands now, {@link RenewalEligibilityRecheck}), within the contract.
   */
  private void requireRenewable(LoanRenewal renewal) {
    String loanId = renewal.loanId();
    LoanAccount loan = loans.find(loanId).orElseThrow();
    if (!LoanAccount.ACTIVE.equals(loan.status())) {
      throw new InvalidTaskInputException("原贷款 " + loanId + " 已不在还款中 (" + loan.status() + "), 不能再续贷; "
          + "请选择“不再续贷” (RENEW_DUE refused: the loan is not ACTIVE)");
    }
    if (LedgerLine.overdueMaturityInstalment(loans.ledger(loanId), renewal.maturityDate()).isPresent()) {
      throw new InvalidTaskInputException("原贷款 " + loanId + " 的到期本金已被" + ChineseDates.day(renewal.maturityDate())
          + "的日终批处理计为逾期, 不能再续贷; 请选择“不再续贷” (RENEW_DUE refused: the maturity instalment is OVERDUE)");
    }
    java.util.Optional<RenewalEligibilityTable.Answer> lapsed = recheck.noLongerEligible(renewal);
    if (lapsed.isPresent()) {
      throw new InvalidTaskInputException("借据 " + loanId + " " + RenewalEligibilityRecheck.NO_LONGER_ELIGIBLE
          + lapsed.get().reason() + ", 不能再续贷; 请选择“不再续贷” (RENEW_DUE refused: the loan no longer meets renewal "
          + "eligibility: " + lapsed.get().code() + ")");
    }
    if (renewal.principalDueAtMaturity().compareTo(renewal.renewalAmount()) > 0) {
      throw new InvalidTaskInputException("到期应还本金 " + renewal.principalDueAtMaturity().toPlainString()
          + " 元超过已签约的续贷金额 " + renewal.renewalAmount().toPlainString() + " 元, 续贷不能多于合同金额; "
          + "请选择“不再续贷” (RENEW_DUE refused: above the signed amount)");
    }
  }
}
