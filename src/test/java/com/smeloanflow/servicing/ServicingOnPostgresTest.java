package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.disbursement.CoreBankingUnavailableException;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.disbursement.DisbursementOrder;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxCoreBankingFaults;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.InternalDefaultRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The same money guarantees on PostgreSQL, the production database, where a failed statement
 * aborts the transaction it ran in: racing nodes post once and open one account, also when each
 * opens it inside its own process-step transaction. The migrations run on PostgreSQL too.
 */
class ServicingOnPostgresTest {

  private static final AtomicInteger APPLICATIONS = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;
  private static JdbcClient jdbc;
  private static TransactionTemplate stepTransaction;
  private static SandboxCoreBankingFaults faults;
  private static SandboxCoreBanking coreBanking;
  private static LoanAccountService loans;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    JdbcTransactionManager transactionManager = new JdbcTransactionManager(dataSource);
    stepTransaction = new TransactionTemplate(transactionManager);
    BusinessClock clock = new BusinessClock();
    faults = new SandboxCoreBankingFaults();
    coreBanking = new SandboxCoreBanking(jdbc, dataSource, transactionManager, clock, faults);
    JdbcTemplate batch = new JdbcTemplate(dataSource);
    loans = new LoanAccountService(new LoanAccountRepository(jdbc, batch), new LoanApplicationRepository(jdbc),
        new LedgerRepository(jdbc, batch), new InternalDefaultRepository(jdbc), new RecoveryRepository(jdbc), dataSource,
        transactionManager, clock);
    jdbc.sql("INSERT INTO branch (code, name, active) VALUES ('ZY001', '汇川支行', TRUE)").update();
  }

  @AfterEach
  void noMoreFaults() {
    faults.reset();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @Test
  void racingNodesPostOnceOnPostgres() throws Exception {
    String applicationId = newApplication();
    DisbursementOrder order = order(applicationId);

    List<CorePosting> answers = race(6, () -> coreBanking.disburse(order));

    assertThat(answers).extracting(CorePosting::postingReference).containsOnly(answers.get(0).postingReference());
    assertThat(answers).filteredOn(answer -> !answer.replayed()).hasSize(1);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
  }

  @Test
  void retriedStepAfterALostAnswerPostsOnceAndOpensOneAccountOnPostgres() {
    String applicationId = newApplication();
    faults.failAfterPosting(1);

    assertThatThrownBy(() -> disbursementStep(applicationId)).isInstanceOf(CoreBankingUnavailableException.class);
    LoanAccount account = disbursementStep(applicationId);

    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(account.corePostingReference()).isEqualTo(coreBanking.postingsOf(applicationId).get(0).postingReference());
    assertThat(loans.find(account.loanId())).contains(account);
  }

  @Test
  void racingProcessStepsOpenOneAccountOnPostgres() throws Exception {
    String applicationId = newApplication();

    List<LoanAccount> answers = race(4, () -> disbursementStep(applicationId));

    assertThat(answers).extracting(LoanAccount::loanId).containsOnly(answers.get(0).loanId());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE application_id = :id").param("id", applicationId)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(loans.findByApplication(applicationId).orElseThrow().schedule()).hasSize(12);
  }

  @Test
  void aCalledInLoanAcceleratesOnceOnPostgres() {
    LoanAccount account = disbursementStep(newApplication());
    LocalDate repayBy = LocalDate.of(2025, 4, 9);

    // equal principal: 8,333.33 a month, the first period (15 March to 15 April, 31 days) 25 days run: 362.50 × 25 / 31
    LocalDate first = stepTransaction.execute(status -> loans.accelerate(account.loanId(), repayBy));
    LocalDate second = stepTransaction.execute(status -> loans.accelerate(account.loanId(), repayBy.plusDays(9)));
    assertThat(first).isEqualTo(repayBy);
    assertThat(second).as("a second call-in").isEqualTo(repayBy);

    List<LedgerLine> ledger = loans.ledger(account.loanId());
    assertThat(ledger).hasSize(12).allSatisfy(line -> assertThat(line.dueDate()).isEqualTo(repayBy));
    assertThat(ledger.get(0).interest()).isEqualTo(new BigDecimal("292.34"));
    assertThat(ledger.get(1).interest()).isEqualTo(new BigDecimal("0.00"));
    assertThat(LoanBalances.of(ledger).outstandingPrincipal()).isEqualTo(new BigDecimal("100000.00"));
    assertThat(jdbc.sql("SELECT accelerated_on FROM loan_account WHERE loan_id = :id").param("id", account.loanId())
        .query(LocalDate.class).single()).isEqualTo(repayBy);
  }

  /** Post, then open the account, in one transaction, as the process's disbursement step does. */
  private static LoanAccount disbursementStep(String applicationId) {
    return stepTransaction.execute(status -> {
      CorePosting posting = coreBanking.disburse(order(applicationId));
      return loans.open(new OpenLoanAccount(applicationId, "91520303MA6DKQ8X4A", "遵义市汇川区明达机械加工有限公司",
          new BigDecimal("100000.00"), new BigDecimal("4.35"), 12, RepaymentMethod.EQUAL_PRINCIPAL,
          LocalDate.of(2025, 3, 15), posting.postingReference()));
    });
  }

  private static DisbursementOrder order(String applicationId) {
    return DisbursementOrder.forApplication(applicationId, "遵义市汇川区明达机械加工有限公司", "91520303MA6DKQ8X4A",
        "6217000010001234567", new BigDecimal("100000.00"));
  }

  private static <T> List<T> race(int nodes, Callable<T> call) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(nodes);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> calls = new ArrayList<>();
      for (int node = 0; node < nodes; node++) {
        calls.add(executor.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> answers = new ArrayList<>();
      for (Future<T> answer : calls) {
        answers.add(answer.get(30, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      executor.shutdownNow();
    }
  }

  private static String newApplication() {
    String id = String.format("SL20250315%06d", APPLICATIONS.incrementAndGet());
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("""
        INSERT INTO loan_application (id, channel, branch_code, product, enterprise_name, credit_code, industry_code,
          established_on, annual_revenue, legal_rep_name, legal_rep_id_number, legal_rep_mobile, legal_rep_email,
          requested_amount, term_months, purpose, guarantee_type, submitted_by, submitted_at, updated_at, version)
        VALUES (:id, 'BRANCH_COUNTER', 'ZY001', 'CREDIT_QUICK', '遵义市汇川区明达机械加工有限公司', '91520303MA6DKQ8X4A', 'C34',
          DATE '2016-04-18', 6500000.00, '张明', '520302198507143217', '13985012345', 'zhangming@example.com',
          100000.00, 12, '采购原材料', 'CREDIT', 'test', :now, :now, 0)
        """).param("id", id).param("now", now).update();
    return id;
  }
}
