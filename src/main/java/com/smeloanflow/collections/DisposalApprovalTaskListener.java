package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Variables.DISPOSAL_APPROVED;
import static com.smeloanflow.process.CollectionProcess.Variables.DISPOSAL_TYPE;

import com.smeloanflow.identity.TaskRevocations;
import com.smeloanflow.platform.ExecutionTree;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Task listener (create, assignment, complete) of "审批诉讼或核销建议": offered to the approver group decided for the
 * proposal; four eyes — the proposer does not see the task in Tasklist ({@link TaskRevocations}) and, whatever the
 * client, can neither claim, be assigned nor complete it (403) — then the decision. A proposal recorded before its
 * approver group was kept (V142) has it decided as someone takes or decides it
 * ({@link CollectionCaseService#keptApprovalAuthority}), and the task is offered to it.
 */
@Component("disposalApprovalTask")
public class DisposalApprovalTaskListener implements TaskListener {

  public static final String DECISION = "disposalDecision";
  public static final String COMMENT = "disposalComment";
  static final String APPROVE = "APPROVE";
  static final String REJECT = "REJECT";

  private static final Logger log = LoggerFactory.getLogger(DisposalApprovalTaskListener.class);

  private final CollectionCaseService cases;
  private final CommandExecutor commands;
  private final TransactionTemplate ownTransaction;

  public DisposalApprovalTaskListener(CollectionCaseService cases, ProcessEngine engine,
      PlatformTransactionManager transactions) {
    this.cases = cases;
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void notify(DelegateTask task) {
    String loanId = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      Disposal pending = cases.pendingDisposal(loanId);
      offerToTheApproverGroup(task, pending.approverGroup());
      TaskRevocations.hideFrom(task, pending.proposedBy());
      return;
    }
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      if (task.getAssignee() != null) {
        try {
          offerToTheApproverGroup(task, cases.requireMayDecide(loanId, task.getAssignee()).approverGroup());
        } catch (AuthorizationException refused) {
          keepTheAuthorityAfterTheRefusal(task.getId(), loanId);
          throw refused;
        }
      }
      return;
    }
    ExecutionTree.readBeforeALockWait(task);
    TaskForm form = TaskForm.of(task);
    boolean approve = APPROVE.equals(form.choice(DECISION, "审批结论", Set.of(APPROVE, REJECT)));
    Disposal decided;
    try {
      decided = cases.decide(new DecideDisposal(loanId, approve, form.text(COMMENT), TaskActor.of(task)));
    } catch (AuthorizationException refused) {
      keepTheAuthorityAfterTheRefusal(task.getId(), loanId);
      throw refused;
    }
    DISPOSAL_APPROVED.set(task.getExecution(), approve);
    DISPOSAL_TYPE.set(task.getExecution(), decided.type().name());
    form.discard(DECISION, COMMENT);
  }

  /**
   * The group decided to approve the proposal ({@link CollectionCaseService#approvalAuthority}) is a candidate of the
   * task. The model offers the task to it ({@code ${disposalApproverGroup}}); a version of {@code collection.bpmn}
   * before the authority table offers it to {@code collections} alone, so there the decided group is added beside it:
   * else a write-off above collections' authority would wait for ever, its only candidates refused by
   * {@link CollectionCaseService#requireMayDecide}. None kept (a proposal before V142): nothing to add at creation; it
   * is added when the authority is decided, as someone takes or decides the task.
   */
  private static void offerToTheApproverGroup(DelegateTask task, String approverGroup) {
    if (approverGroup != null && task.getCandidates().stream().noneMatch(link -> approverGroup.equals(link.getGroupId()))) {
      task.addCandidateGroup(approverGroup);
    }
  }

  /**
   * After a refused claim or decision, which the engine rolls back with the authority it decided for a proposal
   * recorded before V142: keeps that authority and offers the task to its group, in a transaction of its own. Else a
   * task the older model offers to collections alone would stay there, a write-off above collections' authority refused
   * to every collector and out of the committee chair's reach. Nothing to do for a proposal that kept its authority and
   * a task offered to its group (the four eyes' refusal of the proposer, a refusal of an administrator).
   */
  private void keepTheAuthorityAfterTheRefusal(String taskId, String loanId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        if (status != STATUS_ROLLED_BACK) {
          return;
        }
        try {
          ownTransaction.executeWithoutResult(tx -> commands.execute(context -> context.runWithoutAuthorization(() -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task != null) {
              offerToTheApproverGroup(task, cases.keptApprovalAuthority(loanId).approverGroup());
            }
            return null;
          })));
        } catch (StateConflictException decidedMeanwhile) {
          log.debug("Loan {}: no proposal waiting for its approval authority any more (task {})", loanId, taskId);
        } catch (RuntimeException e) {
          log.warn("Loan {}: the approval authority of its proposal was not kept after a refused approval (task {}): it is"
              + " decided again at the next claim or decision", loanId, taskId, e);
        }
      }
    });
  }
}
