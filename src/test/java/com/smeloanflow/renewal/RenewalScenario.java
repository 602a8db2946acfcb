package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.process.RenewalOfferScanProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.servicing.InstalmentStatus;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.ApiClient;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * One working-capital loan near maturity, driven as the bank drives it: a 12-month interest-first loan of a
 * fresh enterprise (the whole principal due at maturity) opened on the ledger so that it matures
 * {@code daysToMaturity} days after today, each instalment due before today paid on its due date (a loan the bank
 * renews was repaid on time: a late payment is an arrear the eligibility table counts), its enterprise's sandbox data, the daily offer scan run by its
 * timer, the borrower's application over the channel API.
 */
final class RenewalScenario {

  static final String PRINCIPAL = "100000.00";

  private final ProcessEngine engine;
  private final ApiClient api;
  private final Consumer<String> executeDueJobs;
  private final MailOutbox outbox;
  private final LoanAccount loan;

  private RenewalScenario(ProcessEngine engine, ApiClient api, Consumer<String> executeDueJobs, MailOutbox outbox,
      LoanAccount loan) {
    this.engine = engine;
    this.api = api;
    this.executeDueJobs = executeDueJobs;
    this.outbox = outbox;
    this.loan = loan;
  }

  /** A loan of branch ZY001 maturing {@code daysToMaturity} days from today (engine clock), its borrower's data {@code profile}. */
  static RenewalScenario loan(ProcessEngine engine, ApiClient api, Consumer<String> executeDueJobs, MailOutbox outbox,
      IntakeService intake, LoanAccountService loans, LocalDate today, int daysToMaturity, SandboxProfile profile,
      String principal) {
    return loan(engine, api, executeDueJobs, outbox, intake, loans, today, daysToMaturity, profile, "CREDIT_QUICK", principal);
  }

  /** The same, of {@code product} (e.g. GROWTH for a principal above the pure-credit range). */
  static RenewalScenario loan(ProcessEngine engine, ApiClient api, Consumer<String> executeDueJobs, MailOutbox outbox,
      IntakeService intake, LoanAccountService loans, LocalDate today, int daysToMaturity, SandboxProfile profile,
      String product, String principal) {
    String creditCode = CreditCodes.fresh();
    SandboxEnterprises.register(api, creditCode, profile);
    LoanAccount loan = TestLoans.with(intake, loans).product(product).principal(principal).term(12, RepaymentMethod.INTEREST_FIRST)
        .creditCode(creditCode).disbursedOn(today.plusDays(daysToMaturity).minusMonths(12));
    assertThat(loan.maturityDate()).as("maturity of %s", loan.loanId()).isEqualTo(today.plusDays(daysToMaturity));
    return new RenewalScenario(engine, api, executeDueJobs, outbox, loan).paidOnTimeBefore(today, loans);
  }

  /**
   * Core banking reports, for each instalment due before {@code day} and not paid, a repayment of it on its due date
   * (back-valued): the borrower paid on time.
   */
  RenewalScenario paidOnTimeBefore(LocalDate day, LoanAccountService loans) {
    for (LedgerLine line : loans.ledger(loan.loanId())) {
      if (line.dueDate().isBefore(day) && line.status() != InstalmentStatus.PAID) {
        repay(line.principal().add(line.interest()), line.dueDate());
      }
    }
    return this;
  }

  static RenewalScenario strongLoan(ProcessEngine engine, ApiClient api, Consumer<String> executeDueJobs, MailOutbox outbox,
      IntakeService intake, LoanAccountService loans, LocalDate today) {
    return loan(engine, api, executeDueJobs, outbox, intake, loans, today, 45, ProcessingFixtures.strongProfile(), PRINCIPAL);
  }

  String loanId() {
    return loan.loanId();
  }

  LoanAccount account() {
    return loan;
  }

  /** The daily offer scan falls due now and runs, as the job executor would run it. */
  RenewalScenario scanNow() {
    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey(RenewalOfferScanProcess.KEY).timers()
        .activityId(RenewalOfferScanProcess.Elements.START_SCAN_DUE).singleResult();
    assertThat(timer).as("the offer scan's timer").isNotNull();
    engine.getManagementService().setJobDuedate(timer.getId(), new Date(ClockUtil.getCurrentTime().getTime() - 1000));
    engine.getManagementService().executeJob(timer.getId());
    for (ProcessInstance scan : engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(RenewalOfferScanProcess.KEY).list()) {
      executeDueJobs.accept(scan.getId());
    }
    return this;
  }

  /** Core banking reports a repayment of {@code amount} CNY by the borrower, value date {@code valueDate}. */
  void repay(BigDecimal amount, LocalDate valueDate) {
    ApiClient.Response repaid = api.post("/api/loans/" + loan.loanId() + "/repayments", "core-banking",
        "{\"transactionId\":\"TX-RN-" + UUID.randomUUID().toString().substring(0, 18) + "\",\"amount\":"
            + amount.toPlainString() + ",\"valueDate\":\"" + valueDate + "\"}");
    assertThat(repaid.status()).as(repaid.body()).isIn(200, 201);
  }

  /** The channel applies for the borrower with {@code requestId}. */
  ApiClient.Response apply(String requestId) {
    return api.post("/api/loans/" + loan.loanId() + "/renewal-applications", "channel",
        "{\"requestId\":\"" + requestId + "\"}");
  }

  /**
   * The legal representative signs the renewal contract in the e-signature sandbox and the channel reports it
   * at the engine clock's time. @return the channel's answer
   */
  ApiClient.Response signAndReport() {
    ApiClient.Response signed = api.post("/api/sandbox/e-signature/renewals/" + loan.loanId() + "/sign", "admin", "{}");
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    return api.post("/api/loans/" + loan.loanId() + "/renewal/signature", "channel", "{\"signatureId\":\""
        + signed.json().path("signatureId").asText() + "\",\"signedAt\":\""
        + ClockUtil.getCurrentTime().toInstant().atOffset(java.time.ZoneOffset.ofHours(8)) + "\"}");
  }

  /** The running (or ended) loan-renewal instance of the loan. */
  ProcessInstance renewal() {
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(LoanRenewalProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).singleResult();
    assertThat(instance).as("loan-renewal of %s", loan.loanId()).isNotNull();
    return instance;
  }

  long renewalInstances() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(LoanRenewalProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count();
  }

  void runJobs(ProcessInstance instance) {
    executeDueJobs.accept(instance.getId());
  }

  /** The templates of the borrower's mails about this loan, in the order they were queued. */
  List<MailTemplate> mails() {
    return outbox.mailsOf(MailCaseType.LOAN, loan.loanId()).stream().map(OutboxMail::template).toList();
  }
}
