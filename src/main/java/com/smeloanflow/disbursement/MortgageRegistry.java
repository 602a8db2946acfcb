package com.smeloanflow.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The mortgage registry (不动产/动产抵押登记) the bank checks online registrations against (线上办抵). */
public interface MortgageRegistry {

  /** A registered mortgage: for which enterprise, over what, securing how much. */
  record Registration(String registrationNumber, String creditCode, String collateralDescription,
      BigDecimal securedAmount, Instant registeredAt) {}

  Optional<Registration> find(String registrationNumber);
}
