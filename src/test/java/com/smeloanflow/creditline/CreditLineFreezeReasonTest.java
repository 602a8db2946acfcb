package com.smeloanflow.creditline;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.platform.FormText;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The reason a line is frozen for, as freeze after freeze adds to it ({@link CreditLine#keepingFreezeReasonWith}). */
class CreditLineFreezeReasonTest {

  private static CreditLine line(CreditLineStatus status, String statusReason) {
    return new CreditLine("CL1", "SL1", "91310000MA1FL8TQ3X", "某某科技有限公司", "ZY001", new BigDecimal("1000000.00"),
        new BigDecimal("3.85"), RepaymentMethod.EQUAL_INSTALMENT, new BigDecimal("1000.00"), LocalDate.of(2026, 12, 1),
        LocalDate.of(2029, 11, 30), status, statusReason, null, null);
  }

  @Test
  void anActiveLineIsFrozenForTheNewReasonAlone() {
    assertThat(line(CreditLineStatus.ACTIVE, null).keepingFreezeReasonWith("贷后检查 PC1 冻结额度: 实际控制人失联"))
        .isEqualTo("贷后检查 PC1 冻结额度: 实际控制人失联");
  }

  @Test
  void aFrozenLineKeepsWhyItWasFrozenAndTheNewReasonFollows() {
    assertThat(line(CreditLineStatus.FROZEN, "贷后检查 PC1 冻结额度: 实际控制人失联").keepingFreezeReasonWith("第1年年审冻结: 经营未见好转"))
        .isEqualTo("贷后检查 PC1 冻结额度: 实际控制人失联; 第1年年审冻结: 经营未见好转");
  }

  @Test
  void aLineFrozenAgainAndAgainKeepsTheNewReasonWholeAndTheEarlierShortenedWithinTheColumn() {
    // A check's longest reason (2,000 characters of findings and its heading) and a review's longest (1,000 and its heading).
    String check = "贷后检查 PC20261207000001 冻结额度: " + "应收账款大幅逾期; ".repeat(200).substring(0, 2000);
    String review = "第2年年审冻结: " + "上门核实经营未见好转; ".repeat(100).substring(0, 1000);
    CreditLine full = line(CreditLineStatus.FROZEN, "实际控制人失联; ".repeat(500).substring(0, CreditLine.MAX_STATUS_REASON));

    String afterCheck = full.keepingFreezeReasonWith(check);
    String afterReview = line(CreditLineStatus.FROZEN, afterCheck).keepingFreezeReasonWith(review);

    assertThat(afterCheck).hasSizeLessThanOrEqualTo(CreditLine.MAX_STATUS_REASON).startsWith("实际控制人失联")
        .contains(FormText.CUT + "; ").endsWith(check);
    assertThat(afterReview).hasSizeLessThanOrEqualTo(CreditLine.MAX_STATUS_REASON).startsWith("实际控制人失联")
        .endsWith(review);
  }
}
