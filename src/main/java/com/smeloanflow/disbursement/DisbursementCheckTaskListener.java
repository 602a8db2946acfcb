package com.smeloanflow.disbursement;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.DISBURSEMENT_CHECK_OUTCOME;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.DISBURSEMENT_HOLD_UNTIL;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "审核放款条件" (complete): the checker's conclusion to {@link DisbursementCheckService}. */
@Component("disbursementCheckTask")
public class DisbursementCheckTaskListener implements TaskListener {

  static final String DECISION = "disbursementDecision";
  static final String NOTES = "disbursementNotes";
  static final String HOLD_UNTIL = "holdUntil";
  static final String DOCUMENTS = "supplementDocuments";
  static final String CUSTOMER_REASON = "declineCustomerReason";

  private final DisbursementCheckService checks;

  public DisbursementCheckTaskListener(DisbursementCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    DisbursementCheckService.Outcome outcome = form.choice(DECISION, "放款审核结论", DisbursementCheckService.Outcome.class);
    Set<String> confirmed = DisbursementCheckService.CONFIRMATIONS.keySet().stream().filter(form::checked).collect(Collectors.toSet());
    LocalDate holdUntil = outcome == DisbursementCheckService.Outcome.HOLD ? form.date(HOLD_UNTIL, "暂缓至") : null;
    List<DisbursementDocument> documents = outcome == DisbursementCheckService.Outcome.SUPPLEMENT
        ? form.list(DOCUMENTS).stream().map(DisbursementCheckTaskListener::document).toList() : List.of();
    CustomerReason reason = outcome == DisbursementCheckService.Outcome.DECLINE
        ? form.optionalChoice(CUSTOMER_REASON, "告知客户的原因", CustomerReason.class) : null;
    checks.check(new DisbursementCheckService.Check(task.getExecution().getProcessBusinessKey(), TaskActor.of(task), outcome,
        confirmed, form.text(NOTES), holdUntil, documents, reason));
    form.discard(DECISION, NOTES, HOLD_UNTIL, DOCUMENTS, CUSTOMER_REASON);
    form.discard(DisbursementCheckService.CONFIRMATIONS.keySet().toArray(String[]::new));
    DISBURSEMENT_CHECK_OUTCOME.set(task.getExecution(), outcome.name());
    if (holdUntil != null) {
      // The hold ends at 09:00 China time on that day, when disbursement operations are at work.
      DISBURSEMENT_HOLD_UNTIL.set(task.getExecution(), Date.from(holdUntil.atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant()));
    }
  }

  private static DisbursementDocument document(String value) {
    try {
      return DisbursementDocument.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidTaskInputException("未知的补充资料类型 (" + DOCUMENTS + ": " + value + ")");
    }
  }
}
