package com.smeloanflow.platform.sla;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The SLA of a task type: working hours from the task's creation to its goal (reminder) and its deadline
 * (escalation), on the bank calendar.
 */
public record SlaTarget(
    @Schema(example = "loan-origination") String processKey,
    @Schema(example = "UserTask_ApproveLoan") String taskKey,
    @Schema(example = "7", description = "working hours to the goal (follow-up date)") BigDecimal goalHours,
    @Schema(example = "14", description = "working hours to the deadline (due date)") BigDecimal deadlineHours,
    @Schema(example = "process-owner") String updatedBy,
    Instant updatedAt) {}
