package com.smeloanflow.processing;

import com.smeloanflow.casefile.ApplicationChecks;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.approval.ApprovalChecks;
import com.smeloanflow.approval.ApprovalRepository;
import com.smeloanflow.disbursement.ContractService;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.servicing.RepaymentMethod;
import com.smeloanflow.scoring.Reason;
import com.smeloanflow.scoring.ScoreCard;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) for the tasks after scoring: puts the score, its reasons, the red flags,
 * the external data, the route, the price, the verification record, the approval and the contract
 * into task-local variables, as read-only text for the form. Business data stays in the tables.
 */
@Component("processingSummary")
public class ProcessingSummaryListener implements TaskListener {

  /** The task-local values it sets, by the names the forms use. */
  public static final List<String> FORM_VALUES = List.of("totalScore", "grade", "operatingScore", "creditScore",
      "behaviourScore", "scenarioScore", "suggestedLimit", "reasonsText", "redFlagsText", "externalDataText",
      "approvalRouteName", "routeReason", "pricingText", "duplicatesText", "exceptionText", "verificationAttemptsText",
      "verificationHistoryText", "approvalText", "contractText", "signingText", "committeeVotesText");

  private static final Map<String, String> ROUTE_NAMES = Map.of("AUTO", "模型自动审批", "SINGLE", "审批人审批 (500万元及以下)",
      "COMMITTEE", "贷审会审议 (500万元以上)", "REJECT", "拒绝");
  private static final Map<String, String> CHECK_NAMES = Map.of(ApplicationChecks.REMOTE_VERIFICATION, "远程核实",
      ApplicationChecks.FIELD_INVESTIGATION, "实地调查", ApplicationChecks.CENTRE_REVIEW, "集中作业复核",
      ApprovalChecks.INFORMATION_PROVIDED, "补充信息");
  /** Outcome labels that depend on the kind of check. */
  private static final Map<String, String> CHECK_OUTCOME_NAMES = Map.of(
      ApplicationChecks.FIELD_INVESTIGATION + ":CONFIRMED", "调查属实", ApplicationChecks.FIELD_INVESTIGATION + ":FAILED", "调查不属实",
      ApplicationChecks.CENTRE_REVIEW + ":CONTINUE", "排除异常, 继续办理", ApplicationChecks.CENTRE_REVIEW + ":REJECT", "拒绝",
      ApprovalChecks.INFORMATION_PROVIDED + ":ANSWERED", "已答复");

  /** Codes of the external data as staff call them. */
  private static final Map<String, String> DATA_NAMES = Map.ofEntries(Map.entry("ACTIVE", "存续"), Map.entry("REVOKED", "吊销"),
      Map.entry("DEREGISTERED", "注销"), Map.entry("GROWING", "向好"), Map.entry("STABLE", "平稳"), Map.entry("DECLINING", "下行"),
      Map.entry("CORE", "核心企业"), Map.entry("TIER1", "一级供应商"), Map.entry("TIER2", "二级供应商"), Map.entry("NONE", "未纳入供应链"));

  private static final Map<String, String> OUTCOME_NAMES = Map.of("CONFIRMED", "核实通过", "UNREACHABLE", "无法联系",
      "FAILED", "核实未通过", "APPROVE", "同意", "REJECT", "不同意", "ANSWERED", "已补充信息");

  private final ScoringService scoring;
  private final ExternalDataService externalData;
  private final ProcessingOutcomeRepository outcomes;
  private final ApplicationChecks checks;
  private final ApprovalRepository approvals;
  private final ContractService contracts;
  private final JdbcClient jdbc;

