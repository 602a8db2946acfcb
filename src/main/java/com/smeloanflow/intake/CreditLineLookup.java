package com.smeloanflow.intake;

import java.util.Optional;

/** The credit line opened for an application of a revolving line, instead of a payout (creditline implements it). */
public interface CreditLineLookup {

  Optional<String> lineIdOf(String applicationId);
}
