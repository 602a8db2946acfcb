package com.smeloanflow.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The mortgage registry (不动产/动产抵押登记) the bank checks online registrations against (线上办抵), and
 * where it releases a mortgage (注销抵押登记) when a loan is not paid out after all.
 */
public interface MortgageRegistry {

  /**
   * A registered mortgage: for which mortgagor (credit code), in favour of which mortgagee, over which
   * collateral, securing how much; {@code releasedAt} once released.
   */
  record Registration(String registrationNumber, String creditCode, String mortgagee, String collateralType,
      String collateralDescription, BigDecimal securedAmount, Instant registeredAt, Instant releasedAt) {}

  Optional<Registration> find(String registrationNumber);

  /** Releases the mortgage; releasing again changes nothing. */
  void release(String registrationNumber);
}
