package com.smeloanflow.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loan applications from the mobile app for enterprises with a strong sandbox profile, which end
 * disbursed: {@link #auto()} (100,000 CNY, approved by the model, no person involved) and
 * {@link #single()} (500,000 CNY: remote verification, an approver and the disbursement check, each
 * claimed and completed by simulated staff over the engine REST API). The channel submits with an
 * {@code Idempotency-Key}, the applicant signs in the sandbox e-signature service and the channel
 * reports the signature. At the end each application must be DISBURSED by its one loan-origination
 * instance, with one posting in the core-banking ledger, one {@code disbursement_posting}, one loan
 * account and one post-loan monitoring instance.
 */
final class LoanApplicationScenario implements ChaosScenario {

  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).serializationInclusion(JsonInclude.Include.NON_NULL).build();
  private static final String ADMIN = "admin";
  private static final String CHANNEL = "channel";
  private static final String DISBURSED = "DISBURSED";

  private final String route;
  private final String amount;
  private final Duration interval;
  private final List<StaffTask> staffTasks;
  /** Applications whose signature the channel reported (accepted, or found moved on). */
  private final Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private LoanApplicationScenario(String route, String amount, Duration interval, List<StaffTask> staffTasks) {
    this.route = route;
    this.amount = amount;
    this.interval = interval;
    this.staffTasks = staffTasks;
  }

  /** Model-approved: no task for anyone. */
  static LoanApplicationScenario auto(Duration interval) {
    return new LoanApplicationScenario("AUTO", "100000.00", interval, List.of());
  }

  /** Above the model's limit: remote verification, one approver, the disbursement check. */
  static LoanApplicationScenario single(Duration interval) {
    return new LoanApplicationScenario("SINGLE", "500000.00", interval, List.of(
        new StaffTask("remote-verifier", LoanOriginationProcess.Elements.TASK_VERIFY_REMOTELY,
            TaskForms.remoteVerificationConfirmed()),
        new StaffTask("approver", LoanOriginationProcess.Elements.TASK_APPROVE_LOAN, TaskForms.approve("经营稳定, 同意")),
        new StaffTask("disburser", LoanOriginationProcess.Elements.TASK_CHECK_DISBURSEMENT_CONDITIONS,
            TaskForms.disbursementConditionsMet())));
  }

  @Override
  public String name() {
    return route;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public String describeLoad() {
    return "a new application (" + amount + " CNY from the mobile app) every " + ChaosReport.seconds(interval);
  }

  @Override
  public String figure() {
    return "applications " + route;
  }

  @Override
  public String tally(int cases, long asExpected) {
    return cases + " submitted, " + asExpected + " disbursed as expected";
  }

  @Override
  public String start(ClusterClient cluster, int sequence) {
    String creditCode = CreditCodes.fresh();
    Response registered = cluster.send("PUT", "/api/sandbox/enterprises/" + creditCode, ADMIN,
        json(ProcessingFixtures.strongProfile()));
    require(registered, 200, 201);
    String application = TestApplications.onlineCreditQuick().creditCode(creditCode).requestedAmount(amount).json();
    Response submitted = cluster.post("/api/applications", CHANNEL, application, "Idempotency-Key", "chaos-" + route + "-" + sequence);
    require(submitted, 200, 201);
    return submitted.json().path("applicationId").asText();
  }

  @Override
  public Map<String, String> states(ChaosDatabase database, Collection<String> caseIds) {
    Set<String> wanted = new HashSet<>(caseIds);
    Map<String, String> states = new LinkedHashMap<>();
    for (Map<String, Object> row : database.query("SELECT application_id, status FROM case_file")) {
      String id = (String) row.get("application_id");
      if (wanted.contains(id)) {
        states.put(id, (String) row.get("status"));
      }
    }
    return states;
  }

  @Override
  public boolean finished(String state) {
    return DISBURSED.equals(state);
  }

  /** The applicant signs (once) and the channel reports it; a repeated report finds the application moved on (409). */
  @Override
  public void advance(ClusterClient cluster, String caseId, String state) {
    if (!"AWAITING_SIGNATURE".equals(state) || reported.contains(caseId)) {
      return;
    }
    Response signature = cluster.post("/api/sandbox/e-signature/applications/" + caseId + "/sign", ADMIN, null);
    require(signature, 200);
    Response report = cluster.post("/api/applications/" + caseId + "/signature", CHANNEL,
        "{\"signatureId\":\"" + signature.json().path("signatureId").asText() + "\",\"signedAt\":\"2026-11-23T10:15:30+08:00\"}");
    require(report, 200, 409);
    reported.add(caseId);
  }

  @Override
  public List<StaffTask> staffTasks() {
    return staffTasks;
  }

  @Override
  public List<String> check(ChaosDatabase database, String caseId) {
    List<String> wrong = new ArrayList<>();
    String status = database.query("SELECT status FROM case_file WHERE application_id = ?", caseId).stream()
        .map(row -> (String) row.get("status")).findFirst().orElse("none");
    if (!DISBURSED.equals(status)) {
      wrong.add("status " + status + ", expected " + DISBURSED);
    }
    List<Map<String, Object>> instances = database.query(
        "SELECT END_ACT_ID_ AS end_event FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ? AND BUSINESS_KEY_ = ?",
        LoanOriginationProcess.KEY, caseId);
    if (instances.size() != 1 || !LoanOriginationProcess.Elements.END_LOAN_DISBURSED.equals(instances.get(0).get("end_event"))) {
      wrong.add("loan-origination instances " + instances + ", expected one ended at "
          + LoanOriginationProcess.Elements.END_LOAN_DISBURSED);
    }
    String decided = database.query("SELECT approval_route FROM processing_outcome WHERE application_id = ?", caseId).stream()
        .map(row -> (String) row.get("approval_route")).findFirst().orElse("none");
    if (!route.equals(decided)) {
      wrong.add("route " + decided + ", expected " + route);
    }
    expectOne(database, wrong, "core-banking postings", "SELECT COUNT(*) FROM sandbox_core_posting WHERE application_id = ?", caseId);
    expectOne(database, wrong, "disbursement_posting rows", "SELECT COUNT(*) FROM disbursement_posting WHERE application_id = ?", caseId);
    expectOne(database, wrong, "disbursement_posting rows matching the ledger", """
        SELECT COUNT(*) FROM disbursement_posting d JOIN sandbox_core_posting c
          ON c.application_id = d.application_id AND c.posting_reference = d.posting_reference AND c.amount = d.amount
        WHERE d.application_id = ?""", caseId);
    expectOne(database, wrong, "loan accounts", "SELECT COUNT(*) FROM loan_account WHERE application_id = ?", caseId);
    expectOne(database, wrong, "post-loan monitoring instances", """
        SELECT COUNT(*) FROM ACT_HI_PROCINST p JOIN loan_account l ON p.BUSINESS_KEY_ = l.loan_id
        WHERE p.PROC_DEF_KEY_ = ? AND l.application_id = ?""", PostLoanMonitoringProcess.KEY, caseId);
    return wrong;
  }

  private static void expectOne(ChaosDatabase database, List<String> wrong, String what, String sql, Object... parameters) {
    long count = database.count(sql, parameters);
    if (count != 1) {
      wrong.add(count + " " + what + ", expected 1");
    }
  }

  private static void require(Response answer, int... expected) {
    for (int status : expected) {
      if (answer.status() == status) {
        return;
      }
    }
    throw new IllegalStateException("Unexpected answer " + answer);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
