package com.smeloanflow.platform.sla;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smeloan.sla.*}: the SLA monitor and the target of a task type the table does not list.
 *
 * @param monitorEnabled       poll for due reminders and escalations on this node (off in tests: they call the monitor)
 * @param pollInterval         pause between polls
 * @param defaultGoal          working time to the goal of a task type without a row in {@code task_sla_target}
 * @param defaultDeadline      working time to its deadline
 * @param escalationRepeat     working time between two escalations of a task that stays overdue
 * @param escalationPriorityStep priority added at each escalation (Camunda's default priority is 50), at most 100
 * @param batchSize            tasks handled per poll and kind (reminders, escalations)
 */
@ConfigurationProperties("smeloan.sla")
public record SlaProperties(Boolean monitorEnabled, Duration pollInterval, Duration defaultGoal, Duration defaultDeadline,
    Duration escalationRepeat, Integer escalationPriorityStep, Integer batchSize) {

  public SlaProperties {
    monitorEnabled = monitorEnabled == null || monitorEnabled;
    pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
    defaultGoal = defaultGoal == null ? Duration.ofHours(7) : defaultGoal;
    defaultDeadline = defaultDeadline == null ? Duration.ofHours(14) : defaultDeadline;
    escalationRepeat = escalationRepeat == null ? Duration.ofHours(7) : escalationRepeat;
    escalationPriorityStep = escalationPriorityStep == null ? 25 : escalationPriorityStep;
    batchSize = batchSize == null ? 100 : batchSize;
    if (defaultGoal.compareTo(defaultDeadline) > 0 || escalationRepeat.isZero() || escalationRepeat.isNegative()) {
      throw new IllegalArgumentException("smeloan.sla: default-goal must not be after default-deadline, escalation-repeat > 0");
    }
  }
}
