package com.smeloanflow.collections;

import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.CollectionProcess.Elements;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, a legal-action or write-off proposal recorded before its approval authority was kept with it (V142: no
 * approver group on its row) and still waiting for a decision has one decided and kept
 * ({@link CollectionCaseService#keepApprovalAuthorityOfEarlierProposal}: the table deployed then, on the principal
 * outstanding then), and its open approval task is offered to that group beside the ones it has: a write-off above
 * collections' authority that the version of {@code collection.bpmn} before the authority table offered to
 * {@code collections} alone reaches the committee chair's Tasklist before anyone takes it. Until a start has done so,
 * the proposal is refused to everyone ({@link CollectionCaseService#requireMayDecide}).
 *
 * <p>A start-up step rather than a Flyway migration: the authority comes from the decision table the engine deploys
 * and from the loan's ledger, and the candidate group is the engine's own row. Idempotent, so every node runs it at
 * every start; once the proposals of before V142 are decided it reads one query's empty answer. Each proposal in a
 * transaction of its own under the loan's row lock, taken first: two nodes starting together keep one authority and add
 * the group once (the second waits for the loan's row, then finds the authority kept and does nothing), and a decision
 * or a cure meeting it waits or is waited for in the stages' lock order. A proposal whose authority cannot be decided
 * (the table names no approver) is logged and left for the next start; the others go on.
 */
@Component
public class EarlierProposalAuthorities {

  private static final Logger log = LoggerFactory.getLogger(EarlierProposalAuthorities.class);

  private final CollectionCaseService cases;
  private final TaskService tasks;
  private final TransactionTemplate ownTransaction;

  public EarlierProposalAuthorities(CollectionCaseService cases, TaskService tasks, PlatformTransactionManager transactions) {
    this.cases = cases;
    this.tasks = tasks;
    this.ownTransaction = new TransactionTemplate(transactions);
  }

  @EventListener(ApplicationReadyEvent.class)
  void keepOnStart() {
    int kept = keepTheirAuthorities();
    if (kept > 0) {
      log.info("Upgrade: {} proposal(s) recorded before V142 keep the approval authority decided at this start", kept);
    }
  }

  /** Decides and keeps the authority of each waiting proposal recorded before V142. @return how many this run kept */
  public int keepTheirAuthorities() {
    int kept = 0;
    for (String loanId : cases.loansWithAProposalWithoutAuthority()) {
      try {
        if (Boolean.TRUE.equals(ownTransaction.execute(status -> keep(loanId)))) {
          kept++;
        }
      } catch (RuntimeException e) {
        log.warn("Loan {}: the approval authority of its proposal recorded before V142 was not decided at this start;"
            + " its approval is refused until a start decides it", loanId, e);
      }
    }
    return kept;
  }

  private boolean keep(String loanId) {
    return cases.keepApprovalAuthorityOfEarlierProposal(loanId).map(kept -> {
      for (Task approval : tasks.createTaskQuery().processDefinitionKey(CollectionProcess.KEY)
          .processInstanceBusinessKey(loanId).taskDefinitionKey(Elements.TASK_APPROVE_DISPOSAL).list()) {
        offer(approval.getId(), kept.approverGroup());
      }
      return true;
    }).orElse(false);
  }

  private void offer(String taskId, String approverGroup) {
    if (tasks.getIdentityLinksForTask(taskId).stream().noneMatch(link -> approverGroup.equals(link.getGroupId()))) {
      tasks.addCandidateGroup(taskId, approverGroup);
    }
  }
}
