package com.smeloanflow.collections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators (camunda-admin) see the collection process starts that failed every attempt and have them tried again
 * once the cause is fixed, instead of editing {@code collection_case} by hand.
 */
@RestController
@Tag(name = "Administration")
public class CollectionProcessStartController {

  private static final int LIST_LIMIT = 200;

  private final CollectionProcessStarts starts;

  public CollectionProcessStartController(CollectionProcessStarts starts) {
    this.starts = starts;
  }

  @GetMapping(path = "/api/admin/collection-process-starts", produces = "application/json")
  @Operation(summary = "Collection cases whose process could not be started and is no longer retried",
      description = "Cases the daily close opened whose collection process failed to start on every attempt"
          + " (smeloan.collections.process-start.max-attempts): case, loan, branch, the day it opened, the attempts and"
          + " the last error. Oldest case first, at most 200.")
  @ApiResponse(responseCode = "200", description = "The given-up starts (empty when there is none)")
  public List<CollectionRepository.ProcessStart> givenUp() {
    return starts.givenUp(LIST_LIMIT);
  }

  @PostMapping(path = "/api/admin/collection-process-starts/{caseId}/retry", produces = "application/json")
  @Operation(summary = "Try a given-up collection process start again",
      description = "After the cause is fixed: the start is due at once with a fresh count of attempts, and the next"
          + " poll on any node starts the process (exactly once). 409 while the start is still being retried, 404"
          + " when there is no such case or its process is already running.")
  @ApiResponse(responseCode = "200", description = "The start, due again, attempts 0")
  @ApiResponse(responseCode = "404", description = "No such case, or its process has been started",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "The start has not been given up yet",
      content = @Content(mediaType = "application/problem+json"))
  public CollectionRepository.ProcessStart retry(@PathVariable("caseId") String caseId, Principal principal) {
    return starts.requeue(caseId, principal.getName());
  }
}
