package com.smeloanflow.servicing;

import static com.smeloanflow.notification.MailValueProvider.putIfKnown;

import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Recipient and placeholders of the mails to a loan's borrower (case type LOAN, case id = loan id),
 * read when the mail is queued: the legal representative's address and {@code legalRepName},
 * {@code enterpriseName} from the application; {@code loanId}; the standing after the last daily close
 * ({@code businessDate}, {@code overdueSince} only while in arrears, {@code daysPastDue}, {@code closedOn} only once settled
 * or written off: a mail that needs one the loan lacks is not rendered, never sent saying "null"); the balances ({@code overduePrincipal},
 * {@code overdueInterest}, {@code penaltyOutstanding}, {@code arrears}, {@code outstandingPrincipal});
 * {@code remainingNote}, what is still to pay (or that nothing is, the settlement notice to follow);
 * {@code penaltyNote}, what penalty interest the overdue bears ({@link PenaltyInterest#borrowerNote}); and the terms the loan was paid out on, for its payout notice ({@code loanAmount},
 * {@code loanRate}, {@code loanTermMonths}, {@code loanRepaymentMethod}, {@code loanDisbursedOn},
 * {@code loanMaturityDate}, {@code firstDueDate}, {@code firstInstalment}, {@code instalmentCount},
 * {@code totalInterest}, {@code totalRepayment} and {@code repaymentSchedule}, one line per instalment).
 */
@Component
public class BorrowerMailValues implements MailValueProvider.OfLoan {

  private final LoanAccountService loans;
  private final LoanApplicationRepository applications;
  private final PenaltyInterest penalty;
  private final BusinessClock clock;

  public BorrowerMailValues(LoanAccountService loans, LoanApplicationRepository applications, PenaltyInterest penalty,
      BusinessClock clock) {
    this.loans = loans;
    this.applications = applications;
    this.penalty = penalty;
    this.clock = clock;
  }

  @Override
  public Map<String, String> values(String loanId) {
    LoanAccount loan = loan(loanId);
    LoanApplication application = applications.get(loan.applicationId());
    LoanStanding standing = loans.standing(loanId).orElseThrow();
    LoanBalances balances = loans.balances(loanId);
    Map<String, String> values = new HashMap<>();
    values.put("loanId", loanId);
    values.put("legalRepName", application.legalRepName());
    values.put("enterpriseName", application.enterpriseName());
    values.put("businessDate", ChineseDates.day(standing.lastClosedOn() != null ? standing.lastClosedOn() : clock.today()));
    // Only a loan in arrears has an overdueSince, only a settled or written-off one a closedOn: a mail that needs one the
    // loan lacks (a reminder re-queued after the arrears were paid, say) is not rendered rather than sent saying "null".
    putIfKnown(values, "overdueSince", standing.overdueSince(), ChineseDates::day);
    putIfKnown(values, "closedOn", standing.closedOn(), ChineseDates::day);
    values.put("daysPastDue", String.valueOf(standing.daysPastDue()));
    values.put("overduePrincipal", balances.overduePrincipal().toPlainString());
    values.put("overdueInterest", balances.overdueInterest().toPlainString());
    values.put("penaltyOutstanding", balances.penaltyOutstanding().toPlainString());
    values.put("arrears", balances.arrears().toPlainString());
    values.put("outstandingPrincipal", balances.outstandingPrincipal().toPlainString());
    boolean nothingLeft = balances.outstandingPrincipal().signum() == 0 && balances.outstandingInterest().signum() == 0
        && balances.penaltyOutstanding().signum() == 0;
    values.put("remainingNote", nothingLeft ? "贷款本息已全部还清，日终处理后我行将另行发送贷款结清通知。"
        : "尚欠本金：人民币 " + balances.outstandingPrincipal().toPlainString() + " 元。请继续按期足额还款，保持良好信用。");
    values.put("penaltyNote", penalty.borrowerNote(balances.overduePrincipal().signum() > 0,
        balances.overdueInterest().signum() > 0));
    putTerms(loan, values);
    return values;
  }

  /** The loan's terms and repayment schedule, for the notice of its payout. */
  private static void putTerms(LoanAccount loan, Map<String, String> values) {
    values.put("loanAmount", loan.principal().toPlainString());
    values.put("loanRate", loan.annualRatePercent().stripTrailingZeros().toPlainString());
    values.put("loanTermMonths", String.valueOf(loan.termMonths()));
    values.put("loanRepaymentMethod", loan.repaymentMethod().contractWording());
    values.put("loanDisbursedOn", ChineseDates.day(loan.disbursedOn()));
    values.put("loanMaturityDate", ChineseDates.day(loan.maturityDate()));
    Instalment first = loan.schedule().get(0);
    values.put("firstDueDate", ChineseDates.day(first.dueDate()));
    values.put("firstInstalment", first.total().toPlainString());
    values.put("instalmentCount", String.valueOf(loan.schedule().size()));
    values.put("totalInterest", loan.totalInterest().toPlainString());
    values.put("totalRepayment", loan.totalRepayment().toPlainString());
    values.put("repaymentSchedule", loan.schedule().stream()
        .map(i -> "  第 " + i.number() + " 期  " + ChineseDates.day(i.dueDate()) + "  应还 " + i.total().toPlainString() + " 元（本金 "
            + i.principal().toPlainString() + " 元，利息 " + i.interest().toPlainString() + " 元）")
        .collect(Collectors.joining("\n")));
  }

  @Override
  public Optional<String> recipient(String loanId) {
    return Optional.of(applications.get(loan(loanId).applicationId()).legalRepEmail());
  }

  private LoanAccount loan(String loanId) {
    return loans.find(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
  }
}
