package com.smeloanflow.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /v3/api-docs and /swagger-ui.html. */
@Configuration
public class OpenApiConfig {

  /** The shared response every operation refers to for a call without (valid) credentials. */
  static final String UNAUTHORIZED = "Unauthorized";

  @Bean
  OpenAPI smeLoanFlowApi() {
    return new OpenAPI()
        .info(new Info().title("sme-loan-flow REST API (普惠小微贷款)").version("1")
            .description("The whole REST API of the bank's SME lending. Staff: applications and their decisions, team "
                + "queues, loans with their schedules and arrears, repayments, renewals, credit lines and drawdowns, "
                + "post-loan monitoring, collections, whitelist campaigns, reference data, branches, dashboards and "
                + "administration. The channel: submit applications (Idempotency-Key), follow their status and decision, "
                + "report documents, signatures and mortgage registrations. Core banking: repayments, their reversals "
                + "and early-warning signals. "
                + "Errors are application/problem+json (RFC 9457) naming each bad field. Every operation needs a login "
                + "(401 without one); those only some groups may call, or that refuse another branch's records, say 403. "
                + "The system users of outside systems call only their own operations, every other one is 403 to them: the "
                + "channel (channel-gateway) an applicant's own application, loan, renewal and credit line by id, what the "
                + "applicant reports, and the public reference data; core banking (core-banking) the repayments of a loan, "
                + "their reversals and early-warning signals (POST /api/loans/{loanId}/repayments, "
                + ".../repayments/{transactionId}/reversal, /api/loans/{loanId}/signals), and nothing else; Prometheus "
                + "(system user monitoring) nothing (it scrapes /actuator/prometheus alone). None of them reads this description "
                + "(403): staff read it, and the bank hands an outside system the contract of its own operations. "
                + "Sandbox endpoints exist in the demo profile only."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A user of the bank (Camunda identity); demo users have the password 'demo'")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }

  /**
   * The refusals {@link SecurityConfig} gives before any controller, declared once for every operation instead of on
   * each: 401 on all of them (every /api operation needs a login), 403 on those its group rules cover
   * ({@link SecurityConfig#API_GROUP_RULES}, naming the groups that may), and on every other one a system user may not call
   * ({@link SecurityConfig#SYSTEM_USER_OPERATIONS}: the channel, core banking, Prometheus), naming it. A 403 an operation declares itself (a refusal
   * by branch or role in its code) is kept as it says it.
   */
  @Bean
  OpenApiCustomizer securityRefusals() {
    return api -> {
      if (api.getComponents() == null) {
        api.setComponents(new Components());
      }
      api.getComponents().addResponses(UNAUTHORIZED, problem("No credentials, or a wrong user or password (需要登录: 请用本行用户以"
          + " HTTP Basic 方式认证); the answer has the WWW-Authenticate Basic challenge"));
      if (api.getPaths() == null) {
        return;
      }
      api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.putIfAbsent("401", new ApiResponse().$ref("#/components/responses/" + UNAUTHORIZED));
        String concrete = path.replaceAll("\\{[^}/]+}", "x");
        Optional<SecurityConfig.GroupRule> groupRule = SecurityConfig.groupRuleFor(method.name(), concrete);
        groupRule.ifPresent(rule ->
            responses.putIfAbsent("403", problem("Only " + String.join(", ", rule.groups()) + " may call it (您所在的用户组无权调用)")));
        for (SecurityConfig.SystemUserReach reach : SecurityConfig.SYSTEM_USER_OPERATIONS) {
          // A group rule without the system user's group already says so.
          if (groupRule.map(rule -> rule.groups().contains(reach.group())).orElse(true) && !reach.mayCall(method.name(), concrete)) {
            String refusal = reach.openApiRefusal();
            ApiResponse refused = responses.get("403");
            if (refused == null || refused.get$ref() != null) {
              responses.put("403", problem(refusal));
            } else if (!String.valueOf(refused.getDescription()).contains(refusal)) {
              refused.setDescription(refused.getDescription() + "; " + refusal);
            }
          }
        }
        operation.setResponses(sorted(responses));
      }));
    };
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse().description(description)
        .content(new Content().addMediaType("application/problem+json", new MediaType()));
  }

  /** The responses by status code, "default" last, as a reader looks them up. */
  private static ApiResponses sorted(ApiResponses responses) {
    Map<String, ApiResponse> byCode = new LinkedHashMap<>(responses);
    ApiResponses sorted = new ApiResponses();
    byCode.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(code -> code.matches("\\d+") ? code : "~" + code)))
        .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
    sorted.setExtensions(responses.getExtensions());
    return sorted;
  }
}
