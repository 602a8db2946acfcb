package com.smeloanflow.identity;

import com.smeloanflow.platform.BusinessClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The open tasks offered to a lead group itself (督办逾期贷款, 尽职免责认定) before {@link TeamTaskAuthorizations} gave
 * that group TASK_ASSIGN on them get it at start, so their leads hand them to one another like the tasks opened since.
 *
 * <p>A start-up step rather than a Flyway migration: it writes Camunda's own authorizations through the engine's API
 * (no SQL on the engine's tables, which Flyway may run before the engine has created them), and it is idempotent, so
 * every node runs it and one started last also covers what a node of the previous version opened during the
 * rollout. Two nodes starting together write the same grant: the one that loses the race finds it written (its update
 * of the grant's row waits for the other's and then fails on the row's revision; no grant is inserted, so none twice),
 * and both record their run: the one that loses finds the other's record and keeps it ({@code
 * LeadGroupTaskGrantsPostgresIT}). Neither start fails, nor one during which another node completes a task it reads.
 *
 * <p>Each run keeps when it began in the engine's properties ({@value #CHECKED_FROM}); the next reads only the tasks
 * created since then, less {@link #CLOCK_MARGIN} for nodes whose clocks differ, so a start costs the tasks opened since
 * the last one, not every open lead-group task again.
 */
@Component
public class LeadGroupTaskGrants {

  private static final Logger log = LoggerFactory.getLogger(LeadGroupTaskGrants.class);
  /** The engine property that keeps when the last run began (an ISO instant). */
  static final String CHECKED_FROM = "sme-loan-flow.lead-group-task-grants.checked-from";
  /** How far before the last run's start the next one reads again: the nodes' clocks may differ by less. */
  static final Duration CLOCK_MARGIN = Duration.ofHours(1);

  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final ManagementService management;
  private final BusinessClock clock;

  public LeadGroupTaskGrants(TaskService tasks, AuthorizationService authorizations, ManagementService management,
      BusinessClock clock) {
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.management = management;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void grantOnStart() {
    int granted = grantOpenTasks();
    if (granted > 0) {
      log.info("Upgrade: {} open task(s) offered to a lead group let its leads reassign them (TASK_ASSIGN)", granted);
    }
  }

  /**
   * Adds TASK_ASSIGN to the grant of each candidate lead group of an open task that lacks it (the grant Camunda wrote
   * when the group became a candidate). @return how many grants were written
   */
  public int grantOpenTasks() {
    Instant started = clock.now();
    String checkedFrom = management.getProperties().get(CHECKED_FROM);
    TaskQuery query = tasks.createTaskQuery().taskCandidateGroupLike("%" + Teams.LEADS_SUFFIX).includeAssignedTasks();
    if (checkedFrom != null) {
      query.taskCreatedAfter(Date.from(Instant.parse(checkedFrom).minus(CLOCK_MARGIN)));
    }
    // one read, not pages: a task completed on another node while pages were read would shift the next page by one
    // and leave a task unread (the open lead-group tasks are a few thousand at most: 督办逾期贷款, 尽职免责认定)
    int granted = 0;
    for (Task task : query.list()) {
      for (IdentityLink link : candidatesOf(task)) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && Teams.teamIdOfLeadGroup(link.getGroupId()).isPresent()
            && grant(task.getId(), link.getGroupId())) {
          granted++;
        }
      }
    }
    recordRun(started, checkedFrom);
    return granted;
  }

  /**
   * Keeps when this run began for the next one. Another node starting at the same time records its own run at once:
   * this node's write then fails (an update of the row the other changed: optimistic locking; or, when no run was
   * recorded yet, an insert of the row the other inserted: its primary key). The other run's record stands: it began
   * within moments of this one, and the next start reads from an hour before it anyway. A failure
   * that leaves the record as this run found it is not such a race and is thrown.
   */
  private void recordRun(Instant started, String checkedFrom) {
    try {
      management.setProperty(CHECKED_FROM, started.toString());
    } catch (ProcessEngineException e) {
      String recorded = management.getProperties().get(CHECKED_FROM);
      if (recorded == null || recorded.equals(checkedFrom)) {
        throw e;
      }
      log.info("Lead-group task grants: another node recorded its run (begun {}) as this one (begun {}) did; its record"
          + " stands", recorded, started);
    }
  }

  /** The task's identity links; none when it ended since the page was read (completed on another node meanwhile). */
  private List<IdentityLink> candidatesOf(Task task) {
    try {
      return tasks.getIdentityLinksForTask(task.getId());
    } catch (NullValueException e) {
      log.debug("Task {} ended before its lead group's grant was checked: left alone", task.getId());
      return List.of();
    }
  }

  private boolean grant(String taskId, String leadGroup) {
    Authorization grant = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(leadGroup).resourceType(Resources.TASK).resourceId(taskId).singleResult();
    // none: an administrator took the group's "work the task" away (Camunda grants it to every candidate group)
    if (grant == null || grant.isPermissionGranted(TaskPermissions.TASK_ASSIGN)) {
      return false;
    }
    grant.addPermission(TaskPermissions.TASK_ASSIGN);
    try {
      authorizations.saveAuthorization(grant);
      return true;
    } catch (OptimisticLockingException e) {
      // another node's start wrote it first, or the task ended and took its grants with it
      log.debug("Grant of TASK_ASSIGN on task {} to {} written or gone meanwhile: {}", taskId, leadGroup, e.getMessage());
      return false;
    }
  }
}
