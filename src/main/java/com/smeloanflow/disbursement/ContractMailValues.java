package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.notification.MailValueProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Mail placeholders from the contract and the disbursement check: {@code contractText},
 * {@code approvedAmount}, {@code mortgageNote}, {@code guaranteeNote}, {@code holdUntil},
 * {@code supplementDocuments}.
 */
@Component
public class ContractMailValues implements MailValueProvider {

  private final ContractService contracts;
  private final ApprovalDecisions approvals;
  private final DisbursementCheckService checks;

  public ContractMailValues(ContractService contracts, ApprovalDecisions approvals, DisbursementCheckService checks) {
    this.contracts = contracts;
    this.approvals = approvals;
    this.checks = checks;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    Map<String, String> values = new HashMap<>();
    contracts.find(applicationId).ifPresent(contract -> values.put("contractText", contract.text()));
    approvals.find(applicationId).ifPresent(approval -> {
      values.put("approvedAmount", approval.approvedAmount().toPlainString());
      values.put("mortgageNote", approval.guaranteeType() == GuaranteeType.MORTGAGE
          ? "签约后请办理线上抵押登记 (30 个工作日内), 抵押权人为我行, 登记完成后方可放款。\n" : "");
    });
    var guarantees = contracts.guarantees(applicationId);
    values.put("guaranteeNote", guarantees.isEmpty() ? "" : "保证人 " + guarantees.stream()
        .map(ContractService.GuaranteeContract::guarantorName).collect(Collectors.joining("、"))
        + " 须在 15 个工作日内通过电子签约签署保证合同。\n");
    checks.openSupplement(applicationId).ifPresent(documents -> values.put("supplementDocuments",
        documents.stream().map(d -> "  - " + d.label()).collect(Collectors.joining("\n"))));
    checks.latestHoldUntil(applicationId).ifPresent(until -> values.put("holdUntil", until.toString()));
    return values;
  }
}
