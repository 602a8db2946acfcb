package com.smeloanflow.dashboard;

import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.identity.BranchService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The manager dashboard's figures over the API (team leads, process owners, administrators: {@link DashboardReaders}). */
@RestController
@Tag(name = "Manager dashboard", description = "管理看板: cycle times, SLAs, backlog, decisions, payouts, the book, write-offs and recoveries, collections, campaigns")
public class DashboardController {

  private final DashboardService dashboard;
  private final BranchAccess branchAccess;
  private final BranchService branches;
  private final BusinessClock clock;
  private final DashboardReaders readers;

  public DashboardController(DashboardService dashboard, BranchAccess branchAccess, BranchService branches, BusinessClock clock,
      DashboardReaders readers) {
    this.dashboard = dashboard;
    this.readers = readers;
    this.branchAccess = branchAccess;
    this.branches = branches;
    this.clock = clock;
  }

  @GetMapping(path = "/api/dashboard", produces = "application/json")
  @Operation(summary = "The manager dashboard's figures", description = """
      Cycle time per stretch (median and 90th percentile, working hours of the bank calendar and elapsed hours),
      SLA compliance per task type, open tasks by candidate group, approval / rejection / AUTO rates, loans paid out per
      month (放款量: term loans, drawdowns on credit lines and renewals without repaying principal, 无还本续贷; the
      drawdowns and the renewals also apart: a renewal's new loan repaid the old one at its maturity and no new money
      left the bank, so amount less renewalAmount is the new money), the active book by five-tier classification with
      the NPL ratio, per month the loans written off (核销: count, principal, the claim kept with the interest and
      penalty interest then unpaid) and the recoveries after a write-off (核销后收回, by value date, reversed ones not
      counted: count, amount, of it principal), open collection cases per ladder step and the campaign funnel (with the drawdowns on the lines it
      opened). A branch's lead gets the branch's figures only.""")
  @ApiResponse(responseCode = "200", description = "The figures")
  @ApiResponse(responseCode = "400", description = "A date that is not yyyy-MM-dd, from after to, a period over 36 months, an unknown branch")
  @ApiResponse(responseCode = "403", description = "Not a team lead, process owner or administrator, or a branch the caller may not read")
  public DashboardFigures figures(
      @Parameter(description = "first business date of the period (default: the first day of the month 11 months before to)",
          example = "2026-01-01") @RequestParam(name = "from", required = false) String from,
      @Parameter(description = "last business date of the period, included (default: today)", example = "2026-12-31")
          @RequestParam(name = "to", required = false) String to,
      @Parameter(description = "one branch's figures only", example = "ZY001") @RequestParam(name = "branch", required = false)
          String branch,
      Authentication caller) {
    readers.requireMayRead(caller);
    DashboardQuery query = DashboardQuery.of(from, to, branch, clock.today());
    Optional<Set<String>> scope = branchAccess.readableBranches(caller);
    if (query.branch().isPresent()) {
      String code = query.branch().get();
      if (branches.find(code).isEmpty()) {
        throw new InvalidFieldsException(List.of(new FieldViolation("branch", "UNKNOWN_BRANCH", "没有这个网点: " + code)),
            "看板查询条件有误");
      }
      branchAccess.requireMayRead(code, caller, "看板数据", "dashboard figures");
      scope = Optional.of(Set.of(code));
    }
    return dashboard.figures(query, scope);
  }
}
