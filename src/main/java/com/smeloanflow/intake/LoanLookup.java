package com.smeloanflow.intake;

import java.util.Optional;

/** The loan account opened for an application (servicing implements it). */
public interface LoanLookup {

  Optional<String> loanIdOf(String applicationId);
}
