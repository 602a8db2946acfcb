package com.smeloanflow.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /v3/api-docs and /swagger-ui.html. */
@Configuration
public class OpenApiConfig {

  @Bean
  OpenAPI smeLoanFlowApi() {
    return new OpenAPI()
        .info(new Info().title("sme-loan-flow API (普惠小微贷款)").version("1")
            .description("Channel API of the bank's SME lending: submit applications (Idempotency-Key), follow their "
                + "status and decision, report documents, signatures and mortgage registrations; loan accounts. "
                + "Errors are application/problem+json (RFC 9457) naming each bad field. Sandbox endpoints exist in the "
                + "demo profile only."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A user of the bank (Camunda identity); demo users have the password 'demo'")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
