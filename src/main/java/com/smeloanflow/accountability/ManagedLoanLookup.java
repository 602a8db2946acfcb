package com.smeloanflow.accountability;

import com.smeloanflow.renewal.LoanCustomerManagers;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Answers renewal's question who answers for a loan, from accountability's own record ({@code managed_loan}). */
@Component
class ManagedLoanLookup implements LoanCustomerManagers {

  private final ManagedLoanRepository managedLoans;

  ManagedLoanLookup(ManagedLoanRepository managedLoans) {
    this.managedLoans = managedLoans;
  }

  @Override
  public Optional<String> of(String loanId) {
    return managedLoans.find(loanId).map(ManagedLoan::customerManager);
  }
}
