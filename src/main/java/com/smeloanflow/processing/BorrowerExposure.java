package com.smeloanflow.processing;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * What disbursed loans of a borrower still owe: the outstanding principal of the loans opened for
 * these applications. Servicing implements it (it owns the loan accounts); processing adds the open
 * applications to it for the borrower's exposure.
 */
public interface BorrowerExposure {

  BigDecimal outstandingPrincipal(Collection<String> applicationIds);
}
