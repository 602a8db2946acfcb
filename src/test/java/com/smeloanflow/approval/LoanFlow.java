package com.smeloanflow.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.RequiredDocument;
import com.smeloanflow.notification.MailDispatcher;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxEnterpriseService;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.BeanFactory;

/**
 * Drives a loan application through loan-origination as the outside world and the staff do: the
 * channel over {@code /api}, staff through the engine REST API (claim + complete, as Tasklist does)
 * or the Java API with their authorizations, the applicant through the sandbox e-signature service.
 * Shared by the approval, contract and disbursement tests on H2 and on PostgreSQL.
 *
 * <pre>{@code
 * flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
 * String id = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
 * }</pre>
 */
public final class LoanFlow {

  /** Demo users (DemoData) by role. */
  public static final String ACCEPTOR = "zy001-acceptor";
  public static final String CENTRE_PROCESSOR = "centre-processor";
  public static final String REMOTE_VERIFIER = "remote-verifier";
  public static final String APPROVER = "approver";
  public static final String DISBURSER = "disburser";
  public static final String TEAM_LEAD = "team-lead";
  public static final String ADMIN = "admin";
  public static final String CHANNEL = "channel";

  /** Runs a process instance's due jobs (AbstractIntegrationTest#executeDueJobs). */
  public interface Jobs {
    void executeDueJobs(String processInstanceId);
  }

  /** Completes a task as a user with Camunda authorizations (AbstractIntegrationTest#completeAs). */
  public interface Staff {
    void completeAs(String userId, String taskId, Map<String, Object> variables);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiClient api;
  private final Jobs jobs;
  private final Staff staff;
  private final SandboxEnterpriseService sandbox;
  private final LoanApplicationRepository applications;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final BeanFactory beans;

  public LoanFlow(ApiClient api, Jobs jobs, Staff staff, BeanFactory beans) {
    this.api = api;
    this.jobs = jobs;
    this.staff = staff;
    this.sandbox = beans.getBean(SandboxEnterpriseService.class);
    this.applications = beans.getBean(LoanApplicationRepository.class);
    this.runtimeService = beans.getBean(RuntimeService.class);
    this.taskService = beans.getBean(TaskService.class);
    this.beans = beans;
  }

  /** The application's beans (engine services, sandboxes) for scenarios that share this driver. */
  public <T> T bean(Class<T> type) {
    return beans.getBean(type);
  }

  public ApiClient api() {
    return api;
  }

  // --- applications ----------------------------------------------------------------------------

  /** A new enterprise with a strong sandbox profile (ProcessingFixtures#strongProfile): grade A/B, no red flag. */
  public String strongEnterprise() {
    String creditCode = CreditCodes.fresh();
    sandbox.register(creditCode, ProcessingFixtures.strongProfile(), "approval-test");
    return creditCode;
  }

  /** CREDIT_QUICK from the mobile app for a strong enterprise: AUTO up to 300,000, SINGLE above. */
  public TestApplications.Builder strongOnlineCreditQuick(String amount) {
    return TestApplications.onlineCreditQuick().creditCode(strongEnterprise()).requestedAmount(amount);
  }

  /** A product at the ZY001 counter (accepted at the branch) for a strong enterprise. */
  public TestApplications.Builder strongAtBranch(String product, String amount) {
    return TestApplications.forProduct(product).creditCode(strongEnterprise()).requestedAmount(amount);
  }

  /** POST /api/applications as the channel gateway, then runs the instance to its first wait state. */
  public String submitOverApi(TestApplications.Builder application) {
    Response answer = api.post("/api/applications", CHANNEL, application.json());
    assertThat(answer.status()).as("POST /api/applications: %s", answer).isEqualTo(201);
    String applicationId = answer.json().get("applicationId").asText();
    jobs.executeDueJobs(instance(applicationId).getId());
    return applicationId;
  }

