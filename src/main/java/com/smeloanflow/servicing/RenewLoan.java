package com.smeloanflow.servicing;

import java.math.BigDecimal;

/**
 * Renew a loan at maturity without the borrower repaying principal (无还本续贷): the new loan's principal,
 * posted in core banking under {@code corePostingReference}, repays the old loan's principal due at maturity.
 *
 * @param loanId               the old loan
 * @param principal            the renewed principal, 2 decimals: the old loan's principal due at maturity
 * @param corePostingReference core banking's reference of the renewal posting
 */
public record RenewLoan(String loanId, BigDecimal principal, String corePostingReference) {

  public RenewLoan {
    if (loanId == null || loanId.isBlank() || corePostingReference == null || corePostingReference.isBlank()) {
      throw new IllegalArgumentException("A renewal names the loan and the core banking posting");
    }
    if (principal == null || principal.signum() <= 0 || principal.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException("Renewal of loan " + loanId + ": principal must be more than 0 CNY, was " + principal);
    }
    principal = principal.setScale(2);
  }
}
