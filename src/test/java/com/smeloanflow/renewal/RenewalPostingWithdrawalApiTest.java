package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.disbursement.DisbursementOrder;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A renewal posting left recorded as under way on a loan (a run died after recording it, and nothing will end it: say
 * its renewal was cancelled before the renewal's end withdrew such records) refuses every repayment of the principal
 * due at maturity. An operator withdraws it over {@code POST /api/admin/renewal-postings/{loanId}/withdrawal}; refused
 * while the renewal's posting job is still there, and when core banking booked the posting (money moved). Nobody but
 * administrators may.
 */
class RenewalPostingWithdrawalApiTest extends AbstractIntegrationTest {

  private static final String ADMIN = "admin";
  private static final String PRINCIPAL = "100000.00";

  @Autowired LoanAccountService loans;
  @Autowired SandboxCoreBanking coreBanking;
  @Autowired BusinessClock clock;
  @Autowired MailOutbox outbox;
  @Autowired PlatformTransactionManager transactionManager;
  @Value("${camunda.bpm.job-execution.lock-time-in-millis}") long lockTimeInMillis;

  private LocalDate today;

  @BeforeEach
  void aFixedMorning() {
    stopClock();
    today = clock.today();
  }

  /**
   * An interest-first loan (all its principal due at maturity) maturing in 20 days, its renewal posting left recorded by
   * a run whose job's lock has run out since.
   */
  private LoanAccount loanWithAPostingLeftRecorded() {
    LoanAccount loan = loanWithAPostingJustRecorded();
    moveClockBy(Duration.ofMillis(lockTimeInMillis).plusSeconds(1));
    return loan;
  }

  /** The same loan, its renewal posting recorded now (by a run that may still be waiting for core banking). */
  private LoanAccount loanWithAPostingJustRecorded() {
    LoanAccount loan = TestLoans.with(intakeService, loans).principal(PRINCIPAL).term(12, RepaymentMethod.INTEREST_FIRST)
        .disbursedOn(today.plusDays(20).minusMonths(12));
    recordPosting(loan.loanId());
    return loan;
  }

  private Instant recordPosting(String loanId) {
    return new TransactionTemplate(transactionManager)
        .execute(status -> loans.renewalPostingStarted(loanId, new BigDecimal(PRINCIPAL)));
  }

  private Response withdraw(String loanId, String user) {
    return api.post("/api/admin/renewal-postings/" + loanId + "/withdrawal", user, null);
  }

  private Response prepay(String loanId, String transactionId) {
    return api.post("/api/loans/" + loanId + "/repayments", "core-banking", "{\"transactionId\":\"" + transactionId
        + "\",\"amount\":20000.00,\"valueDate\":\"" + today + "\"}");
  }

  @Test
  void anOperatorWithdrawsAPostingNothingWillEndAndTheMaturityPrincipalIsRepaidAgain() {
    LoanAccount loan = loanWithAPostingLeftRecorded();
    Instant recorded = loans.renewalPostingUnderWay(loan.loanId()).orElseThrow().since();
    Response held = prepay(loan.loanId(), "TX-WD-HELD-" + loan.loanId());
    assertThat(held.status()).as(held.body()).isEqualTo(400);
    assertThat(held.body()).contains("正由续贷归还");

    Response withdrawn = withdraw(loan.loanId(), ADMIN);

    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    assertThat(withdrawn.json().path("loanId").asText()).isEqualTo(loan.loanId());
    assertThat(withdrawn.json().path("principal").decimalValue()).isEqualByComparingTo(PRINCIPAL);
    assertThat(Instant.parse(withdrawn.json().path("recordedAt").asText())).isEqualTo(recorded);
    assertThat(withdrawn.json().path("withdrawnBy").asText()).isEqualTo(ADMIN);
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isEmpty();
    Response repaid = prepay(loan.loanId(), "TX-WD-PAID-" + loan.loanId());
    assertThat(repaid.status()).as(repaid.body()).isEqualTo(201);

    Response again = withdraw(loan.loanId(), ADMIN);
    assertThat(again.status()).as("nothing left to withdraw").isEqualTo(404);
    assertThat(again.json().path("detail").asText()).isEqualTo("借据 " + loan.loanId() + " 没有正在办理的续贷转贷入账记录 (loan "
        + loan.loanId() + " has no renewal posting recorded as under way)");
  }

  @Test
  void aPostingRecordedLessThanTheJobLockTimeAgoIsWithdrawnOnlyOnceTheLockHasRunOut() {
    LoanAccount loan = loanWithAPostingJustRecorded();
    Instant recorded = loans.renewalPostingUnderWay(loan.loanId()).orElseThrow().since();
    Instant withdrawable = recorded.plusMillis(lockTimeInMillis);

    // Its run may still be waiting for core banking, which has booked nothing yet but may post a moment later.
    Response refused = withdraw(loan.loanId(), ADMIN);

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asText()).startsWith("借据 " + loan.loanId() + " 的续贷转贷入账记录于"
        + ChineseDates.second(recorded) + " 写入, 不足作业锁定时长 5 分钟, 写入它的作业可能仍在等待核心系统入账, 暂不能撤销; 请于"
        + ChineseDates.second(withdrawable) + " 之后再撤销 (");
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).as("the record stays").isPresent();

    moveClockTo(withdrawable.minusSeconds(1));
    assertThat(withdraw(loan.loanId(), ADMIN).status()).as("a second before the lock runs out").isEqualTo(409);

    moveClockTo(withdrawable);
    Response withdrawn = withdraw(loan.loanId(), ADMIN);
    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isEmpty();
    assertThat(prepay(loan.loanId(), "TX-WD-LATER-" + loan.loanId()).status()).isEqualTo(201);
  }

  @Test
  void aPostingCoreBankingBookedIsNotWithdrawnAnOperatorMustBookIt() {
    LoanAccount loan = loanWithAPostingLeftRecorded();
    CorePosting booked = coreBanking.disburse(new DisbursementOrder(RenewalPostingService.idempotencyKey(loan.loanId()),
        loan.loanId(), loan.borrowerName(), loan.creditCode(), "借新还旧:" + loan.loanId(), new BigDecimal(PRINCIPAL)));

    Response refused = withdraw(loan.loanId(), ADMIN);

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asText())
        .startsWith("核心系统已按幂等键 RENEWAL-" + loan.loanId() + " 入账借据 " + loan.loanId() + " 的续贷转贷 (流水号 "
            + booked.postingReference() + ", 金额 100000.00 元), 资金已划转, 不能撤销该记录; 须由运维人员按该笔入账登记续贷 (");
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).as("the record stays").isPresent();
    assertThat(prepay(loan.loanId(), "TX-WD-BOOKED-" + loan.loanId()).status()).isEqualTo(400);
  }

  @Test
  void aPostingWhoseJobIsStillThereIsLeftToTheJob() {
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        RenewalDates.daysToMaturity(bankCalendar, today, 45, true), com.smeloanflow.processing.ProcessingFixtures.strongProfile(),
        RenewalScenario.PRINCIPAL).scanNow();
    assertThat(loan.apply("REQ-WD-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    for (List<Job> timers = managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable().list();
        !timers.isEmpty();
        timers = managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable().list()) {
      timers.forEach(timer -> managementService.executeJob(timer.getId()));
    }
    Job posting = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(LoanRenewalProcess.Elements.TASK_POST_RENEWAL).singleResult();
    assertThat(posting).isNotNull();
    recordPosting(loan.loanId());

    Response refused = withdraw(loan.loanId(), ADMIN);

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).startsWith("借据 " + loan.loanId() + " 的续贷转贷作业 " + posting.getId()
        + " 仍在运行或等待重试 (剩余 3 次), 将由该作业入账或撤销此记录, 不能手工撤销 (");
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isPresent();

    // the job runs: it books the renewal and ends the record itself
    loan.runJobs(instance);
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isEmpty();
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
  }

  @Test
  void anUnknownLoanIsNotFound() {
    Response answer = withdraw("LN20990101999999", ADMIN);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().path("detail").asText()).isEqualTo("借据 LN20990101999999 不存在 (loan LN20990101999999 does not exist)");
  }

  @Test
  void staffOtherThanAdministratorsMayNotWithdrawAPosting() {
    LoanAccount loan = loanWithAPostingLeftRecorded();

    for (String user : List.of("collector", "process-owner", "approver", CHANNEL, "core-banking")) {
      assertThat(withdraw(loan.loanId(), user).status()).as(user).isEqualTo(403);
    }
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isPresent();
  }
}
