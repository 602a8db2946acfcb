package com.smeloanflow.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RenewLoan;
import com.smeloanflow.servicing.TestLoans;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * V139 on a database with loans renewed before the renewal carried the old loan's customer manager over
 * ({@code ResponsibleManagerRecorder.renewed}): such a renewed loan has no {@code managed_loan} row. The loans are renewed
 * as servicing renews them, and the rows the renewal now writes are then deleted, as the code before left them; the
 * migration's script then runs on the database, twice.
 *
 * <p>One scenario, run on H2 ({@link ManagedLoanBackfillMigrationTest}) and on PostgreSQL
 * ({@link ManagedLoanBackfillMigrationPostgresIT}).
 */
interface ManagedLoanBackfillScenario {

  String SCRIPT = "db/migration/V139__managed_loan_of_renewed_loans.sql";

  /** The application's beans. */
  BeanFactory beans();

  private ManagedLoanRepository managedLoans() {
    return beans().getBean(ManagedLoanRepository.class);
  }

  private LoanAccountService loans() {
    return beans().getBean(LoanAccountService.class);
  }

  private LocalDate yearAgo() {
    return beans().getBean(BusinessClock.class).today().minusMonths(12);
  }

  /** A loan disbursed a year ago that {@code manager} investigated on site (a row in managed_loan). */
  private LoanAccount investigatedBy(String manager) {
    return new ManagedLoans(beans().getBean(IntakeService.class), beans().getBean(ApplicationChecks.class), loans())
        .investigatedBy(manager, "100000.00", yearAgo());
  }

  /** {@code old} renewed at maturity with its principal due then. */
  private LoanAccount renewed(LoanAccount old) {
    return loans().renew(new RenewLoan(old.loanId(), loans().ledger(old.loanId()).get(11).principalDue(),
        "CB-RN-V139-" + old.loanId()));
  }

  /** As the code before the carry-over left a renewed loan: no row. */
  private void withoutItsRow(LoanAccount loan) {
    beans().getBean(JdbcClient.class).sql("DELETE FROM managed_loan WHERE loan_id = :loan").param("loan", loan.loanId())
        .update();
  }

  private void migrate() {
    ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource(SCRIPT));
    populator.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
    populator.execute(beans().getBean(DataSource.class));
  }

  @Test
  default void eachLoanRenewedBeforeTheCarryOverGetsTheManagerOfTheLoanItRenewedAlongTheChain() {
    // A renewed by B, B by C, both before the carry-over; D renewed by E after it (E has its row); a loan nobody
    // answers for (no whitelist prospect, no field investigation) renewed before it
    LoanAccount first = investigatedBy("zy001-cm");
    LoanAccount second = renewed(first);
    LoanAccount third = renewed(second);
    withoutItsRow(second);
    withoutItsRow(third);
    LoanAccount carried = renewed(investigatedBy("zy001-cm2"));
    ManagedLoan carriedRow = managedLoans().find(carried.loanId()).orElseThrow();
    LoanAccount nobodys = TestLoans.with(beans().getBean(IntakeService.class), loans())
        .disbursedOn(yearAgo());
    LoanAccount nobodysRenewal = renewed(nobodys);
    assertThat(managedLoans().find(second.loanId())).as("renewed before the carry-over").isEmpty();

    migrate();
    migrate(); // a second run inserts nothing

    for (LoanAccount loan : List.of(second, third)) {
      ManagedLoan row = managedLoans().find(loan.loanId()).orElseThrow();
      assertThat(row.customerManager()).as(loan.loanId()).isEqualTo("zy001-cm");
      assertThat(row.source()).isEqualTo(ManagerSource.FIELD_INVESTIGATION);
      assertThat(row.applicationId()).isEqualTo(first.applicationId());
      assertThat(row.branchCode()).isEqualTo(loan.branchCode());
    }
    assertThat(managedLoans().ofManager("zy001-cm")).extracting(ManagedLoan::loanId)
        .contains(first.loanId(), second.loanId(), third.loanId());
    assertThat(managedLoans().find(carried.loanId())).as("a row the renewal wrote, as it was").contains(carriedRow);
    assertThat(managedLoans().find(nobodysRenewal.loanId())).as("nobody answered for the loan it renewed").isEmpty();
    assertThat(beans().getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM managed_loan WHERE loan_id IN (:loans)")
        .param("loans", List.of(first.loanId(), second.loanId(), third.loanId(), carried.loanId(),
            nobodys.loanId(), nobodysRenewal.loanId()))
        .query(Long.class).single()).as("one row per loan").isEqualTo(4L);
  }
}
