package com.smeloanflow.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Team queues over the API: bulk claim (any member of staff, for tasks of their posts) and bulk
 * reassignment (team leads, for their teams' tasks; see SecurityConfig). Camunda's authorizations decide
 * per task, as in Tasklist.
 */
@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Team queues", description = "Claim and reassign several tasks at once")
public class TaskQueueController {

  private final TaskQueue queue;

  public TaskQueueController(TaskQueue queue) {
    this.queue = queue;
  }

  public record Claims(@ArraySchema(schema = @Schema(example = "8c3e2a1f-0b6d-11ef-9a3c-0242ac120002"), maxItems = 100)
      List<String> taskIds) {}

  public record Reassignments(@ArraySchema(schema = @Schema(example = "8c3e2a1f-0b6d-11ef-9a3c-0242ac120002"), maxItems = 100)
      List<String> taskIds, @Schema(example = "zy001-cm2") String assignee) {}

  public record Outcomes(List<TaskQueue.Outcome> results) {}

  @PostMapping(path = "/claims", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Claim several tasks", description = "Each task the caller may work (a task of their posts, not "
      + "taken by someone else) is assigned to the caller; the others are answered REFUSED or NOT_FOUND with the reason.")
  @ApiResponse(responseCode = "200", description = "What happened to each task")
  @ApiResponse(responseCode = "400", description = "No task, more than 100, or a malformed id (nothing claimed)")
  public Outcomes claim(@RequestBody Claims claims, Authentication caller) {
    return new Outcomes(queue.claim(claims == null ? null : claims.taskIds(), caller(caller)));
  }

  @PostMapping(path = "/reassignments", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Hand several tasks to a member of staff (team leads)", description = "A team lead reassigns "
      + "their teams' tasks, each only to a member of the task's candidate groups; the others are answered REFUSED "
      + "(with the reason) or NOT_FOUND (not a task of the lead's teams).")
  @ApiResponse(responseCode = "200", description = "What happened to each task")
  @ApiResponse(responseCode = "400", description = "No task, more than 100, a malformed id, an unknown user (nothing changed)")
  public Outcomes reassign(@RequestBody Reassignments reassignments, Authentication caller) {
    return new Outcomes(queue.reassign(reassignments == null ? null : reassignments.taskIds(),
        reassignments == null ? null : reassignments.assignee(), caller(caller)));
  }

  private static TaskQueue.Caller caller(Authentication authentication) {
    List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(BranchAccess.GROUP_AUTHORITY_PREFIX))
        .map(a -> a.substring(BranchAccess.GROUP_AUTHORITY_PREFIX.length())).toList();
    return new TaskQueue.Caller(authentication.getName(), groups);
  }
}
