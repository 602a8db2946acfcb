package com.smeloanflow.collections;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanBalances;
import com.smeloanflow.servicing.LoanStanding;
import com.smeloanflow.servicing.PenaltyInterest;
import com.smeloanflow.servicing.StoredRepayment;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Every mail servicing and collections send a borrower, in one place: the overdue reminder and the
 * notice that the arrears are cleared. Sent through notification's applicant mail service, about the
 * loan's application; when the mail outbox lands, this class is the one to switch to it. A failure
 * to send is thrown, so the asynchronous process step is retried.
 */
@Component
public class BorrowerMails {

  private final MailOutbox mail;
  private final LoanAccountService loans;
  private final PenaltyInterest penalty;

  public BorrowerMails(MailOutbox mail, LoanAccountService loans, PenaltyInterest penalty) {
    this.mail = mail;
    this.loans = loans;
    this.penalty = penalty;
  }

  /** 逾期还款提醒: what is overdue since when, and what penalty interest it bears. */
  public void overdueReminder(String loanId, LoanStanding standing, LoanBalances balances, LocalDate businessDate) {
    Map<String, String> values = new HashMap<>();
    values.put("loanId", loanId);
    values.put("overdueSince", String.valueOf(standing.overdueSince()));
    values.put("businessDate", businessDate.toString());
    values.put("daysPastDue", String.valueOf(standing.daysPastDue()));
    values.put("overduePrincipal", balances.overduePrincipal().toPlainString());
    values.put("overdueInterest", balances.overdueInterest().toPlainString());
    values.put("penaltyOutstanding", balances.penaltyOutstanding().toPlainString());
    values.put("arrears", balances.arrears().toPlainString());
    values.put("penaltyUpliftPercent", penalty.upliftPercent().stripTrailingZeros().toPlainString());
    mail.enqueue(applicationOf(loanId), MailTemplate.OVERDUE_REMINDER);
  }

  /** 逾期款项已结清: the repayment that cleared them, and the principal still owed. */
  public void arrearsCleared(String loanId, StoredRepayment repayment, LoanBalances balances) {
    Map<String, String> values = new HashMap<>();
    values.put("loanId", loanId);
    values.put("transactionId", repayment.transactionId());
    values.put("valueDate", repayment.valueDate().toString());
    values.put("repaymentAmount", repayment.amount().toPlainString());
    values.put("outstandingPrincipal", balances.outstandingPrincipal().toPlainString());
    mail.enqueue(applicationOf(loanId), MailTemplate.ARREARS_CLEARED);
  }

  private String applicationOf(String loanId) {
    return loans.find(loanId).orElseThrow().applicationId();
  }
}
