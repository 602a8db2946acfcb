package com.smeloanflow.processing.sandbox;

import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.FieldViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox API (DESIGN.md §6), demo and test profiles only: a tester registers the external data
 * of an enterprise by credit code, so any scenario can be set up, including sources that fail.
 * Restricted to administrators and process owners by {@code SecurityConfig}.
 */
@RestController
@Profile({"demo", "test"})
@RequestMapping("/api/sandbox")
@Tag(name = "Sandbox", description = "External data of enterprises in the demo sandbox")
public class SandboxController {

  private final SandboxEnterpriseService sandbox;

  public SandboxController(SandboxEnterpriseService sandbox) {
    this.sandbox = sandbox;
  }

  @PutMapping(path = "/enterprises/{creditCode}", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Register the external data of an enterprise",
      description = "Sections registration, tax, bureau, court, flows (12 months each, oldest first), utilities, "
          + "scenario, internalDefaults and sandbox (failingSources, failuresBeforeSuccess, failureMode, "
          + "timeoutMillis, noDataSources). An omitted section among registration, tax, bureau, court, flows, utilities and scenario gets the "
          + "default derived from the credit code; an omitted internalDefaults means none, an omitted sandbox "
          + "section means every source answers. "
          + "Answers 201 when the enterprise is new to the sandbox, 200 when its profile was replaced.")
  @ApiResponse(responseCode = "201", description = "Registered")
  @ApiResponse(responseCode = "200", description = "Replaced")
  @ApiResponse(responseCode = "400", description = "Bad fields, each named (application/problem+json)",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
          {"type":"https://smeloan.example.com/problems/invalid-request","title":"请求信息有误","status":400,
           "detail":"1 个字段有误: flows.monthlyInflows","errors":[{"field":"flows.monthlyInflows","code":"MUST_HAVE_12_MONTHS","message":"必须有12个月的数据(最早的月份在前), 收到 11 个"}]}""")))
  public ResponseEntity<SandboxEnterprise> register(@PathVariable("creditCode") String creditCode,
      @RequestBody SandboxProfile profile, Principal principal) {
    SandboxEnterpriseService.Registration registration = sandbox.register(creditCode, profile, principal.getName());
    if (registration.created()) {
      return ResponseEntity.created(URI.create("/api/sandbox/enterprises/" + creditCode)).body(registration.enterprise());
    }
    return ResponseEntity.status(HttpStatus.OK).body(registration.enterprise());
  }

  @GetMapping(path = "/enterprises/{creditCode}", produces = "application/json")
  @Operation(summary = "External data the sandbox answers for an enterprise",
      description = "The registered profile, or the default derived from the credit code (origin DERIVED_DEFAULT)")
  @ApiResponse(responseCode = "200", description = "The enterprise's external data")
  @ApiResponse(responseCode = "400", description = "Not a valid unified social credit code", content = @Content(mediaType = "application/problem+json"))
  public SandboxEnterprise get(@PathVariable("creditCode") String creditCode) {
    List<FieldViolation> violations = SandboxProfileValidator.validateCreditCode(creditCode);
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "统一社会信用代码有误");
    }
    return sandbox.view(creditCode);
  }

  /** What the courts and the bureau say about a person (a guarantor). */
  public record PersonProfile(SandboxProfile.Court court, SandboxProfile.Bureau bureau) {}

  @PutMapping(path = "/people/{idNumber}", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Register what the courts and the bureau answer about a person (a guarantor)",
      description = "Sections court and bureau as for an enterprise; the person is looked up by resident ID number. "
          + "Answers 201 when the person is new to the sandbox, 200 when their profile was replaced.")
  @ApiResponse(responseCode = "201", description = "Registered")
  @ApiResponse(responseCode = "200", description = "Replaced")
  @ApiResponse(responseCode = "400", description = "Bad fields, each named (application/problem+json)",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<SandboxEnterprise> registerPerson(@PathVariable("idNumber") String idNumber,
      @RequestBody PersonProfile profile, Principal principal) {
    SandboxEnterpriseService.Registration registration = sandbox.registerPerson(idNumber,
        profile == null ? null : profile.court(), profile == null ? null : profile.bureau(), principal.getName());
    return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK).body(registration.enterprise());
  }
}
