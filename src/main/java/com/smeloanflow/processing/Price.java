package com.smeloanflow.processing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An annual rate and how it was made: the LPR in force (which tenor, since when) plus the spread. */
public record Price(LprTenor lprTenor, LocalDate lprEffectiveFrom, BigDecimal lprPercent, BigDecimal spreadPercent,
    BigDecimal annualRatePercent) {

  public String describe() {
    return "年利率 " + plain(annualRatePercent) + "% = " + lprTenor.label() + " " + plain(lprPercent) + "% (" + lprEffectiveFrom
        + " 起) + 加点 " + plain(spreadPercent) + "%";
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
