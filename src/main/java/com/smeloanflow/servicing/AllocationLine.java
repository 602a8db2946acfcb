package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One part of a repayment: how much went to which component of which instalment.
 *
 * @param instalmentNumber the instalment; {@code null} for {@link AllocationComponent#PREPAID_PRINCIPAL}
 * @param component        what it paid
 * @param amount           CNY, more than 0, 2 decimals
 */
public record AllocationLine(Integer instalmentNumber, AllocationComponent component, BigDecimal amount) {

  /**
   * What a repayment's lines paid of the debt, by part in a borrower's words ({@link AllocationComponent#debtPart}):
   * 本金, 利息, 罚息 in that order, each only if the repayment paid some of it.
   */
  static Map<String, BigDecimal> paidByPart(List<AllocationLine> lines) {
    Map<String, BigDecimal> paid = new LinkedHashMap<>();
    for (String part : List.of(AllocationComponent.PRINCIPAL, AllocationComponent.INTEREST, AllocationComponent.PENALTY)) {
      lines.stream().filter(line -> line.component().debtPart().equals(part)).map(AllocationLine::amount)
          .reduce(BigDecimal::add).filter(sum -> sum.signum() > 0).ifPresent(sum -> paid.put(part, sum));
    }
    return paid;
  }

  /**
   * Amounts by part of the debt ({@link #paidByPart}, {@link WrittenOffClaim.Split#byPart}) in an operator's or a
   * borrower's words, e.g. 本金 8168.49 元、利息 362.50 元.
   */
  static String inWords(Map<String, BigDecimal> byPart) {
    return byPart.entrySet().stream().map(part -> part.getKey() + " " + part.getValue().toPlainString() + " 元")
        .collect(Collectors.joining("、"));
  }
}
