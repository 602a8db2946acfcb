package com.smeloanflow.renewal;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The offer scan: finds the working-capital loans maturing 30 to 60 days from today that were never
 * evaluated, asks the eligibility table about each and keeps its answer. An eligible borrower is offered
 * renewal (mail {@link MailTemplate#RENEWAL_OFFERED}); for the others the reason is kept for staff and
 * nothing is offered or told. Each loan is evaluated in its own transaction with its mail, once: a loan
 * evaluated before is not found again.
 */
@Service
public class RenewalOfferService {

  private static final Logger log = LoggerFactory.getLogger(RenewalOfferService.class);
  /** Loans read per page of the scan. */
  static final int PAGE = 200;
  /**
   * A loan whose principal was all prepaid owes nothing at maturity: there is nothing to lend anew, whatever
   * the table would say (a renewal of 0 CNY cannot be posted).
   */
  static final RenewalEligibilityTable.Answer NOTHING_DUE_AT_MATURITY =
      new RenewalEligibilityTable.Answer(false, "NO_PRINCIPAL_AT_MATURITY", "到期日无应还本金 (已提前还款), 无需续贷");

  private final LoanAccountService loans;
  private final RenewalFactsService facts;
  private final RenewalEligibilityTable table;
  private final RenewalRepository renewals;
  private final RenewalPolicy policy;
  private final MailOutbox outbox;
  private final BusinessClock clock;
  private final TransactionTemplate perLoan;

  public RenewalOfferService(LoanAccountService loans, RenewalFactsService facts, RenewalEligibilityTable table,
      RenewalRepository renewals, RenewalPolicy policy, MailOutbox outbox, BusinessClock clock,
      PlatformTransactionManager transactionManager) {
    this.loans = loans;
    this.facts = facts;
    this.table = table;
    this.renewals = renewals;
    this.policy = policy;
    this.outbox = outbox;
    this.clock = clock;
    this.perLoan = new TransactionTemplate(transactionManager);
    this.perLoan.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** What one scan did. */
  public record ScanResult(LocalDate businessDate, int evaluated, int offered, int notEligible) {}

  /** Scans the loans in today's window (China Standard Time). */
  public ScanResult scan() {
    LocalDate today = clock.today();
    int evaluated = 0;
    int offered = 0;
    String after = null;
    while (true) {
      List<String> page = loans.activeLoansMaturingBetween(policy.nearestMaturity(today), policy.furthestMaturity(today),
          RenewalPolicy.WORKING_CAPITAL_PRODUCTS, after, PAGE);
      for (String loanId : page) {
        if (renewals.find(loanId).isPresent()) {
          continue;
        }
        RenewalStatus status = evaluate(loanId, today);
        if (status != null) {
          evaluated++;
          offered += status == RenewalStatus.OFFERED ? 1 : 0;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    log.info("Renewal offer scan of {}: {} loans evaluated, {} offered renewal", today, evaluated, offered);
    return new ScanResult(today, evaluated, offered, evaluated - offered);
  }

  /** Evaluates one loan in its own transaction; @return its status, or null when another scan evaluated it first. */
  RenewalStatus evaluate(String loanId, LocalDate today) {
    try {
      return perLoan.execute(tx -> {
        LoanAccount loan = loans.find(loanId).orElseThrow();
        RenewalFactsService.Gathered gathered = facts.gather(loan, today);
        RenewalEligibilityTable.Answer answer = gathered.renewalAmount().signum() > 0 ? table.evaluate(gathered.facts())
            : NOTHING_DUE_AT_MATURITY;
        RenewalStatus status = answer.eligible() ? RenewalStatus.OFFERED : RenewalStatus.NOT_ELIGIBLE;
        RenewalEligibilityTable.Facts f = gathered.facts();
        renewals.insertEvaluation(new LoanRenewal(loanId, loan.branchCode(), loan.creditCode(), loan.product(),
            loan.maturityDate(), status, new LoanRenewal.Eligibility(today, f.classification(), f.monthsSinceLastOverdue(),
                f.licenceStatus(), f.score(), gathered.score().grade(), gathered.score().suggestedLimit(),
                gathered.score().hasRedFlag(), gathered.score().hasHardRedFlag(), answer.eligible(), answer.code(),
                answer.reason()),
            answer.eligible() ? policy.offerExpiresOn(loan.maturityDate()) : null, gathered.renewalAmount(), null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
            clock.now());
        if (answer.eligible()) {
          outbox.enqueue(loanId, MailTemplate.RENEWAL_OFFERED);
        }
        log.info("Loan {} (matures {}): renewal {} - {} ({})", loanId, loan.maturityDate(), status, answer.code(),
            answer.reason());
        return status;
      });
    } catch (DuplicateKeyException e) {
      log.info("Loan {}: evaluated for renewal by another scan", loanId);
      return null;
    }
  }
}