  public ProcessingSummaryListener(ScoringService scoring, ExternalDataService externalData,
      ProcessingOutcomeRepository outcomes, ApplicationChecks checks, ApprovalRepository approvals,
      ContractService contracts, JdbcClient jdbc) {
    this.scoring = scoring;
    this.externalData = externalData;
    this.outcomes = outcomes;
    this.checks = checks;
    this.approvals = approvals;
    this.contracts = contracts;
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateTask task) {
    String applicationId = APPLICATION_ID.from(task);
    Map<String, Object> values = new LinkedHashMap<>();
    scoring.find(applicationId).ifPresentOrElse(card -> score(card, values), () -> values.put("reasonsText", "尚未评分"));
    externalData.findSnapshot(applicationId).ifPresent(data -> values.put("externalDataText", externalDataText(data)));
    ProcessingOutcomeRepository.Outcome outcome = outcomes.find(applicationId).orElse(null);
    String route = APPROVAL_ROUTE.fromOrNull(task);
    values.put("approvalRouteName", route == null ? "待定" : ROUTE_NAMES.getOrDefault(route, route));
    values.put("routeReason", orDash(ROUTE_REASON.fromOrNull(task)));
    values.put("pricingText", outcome == null || outcome.annualRatePercent() == null ? "尚未定价"
        : "年利率 " + plain(outcome.annualRatePercent()) + "% = LPR " + plain(outcome.lprPercent()) + "% + 加点 "
            + plain(outcome.spreadPercent()) + "%");
    values.put("duplicatesText", outcome == null || outcome.duplicateOf() == null ? "无" : outcome.duplicateOf());
    values.put("exceptionText", exceptionText(task, outcome));
    Integer attempts = VERIFICATION_ATTEMPTS.fromOrNull(task);
    values.put("verificationAttemptsText", (attempts == null ? 0 : attempts) + " 次 (满 3 次无法联系转实地调查)");
    values.put("verificationHistoryText", checksText(applicationId));
    values.put("approvalText", approvals.find(applicationId)
        .map(a -> "批准金额 " + a.approvedAmount().toPlainString() + " 元; 担保方式 "
            + GuaranteeType.valueOf(a.guaranteeType()).label() + "; 还款方式 "
            + RepaymentMethod.valueOf(a.repaymentMethod()).contractWording()
            + (a.conditions() == null ? "" : "; 条件: " + a.conditions()) + "; 审批人 " + a.approvedBy())
        .orElse("尚未审批"));
    ContractService.Contract contract = contracts.find(applicationId).orElse(null);
    values.put("contractText", contract == null ? "尚未生成合同" : contract.text());
    values.put("signingText", contract == null ? "尚未生成合同" : signingText(contract));
    values.put("committeeVotesText", votesText(applicationId));
    task.setVariablesLocal(values);
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

  private String exceptionText(DelegateTask task, ProcessingOutcomeRepository.Outcome outcome) {
    StringBuilder text = new StringBuilder();
    if (Boolean.TRUE.equals(RED_FLAG.fromOrNull(task))) {
      text.append("存在需人工复核的风险信号 (见上); ");
    }
    if (Boolean.TRUE.equals(DUPLICATE_FOUND.fromOrNull(task))) {
      text.append("同一企业存在其他在途申请: ").append(outcome == null ? "" : outcome.duplicateOf()).append("; ");
    }
    return text.isEmpty() ? "无" : text.toString();
  }

  private static String externalDataText(EnterpriseData d) {
    BigDecimal inflows = d.flows().monthlyInflows().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return "- 工商: " + named(d.registration().status()) + ", 成立于 " + orDash(d.registration().establishedOn())
        + ", 行业 " + orDash(d.registration().industryCode())
        + "\n- 税务: 纳税信用 " + orDash(d.tax().rating()) + ", 年销售额 " + orDash(d.tax().annualSales()) + " 元, 逾期申报 "
        + orDash(d.tax().overdueFilings()) + " 次"
        + "\n- 征信: 当前逾期 " + orDash(d.bureau().currentOverdueAmount()) + " 元, 24个月最长逾期 " + orDash(d.bureau().maxDpd24m())
        + " 天, 未结清贷款 " + orDash(d.bureau().outstandingLoans()) + " 笔, 近3个月查询 " + orDash(d.bureau().enquiriesLast3m()) + " 次"
        + "\n- 法院: 未结执行案件 " + orDash(d.court().openEnforcementCases()) + " 件, 失信被执行人 "
        + (Boolean.TRUE.equals(d.court().dishonestDebtor()) ? "是" : d.court().dishonestDebtor() == null ? "-" : "否")
        + "\n- 流水: 近 " + d.flows().monthlyInflows().size() + " 个月流入合计 " + inflows.toPlainString() + " 元"
        + "\n- 水电气: 缴费记录 " + orDash(d.utilities().monthsOfHistory()) + " 个月, 近24个月逾期 "
        + orDash(d.utilities().latePaymentsLast24m()) + " 次"
        + "\n- 场景: 行业前景 " + named(d.scenario().industryOutlook()) + ", 供应链地位 " + named(d.scenario().supplyChainRole());
  }

  private String checksText(String applicationId) {
    List<ApplicationChecks.Check> list = checks.of(applicationId).stream()
        .filter(c -> c.checkType().equals(ApplicationChecks.REMOTE_VERIFICATION)
            || c.checkType().equals(ApplicationChecks.FIELD_INVESTIGATION)
            || c.checkType().equals(ApplicationChecks.CENTRE_REVIEW)
            // the processing centre's answer to an approver who returned the application
            || c.checkType().equals(ApprovalChecks.INFORMATION_PROVIDED))
        .toList();
    if (list.isEmpty()) {
      return "无";
    }
    return list.stream().map(c -> "- " + CHECK_NAMES.getOrDefault(c.checkType(), c.checkType()) + " 第" + c.attempt() + "次: "
        + CHECK_OUTCOME_NAMES.getOrDefault(c.checkType() + ":" + c.outcome(), OUTCOME_NAMES.getOrDefault(c.outcome(), c.outcome()))
        + " (" + c.performedBy() + ") " + orDash(c.details()) + " " + orDash(c.notes())).collect(Collectors.joining("\n"));
  }

  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(com.smeloanflow.platform.BusinessClock.BANK_ZONE);

  private static String signingText(ContractService.Contract contract) {
    return "合同 " + contract.contractNumber() + ": "
        + (contract.signatureId() == null ? "客户尚未签署"
            : "客户已于 " + TIME.format(contract.signedAt()) + " 电子签署 (签名 " + contract.signatureId() + ")")
        + "; 抵押登记: " + (contract.mortgageRegistrationNumber() == null ? "无"
            : contract.mortgageRegistrationNumber() + " (登记于 " + TIME.format(contract.mortgageRegisteredAt()) + ")");
  }

  private String votesText(String applicationId) {
    List<String> votes = jdbc.sql("SELECT member, vote FROM committee_vote WHERE application_id = :a ORDER BY voted_at")
        .param("a", applicationId)
        .query((rs, row) -> rs.getString("member") + ": " + OUTCOME_NAMES.getOrDefault(rs.getString("vote"), rs.getString("vote")))
        .list();
    return votes.isEmpty() ? "尚无委员投票" : String.join("; ", votes);
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static String named(Object code) {
    return code == null ? "-" : DATA_NAMES.getOrDefault(code.toString(), code.toString());
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

}
