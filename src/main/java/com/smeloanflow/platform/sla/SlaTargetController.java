package com.smeloanflow.platform.sla;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The SLA targets per task type: staff read them, process owners and administrators change them (see SecurityConfig). */
@RestController
@RequestMapping("/api/sla-targets")
@Tag(name = "Reference data", description = "Rates and tables the bank maintains")
public class SlaTargetController {

  private final SlaTargets targets;

  public SlaTargetController(SlaTargets targets) {
    this.targets = targets;
  }

  /** A task type's new goal and deadline, in working hours. */
  public record Hours(@Schema(example = "7") BigDecimal goalHours, @Schema(example = "14") BigDecimal deadlineHours) {}

  @GetMapping(produces = "application/json")
  @Operation(summary = "Every task type's SLA",
      description = "A task type without a row gets smeloan.sla.default-goal and default-deadline (7 and 14 working hours).")
  public List<SlaTarget> all() {
    return targets.all();
  }

  @PutMapping(path = "/{processKey}/{taskKey}", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Set a task type's goal and deadline (process owners)",
      description = "Working hours on the bank calendar from the task's creation. Tasks created afterwards follow it.")
  @ApiResponse(responseCode = "200", description = "Set")
  @ApiResponse(responseCode = "400", description = "Bad fields, each named (application/problem+json)")
  @ApiResponse(responseCode = "404", description = "The process's latest version has no such user task")
  public SlaTarget set(@PathVariable("processKey") String processKey, @PathVariable("taskKey") String taskKey,
      @RequestBody Hours hours, Principal principal) {
    return targets.set(processKey, taskKey, hours == null ? null : hours.goalHours(), hours == null ? null : hours.deadlineHours(),
        principal.getName());
  }
}
