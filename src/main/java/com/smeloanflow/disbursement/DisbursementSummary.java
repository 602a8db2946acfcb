package com.smeloanflow.disbursement;

import com.smeloanflow.casefile.TaskSummaryContributor;
import com.smeloanflow.platform.BusinessClock;
import java.time.format.DateTimeFormatter;
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

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BusinessClock.BANK_ZONE);

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
    values.put("supplementText", checks.openSupplement(applicationId)
        .map(documents -> "已要求补充: " + DisbursementCheckService.labels(documents)).orElse("无"));
    return values;
  }

  private static String signingText(ContractService.Contract contract, List<ContractService.GuaranteeContract> guarantees) {
    return "合同 " + contract.contractNumber() + ": "
        + (contract.signatureId() == null ? "客户尚未签署"
            : "客户已于 " + TIME.format(contract.signedAt()) + " 电子签署 (签名 " + contract.signatureId() + ")")
        + (guarantees.isEmpty() ? "" : "; 保证合同: " + guarantees.stream()
            .map(g -> g.contractNumber() + " " + g.guarantorName() + (g.signed() ? " 已签署" : " 未签署")).collect(Collectors.joining(", ")))
        + "; 抵押登记: " + (contract.mortgageRegistrationNumber() == null ? "无"
            : contract.mortgageRegistrationNumber() + " (登记于 " + TIME.format(contract.mortgageRegisteredAt()) + ")");
  }
}
