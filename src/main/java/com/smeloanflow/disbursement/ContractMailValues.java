package com.smeloanflow.disbursement;

import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.notification.MailValueProvider;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Mail placeholders from the contract: {@code contractText}, {@code mortgageNote}. */
@Component
public class ContractMailValues implements MailValueProvider {

  private final ContractService contracts;
  private final com.smeloanflow.approval.ApprovalRepository approvals;

  public ContractMailValues(ContractService contracts, com.smeloanflow.approval.ApprovalRepository approvals) {
    this.contracts = contracts;
    this.approvals = approvals;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    Map<String, String> values = new HashMap<>();
    contracts.find(applicationId).ifPresent(contract -> values.put("contractText", contract.text()));
    approvals.find(applicationId).ifPresent(approval -> {
      values.put("approvedAmount", approval.approvedAmount().toPlainString());
      values.put("mortgageNote", GuaranteeType.MORTGAGE.name().equals(approval.guaranteeType())
          ? "签约后请办理线上抵押登记 (30 日内), 登记完成后方可放款。\n" : "");
    });
    return values;
  }
}
