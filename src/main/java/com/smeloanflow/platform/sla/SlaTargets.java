package com.smeloanflow.platform.sla;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.NotFoundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA targets per task type ({@code task_sla_target}): read by every task's creation, changed by
 * process owners. A change applies to tasks created afterwards.
 */
@Service
public class SlaTargets {

  private static final Logger log = LoggerFactory.getLogger(SlaTargets.class);
  /** No SLA is longer than a working year. */
  static final BigDecimal MAX_HOURS = new BigDecimal("2000");

  private final SlaTargetRepository targets;
  private final RepositoryService repositoryService;
  private final SlaProperties properties;
  private final BusinessClock clock;

  public SlaTargets(SlaTargetRepository targets, RepositoryService repositoryService, SlaProperties properties,
      BusinessClock clock) {
    this.targets = targets;
    this.repositoryService = repositoryService;
    this.properties = properties;
    this.clock = clock;
  }

  /** A task type's goal and deadline (working time): its row, or the configured defaults. */
  public record Times(Duration goal, Duration deadline) {}

  public Times timesFor(String processKey, String taskKey) {
    return targets.find(processKey, taskKey)
        .map(target -> new Times(hours(target.goalHours()), hours(target.deadlineHours())))
        .orElseGet(() -> new Times(properties.defaultGoal(), properties.defaultDeadline()));
  }

  public List<SlaTarget> all() {
    return targets.all();
  }

  /**
   * Sets a task type's goal and deadline.
   *
   * @throws NotFoundException when the latest version of the process has no user task of that id
   * @throws InvalidFieldsException naming each bad field
   */
  @Transactional
  public SlaTarget set(String processKey, String taskKey, BigDecimal goalHours, BigDecimal deadlineHours, String actor) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    if (definition == null || !(repositoryService.getBpmnModelInstance(definition.getId()).getModelElementById(taskKey)
        instanceof UserTask)) {
      throw new NotFoundException("没有此任务类型", "流程 " + processKey + " 的最新版本没有用户任务 " + taskKey,
          "the latest version of process " + processKey + " has no user task " + taskKey);
    }
    List<FieldViolation> violations = new ArrayList<>();
    checkHours("goalHours", goalHours, violations);
    checkHours("deadlineHours", deadlineHours, violations);
    if (violations.isEmpty() && goalHours.compareTo(deadlineHours) > 0) {
      violations.add(new FieldViolation("goalHours", "AFTER_DEADLINE", "目标时间不能晚于办理期限"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations);
    }
    targets.save(processKey, taskKey, goalHours, deadlineHours, actor, clock.now());
    log.info("SLA of {}/{} set by {}: goal {} h, deadline {} h (working hours)", processKey, taskKey, actor,
        goalHours.toPlainString(), deadlineHours.toPlainString());
    return targets.find(processKey, taskKey).orElseThrow();
  }

  private static void checkHours(String field, BigDecimal hours, List<FieldViolation> violations) {
    if (hours == null) {
      violations.add(new FieldViolation(field, "REQUIRED", "不能为空"));
    } else if (hours.signum() <= 0) {
      violations.add(new FieldViolation(field, "NOT_POSITIVE", "工作小时数必须大于0"));
    } else if (hours.stripTrailingZeros().scale() > 2) {
      violations.add(new FieldViolation(field, "TOO_MANY_DECIMALS", "最多保留两位小数"));
    } else if (hours.compareTo(MAX_HOURS) > 0) {
      violations.add(new FieldViolation(field, "TOO_LARGE", "不能超过 " + MAX_HOURS + " 个工作小时"));
    }
  }

  private static Duration hours(BigDecimal hours) {
    return Duration.ofSeconds(hours.multiply(BigDecimal.valueOf(3600)).longValueExact());
  }
}
