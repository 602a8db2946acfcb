package com.smeloanflow.creditline;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.servicing.Classification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The 年审额度 form's 提款明细: a line drawn on for years still gives a form value the engine can store. */
class CreditLineReviewSummaryListenerTest {

  private static Drawdown drawdown(int n) {
    LocalDate day = LocalDate.of(2022, 1, 3).plusDays(7L * n);
    return new Drawdown("DD" + n, "CL1", "RQ" + n, new BigDecimal("100000.00"), 12, String.format("LN2022%08d", n), null,
        null, "zy001-cm", day, null, null, null);
  }

  @Test
  void sixtyDrawdownsShowTheNewestThatFitAndSayHowManyEarlierOnesAreLeftOut() {
    List<Drawdown> drawdowns = IntStream.rangeClosed(1, 60).mapToObj(CreditLineReviewSummaryListenerTest::drawdown).toList();

    String text = CreditLineReviewSummaryListener.drawdownsText(drawdowns, d -> new BigDecimal("50000.00"));

    assertThat(text).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).containsPattern("^- 更早的 \\d+ 条提款未显示\n")
        .endsWith("- " + ChineseDates.day(drawdowns.get(59).drawnOn()) + ", 借据 LN202200000060: 提款 100000.00 元, 12 个月, 未还本金 50000.00 元")
        .doesNotContain("LN202200000001");
  }

  @Test
  void theFormStatesItsDatesAsTheDrawdownsAreStatedInChinese() {
    CreditLine line = new CreditLine("CL1", "SL1", "91310000MA1FL8TQ3X", "某某科技有限公司", "ZY001",
        new BigDecimal("1000000.00"), new BigDecimal("3.85"), RepaymentMethod.EQUAL_INSTALMENT, new BigDecimal("1000.00"),
        LocalDate.of(2026, 12, 1), LocalDate.of(2029, 11, 30), CreditLineStatus.ACTIVE, null, null, null);
    CreditLineReview review = new CreditLineReview("LR1", "CL1", 1, LocalDate.of(2027, 12, 1), 720, "B", Classification.NORMAL,
        0, 0, new BigDecimal("1000000.00"), new BigDecimal("100000.00"), ReviewOutcome.CONTINUE, null, "评分 700 以上",
        "Rule_Continue", true, null, null, null, null, null);
    LineFigures figures = new LineFigures(line, List.of(drawdown(1)), Map.of("LN202200000001", new BigDecimal("100000.00")),
        List.of(), LocalDateTime.of(2027, 12, 3, 9, 30).atZone(BusinessClock.BANK_ZONE).toInstant());

    Map<String, Object> shown = CreditLineReviewSummaryListener.values(figures, review);

    assertThat(shown).containsEntry("validUntil", "2029年11月30日").containsEntry("reviewedOn", "2027年12月1日")
        .containsEntry("figuresReadAt", "2027年12月3日 09:30");
    assertThat(String.valueOf(shown.get("drawdownsText"))).startsWith("- 2022年1月10日, 借据 LN202200000001");
  }

  @Test
  void aFewDrawdownsAreShownWholeOldestFirst() {
    String text = CreditLineReviewSummaryListener.drawdownsText(List.of(drawdown(1), drawdown(2)), d -> BigDecimal.ZERO);

    assertThat(text).startsWith("- 2022年1月10日, 借据 LN202200000001: 提款 100000.00 元").contains("\n- 2022年1月17日, 借据 LN202200000002")
        .doesNotContain("未显示");
    assertThat(CreditLineReviewSummaryListener.drawdownsText(List.of(), d -> BigDecimal.ZERO)).isEqualTo("尚无提款");
  }
}
