package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monitoring API with real JSON: who may report a signal, read a loan's monitoring and propose a
 * reclassification (branch isolation), bad input named field by field with nothing stored, the same
 * report again answered as the first, a repeat of an open signal kept as a duplicate.
 */
class MonitoringApiTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired BusinessClock clock;
  @Autowired ClassificationRepository classifications;

  private MonitoringScenario loanAt(String branch) {
    return MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService, loans, dailyClose,
        branch, clock.today());
  }

  private Response report(String user, String loanId, String json) {
    return api.post("/api/loans/" + loanId + "/signals", user, json);
  }

  private long signalRows() {
    return jdbc.sql("SELECT COUNT(*) FROM warning_signal").query(Long.class).single();
  }

  private static List<String> fields(Response problem) {
    List<String> fields = new ArrayList<>();
    problem.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
    return fields;
  }

  @Test
  void staffOfTheLoansBranchAndCentralStaffReportSignalsOthersAreRefused() {
    MonitoringScenario zy002 = loanAt("ZY002");
    String loanId = zy002.loanId();
    long before = signalRows();

    Response otherBranch = report("zy001-cm", loanId, MonitoringScenario.signal("A-" + loanId, "NEGATIVE_NEWS", "报道", null));
    assertThat(otherBranch.status()).as("a customer manager of another branch").isEqualTo(403);
    assertThat(otherBranch.json().path("detail").asText()).isEqualTo("无权报送网点 ZY002 借据 " + loanId + " 的预警信号 (user zy001-cm"
        + " may not report a signal of loan " + loanId + " of branch ZY002)");
    assertThat(report("zy002-acceptor", loanId, MonitoringScenario.signal("B-" + loanId, "NEGATIVE_NEWS", "报道", null)).status())
        .as("the branch's acceptance clerk").isEqualTo(403);
    assertThat(report("channel", loanId, MonitoringScenario.signal("C-" + loanId, "NEGATIVE_NEWS", "报道", null)).status())
        .as("the channel gateway").isEqualTo(403);
    assertThat(api.send("POST", "/api/loans/" + loanId + "/signals", null, null, "{}").status()).isEqualTo(401);
    Response reading = api.get("/api/loans/" + loanId + "/monitoring", "zy001-cm");
    assertThat(reading.status()).as("reading another branch").isEqualTo(403);
    assertThat(reading.json().path("detail").asText()).startsWith("无权查看网点 ZY002 的借据 " + loanId + " 的贷后监控 (");
    Response channelReading = api.get("/api/loans/" + loanId + "/monitoring", "channel");
    assertThat(channelReading.status()).as("the borrowers' channel reads no check findings, evidence or reasons")
        .isEqualTo(403);
    assertThat(channelReading.json().path("detail").asText()).as("refused before the monitoring is looked up")
        .startsWith("渠道无权调用 GET /api/loans/" + loanId + "/monitoring: ");
    assertThat(signalRows()).as("nothing stored from a refused caller").isEqualTo(before);

    Response accepted = zy002.report("core-banking", MonitoringScenario.signal("D-" + loanId, "ACCOUNT_FROZEN",
        "结算账户被冻结", null));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    assertThat(accepted.contentType()).isEqualTo("application/json");
    Response view = api.get("/api/loans/" + loanId + "/monitoring", "zy002-acceptor");
    assertThat(view.status()).as("the loan's own branch reads it").isEqualTo(200);
    assertThat(view.json().path("signals").get(0).path("typeLabel").asText()).isEqualTo("结算账户被冻结");
    assertThat(view.json().path("openTasks").toString()).contains("首次贷后检查", "实地检查贷后风险");
  }

  @Test
  void badInputIsNamedFieldByFieldAndNothingIsStored() {
    MonitoringScenario loan = loanAt("ZY001");
    long before = signalRows();

    Response bad = report("remote-verifier", loan.loanId(), """
        {"eventId": "has space", "signalType": "RUMOUR", "observedOn": "2099-01-01", "summary": "a\\u0000b",
         "evidence": {"taxRating": "Z", "overdueAmount": -1, "openEnforcementCases": -2, "inflowDropPercent": 101,
                      "reference": "line\\nbreak"}}""");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).isEqualTo("application/problem+json");
    assertThat(fields(bad)).containsExactlyInAnyOrder("eventId", "signalType", "observedOn", "summary", "evidence.reference",
        "evidence.taxRating", "evidence.overdueAmount", "evidence.openEnforcementCases", "evidence.inflowDropPercent");
    Response missing = report("remote-verifier", loan.loanId(), "{}");
    assertThat(fields(missing)).containsExactlyInAnyOrder("eventId", "signalType", "observedOn", "summary");
    assertThat(report("remote-verifier", loan.loanId(), "{\"eventId\": [1]}").status()).isEqualTo(400);
    assertThat(signalRows()).isEqualTo(before);
    assertThat(loan.checkInstanceIds()).isEmpty();
  }

  @Test
  void theSameReportAgainIsAnsweredAsTheFirstAndAReusedEventIdWithOtherContentIsAConflict() {
    MonitoringScenario loan = loanAt("ZY001");
    String json = MonitoringScenario.signal("CB-" + loan.loanId(), "ACCOUNT_FROZEN", "结算账户被冻结",
        "{\"reference\": \"(2026)黔03执保9号\", \"overdueAmount\": 350000.00}");

    Response first = report("core-banking", loan.loanId(), json);
    Response again = report("core-banking", loan.loanId(), json);
    Response changed = report("core-banking", loan.loanId(), json.replace("结算账户被冻结", "结算账户被查封"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("signalId").asText()).isEqualTo(first.json().path("signalId").asText());
    assertThat(again.json().path("checkId").asText()).isEqualTo(first.json().path("checkId").asText());
    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.contentType()).isEqualTo("application/problem+json");
    assertThat(changed.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("事件 CB-" + loan.loanId() + " 已由 core-banking 报送过, 本次内容与之不同, 不予受理: 同一事件请按原内容重报,"
            + " 另一信号请使用新的 eventId (event CB-" + loan.loanId() + " was reported by core-banking with other content;"
            + " eventId)");
    loan.runJobs();
    assertThat(loan.checkInstanceIds()).hasSize(1);
    Response sameEventOtherReporter = report("remote-verifier", loan.loanId(), json);
    assertThat(sameEventOtherReporter.status()).as("another reporter's event: a repeat of the open signal").isEqualTo(200);
    assertThat(sameEventOtherReporter.json().path("outcome").asText()).isEqualTo("DUPLICATE");
    loan.runJobs();
    assertThat(loan.checkInstanceIds()).hasSize(1);
  }

  @Test
  void theSandboxRunsTheReQueryNowSoATesterSeesTheSignalOfChangedData() {
    MonitoringScenario loan = loanAt("ZY001");
    String path = "/api/sandbox/monitoring/loans/" + loan.loanId() + "/requery";
    assertThat(api.post(path, "admin", null).status()).isEqualTo(202);
    loan.runJobs();
    loan.externalData(ProcessingFixtures.withCourt(loan.profile(), new SandboxProfile.Court(0, true)));

    Response due = api.post(path, "process-owner", null);

    assertThat(due.status()).as(due.toString()).isEqualTo(202);
    loan.runJobs();
    assertThat(api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json().path("signals").get(0)
        .path("type").asText()).isEqualTo("DISHONEST_DEBTOR");
    assertThat(api.post(path, "remote-verifier", null).status()).as("not for staff").isEqualTo(403);
    String notMonitored = TestLoans.with(intakeService, loans).disbursedOn(clock.today()).loanId();
    assertThat(api.post("/api/sandbox/monitoring/loans/" + notMonitored + "/requery", "admin", null).status()).isEqualTo(404);
  }

  @Test
  void aBranchsLeadActsOnItsOwnBranchsLoansOnlyACentralTeamsLeadOnEvery() {
    MonitoringScenario zy001 = loanAt("ZY001");
    String loanId = zy001.loanId();
    String reclassifications = "/api/loans/" + loanId + "/reclassifications";
    String proposal = "{\"classification\": \"SPECIAL_MENTION\", \"reason\": \"主要客户流失\"}";
    long before = signalRows();

    assertThat(report("zy002-lead", loanId, MonitoringScenario.signal("L2-" + loanId, "NEGATIVE_NEWS", "报道", null))
        .status()).as("ZY002's lead on a ZY001 loan").isEqualTo(403);
    assertThat(api.post(reclassifications, "zy002-lead", proposal).status()).as("ZY002's lead on a ZY001 loan")
        .isEqualTo(403);
    assertThat(signalRows()).isEqualTo(before);
    assertThat(classifications.pending(loanId)).isEmpty();

    // team-lead leads ZY001 (and the processing centre and approval): ZY001's loans, and as a central lead every branch's.
    assertThat(report("team-lead", loanId, MonitoringScenario.signal("L1-" + loanId, "NEGATIVE_NEWS", "报道", null))
        .status()).isEqualTo(201);
    assertThat(api.post(reclassifications, "team-lead", proposal).status()).isEqualTo(201);

    MonitoringScenario zy002 = loanAt("ZY002");
    assertThat(report("zy002-lead", zy002.loanId(), MonitoringScenario.signal("L2-" + zy002.loanId(), "NEGATIVE_NEWS",
        "报道", null)).status()).as("ZY002's lead on a ZY002 loan").isEqualTo(201);
  }

  @Test
  void aLoanNotUnderMonitoringOrUnknownIsRefused() {
    String notMonitored = TestLoans.with(intakeService, loans).disbursedOn(clock.today()).loanId();
    String json = MonitoringScenario.signal("X-" + notMonitored, "NEGATIVE_NEWS", "报道", null);

    Response refused = report("remote-verifier", notMonitored, json);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("借据 " + notMonitored + " 未纳入贷后监控 (loan " + notMonitored + " is not under post-loan monitoring)");
    Response unknown = report("remote-verifier", "LN19990101999999", json);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("detail").asText()).isEqualTo("借据 LN19990101999999 不存在 (loan LN19990101999999 does not exist)");
    Response neverMonitored = api.get("/api/loans/" + notMonitored + "/monitoring", "remote-verifier");
    assertThat(neverMonitored.status()).isEqualTo(404);
    assertThat(neverMonitored.json().path("detail").asText()).as("the loan is there, its monitoring is not")
        .isEqualTo("借据 " + notMonitored + " 没有贷后监控记录 (loan " + notMonitored + " has no post-loan monitoring)");
  }

  @Test
  void aReclassificationIsRefusedBelowTheFloorWithoutAReasonOrWhileAnotherIsPending() {
    MonitoringScenario loan = loanAt("ZY001");
    String path = "/api/loans/" + loan.loanId() + "/reclassifications";

    Response bad = api.post(path, "remote-verifier", "{\"classification\": \"WORSE\", \"reason\": \" \"}");
    assertThat(fields(bad)).containsExactlyInAnyOrder("classification", "reason");
    Response unchanged = api.post(path, "remote-verifier", "{\"classification\": \"NORMAL\", \"reason\": \"无变化\"}");
    assertThat(unchanged.status()).isEqualTo(400);
    assertThat(unchanged.json().path("errors").get(0).path("code").asText()).isEqualTo("UNCHANGED");
    assertThat(api.post(path, "zy001-acceptor", "{\"classification\": \"DOUBTFUL\", \"reason\": \"x\"}").status()).isEqualTo(403);
    assertThat(api.post(path, "collector", "{\"classification\": \"DOUBTFUL\", \"reason\": \"x\"}").status()).isEqualTo(403);

    Response proposed = api.post(path, "zy001-cm", "{\"classification\": \"DOUBTFUL\", \"reason\": \"企业停产三个月\"}");
    assertThat(proposed.status()).isEqualTo(201);
    JsonNode proposal = proposed.json();
    assertThat(proposal.path("status").asText()).isEqualTo("PENDING");
    assertThat(proposal.path("proposedBy").asText()).isEqualTo("zy001-cm");
    Response second = api.post(path, "remote-verifier", "{\"classification\": \"LOSS\", \"reason\": \"再次提出\"}");
    assertThat(second.status()).as("one pending proposal per loan").isEqualTo(409);
    String proposalId = proposal.path("proposalId").asText();
    assertThat(second.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("借据 " + loan.loanId() + " 已有待审批的风险分类调整 " + proposalId + ", 审批之前不能再提出 (loan "
            + loan.loanId() + " has reclassification " + proposalId + " awaiting a decision)");
  }

  @Test
  void aReclassificationBelowTheRegulatoryFloorIsRefused() {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", BusinessDates.era());
    loan.closeOn(loan.account().disbursedOn().plusMonths(1).plusDays(95));

    Response below = api.post("/api/loans/" + loan.loanId() + "/reclassifications", "approver",
        "{\"classification\": \"SPECIAL_MENTION\", \"reason\": \"借款人承诺近期还款\"}");

    assertThat(below.status()).isEqualTo(400);
    assertThat(below.json().path("errors").get(0).path("code").asText()).isEqualTo("BELOW_FLOOR");
    assertThat(below.json().path("errors").get(0).path("message").asText()).contains("次级");
  }
}
