package com.smeloanflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The external data of a test's enterprise, registered as a tester or operator does it: {@code PUT
 * /api/sandbox/enterprises/{creditCode}} as {@code admin} with real JSON. Profiles start from
 * {@link ProcessingFixtures#strongProfile()} and change one thing.
 */
public final class SandboxEnterprises {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private SandboxEnterprises() {}

  /** Registers (or replaces) the enterprise's external data in the sandbox; fails unless 201 or 200. */
  public static void register(ApiClient api, String creditCode, SandboxProfile profile) {
    String json;
    try {
      json = JSON.writeValueAsString(profile);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Response answer = api.send("PUT", "/api/sandbox/enterprises/" + creditCode, "admin", DemoData.PASSWORD, json);
    assertThat(answer.status()).as("PUT sandbox profile of %s: %s", creditCode, answer).isIn(200, 201);
  }

  /**
   * {@link ProcessingFixtures#strongProfile()} of a bigger enterprise: tax-reported sales and monthly
   * flows multiplied by {@code factor} (sales 6,200,000 × factor), everything else as strong.
   */
  public static SandboxProfile strongProfileScaledBy(int factor) {
    SandboxProfile strong = ProcessingFixtures.strongProfile();
    BigDecimal times = BigDecimal.valueOf(factor);
    SandboxProfile.Flows flows = new SandboxProfile.Flows(
        strong.flows().monthlyInflows().stream().map(times::multiply).toList(),
        strong.flows().monthlyOutflows().stream().map(times::multiply).toList());
    SandboxProfile.Tax tax = new SandboxProfile.Tax(strong.tax().rating(), strong.tax().annualSales().multiply(times),
        strong.tax().overdueFilings());
    return new SandboxProfile(strong.registration(), tax, strong.bureau(), strong.court(), flows, strong.utilities(),
        strong.scenario(), strong.internalDefaults(), strong.sandbox());
  }

  /**
   * {@link ProcessingFixtures#strongProfile()} of an enterprise a tenth of the size: the same clean record,
   * tax-reported sales of 620,000 and flows of about 52,000 a month, so the model's suggested limit is
   * a fraction of that.
   */
  public static SandboxProfile smallStrongProfile() {
    SandboxProfile strong = ProcessingFixtures.strongProfile();
    java.math.MathContext exact = java.math.MathContext.DECIMAL64;
    BigDecimal tenth = new BigDecimal("0.1");
    SandboxProfile.Flows flows = new SandboxProfile.Flows(
        strong.flows().monthlyInflows().stream().map(v -> v.multiply(tenth, exact).setScale(2)).toList(),
        strong.flows().monthlyOutflows().stream().map(v -> v.multiply(tenth, exact).setScale(2)).toList());
    SandboxProfile.Tax tax = new SandboxProfile.Tax(strong.tax().rating(), strong.tax().annualSales().multiply(tenth, exact).setScale(2),
        strong.tax().overdueFilings());
    return new SandboxProfile(strong.registration(), tax, strong.bureau(), strong.court(), flows, strong.utilities(),
        strong.scenario(), strong.internalDefaults(), strong.sandbox());
  }

  /** Strong in every other respect, but registered on {@code establishedOn}. */
  public static SandboxProfile strongProfileEstablishedOn(LocalDate establishedOn) {
    SandboxProfile strong = ProcessingFixtures.strongProfile();
    SandboxProfile.Registration registration = new SandboxProfile.Registration(strong.registration().name(), establishedOn,
        strong.registration().status(), strong.registration().industryCode());
    return new SandboxProfile(registration, strong.tax(), strong.bureau(), strong.court(), strong.flows(),
        strong.utilities(), strong.scenario(), strong.internalDefaults(), strong.sandbox());
  }

  /** Strong in every other respect, but on the courts' dishonest-debtor list (a hard red flag). */
  public static SandboxProfile dishonestDebtor() {
    return ProcessingFixtures.withCourt(ProcessingFixtures.strongProfile(), new SandboxProfile.Court(0, true));
  }

  /** Strong in every other respect, but with one open court enforcement case (a soft red flag). */
  public static SandboxProfile openEnforcementCase() {
    return ProcessingFixtures.withCourt(ProcessingFixtures.strongProfile(), new SandboxProfile.Court(1, false));
  }
}
