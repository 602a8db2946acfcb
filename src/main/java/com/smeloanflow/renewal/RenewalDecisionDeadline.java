package com.smeloanflow.renewal;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanRenewalProcess;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * A person's decision on a renewal (审批续贷申请, 贷审会委员表决续贷, 签发续贷贷审会决议) comes too late once the old loan
 * matured: 到期仍未审批 on 人工审批续贷 is then due and lapses the renewal as soon as the job executor runs it. Until it
 * has, the task is still there; completing it is refused ({@link StateConflictException}, 400 over the engine REST
 * API) and it stays as it is until the timer removes it, so no contract is sent for a renewal that lapses at once.
 * Versions of loan-renewal without 人工审批续贷 have no such timer and are left as they were.
 */
@Component
class RenewalDecisionDeadline {

  private final BusinessClock clock;

  RenewalDecisionDeadline(BusinessClock clock) {
    this.clock = clock;
  }

  /** Refuses the task's completion at or after {@code renewalMaturesAt}, the moment 到期仍未审批 falls due. */
  void refuseOnceMatured(DelegateTask task) {
    ModelElementInstance parent = task.getBpmnModelElementInstance().getParentElement();
    if (!(parent instanceof SubProcess subProcess)
        || !LoanRenewalProcess.Elements.SUBPROCESS_DECIDE.equals(subProcess.getId())) {
      return;
    }
    Date maturesAt = LoanRenewalProcess.Variables.MATURES_AT.fromOrNull(task.getExecution());
    if (maturesAt == null || clock.now().isBefore(maturesAt.toInstant())) {
      return;
    }
    String loanId = task.getExecution().getProcessBusinessKey();
    LocalDate maturity = LocalDate.ofInstant(Instant.ofEpochMilli(maturesAt.getTime()), BusinessClock.BANK_ZONE);
    throw new StateConflictException("续贷 " + loanId + " 的原借据已于" + ChineseDates.day(maturity) + "到期, 续贷审批已失效, 无需再办理, "
        + "请刷新待办列表 (loan " + loanId + " matured on " + maturity + " before the renewal was decided; the renewal "
        + "lapses and task " + task.getName() + " needs no decision)");
  }
}
