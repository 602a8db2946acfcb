package com.smeloanflow.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.accountability.DueDiligenceCriteria.Assessment;
import com.smeloanflow.accountability.DueDiligenceCriteria.CheckTiming;
import com.smeloanflow.accountability.DueDiligenceCriteria.Criterion;
import com.smeloanflow.accountability.DueDiligenceCriteria.Facts;
import com.smeloanflow.accountability.DueDiligenceCriteria.SignalTiming;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exemption criteria (尽职免责条件): each one met and not met, at the 30-day boundary. */
class DueDiligenceCriteriaTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  private static Facts diligent() {
    return new Facts(true, true, List.of(), List.of(new CheckTiming("PC1", TODAY.minusDays(60), TODAY.minusDays(30))),
        List.of(new SignalTiming("EW1", TODAY.minusDays(40), TODAY.minusDays(10))), TODAY);
  }

  private static Criterion criterion(Assessment assessment, String code) {
    return assessment.criteria().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void anOfficerWhoFollowedEveryProcedureMeetsAllFourCriteriaAndExemptionIsSuggested() {
    Assessment assessment = DueDiligenceCriteria.assess(diligent());

    assertThat(assessment.criteria()).extracting(Criterion::code)
        .containsExactly("PROCEDURES_FOLLOWED", "OVERRIDES_EXPLAINED", "CHECKS_ON_TIME", "SIGNALS_ACTED_UPON");
    assertThat(assessment.allMet()).isTrue();
    assertThat(assessment.suggestion()).contains("建议免责");
  }

  @Test
  void aVerificationTheTableAskedForButNeverConfirmedIsAProcedureNotFollowed() {
    Facts facts = new Facts(true, false, List.of(), List.of(), List.of(), TODAY);

    Assessment assessment = DueDiligenceCriteria.assess(facts);

    assertThat(criterion(assessment, "PROCEDURES_FOLLOWED").met()).isFalse();
    assertThat(assessment.allMet()).isFalse();
    assertThat(assessment.text()).contains("✘ 贷前核实与审批程序完整");
  }

  @Test
  void noVerificationNeededWhenTheTableDidNotAskForOne() {
    assertThat(criterion(DueDiligenceCriteria.assess(new Facts(false, false, List.of(), List.of(), List.of(), TODAY)),
        "PROCEDURES_FOLLOWED").met()).isTrue();
  }

  @Test
  void anOverrideWithoutAReasonIsNamed() {
    Facts facts = new Facts(false, false, List.of("审批金额 800,000.00 元高于建议额度 500,000.00 元 (approver)"), List.of(),
        List.of(), TODAY);

    Criterion overrides = criterion(DueDiligenceCriteria.assess(facts), "OVERRIDES_EXPLAINED");

    assertThat(overrides.met()).isFalse();
    assertThat(overrides.why()).contains("高于建议额度").contains("approver");
  }

  @Test
  void aCheckConcludedOnItsThirtiethDayIsOnTimeOnTheThirtyFirstItIsLate() {
    Facts onTime = new Facts(false, false, List.of(), List.of(new CheckTiming("PC1", TODAY.minusDays(30), TODAY)), List.of(), TODAY);
    Facts late = new Facts(false, false, List.of(), List.of(new CheckTiming("PC1", TODAY.minusDays(31), TODAY)), List.of(), TODAY);

    assertThat(criterion(DueDiligenceCriteria.assess(onTime), "CHECKS_ON_TIME").met()).isTrue();
    assertThat(criterion(DueDiligenceCriteria.assess(late), "CHECKS_ON_TIME").met()).isFalse();
  }

  @Test
  void aCheckStillOpenAfterThirtyDaysIsLate() {
    Facts facts = new Facts(false, false, List.of(), List.of(new CheckTiming("PC9", TODAY.minusDays(31), null)), List.of(), TODAY);

    Criterion checks = criterion(DueDiligenceCriteria.assess(facts), "CHECKS_ON_TIME");

    assertThat(checks.met()).isFalse();
    assertThat(checks.why()).contains("PC9 仍未完成");
  }

  /** The reviewer reads when a late check was concluded and a late signal checked: the day in Chinese, touching the text. */
  @Test
  void aLateCheckAndALateSignalCheckNameTheirDayInChinese() {
    Facts facts = new Facts(false, false, List.of(), List.of(new CheckTiming("PC3", TODAY.minusDays(40), TODAY.minusDays(5))),
        List.of(new SignalTiming("EW3", TODAY.minusDays(40), TODAY.minusDays(5))), TODAY);

    Assessment assessment = DueDiligenceCriteria.assess(facts);

    assertThat(criterion(assessment, "CHECKS_ON_TIME").why()).isEqualTo("超过 30 天: PC3 于2026年11月26日完成");
    assertThat(criterion(assessment, "SIGNALS_ACTED_UPON").why()).isEqualTo("超过 30 天: EW3 于2026年11月26日才核查");
  }

  @Test
  void aSignalLeftUncheckedForMoreThanThirtyDaysWasNotActedUpon() {
    Facts ignored = new Facts(false, false, List.of(), List.of(), List.of(new SignalTiming("EW7", TODAY.minusDays(31), null)), TODAY);
    Facts recent = new Facts(false, false, List.of(), List.of(), List.of(new SignalTiming("EW8", TODAY.minusDays(5), null)), TODAY);

    assertThat(criterion(DueDiligenceCriteria.assess(ignored), "SIGNALS_ACTED_UPON").why()).contains("EW7 未核查");
    assertThat(criterion(DueDiligenceCriteria.assess(ignored), "SIGNALS_ACTED_UPON").met()).isFalse();
    assertThat(criterion(DueDiligenceCriteria.assess(recent), "SIGNALS_ACTED_UPON").met()).isTrue();
  }
}
