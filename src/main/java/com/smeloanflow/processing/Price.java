package com.smeloanflow.processing;

import com.smeloanflow.platform.ChineseDates;
import java.math.BigDecimal;
import java.time.LocalDate;

/** An annual rate and how it was made: the LPR in force (which tenor, since when) plus the spread. */
public record Price(LprTenor lprTenor, LocalDate lprEffectiveFrom, BigDecimal lprPercent, BigDecimal spreadPercent,
    BigDecimal annualRatePercent) {

  /** {@code 年利率 3.8% = 1年期LPR 3% (2025年5月20日起) + 加点 0.8%}: the LPR's date as every staff text writes dates. */
  public String describe() {
    return "年利率 " + plain(annualRatePercent) + "% = " + lprTenor.label() + " " + plain(lprPercent) + "% ("
        + ChineseDates.day(lprEffectiveFrom) + "起) + 加点 " + plain(spreadPercent) + "%";
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
