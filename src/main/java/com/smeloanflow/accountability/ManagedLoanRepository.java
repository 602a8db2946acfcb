package com.smeloanflow.accountability;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accountability's own record of who answers for each loan ({@code managed_loan}). */
@Repository
class ManagedLoanRepository {

  private final JdbcClient jdbc;

  ManagedLoanRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the manager of a loan just opened or renewed (servicing opens each loan once). */
  void insert(ManagedLoan loan) {
    jdbc.sql("""
        INSERT INTO managed_loan (loan_id, application_id, branch_code, customer_manager, source, assigned_at)
        VALUES (:loan, :application, :branch, :manager, :source, :at)""")
        .param("loan", loan.loanId()).param("application", loan.applicationId()).param("branch", loan.branchCode())
        .param("manager", loan.customerManager()).param("source", loan.source().name())
        .param("at", Timestamp.from(loan.assignedAt())).update();
  }

  Optional<ManagedLoan> find(String loanId) {
    return jdbc.sql("SELECT * FROM managed_loan WHERE loan_id = :loan").param("loan", loanId)
        .query(ManagedLoanRepository::managedLoan).optional();
  }

  /** The manager's loans, oldest first. */
  List<ManagedLoan> ofManager(String customerManager) {
    return jdbc.sql("SELECT * FROM managed_loan WHERE customer_manager = :m ORDER BY assigned_at, loan_id")
        .param("m", customerManager).query(ManagedLoanRepository::managedLoan).list();
  }

  /** The managers who answer for loans of the branch. */
  List<String> managersOfBranch(String branchCode) {
    return jdbc.sql("SELECT DISTINCT customer_manager FROM managed_loan WHERE branch_code = :b ORDER BY customer_manager")
        .param("b", branchCode).query(String.class).list();
  }

  private static ManagedLoan managedLoan(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new ManagedLoan(rs.getString("loan_id"), rs.getString("application_id"), rs.getString("branch_code"),
        rs.getString("customer_manager"), ManagerSource.valueOf(rs.getString("source")),
        rs.getObject("assigned_at", java.time.OffsetDateTime.class).toInstant());
  }
}
