package com.smeloanflow.monitoring;

import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanStanding;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of "审批风险分类调整": the loan, the proposal (who, what, why), the floor by days
 * past due and the recent classification changes, as read-only task-local values for the form.
 */
@Component("reclassificationSummary")
public class ReclassificationSummaryListener implements TaskListener {

  /** The task-local values it sets besides the loan summary. */
  public static final List<String> FORM_VALUES = List.of("proposalNumber", "proposedClassificationName",
      "currentClassificationName", "dpdFloorName", "daysPastDue", "proposalReason", "proposedBy", "proposedAt",
      "classificationHistoryText");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final int HISTORY_SHOWN = 5;

  private final RiskClassificationService classification;
  private final ClassificationRepository classifications;
  private final LoanAccountService loans;
  private final LoanSummaryListener loanSummary;

  public ReclassificationSummaryListener(RiskClassificationService classification, ClassificationRepository classifications,
      LoanAccountService loans, LoanSummaryListener loanSummary) {
    this.classification = classification;
    this.classifications = classifications;
    this.loans = loans;
    this.loanSummary = loanSummary;
  }

  @Override
  public void notify(DelegateTask task) {
    String loanId = task.getExecution().getProcessBusinessKey();
    ReclassificationProposal proposal = classification.pending(loanId);
    LoanStanding standing = loans.standing(loanId).orElseThrow();
    Map<String, Object> values = loanSummary.values(loanId);
    values.put("proposalNumber", proposal.proposalId());
    values.put("proposedClassificationName", proposal.classification().label());
    values.put("currentClassificationName", proposal.currentClassification().label());
    values.put("dpdFloorName", standing.dpdClassification().label());
    values.put("daysPastDue", String.valueOf(standing.daysPastDue()));
    values.put("proposalReason", proposal.reason());
    values.put("proposedBy", proposal.proposedBy());
    values.put("proposedAt", MINUTE.format(LocalDateTime.ofInstant(proposal.proposedAt(),
        com.smeloanflow.platform.BusinessClock.BANK_ZONE)));
    List<RiskClassificationChange> changes = classifications.changesOf(loanId);
    // the newest five that fit in a form value (a reason runs to 1,000 characters: five passed the engine's 4,000 and
    // failed the proposal); whenever earlier ones are left out, for want of room or beyond the five, a last line says how
    // many and where staff read them all (the monitoring view lists every change)
    List<String> lines = changes.stream()
        .map(c -> "- " + ChineseDates.day(c.businessDate()) + ", " + c.previous().label() + " → " + c.classification().label() + ": "
            + c.reason() + " (" + c.decidedBy() + ")")
        .toList();
    values.put("classificationHistoryText", changes.isEmpty() ? "尚无分类调整记录" : FormText.firstEntries(lines, HISTORY_SHOWN,
        left -> "- 更早的 " + left + " 条分类调整未显示, 全部见 GET /api/loans/" + loanId + "/monitoring (classificationHistory)",
        FormText.MAX_CHARACTERS));
    task.setVariablesLocal(values);
  }
}
