package com.smeloanflow.renewal;

import java.util.Optional;

/**
 * Who answers for a loan (管户客户经理), as accountability records it when the loan opens: the whitelist
 * prospect's manager, else the manager who investigated the applicant on site. Declared here because
 * accountability is a later stage than renewal; accountability implements it.
 */
public interface LoanCustomerManagers {

  /** The customer manager who answers for the loan, if anyone does. */
  Optional<String> of(String loanId);
}
