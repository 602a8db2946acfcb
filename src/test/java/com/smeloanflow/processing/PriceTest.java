package com.smeloanflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** How staff read a price (the forms' pricingText, the history's PRICED and REPRICED). */
class PriceTest {

  @Test
  void theLprsDateReadsAsEveryOtherStaffTextWritesADate() {
    Price price = new Price(LprTenor.ONE_YEAR, LocalDate.of(2025, 5, 20), new BigDecimal("3.00"), new BigDecimal("0.80"),
        new BigDecimal("3.80"));

    assertThat(price.describe()).isEqualTo("年利率 3.8% = 1年期LPR 3% (2025年5月20日起) + 加点 0.8%");
  }
}
