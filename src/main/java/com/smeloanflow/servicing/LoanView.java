package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code GET /api/loans/{loanId}} answers: the loan's terms, its schedule with each instalment's
 * paid or overdue state, what is outstanding, penalty interest, days past due, the classification
 * with its history and reasons, the repayments and the open collection case; for a written-off loan its claim and
 * what was recovered of it ({@link WriteOffView}); for a loan a post-loan check called in, {@code acceleratedOn}, the day
 * everything owed fell due ({@link Acceleration}; null otherwise). Money in CNY with 2
 * decimals, dates ISO (yyyy-MM-dd).
 */
public record LoanView(
    String loanId,
    String applicationId,
    String creditCode,
    String borrowerName,
    String branchCode,
    String product,
    BigDecimal principal,
    BigDecimal annualRatePercent,
    BigDecimal penaltyRatePercent,
    int termMonths,
    RepaymentMethod repaymentMethod,
    String repaymentMethodLabel,
    LocalDate disbursedOn,
    LocalDate maturityDate,
    String corePostingReference,
    String status,
    String statusLabel,
    BigDecimal totalInterest,
    BigDecimal totalRepayment,
    BigDecimal outstandingPrincipal,
    BigDecimal outstandingInterest,
    BigDecimal overduePrincipal,
    BigDecimal overdueInterest,
    BigDecimal penaltyAccrued,
    BigDecimal penaltyOutstanding,
    BigDecimal arrears,
    BigDecimal payoffAmount,
    int daysPastDue,
    LocalDate overdueSince,
    LocalDate defaultedOn,
    Classification classification,
    String classificationLabel,
    LocalDate lastClosedOn,
    LocalDate closedOn,
    BigDecimal writtenOffPrincipal,
    LocalDate acceleratedOn,
    List<InstalmentView> schedule,
    List<ClassificationView> classificationHistory,
    List<RepaymentView> repayments,
    CollectionCaseLookup.CaseSummary collectionCase,
    WriteOffView writeOff) {

  /**
   * A written-off loan's claim (账销案存) and what was received for it since (核销后收回); null unless written off. The
   * claim is what the loan owed at the write-off: {@code writtenOffPrincipal}, the interest due and unpaid, the penalty
   * interest accrued and unpaid. Recoveries pay principal first, then interest, then penalty interest.
   *
   * @param writtenOffOn        the write-off's business date
   * @param writtenOffPrincipal principal written off
   * @param interestAtWriteOff  interest due by the write-off and unpaid
   * @param penaltyAtWriteOff   penalty interest unpaid at the write-off
   * @param claim               the three together
   * @param recovered           recovered so far (reversed recoveries not counted)
   * @param recoveredPrincipal  of which principal
   * @param recoveredInterest   of which interest
   * @param recoveredPenalty    of which penalty interest
   * @param claimRemaining      claim less recovered
   * @param recoveries          each recovery with its value date and amount, reversed ones included (status REVERSED)
   */
  public record WriteOffView(LocalDate writtenOffOn, BigDecimal writtenOffPrincipal, BigDecimal interestAtWriteOff,
      BigDecimal penaltyAtWriteOff, BigDecimal claim, BigDecimal recovered, BigDecimal recoveredPrincipal,
      BigDecimal recoveredInterest, BigDecimal recoveredPenalty, BigDecimal claimRemaining, List<RepaymentView> recoveries) {

    static WriteOffView of(WrittenOffClaim claim, List<StoredRepayment> recoveries) {
      return new WriteOffView(claim.writtenOffOn(), claim.principal(), claim.interest(), claim.penalty(), claim.claim(),
          claim.recovered(), claim.recoveredPrincipal(), claim.recoveredInterest(), claim.recoveredPenalty(),
          claim.remaining(), recoveries.stream().map(RepaymentView::of).toList());
    }

    /** The recoveries as the borrower may be shown them ({@link RepaymentView#forChannel()}). */
    WriteOffView forChannel() {
      return new WriteOffView(writtenOffOn, writtenOffPrincipal, interestAtWriteOff, penaltyAtWriteOff, claim, recovered,
          recoveredPrincipal, recoveredInterest, recoveredPenalty, claimRemaining,
          recoveries.stream().map(RepaymentView::forChannel).toList());
    }
  }

  /** One instalment: the schedule's amounts, what was paid and charged, and its state. */
  public record InstalmentView(int number, LocalDate dueDate, BigDecimal principal, BigDecimal interest, BigDecimal total,
      BigDecimal remainingPrincipal, BigDecimal principalPaid, BigDecimal interestPaid, BigDecimal penaltyAccrued,
      BigDecimal penaltyPaid, BigDecimal outstanding, InstalmentStatus status, String statusLabel, LocalDate paidOn) {

    static InstalmentView of(LedgerLine line) {
      return new InstalmentView(line.number(), line.dueDate(), line.principal(), line.interest(), line.total(),
          line.remainingPrincipal(), line.principalPaid(), line.interestPaid(), line.penaltyAccrued(), line.penaltyPaid(),
          line.outstanding(), line.status(), line.status().label(), line.paidOn());
    }
  }

  /** One change of the classification and why. */
  public record ClassificationView(LocalDate businessDate, String source, Classification classification,
      String classificationLabel, Classification previousClassification, int daysPastDue, String reason) {

    static ClassificationView of(ClassificationChange change) {
      return new ClassificationView(change.businessDate(), change.source(), change.classification(),
          change.classification().label(), change.previous(), change.daysPastDue(), change.reason());
    }
  }

  /**
   * What the channel shows the borrower: the loan as staff read it, less staff's own matters. The classification changes
   * keep their dates and tiers without their reasons (a risk review's reason is an officer's finding with the officer's
   * user id: 风险分类理由仅供银行员工查看, as post-loan monitoring tells the channel); the open collection case keeps its
   * number, status and opening day without the ladder's rung or the names of staff's open tasks (电话催收, 督办逾期贷款).
   */
  public LoanView forChannel() {
    return new LoanView(loanId, applicationId, creditCode, borrowerName, branchCode, product, principal, annualRatePercent,
        penaltyRatePercent, termMonths, repaymentMethod, repaymentMethodLabel, disbursedOn, maturityDate,
        corePostingReference, status, statusLabel, totalInterest, totalRepayment, outstandingPrincipal, outstandingInterest,
        overduePrincipal, overdueInterest, penaltyAccrued, penaltyOutstanding, arrears, payoffAmount, daysPastDue,
        overdueSince, defaultedOn, classification, classificationLabel, lastClosedOn, closedOn, writtenOffPrincipal,
        acceleratedOn, schedule,
        classificationHistory.stream().map(change -> new ClassificationView(change.businessDate(), change.source(),
            change.classification(), change.classificationLabel(), change.previousClassification(), change.daysPastDue(),
            null)).toList(),
        repayments.stream().map(RepaymentView::forChannel).toList(),
        collectionCase == null ? null : new CollectionCaseLookup.CaseSummary(collectionCase.caseId(),
            collectionCase.status(), collectionCase.statusLabel(), collectionCase.openedOn(), null, null, List.of()),
        writeOff == null ? null : writeOff.forChannel());
  }

  static String statusLabel(String status) {
    return switch (status) {
      case LoanAccount.ACTIVE -> "还款中";
      case LoanAccount.SETTLED -> "已结清";
      case LoanAccount.WRITTEN_OFF -> "已核销";
      default -> status;
    };
  }
}
