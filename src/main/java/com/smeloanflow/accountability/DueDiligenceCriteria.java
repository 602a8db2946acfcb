package com.smeloanflow.accountability;

import com.smeloanflow.platform.ChineseDates;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The bank's due-diligence exemption criteria (尽职免责条件), assessed on what was recorded when each officer
 * decided: procedures followed (a verification the decision table asked for was done and confirmed), no
 * override without a reason (an exception let through, an approval above the model's suggested limit or with
 * conditions), post-loan checks done on time, warning signals acted upon. All met suggests exemption; the
 * reviewer decides.
 */
public final class DueDiligenceCriteria {

  /** Days within which a post-loan check is to be concluded and a warning signal checked. */
  public static final int ACTION_DAYS = 30;

  private DueDiligenceCriteria() {}

  /** A post-loan check: when it was opened and when concluded (null while open). */
  public record CheckTiming(String checkId, LocalDate openedOn, LocalDate checkedOn) {}

  /** A warning signal: when it was raised and when its check concluded it (null while not). */
  public record SignalTiming(String signalId, LocalDate raisedOn, LocalDate actedOn) {}

  /**
   * What the criteria read.
   *
   * @param verificationRequired     the decision table asked for a verification before approval
   * @param verificationConfirmed    a remote verification or field investigation confirmed the applicant
   * @param unexplainedOverrides     overrides recorded without a reason (described, one per entry)
   * @param checks                   the loan's post-loan checks (cancelled ones left out)
   * @param signals                  the loan's warning signals (duplicates and cancelled ones left out)
   * @param today                    the business date of the assessment
   * @param renewalOf                the old loan, for a loan a renewal opened (无还本续贷: the renewal's evaluation and
   *                                 decision lent it, and the application's verification does not apply); else null
   */
  public record Facts(boolean verificationRequired, boolean verificationConfirmed, List<String> unexplainedOverrides,
      List<CheckTiming> checks, List<SignalTiming> signals, LocalDate today, String renewalOf) {

    /** The facts of a loan its application's approval lent. */
    public Facts(boolean verificationRequired, boolean verificationConfirmed, List<String> unexplainedOverrides,
        List<CheckTiming> checks, List<SignalTiming> signals, LocalDate today) {
      this(verificationRequired, verificationConfirmed, unexplainedOverrides, checks, signals, today, null);
    }
  }

  /** One criterion, met or not, and why. */
  public record Criterion(String code, String label, boolean met, String why) {

    public String line() {
      return (met ? "✔ " : "✘ ") + label + ": " + why;
    }
  }

  /** The assessment: every criterion, and whether all are met. */
  public record Assessment(List<Criterion> criteria) {

    public boolean allMet() {
      return criteria.stream().allMatch(Criterion::met);
    }

    public String suggestion() {
      return allMet() ? "各项尽职免责条件均满足, 建议免责" : "存在未满足的尽职免责条件, 建议逐人认定责任";
    }

    public String text() {
      return String.join("\n", criteria.stream().map(Criterion::line).toList());
    }
  }

  public static Assessment assess(Facts facts) {
    Criterion procedures = facts.renewalOf() != null
        ? new Criterion("PROCEDURES_FOLLOWED", "贷前核实与审批程序完整", true, "无还本续贷 (原借据 " + facts.renewalOf()
            + "), 按续贷评估与审批程序办理; 原申请的贷前核实不适用于续贷")
        : !facts.verificationRequired()
        ? new Criterion("PROCEDURES_FOLLOWED", "贷前核实与审批程序完整", true, "决策表未要求贷前核实, 按程序审批")
        : facts.verificationConfirmed()
            ? new Criterion("PROCEDURES_FOLLOWED", "贷前核实与审批程序完整", true, "决策表要求贷前核实, 已核实通过")
            : new Criterion("PROCEDURES_FOLLOWED", "贷前核实与审批程序完整", false, "决策表要求贷前核实, 但无核实通过的记录");
    Criterion overrides = facts.unexplainedOverrides().isEmpty()
        ? new Criterion("OVERRIDES_EXPLAINED", "例外放行与超建议审批均有理由", true, "无未说明理由的例外或推翻")
        : new Criterion("OVERRIDES_EXPLAINED", "例外放行与超建议审批均有理由", false,
            "未说明理由: " + String.join("; ", facts.unexplainedOverrides()));
    List<String> lateChecks = facts.checks().stream()
        .filter(check -> daysBetween(check.openedOn(), check.checkedOn(), facts.today()) > ACTION_DAYS)
        .map(check -> check.checkId() + (check.checkedOn() == null ? " 仍未完成" : " 于" + ChineseDates.day(check.checkedOn()) + "完成"))
        .toList();
    Criterion checks = lateChecks.isEmpty()
        ? new Criterion("CHECKS_ON_TIME", "贷后检查按时完成", true, facts.checks().isEmpty()
            ? "尚无贷后检查" : facts.checks().size() + " 次检查均在 " + ACTION_DAYS + " 天内完成或尚在期限内")
        : new Criterion("CHECKS_ON_TIME", "贷后检查按时完成", false, "超过 " + ACTION_DAYS + " 天: " + String.join("; ", lateChecks));
    List<String> ignored = facts.signals().stream()
        .filter(signal -> daysBetween(signal.raisedOn(), signal.actedOn(), facts.today()) > ACTION_DAYS)
        .map(signal -> signal.signalId() + (signal.actedOn() == null ? " 未核查"
            : " 于" + ChineseDates.day(signal.actedOn()) + "才核查"))
        .toList();
    Criterion signals = ignored.isEmpty()
        ? new Criterion("SIGNALS_ACTED_UPON", "预警信号及时处置", true, facts.signals().isEmpty()
            ? "无预警信号" : facts.signals().size() + " 个预警信号均在 " + ACTION_DAYS + " 天内核查或尚在期限内")
        : new Criterion("SIGNALS_ACTED_UPON", "预警信号及时处置", false, "超过 " + ACTION_DAYS + " 天: " + String.join("; ", ignored));
    return new Assessment(List.of(procedures, overrides, checks, signals));
  }

  private static long daysBetween(LocalDate from, LocalDate done, LocalDate today) {
    return ChronoUnit.DAYS.between(from, done == null ? today : done);
  }
}
