package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.ChineseDates;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Mail placeholders from the contract and the disbursement check: {@code contractText},
 * {@code approvedAmount}, {@code mortgageNote}, {@code guaranteeNote}, {@code holdUntil},
 * {@code supplementDocuments}. For a REVOLVING_LINE the notes speak of the line: a registered mortgage lets the
 * line open (nothing is paid out), guarantors sign a maximum-amount guarantee (最高额保证合同).
 */
@Component
public class ContractMailValues implements MailValueProvider {

  private final ContractService contracts;
  private final ApprovalDecisions approvals;
  private final DisbursementCheckService checks;
  private final LoanApplicationRepository applications;

  public ContractMailValues(ContractService contracts, ApprovalDecisions approvals, DisbursementCheckService checks,
      LoanApplicationRepository applications) {
    this.contracts = contracts;
    this.approvals = approvals;
    this.checks = checks;
    this.applications = applications;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    Map<String, String> values = new HashMap<>();
    contracts.find(applicationId).ifPresent(contract -> values.put("contractText", contract.text()));
    var approval = approvals.find(applicationId);
    var guarantees = contracts.guarantees(applicationId);
    boolean line = (approval.isPresent() || !guarantees.isEmpty())
        && applications.get(applicationId).product() == Product.REVOLVING_LINE;
    approval.ifPresent(approved -> {
      values.put("approvedAmount", approved.approvedAmount().toPlainString());
      values.put("mortgageNote", approved.guaranteeType() != GuaranteeType.MORTGAGE ? ""
          : line ? "签约后请于 30 个工作日内办理线上最高额抵押登记，抵押权人为我行，登记完成后方可开通额度。\n"
          : "签约后请于 30 个工作日内办理线上抵押登记，抵押权人为我行，登记完成后方可放款。\n");
    });
    values.put("guaranteeNote", guarantees.isEmpty() ? "" : "保证人 " + guarantees.stream()
        .map(ContractService.GuaranteeContract::guarantorName).collect(Collectors.joining("、"))
        + " 须在 15 个工作日内通过电子签约签署" + (line ? "最高额保证合同" : "保证合同") + "。\n");
    checks.openSupplement(applicationId).ifPresent(documents -> values.put("supplementDocuments",
        documents.stream().map(d -> "  - " + d.label()).collect(Collectors.joining("\n"))));
    checks.latestHoldUntil(applicationId).ifPresent(until -> values.put("holdUntil", ChineseDates.day(until)));
    return values;
  }
}