  public ProcessInstance instance(String applicationId) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).processInstanceBusinessKey(applicationId).singleResult();
    assertThat(instance).as("running loan-origination instance of %s", applicationId).isNotNull();
    return instance;
  }

  /** Runs the application's due jobs and sends its due mails; once its instance has ended, only the mails. */
  public void executeDueJobs(String applicationId) {
    ProcessInstance running = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).processInstanceBusinessKey(applicationId).singleResult();
    if (running != null) {
      jobs.executeDueJobs(running.getId());
    } else {
      beans.getBean(MailDispatcher.class).dispatchDueOf(applicationId);
    }
  }

  /** The one open task of the application at {@code taskDefinitionKey}. */
  public Task task(String applicationId, String taskDefinitionKey) {
    Task task = taskService.createTaskQuery().processDefinitionKey(LoanOriginationProcess.KEY)
        .processInstanceBusinessKey(applicationId).taskDefinitionKey(taskDefinitionKey).singleResult();
    assertThat(task).as("open task %s of application %s", taskDefinitionKey, applicationId).isNotNull();
    return task;
  }

  // --- staff work before approval ----------------------------------------------------------------

  /** zy001-acceptor accepts the application with every required document ticked. */
  public void acceptAtBranch(String applicationId) {
    Map<String, Object> checklist = new LinkedHashMap<>();
    for (RequiredDocument document : applications.get(applicationId).requiredDocuments()) {
      checklist.put(document.formField(), true);
    }
    staff.completeAs(ACCEPTOR, task(applicationId, LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION).getId(), checklist);
    executeDueJobs(applicationId);
  }

  /** remote-verifier confirms identity, business, purpose and consent. */
  public void verifyRemotely(String applicationId) {
    staff.completeAs(REMOTE_VERIFIER, task(applicationId, LoanOriginationProcess.Elements.TASK_VERIFY_REMOTELY).getId(),
        TaskForms.remoteVerificationConfirmed());
    executeDueJobs(applicationId);
  }

  // --- Tasklist over the engine REST API -----------------------------------------------------------

  /** POST /engine-rest/task/{id}/claim as {@code user} for themself. */
  public Response claimOverRest(String user, String taskId) {
    return api.post("/engine-rest/task/" + taskId + "/claim", user, "{\"userId\":\"" + user + "\"}");
  }

  /** POST /engine-rest/task/{id}/complete as {@code user} with the form's variables. */
  public Response completeOverRest(String user, String taskId, Map<String, Object> variables) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode values = body.putObject("variables");
    variables.forEach((name, value) -> values.putObject(name).set("value", JSON.valueToTree(value)));
    try {
      return api.post("/engine-rest/task/" + taskId + "/complete", user, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a member of staff does in Tasklist: claim the task, fill in the form, complete it; then the engine moves on. */
  public void claimAndComplete(String user, String applicationId, String taskDefinitionKey, Map<String, Object> variables) {
    String taskId = task(applicationId, taskDefinitionKey).getId();
    Response claimed = claimOverRest(user, taskId);
    assertThat(claimed.status()).as("%s claims %s: %s", user, taskDefinitionKey, claimed).isEqualTo(204);
    Response completed = completeOverRest(user, taskId, variables);
    assertThat(completed.status()).as("%s completes %s: %s", user, taskDefinitionKey, completed).isEqualTo(204);
    executeDueJobs(applicationId);
  }

  /** An application verified remotely, approved by the approver and signed: waiting at the disbursement check. */
  public String atDisbursementCheck(TestApplications.Builder request) {
    String applicationId = submitOverApi(request);
    verifyRemotely(applicationId);
    claimAndComplete(APPROVER, applicationId, LoanOriginationProcess.Elements.TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    signContract(applicationId);
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance(applicationId))
        .isWaitingAt(LoanOriginationProcess.Elements.TASK_CHECK_DISBURSEMENT_CONDITIONS);
    return applicationId;
  }

  // --- the applicant and the registry --------------------------------------------------------------

  /** The applicant signs in the (sandbox) e-signature service; the signature id the channel then reports. */
  public String signInESignatureService(String applicationId) {
    Response signed = api.post("/api/sandbox/e-signature/applications/" + applicationId + "/sign", ADMIN, null);
    assertThat(signed.status()).as("sandbox signing: %s", signed).isEqualTo(200);
    return signed.json().get("signatureId").asText();
  }

  /** POST /api/applications/{id}/signature as the channel. */
  public Response reportSignature(String applicationId, String signatureId) {
    return api.post("/api/applications/" + applicationId + "/signature", CHANNEL,
        "{\"signatureId\":\"" + signatureId + "\",\"signedAt\":\"2026-11-23T10:15:30+08:00\"}");
  }

  /** The applicant signs and the channel reports it; the process moves on. */
  public void signContract(String applicationId) {
    Response reported = reportSignature(applicationId, signInESignatureService(applicationId));
    assertThat(reported.status()).as("POST signature: %s", reported).isEqualTo(200);
    executeDueJobs(applicationId);
  }

  /** Every guarantor signs their guarantee contract in the (sandbox) e-signature service and the channel reports it. */
  public void signGuarantees(String applicationId) {
    for (var guarantee : bean(com.smeloanflow.disbursement.ContractService.class).guarantees(applicationId)) {
      Response signed = api.post("/api/sandbox/e-signature/applications/" + applicationId + "/guarantees/"
          + guarantee.contractNumber() + "/sign", ADMIN, null);
      assertThat(signed.status()).as("sandbox guarantee signing: %s", signed).isEqualTo(200);
      Response reported = api.post("/api/applications/" + applicationId + "/guarantee-signatures", CHANNEL,
          "{\"contractNumber\":\"" + guarantee.contractNumber() + "\",\"signatureId\":\"" + signed.json().get("signatureId").asText()
              + "\",\"signedAt\":\"2026-11-23T11:00:00+08:00\"}");
      assertThat(reported.status()).as("POST guarantee-signatures: %s", reported).isEqualTo(200);
    }
    executeDueJobs(applicationId);
  }

  /** A person with a clean record at the courts and the bureau (a guarantor), as the sandbox answers for them. */
  public String cleanPerson(String idNumber) {
    Response registered = api.send("PUT", "/api/sandbox/people/" + idNumber, ADMIN, DemoData.PASSWORD,
        "{\"court\":{\"openEnforcementCases\":0,\"dishonestDebtor\":false},"
            + "\"bureau\":{\"currentOverdueAmount\":0,\"maxDpd24m\":0,\"outstandingLoans\":0,\"enquiriesLast3m\":0}}");
    assertThat(registered.status()).as("sandbox person: %s", registered).isIn(200, 201);
    return idNumber;
  }

  /** A person on the dishonest-debtor list (失信被执行人), as the sandbox answers for them. */
  public String dishonestPerson(String idNumber) {
    Response registered = api.send("PUT", "/api/sandbox/people/" + idNumber, ADMIN, DemoData.PASSWORD,
        "{\"court\":{\"openEnforcementCases\":1,\"dishonestDebtor\":true},"
            + "\"bureau\":{\"currentOverdueAmount\":0,\"maxDpd24m\":0,\"outstandingLoans\":0,\"enquiriesLast3m\":0}}");
    assertThat(registered.status()).as("sandbox person: %s", registered).isIn(200, 201);
    return idNumber;
  }

  /** The mortgage registry records a registration (sandbox, as admin). */
  public Response registerInMortgageRegistry(String registrationNumber, String creditCode, BigDecimal securedAmount) {
    return registerInMortgageRegistry(registrationNumber, creditCode, securedAmount, "INDUSTRIAL_PROPERTY", "汇川区工业园3号厂房", null);
  }

  /** A registration of the given collateral in favour of {@code mortgagee} (null: this bank). */
  public Response registerInMortgageRegistry(String registrationNumber, String creditCode, BigDecimal securedAmount,
      String collateralType, String collateralDescription, String mortgagee) {
    return api.send("PUT", "/api/sandbox/mortgage-registrations/" + URLEncoder.encode(registrationNumber, StandardCharsets.UTF_8),
        ADMIN, DemoData.PASSWORD, "{\"creditCode\":\"" + creditCode + "\",\"collateralType\":\"" + collateralType
            + "\",\"collateralDescription\":\"" + collateralDescription + "\",\"securedAmount\":" + securedAmount.toPlainString()
            + (mortgagee == null ? "" : ",\"mortgagee\":\"" + mortgagee + "\"") + "}");
  }

  /** POST /api/applications/{id}/mortgage-registration as the channel. */
  public Response reportMortgageRegistration(String applicationId, String registrationNumber) {
    return api.post("/api/applications/" + applicationId + "/mortgage-registration", CHANNEL,
        "{\"registrationNumber\":\"" + registrationNumber + "\",\"registeredAt\":\"2026-11-25T09:00:00+08:00\"}");
  }

  /** The registry registers the mortgage, the channel reports it; the process moves on. */
  public void registerMortgage(String applicationId, String registrationNumber, String creditCode, BigDecimal securedAmount) {
    Response registered = registerInMortgageRegistry(registrationNumber, creditCode, securedAmount);
    assertThat(registered.status()).as("sandbox registration: %s", registered).isEqualTo(200);
    Response reported = reportMortgageRegistration(applicationId, registrationNumber);
    assertThat(reported.status()).as("POST mortgage-registration: %s", reported).isEqualTo(200);
    executeDueJobs(applicationId);
  }
}
