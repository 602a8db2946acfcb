package com.smeloanflow.renewal;

import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.monitoring.MonitoredLoan;
import com.smeloanflow.monitoring.MonitoringQueryService;
import com.smeloanflow.processing.EnterpriseData;
import com.smeloanflow.processing.ExternalDataService;
import com.smeloanflow.processing.ScoringService;
import com.smeloanflow.scoring.FourDimensionScorer;
import com.smeloanflow.scoring.ScoreCard;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.InstalmentStatus;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanStanding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What the eligibility table reads about a loan near maturity, each fact from the stage that owns it:
 * the classification (monitoring's risk review, never milder than servicing's) and the early-warning signals monitoring
 * is still checking, the last overdue day (the servicing ledger), the licence status and a fresh four-dimension score
 * (processing's external sources asked again now; nothing stored with the original application).
 */
@Service
public class RenewalFactsService {

  private final FourDimensionScorer scorer = new FourDimensionScorer();
  private final LoanAccountService loans;
  private final MonitoringQueryService monitoring;
  private final LoanApplicationRepository applications;
  private final ExternalDataService externalData;

  public RenewalFactsService(LoanAccountService loans, MonitoringQueryService monitoring,
      LoanApplicationRepository applications, ExternalDataService externalData) {
    this.loans = loans;
    this.monitoring = monitoring;
    this.applications = applications;
    this.externalData = externalData;
  }

  /** The facts and the fresh score behind them. */
  public record Gathered(RenewalEligibilityTable.Facts facts, ScoreCard score, BigDecimal renewalAmount) {}

  /** @throws com.smeloanflow.processing.ExternalSourceUnavailableException when a source fails (the scan job is retried) */
  public Gathered gather(LoanAccount loan, LocalDate today) {
    List<LedgerLine> ledger = loans.ledger(loan.loanId());
    BigDecimal renewalAmount = principalDueAtMaturity(loan, ledger);
    LoanApplication application = applications.get(loan.applicationId());
    EnterpriseData data = externalData.query(loan.creditCode());
    ScoreCard score = scorer.score(ScoringService.inputFor(application, data).toBuilder()
        .requestedAmount(renewalAmount.signum() > 0 ? renewalAmount : loan.principal()).build());
    String licence = data.registration().status() == null ? "UNKNOWN" : data.registration().status().name();
    return new Gathered(new RenewalEligibilityTable.Facts(classification(loan.loanId()).name(),
        monthsSinceLastOverdue(ledger, today), licence, score.totalScore(), score.hasHardRedFlag(),
        monitoring.openSignalCount(loan.loanId())), score, renewalAmount);
  }

  /**
   * The table's facts as the loan stands on {@code today}, for a renewal offered before: the classification, the
   * overdue record and the signals under check read again (a downgrade, an arrear or a signal since the offer counts), the licence and the fresh score of
   * the offer kept (the external sources are not asked again).
   */
  public RenewalEligibilityTable.Facts standingNow(LoanRenewal renewal, LocalDate today) {
    LoanRenewal.Eligibility offered = renewal.eligibility();
    return new RenewalEligibilityTable.Facts(classification(renewal.loanId()).name(),
        monthsSinceLastOverdue(loans.ledger(renewal.loanId()), today), offered.licenceStatus(), offered.score(),
        offered.hardRedFlag(), monitoring.openSignalCount(renewal.loanId()));
  }

  /** The stricter of monitoring's risk review and the loan's classification in the ledger (which holds the days-past-due floor). */
  Classification classification(String loanId) {
    Classification ledger = loans.standing(loanId).map(LoanStanding::classification).orElse(Classification.NORMAL);
    Classification review = monitoring.find(loanId).map(MonitoredLoan::classification).orElse(Classification.NORMAL);
    return Classification.strictest(ledger, review);
  }

  /**
   * Whole months from the last day an instalment was overdue to {@code today}: 0 while one is overdue, from
   * the day a late instalment was paid in full otherwise; {@link LoanRenewal.Eligibility#NEVER_OVERDUE} if
   * never.
   */
  static int monthsSinceLastOverdue(List<LedgerLine> ledger, LocalDate today) {
    LocalDate last = null;
    for (LedgerLine line : ledger) {
      LocalDate overdueUntil = null;
      if (line.status() == InstalmentStatus.OVERDUE) {
        overdueUntil = today;
      } else if (line.paidOn() != null && line.paidOn().isAfter(line.dueDate())) {
        overdueUntil = line.paidOn();
      }
      if (overdueUntil != null && (last == null || overdueUntil.isAfter(last))) {
        last = overdueUntil;
      }
    }
    return last == null ? LoanRenewal.Eligibility.NEVER_OVERDUE : (int) ChronoUnit.MONTHS.between(last, today);
  }

  /** The principal the borrower would repay at maturity: what is still owed of the instalments due that day. */
  static BigDecimal principalDueAtMaturity(LoanAccount loan, List<LedgerLine> ledger) {
    return LedgerLine.principalDueAtMaturity(ledger, loan.maturityDate());
  }
}
