package com.smeloanflow.disbursement;

import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.FieldViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox core banking system for testers and demos (administrators and process owners only,
 * like every {@code /api/sandbox/**} endpoint; in the demo and test profiles only, like the other sandbox
 * controllers): make it fail before or after posting, and see what it posted for an application.
 */
@RestController
@RequestMapping("/api/sandbox/core-banking")
@Tag(name = "Sandbox", description = "Sandbox outside systems for tests and demos")
@ConditionalOnProperty(prefix = "smeloan.core-banking", name = "adapter", havingValue = "sandbox", matchIfMissing = true)
@Profile({"demo", "test"})
public class SandboxCoreBankingController {

  private final SandboxCoreBanking sandbox;
  private final SandboxCoreBankingFaults faults;

  public SandboxCoreBankingController(SandboxCoreBanking sandbox, SandboxCoreBankingFaults faults) {
    this.sandbox = sandbox;
    this.faults = faults;
  }

  /**
   * How many of the next calls fail: before posting (down; disbursements and look-ups) and after posting (a
   * disbursement's answer lost).
   */
  public record Faults(Integer failBeforePosting, Integer failAfterPosting) {}

  @GetMapping(path = "/faults", produces = "application/json")
  @Operation(summary = "Failures still to come")
  public Faults faults() {
    return new Faults(faults.pendingFailuresBeforePosting(), faults.pendingFailuresAfterPosting());
  }

  @PutMapping(path = "/faults", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Make the next disbursements fail",
      description = "failBeforePosting: the core system is down for that many calls, nothing is posted (a look-up "
          + "of what it booked under a key fails too). failAfterPosting: it posts, then the answer is lost; the retry "
          + "gets the posting back as replayed.")
  @ApiResponse(responseCode = "200", description = "The failures now to come")
  @ApiResponse(responseCode = "400", description = "A count missing or outside 0 to 100, each named",
      content = @Content(mediaType = "application/problem+json"))
  public Faults injectFaults(@RequestBody Faults requested) {
    List<FieldViolation> violations = new ArrayList<>();
    requireCount("failBeforePosting", requested.failBeforePosting(), violations);
    requireCount("failAfterPosting", requested.failAfterPosting(), violations);
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, violations.size() + " 个字段有误");
    }
    faults.failBeforePosting(requested.failBeforePosting());
    faults.failAfterPosting(requested.failAfterPosting());
    return faults();
  }

  @DeleteMapping("/faults")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "No more failures")
  public void resetFaults() {
    faults.reset();
  }

  @GetMapping(path = "/postings/{applicationId}", produces = "application/json")
  @Operation(summary = "What the core system posted for an application", description = "At most one posting")
  public List<CorePosting> postings(@PathVariable("applicationId") String applicationId) {
    return sandbox.postingsOf(applicationId);
  }

  private static void requireCount(String field, Integer value, List<FieldViolation> violations) {
    if (value == null) {
      violations.add(new FieldViolation(field, "REQUIRED", "不能为空"));
    } else if (value < 0 || value > 100) {
      violations.add(new FieldViolation(field, "OUT_OF_RANGE", "应在 0 至 100 之间"));
    }
  }
}
