package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** How a recovery (核销后收回) is applied to the claim of a written-off loan: principal first, then interest, then penalty. */
class WrittenOffClaimTest {

  private static WrittenOffClaim claim(String recoveredPrincipal, String recoveredInterest, String recoveredPenalty) {
    return new WrittenOffClaim("LN1", LocalDate.of(2026, 6, 30), new BigDecimal("1000.00"), new BigDecimal("50.00"),
        new BigDecimal("5.00"), new BigDecimal(recoveredPrincipal), new BigDecimal(recoveredInterest),
        new BigDecimal(recoveredPenalty));
  }

  @Test
  void aRecoveryPaysThePrincipalWrittenOffFirst() {
    WrittenOffClaim.Split split = claim("0.00", "0.00", "0.00").allocate(new BigDecimal("600.00"));

    assertThat(split.principal()).isEqualByComparingTo("600.00");
    assertThat(split.interest()).isEqualByComparingTo("0.00");
    assertThat(split.penalty()).isEqualByComparingTo("0.00");
  }

  @Test
  void whatIsLeftAfterThePrincipalPaysTheInterestThenThePenaltyInterest() {
    WrittenOffClaim claim = claim("600.00", "0.00", "0.00");

    WrittenOffClaim.Split split = claim.allocate(new BigDecimal("452.00"));

    assertThat(split.principal()).isEqualByComparingTo("400.00");
    assertThat(split.interest()).isEqualByComparingTo("50.00");
    assertThat(split.penalty()).isEqualByComparingTo("2.00");
    assertThat(claim.remaining()).isEqualByComparingTo("455.00");
  }

  @Test
  void noRecoveryGoesBeyondTheClaimRemaining() {
    WrittenOffClaim claim = claim("1000.00", "50.00", "4.00");

    assertThat(claim.remaining()).isEqualByComparingTo("1.00");
    assertThatThrownBy(() -> claim.allocate(new BigDecimal("1.01"))).isInstanceOf(IllegalArgumentException.class);
  }
}
