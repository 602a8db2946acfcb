package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code GET /api/loans/{loanId}} answers: the loan's terms, its schedule with each instalment's
 * paid or overdue state, what is outstanding, penalty interest, days past due, the classification
 * with its history and reasons, the repayments and the open collection case. Money in CNY with 2
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
    List<InstalmentView> schedule,
    List<ClassificationView> classificationHistory,
    List<RepaymentView> repayments,
    CollectionCaseLookup.CaseSummary collectionCase) {

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

  static String statusLabel(String status) {
    return switch (status) {
      case LoanAccount.ACTIVE -> "还款中";
      case LoanAccount.SETTLED -> "已结清";
      case LoanAccount.WRITTEN_OFF -> "已核销";
      default -> status;
    };
  }
}
