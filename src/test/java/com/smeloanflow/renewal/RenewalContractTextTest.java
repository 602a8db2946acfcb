package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.servicing.LoanAccount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the legal representative signs for a renewal without repaying principal (the text sent to the e-signature service,
 * which keeps only the envelope): its date reads as in every mail and refusal the borrower gets.
 */
class RenewalContractTextTest {

  private static final LoanAccount OLD_LOAN = new LoanAccount("DK20260107000001", "APP-20260101-0001", "91520303MA6DKQ8X4A",
      "遵义市汇川区明达机械加工有限公司", "ZY001", "GROWTH", new BigDecimal("100000.00"), new BigDecimal("4.35"), 12,
      RepaymentMethod.EQUAL_INSTALMENT, LocalDate.of(2026, 1, 7), LocalDate.of(2027, 1, 7), "CORE-1", LoanAccount.ACTIVE,
      List.of());

  @Test
  void theContractDatesTheOldLoansMaturityInChinese() {
    String text = RenewalContractService.contractText(RenewalContractService.contractNumber(OLD_LOAN.loanId()), OLD_LOAN,
        new BigDecimal("100000.00"));

    assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("无还本续贷合同 (编号 XD20260107000001)");
    assertThat(text).contains("原借据: DK20260107000001, 到期日2027年1月7日\n")
        .contains("续贷金额: 人民币 100000.00 元, 于原贷款到期日发放").doesNotContain("2027-01-07");
  }
}
