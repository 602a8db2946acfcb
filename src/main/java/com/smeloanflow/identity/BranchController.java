package com.smeloanflow.identity;

import com.smeloanflow.platform.ApiProblemHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Branches as reference data: everyone signed in reads them, administrators ({@code camunda-admin},
 * see platform/SecurityConfig) open, change, deactivate and reactivate them.
 */
@RestController
@RequestMapping("/api/branches")
@Tag(name = "Branches", description = "The bank's branches (网点), their grids and their Camunda groups; "
    + "written by administrators (camunda-admin)")
public class BranchController {

  private static final String BRANCH_EXAMPLE = """
      {"code":"ZY003","name":"播州支行","active":true,"grid":["520304"],
       "createdAt":"2026-11-23T02:15:30Z","createdBy":"admin","updatedAt":"2026-11-23T02:15:30Z","updatedBy":"admin"}""";
  private static final String INVALID_EXAMPLE = """
      {"type":"https://smeloan.example.com/problems/invalid-request","title":"请求信息有误","status":400,
       "detail":"2 个字段有误: code, grid[0]","errors":[
        {"field":"code","code":"INVALID_FORMAT","message":"网点代码格式应为两位大写字母加三位数字, 如 ZY001"},
        {"field":"grid[0]","code":"INVALID_DIVISION","message":"行政区划代码应为 6 位数字(GB/T 2260), 如 520303"}]}""";
  private static final String CONFLICT_EXAMPLE = """
      {"type":"https://smeloan.example.com/problems/state-conflict","title":"与其他网点冲突","status":409,
       "detail":"行政区划 520303 已由网点 ZY001 覆盖 (division 520303 is covered by branch ZY001)",
       "errors":[{"field":"grid[0]","code":"DIVISION_COVERED","message":"行政区划 520303 已由网点 ZY001 覆盖"}]}""";

  private static final String NOT_FOUND_EXAMPLE = """
      {"type":"https://smeloan.example.com/problems/not-found","title":"网点不存在","status":404,
       "detail":"网点 ZY009 不存在 (branch ZY009 does not exist)","instance":"/api/branches/ZY009"}""";

  private final BranchService branches;

  public BranchController(BranchService branches) {
    this.branches = branches;
  }

  /** The new name and grid of a branch (its code is in the path). */
  public record BranchChanges(
      @Schema(example = "汇川支行") String name,
      @ArraySchema(schema = @Schema(example = "520303")) List<String> grid) {}

  @GetMapping(produces = "application/json")
  @Operation(summary = "Every branch", description = "Active and deactivated branches with their grids, by code; the"
      + " channel reads them without the administrators' user ids (createdBy, updatedBy null)")
  @ApiResponse(responseCode = "200", description = "The branches",
      content = @Content(examples = @ExampleObject(value = "[" + BRANCH_EXAMPLE + "]")))
  public List<BranchDetails> list(Authentication caller) {
    return BranchAccess.isChannel(caller) ? branches.all().stream().map(BranchDetails::forChannel).toList() : branches.all();
  }

  @GetMapping(path = "/{code}", produces = "application/json")
  @Operation(summary = "A branch", description = "The channel reads it without the administrators' user ids (createdBy,"
      + " updatedBy null)")
  @ApiResponse(responseCode = "200", description = "The branch", content = @Content(examples = @ExampleObject(value = BRANCH_EXAMPLE)))
  @ApiResponse(responseCode = "404", description = "No branch with this code (application/problem+json)",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = NOT_FOUND_EXAMPLE)))
  public BranchDetails get(@PathVariable("code") String code, Authentication caller) {
    return BranchAccess.isChannel(caller) ? branches.get(code).forChannel() : branches.get(code);
  }

  @PostMapping(consumes = "application/json", produces = "application/json")
  @Operation(summary = "Open a branch (administrators)",
      description = "Stores the branch and its grid and creates its Camunda groups <code>-acceptance (受理岗) and "
          + "<code>-customer-managers (客户经理) with Tasklist access and the right to start loan-origination from "
          + "the counter form, and its lead group <code>-leads (团队主管) with the leads' filters, in one transaction. "
          + "Add staff to the groups in the Admin webapp.")
  @ApiResponse(responseCode = "201", description = "Branch opened",
      content = @Content(examples = @ExampleObject(value = BRANCH_EXAMPLE)))
  @ApiResponse(responseCode = "400", description = "Bad fields, each named (application/problem+json)",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = INVALID_EXAMPLE)))
  @ApiResponse(responseCode = "403", description = "Not an administrator (application/problem+json)")
  @ApiResponse(responseCode = "409", description = "Code taken, or a division covered by another branch",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = CONFLICT_EXAMPLE)))
  public ResponseEntity<BranchDetails> create(@RequestBody CreateBranch command, Principal principal) {
    BranchDetails created = branches.create(command, principal.getName());
    return ResponseEntity.created(URI.create("/api/branches/" + created.code())).body(created);
  }

  @PutMapping(path = "/{code}", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Rename a branch or change its grid (administrators)",
      description = "The grid given replaces the branch's grid; its groups take the new name.")
  @ApiResponse(responseCode = "200", description = "Branch changed",
      content = @Content(examples = @ExampleObject(value = BRANCH_EXAMPLE)))
  @ApiResponse(responseCode = "400", description = "Bad fields, each named (application/problem+json)",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = INVALID_EXAMPLE)))
  @ApiResponse(responseCode = "404", description = "No branch with this code")
  @ApiResponse(responseCode = "409", description = "A division covered by another branch",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = CONFLICT_EXAMPLE)))
  public BranchDetails update(@PathVariable("code") String code, @RequestBody BranchChanges changes, Principal principal) {
    return branches.update(new UpdateBranch(code, changes.name(), changes.grid()), principal.getName());
  }

  @PostMapping(path = "/{code}/deactivation", produces = "application/json")
  @Operation(summary = "Deactivate a branch (administrators)",
      description = "The branch takes no new application (intake answers UNKNOWN_BRANCH); its open applications and "
          + "tasks stay with its groups. Deactivating an inactive branch changes nothing.")
  @ApiResponse(responseCode = "200", description = "The branch, inactive")
  @ApiResponse(responseCode = "404", description = "No branch with this code")
  public BranchDetails deactivate(@PathVariable("code") String code, Principal principal) {
    return branches.setActive(new SetBranchActive(code, false), principal.getName());
  }

  @PostMapping(path = "/{code}/reactivation", produces = "application/json")
  @Operation(summary = "Reactivate a branch (administrators)", description = "The branch takes applications again.")
  @ApiResponse(responseCode = "200", description = "The branch, active")
  @ApiResponse(responseCode = "404", description = "No branch with this code")
  public BranchDetails reactivate(@PathVariable("code") String code, Principal principal) {
    return branches.setActive(new SetBranchActive(code, true), principal.getName());
  }

  @ExceptionHandler(BranchConflictException.class)
  ProblemDetail conflict(BranchConflictException e) {
    ProblemDetail problem = ApiProblemHandler.problem(HttpStatus.CONFLICT, "state-conflict", "与其他网点冲突", e.getMessage());
    problem.setProperty("errors", e.violations());
    return problem;
  }
}
