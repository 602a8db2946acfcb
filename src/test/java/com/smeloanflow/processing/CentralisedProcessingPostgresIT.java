package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * Centralised processing on PostgreSQL, the production database (DESIGN.md §8): the AUTO route of a
 * strong online application and the REJECT route of a dishonest debtor, with the decisions, the
 * score and the price stored in the business tables and shown by the API.
 */
class CentralisedProcessingPostgresIT extends AbstractPostgresIntegrationTest {

  @Test
  void strongOnlineCreditApplicationIsApprovedByTheModelWithoutAnyHumanTask() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, ProcessingFixtures.strongProfile());

    Submitted application = submit(TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("100000.00"));
    ProcessInstance instance = application.processInstance();

    assertThat(instance).hasPassed(TASK_GATHER_EXTERNAL_DATA, TASK_SCORE_APPLICATION, RULE_DECIDE_APPROVAL_ROUTE,
            RULE_PRICE_LOAN, TASK_APPROVE_AUTOMATICALLY)
        .hasNotPassed(TASK_REVIEW_EXCEPTION, TASK_VERIFY_REMOTELY).isWaitingAt(WAIT_SIGNATURE);
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    JsonNode view = view(application.applicationId());
    assertThat(view.path("status").asText()).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE.name());
    assertThat(view.path("decision").path("route").asText()).isEqualTo("AUTO");
    assertThat(view.path("decision").path("grade").asText()).isEqualTo("A");
    assertThat(view.path("decision").path("annualRatePercent").decimalValue()).isEqualByComparingTo("3.80");
    assertThat(storedDecisions(application.applicationId())).containsExactly(
        "product-eligibility Rule_EligibleDefault",
        "approval-authority Rule_AutoSmallCreditGoodGrade",
        "loan-pricing Rule_GradeSpreadA,Rule_GuaranteeSpreadCredit,Rule_IndustrySpreadManufacturing",
        "remote-verification-required Rule_NoVerificationAutoFromVerifiedOnlineChannel");
  }

  @Test
  void dishonestDebtorIsRejectedAndToldWhy() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.dishonestDebtor());
    TestApplications.Builder request = TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("100000.00");

    Submitted application = submit(request);

    assertThat(application.processInstance()).hasPassed(TASK_DECLINE_BY_MODEL, TASK_NOTIFY_REJECTION)
        .hasNotPassed(TASK_REVIEW_EXCEPTION, RULE_PRICE_LOAN).isEnded().hasPassed(END_APPLICATION_REJECTED);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.REJECTED);
    JsonNode decision = view(application.applicationId()).path("decision");
    assertThat(decision.path("route").asText()).isEqualTo("REJECT");
    assertThat(decision.path("grade").asText()).isEqualTo("E");
    assertThat(decision.path("redFlags").findValuesAsText("code")).contains("DISHONEST_DEBTOR");
    assertThat(storedDecisions(application.applicationId())).contains("approval-authority Rule_RejectHardRedFlag");
    assertThat(mailsTo(request.email())).singleElement()
        .satisfies(mail -> assertThat(bodyOf(mail)).contains(com.smeloanflow.casefile.CustomerReason.CREDIT_RECORD.text())
            .doesNotContain("失信被执行人"));
  }

  private JsonNode view(String applicationId) {
    Response answer = api.get("/api/applications/" + applicationId, LoanFlow.CENTRE_PROCESSOR);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private List<String> storedDecisions(String applicationId) {
    return jdbc.sql("SELECT decision_key, matched_rules FROM application_decision WHERE application_id = :a ORDER BY id")
        .param("a", applicationId)
        .query((rs, row) -> rs.getString("decision_key") + " " + rs.getString("matched_rules")).list();
  }
}
