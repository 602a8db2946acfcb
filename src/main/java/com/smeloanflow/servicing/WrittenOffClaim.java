package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a written-off loan (核销, 账销案存) still owes the bank, and what was recovered of it since (核销后收回).
 *
 * <p>The claim is what the loan owed on the day it was written off: the principal written off, the interest that had
 * fallen due by then and was unpaid, and the penalty interest accrued and unpaid (no interest or penalty accrues after
 * the write-off: the loan has left the books). A recovery pays the principal written off first, then that interest,
 * then that penalty interest ({@link #allocate}); the claim remaining is the claim less what was recovered.
 *
 * @param loanId             the loan
 * @param writtenOffOn       the business date of the write-off
 * @param principal          principal written off
 * @param interest           interest due by the write-off and unpaid
 * @param penalty            penalty interest accrued and unpaid at the write-off
 * @param recoveredPrincipal what recoveries paid of the principal (not reversed)
 * @param recoveredInterest  of the interest
 * @param recoveredPenalty   of the penalty interest
 */
public record WrittenOffClaim(String loanId, LocalDate writtenOffOn, BigDecimal principal, BigDecimal interest,
    BigDecimal penalty, BigDecimal recoveredPrincipal, BigDecimal recoveredInterest, BigDecimal recoveredPenalty) {

  /** Everything owed at the write-off. */
  public BigDecimal claim() {
    return principal.add(interest).add(penalty);
  }

  /** What was recovered of it, reversals taken back. */
  public BigDecimal recovered() {
    return recoveredPrincipal.add(recoveredInterest).add(recoveredPenalty);
  }

  /** What is still owed of it. */
  public BigDecimal remaining() {
    return claim().subtract(recovered());
  }

  /** Principal, interest and penalty interest still owed. */
  public Split remainingParts() {
    return new Split(principal.subtract(recoveredPrincipal), interest.subtract(recoveredInterest),
        penalty.subtract(recoveredPenalty));
  }

  /**
   * Where a recovery of {@code amount} goes: the principal written off still owed first, then the interest, then the
   * penalty interest. {@code amount} is at most {@link #remaining()}.
   */
  public Split allocate(BigDecimal amount) {
    Split owed = remainingParts();
    BigDecimal toPrincipal = amount.min(owed.principal());
    BigDecimal left = amount.subtract(toPrincipal);
    BigDecimal toInterest = left.min(owed.interest());
    left = left.subtract(toInterest);
    BigDecimal toPenalty = left.min(owed.penalty());
    if (left.subtract(toPenalty).signum() != 0) {
      throw new IllegalArgumentException("A recovery of " + amount + " exceeds the claim remaining " + remaining());
    }
    return new Split(toPrincipal, toInterest, toPenalty);
  }

  /** A sum split into principal, interest and penalty interest (a recovery, or what is still owed). */
  public record Split(BigDecimal principal, BigDecimal interest, BigDecimal penalty) {

    public BigDecimal total() {
      return principal.add(interest).add(penalty);
    }

    /** The parts above zero by name ({@link AllocationComponent#debtPart}: 本金, 利息, 罚息, in that order). */
    Map<String, BigDecimal> byPart() {
      Map<String, BigDecimal> parts = new LinkedHashMap<>();
      putIfOwed(parts, AllocationComponent.PRINCIPAL, principal);
      putIfOwed(parts, AllocationComponent.INTEREST, interest);
      putIfOwed(parts, AllocationComponent.PENALTY, penalty);
      return parts;
    }

    private static void putIfOwed(Map<String, BigDecimal> parts, String part, BigDecimal amount) {
      if (amount.signum() > 0) {
        parts.put(part, amount);
      }
    }
  }
}
