package com.smeloanflow.accountability;

import com.smeloanflow.identity.BranchNotFoundException;
import com.smeloanflow.identity.BranchService;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer managers' performance (专项考核) over the API: for the manager, the branch's leads, administrators. */
@RestController
@Tag(name = "Customer-manager performance", description = "专项考核: loans, balances, income per loan, non-performing tolerance")
public class PerformanceController {

  private final PerformanceService performance;
  private final PerformanceAccess access;
  private final BranchService branches;

  public PerformanceController(PerformanceService performance, PerformanceAccess access, BranchService branches) {
    this.performance = performance;
    this.access = access;
    this.branches = branches;
  }

  @GetMapping(path = "/api/customer-managers/{userId}/performance", produces = "application/json")
  @Operation(summary = "A customer manager's performance (专项考核)",
      description = "The loans the manager answers for (whitelist prospect or field investigation), the balances, per loan the"
          + " manager's expected income over its life (a share of its scheduled interest, known at disbursement) and the"
          + " income earned so far (the share of the interest and penalty interest paid, after a write-off also of what"
          + " recoveries (核销后收回) paid of the interest and penalty interest then unpaid: recoveredInterest; not the"
          + " principal recovered, not a reversed recovery), and the non-performing ratio (次级+可疑+损失 balances not"
          + " exempt after a due-diligence review ÷ balances) against the tolerance (不良容忍度); above it, the loans that pushed"
          + " it over. The manager themself, the leads of the manager's branch, administrators.")
  @ApiResponse(responseCode = "200", description = "The manager's performance")
  @ApiResponse(responseCode = "403", description = "Another manager, a lead of another branch, or anyone but the user"
      + " themself and administrators asking about a user who is no customer manager (so the answer does not tell who is one)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such customer manager (told to the user themself and administrators)",
      content = @Content(mediaType = "application/problem+json"))
  public ManagerPerformance manager(@PathVariable("userId") String userId, Authentication caller) {
    PerformanceService.ManagerLoans manager = performance.managerLoans(userId);
    // Access first: a user who is no manager has no branch whose lead could read them, so everyone but the user
    // themself and administrators gets the same 403 whether or not the user is a manager somewhere (then 404).
    access.requireMayReadManager(userId, manager.branches(), caller);
    return performance.of(manager);
  }

  @GetMapping(path = "/api/customer-managers/performance", produces = "application/json")
  @Operation(summary = "The performance of a branch's customer managers (专项考核)",
      description = "As for one manager, for every customer manager of the branch. The branch's leads and administrators.")
  @ApiResponse(responseCode = "200", description = "The branch's managers")
  @ApiResponse(responseCode = "400", description = "branch missing", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "403", description = "Not a lead of the branch", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such branch", content = @Content(mediaType = "application/problem+json"))
  public ManagerPerformance.BranchPerformance branch(
      @Parameter(description = "the branch code", example = "ZY001") @RequestParam(name = "branch", required = false) String branch,
      Authentication caller) {
    access.requireBranchLead(caller);
    if (branch == null || branch.isBlank()) {
      throw new InvalidFieldsException(List.of(new FieldViolation("branch", "REQUIRED", "请指定网点代码")), "branch is required");
    }
    if (branches.find(branch).isEmpty()) {
      throw new BranchNotFoundException(branch);
    }
    access.requireMayReadBranch(branch, caller);
    return performance.ofBranch(branch);
  }
}
