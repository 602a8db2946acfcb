package com.smeloanflow.processing;

import com.smeloanflow.casefile.TaskSummaryContributor;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.IndustryClassification;
import com.smeloanflow.scoring.Reason;
import com.smeloanflow.scoring.ScoreCard;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Centralised processing's part of what the task forms show after scoring: the score with its reasons,
 * the red flags, the external data, the guarantors' checks, the exposure, the route, the collateral cap
 * and the price. Reads processing's own tables only.
 */
@Component
@Order(20)
public class ProcessingSummary implements TaskSummaryContributor {

  /** The task-local values it sets, by the names the forms use (processing). */
  public static final java.util.List<String> FORM_VALUES = java.util.List.of("totalScore", "grade", "operatingScore", "creditScore", "behaviourScore", "scenarioScore", "suggestedLimit", "reasonsText", "redFlagsText", "externalDataText", "approvalRouteName", "routeReason", "pricingText", "duplicatesText", "exposureText", "collateralCapText", "exceptionText", "guarantorChecksText");

  /** Codes of the external data as staff call them. */
  private static final Map<String, String> DATA_NAMES = Map.ofEntries(Map.entry("ACTIVE", "存续"), Map.entry("REVOKED", "吊销"),
      Map.entry("DEREGISTERED", "注销"), Map.entry("GROWING", "向好"), Map.entry("STABLE", "平稳"), Map.entry("DECLINING", "下行"),
      Map.entry("CORE", "核心企业"), Map.entry("TIER1", "一级供应商"), Map.entry("TIER2", "二级供应商"), Map.entry("NONE", "未纳入供应链"));

  private final ScoringService scoring;
  private final ExternalDataService externalData;
  private final ProcessingOutcomes outcomes;
  private final GuarantorChecks guarantorChecks;

  public ProcessingSummary(ScoringService scoring, ExternalDataService externalData, ProcessingOutcomes outcomes,
      GuarantorChecks guarantorChecks) {
    this.scoring = scoring;
    this.externalData = externalData;
    this.outcomes = outcomes;
    this.guarantorChecks = guarantorChecks;
  }

  @Override
  public Map<String, Object> summary(String applicationId) {
    Map<String, Object> values = new LinkedHashMap<>();
    scoring.find(applicationId).ifPresentOrElse(card -> score(card, values), () -> values.put("reasonsText", "尚未评分"));
    externalData.findSnapshot(applicationId).ifPresent(data -> values.put("externalDataText", externalDataText(data)));
    ProcessingOutcomes.Outcome outcome = outcomes.find(applicationId).orElse(null);
    values.put("approvalRouteName", outcome == null || outcome.approvalRoute() == null ? "待定" : outcome.approvalRoute().label());
    values.put("routeReason", outcome == null || outcome.routeReason() == null ? "-" : outcome.routeReason());
    values.put("pricingText", outcome == null || !outcome.priced() ? "尚未定价"
        : new Price(outcome.lprTenor(), outcome.lprEffectiveFrom(), outcome.lprPercent(), outcome.spreadPercent(),
            outcome.annualRatePercent()).describe());
    values.put("duplicatesText", outcome == null || outcome.duplicateOf() == null ? "无" : outcome.duplicateOf());
    values.put("exposureText", outcome == null || outcome.borrowerExposure() == null ? "-"
        : outcome.borrowerExposure().toPlainString() + " 元 (同一企业及同一法定代表人名下在途申请与未结清贷款, 含本笔)");
    values.put("collateralCapText", outcome == null || outcome.collateralCap() == null ? "不适用"
        : "抵押率 " + plain(outcome.collateralMaxLtvPercent()) + "%, 可贷上限 " + outcome.collateralCap().toPlainString() + " 元");
    values.put("exceptionText", exceptionText(applicationId, outcome));
    values.put("guarantorChecksText", guarantorChecksText(applicationId));
    return values;
  }

  private void score(ScoreCard card, Map<String, Object> values) {
    values.put("totalScore", card.totalScore());
    values.put("grade", card.grade());
    values.put("operatingScore", card.operatingScore());
    values.put("creditScore", card.creditScore());
    values.put("behaviourScore", card.behaviourScore());
    values.put("scenarioScore", card.scenarioScore());
    values.put("suggestedLimit", card.suggestedLimit().toPlainString());
    values.put("reasonsText", card.reasons().stream()
        .map(r -> "- [" + dimension(r) + " " + (r.points() >= 0 ? "+" : "") + r.points() + "] " + r.explanation() + " (" + r.code() + ")")
        .collect(Collectors.joining("\n")));
    values.put("redFlagsText", card.redFlags().isEmpty() ? "无" : card.redFlags().stream()
        .map(f -> (f.hard() ? "【硬性】" : "【需复核】") + f.explanation() + " (" + f.code() + ")")
        .collect(Collectors.joining("; ")));
  }

