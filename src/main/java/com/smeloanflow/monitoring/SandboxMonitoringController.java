package com.smeloanflow.monitoring;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo and test profiles only: the monthly re-query of a loan's external data is made due now, so a
 * tester who changed the enterprise's sandbox data sees the signals within seconds (the job executor
 * runs it, as it runs the monthly one).
 */
@RestController
@Profile({"demo", "test"})
@Tag(name = "Sandbox", description = "Sandbox outside systems for tests and demos")
public class SandboxMonitoringController {

  private final MonitoringQueryService monitoring;
  private final PostLoanMonitoringService monitoringService;
  private final ManagementService management;
  private final BusinessClock clock;

  public SandboxMonitoringController(MonitoringQueryService monitoring, PostLoanMonitoringService monitoringService,
      ManagementService management, BusinessClock clock) {
    this.monitoring = monitoring;
    this.monitoringService = monitoringService;
    this.management = management;
    this.clock = clock;
  }

  /** When the re-query was made due. */
  public record RequeryDue(String loanId, Instant dueAt) {}

  @PostMapping(path = "/api/sandbox/monitoring/loans/{loanId}/requery", produces = "application/json")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Re-query the loan's external data now",
      description = "The loan's monthly re-query timer becomes due now; the job executor runs it within seconds (the demo)."
          + " New signals start a check: see GET /api/loans/{loanId}/monitoring. 404 for a loan never monitored, 409 once"
          + " monitoring ended.")
  @ApiResponse(responseCode = "202", description = "The re-query is due now")
  @ApiResponse(responseCode = "404", description = "A loan never monitored", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Monitoring ended, or no re-query timer", content = @Content(mediaType = "application/problem+json"))
  public RequeryDue requeryNow(@PathVariable("loanId") String loanId) {
    // Sandbox only, read without the loan's lock (that would need a transaction around the engine calls): a close
    // settling the loan between the read and the timer's query is answered 409 for the missing timer, not 贷后监控已结束.
    MonitoredLoan loan = monitoring.find(loanId).orElseThrow(() -> MonitoredLoan.notFound(loanId));
    if (!loan.monitoring()) {
      throw monitoringService.ended(loan, "不再重查外部数据");
    }
    Job timer = management.createJobQuery().processInstanceId(loan.processInstanceId())
        .activityId(PostLoanMonitoringProcess.Elements.START_REQUERY_DUE).singleResult();
    if (timer == null) {
      throw new StateConflictException("借据 " + loanId + " 的贷后监控流程没有待触发的外部数据重查定时器 (loan " + loanId
          + " has no re-query timer)");
    }
    Date now = Date.from(clock.now());
    management.setJobDuedate(timer.getId(), now);
    return new RequeryDue(loanId, now.toInstant());
  }
}
