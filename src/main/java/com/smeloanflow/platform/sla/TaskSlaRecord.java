package com.smeloanflow.platform.sla;

import java.time.Instant;
import java.util.List;

/** A task's SLA row ({@code task_sla}): its dates, what was sent, how it ended. */
public record TaskSlaRecord(
    String taskId,
    String processInstanceId,
    String processKey,
    String taskKey,
    String taskName,
    String businessKey,
    List<String> teams,
    Instant createdAt,
    Instant goalAt,
    Instant deadlineAt,
    Instant remindedAt,
    int escalations,
    Instant lastEscalatedAt,
    Instant nextEscalationAt,
    String state,
    Instant closedAt) {

  public TaskSlaRecord {
    teams = List.copyOf(teams);
  }
}