  private static String dimension(Reason reason) {
    return switch (reason.dimension()) {
      case "OPERATING" -> "经营";
      case "CREDIT" -> "信用";
      case "BEHAVIOUR" -> "行为";
      case "SCENARIO" -> "场景";
      default -> reason.dimension();
    };
  }

  private String exceptionText(String applicationId, ProcessingOutcomes.Outcome outcome) {
    StringBuilder text = new StringBuilder();
    scoring.find(applicationId).filter(ScoreCard::hasRedFlag).ifPresent(card -> text.append("存在需人工复核的风险信号 (见上); "));
    if (guarantorChecks.of(applicationId).stream().anyMatch(GuarantorChecks.Check::hasFindings)) {
      text.append("保证人存在风险信息 (见保证人核查); ");
    }
    if (outcome != null && outcome.duplicateOf() != null) {
      text.append("同一企业存在其他在途申请: ").append(outcome.duplicateOf()).append("; ");
    }
    if (outcome != null && outcome.exceptionReviewed()) {
      text.append("已经集中作业中心人工复核, 须人工审批; ");
    }
    return text.isEmpty() ? "无" : text.toString();
  }

  private String guarantorChecksText(String applicationId) {
    List<GuarantorChecks.Check> checks = guarantorChecks.of(applicationId);
    if (checks.isEmpty()) {
      return "无保证人";
    }
    return checks.stream().map(c -> "- " + c.data().name() + " " + c.partyId() + ": 失信被执行人 "
        + yesNo(c.data().court().dishonestDebtor()) + ", 未结执行案件 " + orDash(c.data().court().openEnforcementCases())
        + " 件, 征信当前逾期 " + orDash(c.data().bureau().currentOverdueAmount()) + " 元"
        + (c.hasFindings() ? " 【" + c.findings().stream().map(GuarantorChecks.Finding::label).collect(Collectors.joining("、")) + "】" : ""))
        .collect(Collectors.joining("\n"));
  }

  private static String externalDataText(EnterpriseData d) {
    BigDecimal inflows = d.flows().monthlyInflows().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return "- 工商: " + named(d.registration().status()) + ", 成立于"
        + (d.registration().establishedOn() == null ? " -" : ChineseDates.day(d.registration().establishedOn()))
        + ", 行业 " + IndustryClassification.describe(d.registration().industryCode())
        + "\n- 税务: 纳税信用 " + orDash(d.tax().rating()) + ", 年销售额 " + orDash(d.tax().annualSales()) + " 元, 逾期申报 "
        + orDash(d.tax().overdueFilings()) + " 次"
        + "\n- 征信: 当前逾期 " + orDash(d.bureau().currentOverdueAmount()) + " 元, 24个月最长逾期 " + orDash(d.bureau().maxDpd24m())
        + " 天, 未结清贷款 " + orDash(d.bureau().outstandingLoans()) + " 笔, 近3个月查询 " + orDash(d.bureau().enquiriesLast3m()) + " 次"
        + "\n- 法院: 未结执行案件 " + orDash(d.court().openEnforcementCases()) + " 件, 失信被执行人 " + yesNo(d.court().dishonestDebtor())
        + "\n- 流水: 近 " + d.flows().monthlyInflows().size() + " 个月流入合计 " + inflows.toPlainString() + " 元"
        + "\n- 水电气: 缴费记录 " + orDash(d.utilities().monthsOfHistory()) + " 个月, 近24个月逾期 "
        + orDash(d.utilities().latePaymentsLast24m()) + " 次"
        + "\n- 场景: 行业前景 " + named(d.scenario().industryOutlook()) + ", 供应链地位 " + named(d.scenario().supplyChainRole());
  }

  private static String yesNo(Boolean value) {
    return value == null ? "-" : value ? "是" : "否";
  }

  private static String plain(BigDecimal value) {
    return value == null ? "-" : value.stripTrailingZeros().toPlainString();
  }

  /**
   * The Chinese name staff read for an external-data code (registration status, industry outlook, supply-chain
   * role); the code itself when it has none.
   */
  public static String dataName(Object code) {
    return named(code);
  }

  private static String named(Object code) {
    return code == null ? "-" : DATA_NAMES.getOrDefault(code.toString(), code.toString());
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
