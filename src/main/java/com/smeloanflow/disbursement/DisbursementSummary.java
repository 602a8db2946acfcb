package com.smeloanflow.disbursement;

import com.smeloanflow.casefile.TaskSummaryContributor;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Contract and disbursement's part of the task forms: the contract, who signed what, the mortgage, open supplements. */
@Component
@Order(50)
public class DisbursementSummary implements TaskSummaryContributor {

  /** The task-local values it sets, by the names the forms use (contract and disbursement). */
  public static final java.util.List<String> FORM_VALUES = java.util.List.of("contractText", "signingText", "supplementText");

  private final ContractService contracts;
  private final DisbursementCheckService checks;

  public DisbursementSummary(ContractService contracts, DisbursementCheckService checks) {
    this.contracts = contracts;
    this.checks = checks;
  }

  @Override
  public Map<String, Object> summary(String applicationId) {
    Map<String, Object> values = new LinkedHashMap<>();
    ContractService.Contract contract = contracts.find(applicationId).orElse(null);
    values.put("contractText", contract == null ? "尚未生成合同" : contract.text());
    values.put("signingText", contract == null ? "尚未生成合同" : signingText(contract, contracts.guarantees(applicationId)));
    values.put("supplementText", supplementText(checks.supplementRounds(applicationId)));
    return values;
  }

  /**
   * Each supplement round: who asked for which documents when, and for each document when and how it arrived or that
   * it is still missing, so the checker deciding again sees what the borrower supplied; a blank line between rounds.
   * Within {@link FormText#MAX_CHARACTERS} (the rounds have no limit, and fifteen of four documents passed the engine's
   * 4,000 characters): the newest rounds that fit, oldest first, starting with how many earlier ones are left out.
   */
  static String supplementText(List<DisbursementCheckService.SupplementRound> rounds) {
    if (rounds.isEmpty()) {
      return "无";
    }
    // each round starts with a line break: with the one joining the rounds, a blank line before each
    String text = FormText.newestLast(rounds.stream().map(round -> "\n第" + round.round() + "轮: "
            + ChineseDates.minute(round.requestedAt())
            + " " + round.requestedBy() + " 要求补充 " + DisbursementCheckService.labels(round.asked())
            + (round.receivedAt() != null ? ", " + ChineseDates.minute(round.receivedAt()) + " 已齐全"
                : round.missing().isEmpty() ? "" : ", 仍缺 " + DisbursementCheckService.labels(round.missing()))
            + "\n\n" + round.asked().stream().map(document -> "- " + document.label() + ": " + arrival(round, document))
                .collect(Collectors.joining("\n")))
        .toList(), "补充记录", FormText.MAX_CHARACTERS);
    return text.startsWith("\n") ? text.substring(1) : text;
  }

  private static String arrival(DisbursementCheckService.SupplementRound round, DisbursementDocument document) {
    DisbursementCheckService.Arrival arrival = round.arrivals().get(document);
    if (arrival != null) {
      return ChineseDates.minute(arrival.at()) + (arrival.uploaded() ? " 借款人线上上传" : " 网点登记收到") + " (" + arrival.by() + ")";
    }
    if (round.supplied().contains(document)) {
      return "借款人已线上上传";
    }
    return round.receivedAt() != null ? ChineseDates.minute(round.receivedAt()) + " 已收到 (" + round.receivedBy() + ")" : "**仍缺**";
  }

  private static String signingText(ContractService.Contract contract, List<ContractService.GuaranteeContract> guarantees) {
    return "合同 " + contract.contractNumber() + ": "
        + (contract.signatureId() == null ? "客户尚未签署"
            : "客户已于" + ChineseDates.minute(contract.signedAt()) + " 电子签署 (签名 " + contract.signatureId() + ")")
        + (guarantees.isEmpty() ? "" : "; 保证合同: " + guarantees.stream()
            .map(g -> g.contractNumber() + " " + g.guarantorName() + (g.signed() ? " 已签署" : " 未签署")).collect(Collectors.joining(", ")))
        + "; 抵押登记: " + (contract.mortgageRegistrationNumber() == null ? "无"
            : contract.mortgageRegistrationNumber() + " (登记于" + ChineseDates.minute(contract.mortgageRegisteredAt()) + ")");
  }
}
