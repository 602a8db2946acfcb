package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/loans/{loanId}/collection-cases} over HTTP with real JSON: a loan's collection cases, newest first, each
 * with every contact, promise and proposal in full (the forms show only the newest that fit in 3,800 characters), read
 * by whoever may read the loan ({@code GET /api/loans/{loanId}}) except the borrowers' channel.
 */
class CollectionCaseApiTest extends AbstractIntegrationTest {

  private static final String REMOTE_VERIFIER = "remote-verifier";
  private static final String CUSTOMER_MANAGER = "zy001-cm";
  private static final String TEAM_LEAD = "team-lead";
  private static final String COLLECTOR = "collector";
  private static final String SECOND_COLLECTOR = "collector2";

  @Autowired DailyCloseService dailyClose;
  @Autowired LoanAccountService loans;
  @Autowired RepaymentService repayments;

  private CollectionScenario scenario() {
    return new CollectionScenario(processEngine, intakeService, dailyClose, loans, repayments, this::executeDueJobs,
        this::startCollectionProcesses);
  }

  private static Map<String, Object> contact(String outcome, String notes) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ContactTaskListener.OUTCOME, outcome);
    variables.put(ContactTaskListener.NOTES, notes);
    return variables;
  }

  private static Map<String, Object> promise(CollectionScenario scenario, String notes, String amount, int days) {
    Map<String, Object> variables = contact("PROMISE_TO_PAY", notes);
    variables.put(ContactTaskListener.PROMISED_AMOUNT, amount);
    variables.put(ContactTaskListener.PROMISED_DATE, scenario.businessDate().plusDays(days).toString());
    return variables;
  }

  private Response casesAs(String user, String loanId) {
    return api.get("/api/loans/" + loanId + "/collection-cases", user);
  }

  /**
   * Three contact notes of 1,900 characters, a broken promise with part of it paid, a write-off proposal rejected and
   * a legal action proposed: the proposal's form leaves the oldest contacts out, the staff view lists every one in full.
   */
  @Test
  void listsEveryContactPromiseAndProposalOfACaseInFullWhereTheFormShowsOnlyTheNewest() {
    String phone = "电话" + "甲".repeat(1898);
    String visit = "上门" + "乙".repeat(1898);
    String lead = "督办" + "丙".repeat(1898);
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), promise(scenario, phone, "2000.00", 2));
    scenario.repay(new BigDecimal("500.00"));  // less than promised
    scenario.closeAt(9);  // promised for day 5, grace until day 8: broken, a field visit at once
    completeAs(CUSTOMER_MANAGER, scenario.task(TASK_VISIT_BORROWER).getId(), contact("NOT_FOUND", visit));
    scenario.closeAt(30);
    completeAs(TEAM_LEAD, scenario.task(TASK_SUPERVISE_OVERDUE_LOAN).getId(), contact("CONTINUE_COLLECTION", lead));
    scenario.closeAt(90);
    completeAs(COLLECTOR, scenario.task(TASK_PROPOSE_DISPOSAL).getId(), Map.of(DisposalProposalTaskListener.KIND, "WRITE_OFF",
        DisposalProposalTaskListener.REASON, "逾期90天, 多次催收无果"));
    completeAs(SECOND_COLLECTOR, scenario.task(TASK_APPROVE_DISPOSAL).getId(),
        Map.of(DisposalApprovalTaskListener.DECISION, "REJECT", DisposalApprovalTaskListener.COMMENT, "抵押物尚可处置, 先起诉"));
    Task proposal = scenario.task(TASK_PROPOSE_DISPOSAL);
    String formContacts = (String) taskService.getVariableLocal(proposal.getId(), CollectionFormValues.CONTACT_HISTORY);
    completeAs(COLLECTOR, proposal.getId(), Map.of(DisposalProposalTaskListener.KIND, "LEGAL_ACTION",
        DisposalProposalTaskListener.REASON, "借款人失联, 提起诉讼"));

    Response answer = casesAs(COLLECTOR, scenario.loanId());

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(formContacts).as("the form leaves the oldest contacts out").startsWith("更早的").doesNotContain(phone);
    JsonNode listed = answer.json();
    assertThat(listed).hasSize(1);
    JsonNode theCase = listed.get(0);
    assertThat(theCase.path("loanId").asText()).isEqualTo(scenario.loanId());
    assertThat(theCase.path("branchCode").asText()).isEqualTo("ZY001");
    assertThat(theCase.path("status").asText()).isEqualTo("OPEN");
    assertThat(theCase.path("statusLabel").asText()).isEqualTo("催收中");
    assertThat(theCase.path("ladderStep").asInt()).isEqualTo(5);
    assertThat(theCase.path("ladderLabel").asText()).isEqualTo("提出诉讼或核销建议");
    assertThat(theCase.path("openedOn").asText()).isEqualTo(scenario.dayOf(1).toString());
    assertThat(theCase.path("openedDaysPastDue").asInt()).isEqualTo(1);
    assertThat(theCase.has("closedOn")).as("open").isFalse();

    JsonNode contacts = theCase.path("contacts");
    assertThat(fields(contacts, "channel")).containsExactly("MAIL", "PHONE", "FIELD_VISIT", "ESCALATION");
    assertThat(fields(contacts, "notes")).as("every note in full").containsExactly("逾期第1天提醒邮件", phone, visit, lead);
    assertThat(fields(contacts, "contactedBy")).containsExactly("system", REMOTE_VERIFIER, CUSTOMER_MANAGER, TEAM_LEAD);
    assertThat(fields(contacts, "channelLabel")).containsExactly("逾期提醒邮件", "电话催收", "上门催收", "主管督办");
    assertThat(fields(contacts, "outcomeLabel")).containsExactly("已发送提醒", "承诺还款", "未找到借款人", "继续催收");
    assertThat(contacts.get(0).path("mailStatus").asText()).isEqualTo("SENT");
    assertThat(contacts.get(1).path("outcome").asText()).isEqualTo("PROMISE_TO_PAY");
    assertThat(contacts.get(1).has("mailStatus")).as("not a mail").isFalse();
    assertThat(contacts.get(1).path("businessDate").asText()).isEqualTo(scenario.dayOf(3).toString());
    assertThat(contacts.get(1).path("contactedAt").asText()).as("an ISO instant").matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

    JsonNode promise = theCase.path("promises").get(0);
    assertThat(theCase.path("promises")).hasSize(1);
    assertThat(promise.path("promisedAmount").decimalValue()).isEqualByComparingTo("2000.00");
    assertThat(promise.path("promisedDate").asText()).isEqualTo(scenario.dayOf(5).toString());
    assertThat(promise.path("keptBy").asText()).isEqualTo(scenario.dayOf(8).toString());
    assertThat(promise.path("madeOn").asText()).isEqualTo(scenario.dayOf(3).toString());
    assertThat(promise.path("status").asText()).isEqualTo("BROKEN");
    assertThat(promise.path("statusLabel").asText()).isEqualTo("已违约");
    assertThat(promise.path("receivedAmount").decimalValue()).isEqualByComparingTo("500.00");
    assertThat(promise.path("resolvedOn").asText()).isEqualTo(scenario.dayOf(9).toString());

    JsonNode disposals = theCase.path("disposals");
    assertThat(fields(disposals, "type")).containsExactly("WRITE_OFF", "LEGAL_ACTION");
    assertThat(fields(disposals, "typeLabel")).containsExactly("核销 (账销案存)", "提起诉讼");
    assertThat(fields(disposals, "proposedBy")).containsExactly(COLLECTOR, COLLECTOR);
    assertThat(fields(disposals, "reason")).containsExactly("逾期90天, 多次催收无果", "借款人失联, 提起诉讼");
    assertThat(fields(disposals, "decision")).containsExactly("REJECTED", "PENDING");
    assertThat(fields(disposals, "decisionLabel")).containsExactly("驳回", "待审批");
    assertThat(disposals.get(0).path("decidedBy").asText()).isEqualTo(SECOND_COLLECTOR);
    assertThat(disposals.get(0).path("decisionComment").asText()).isEqualTo("抵押物尚可处置, 先起诉");
    assertThat(disposals.get(1).has("decidedBy")).as("pending").isFalse();
    assertThat(fields(disposals, "approverGroup")).as("审批权限, kept with each proposal")
        .containsExactly("collections", "collections");
    assertThat(fields(disposals, "approverGroupLabel")).containsExactly("资产保全", "资产保全");
    assertThat(fields(disposals, "authorityReason"))
        .containsExactly("核销本金不超过50万元, 属资产保全岗审批权限", "提起诉讼不核销本金, 由资产保全岗审批");
    assertThat(disposals.get(0).path("authorityPrincipal").decimalValue())
        .as("the outstanding principal it was decided on").isEqualByComparingTo(loans.balances(scenario.loanId())
            .outstandingPrincipal());

    assertThat(casesAs(CUSTOMER_MANAGER, scenario.loanId()).json()).as("the loan's own branch reads the same")
        .isEqualTo(listed);
  }

  /**
   * A promise running shows what was received towards it so far; once the arrears are cleared the case is closed with
   * its reason, and the loan's next overdue opens a second case, listed first.
   */
  @Test
  void listsEveryCaseOfTheLoanNewestFirstEachWithHowItClosed() {
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), promise(scenario, "借款人承诺分两次还款",
        "1000.00", 14));
    scenario.repay(new BigDecimal("400.00"));

    JsonNode running = casesAs(COLLECTOR, scenario.loanId()).json().get(0).path("promises").get(0);
    assertThat(running.path("status").asText()).isEqualTo("OPEN");
    assertThat(running.path("statusLabel").asText()).isEqualTo("履约期内");
    assertThat(running.path("receivedAmount").decimalValue()).as("received so far").isEqualByComparingTo("400.00");
    assertThat(running.has("resolvedOn")).isFalse();

    scenario.repay(scenario.arrears());
    scenario.closeOn(scenario.dayOf(1).plusMonths(1));  // the second instalment unpaid on its due date

    Response answer = casesAs(COLLECTOR, scenario.loanId());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode listed = answer.json();
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).path("status").asText()).isEqualTo("OPEN");
    assertThat(listed.get(0).path("openedOn").asText()).isEqualTo(scenario.dayOf(1).plusMonths(1).toString());
    assertThat(listed.get(0).has("closedOn")).isFalse();
    assertThat(listed.get(0).path("promises")).isEmpty();
    JsonNode cured = listed.get(1);
    assertThat(cured.path("caseId").asText()).isNotEqualTo(listed.get(0).path("caseId").asText());
    assertThat(cured.path("status").asText()).isEqualTo("CURED");
    assertThat(cured.path("statusLabel").asText()).isEqualTo("已结清");
    assertThat(cured.path("openedOn").asText()).isEqualTo(scenario.dayOf(1).toString());
    assertThat(cured.path("closedOn").asText()).isEqualTo(scenario.dayOf(3).toString());
    assertThat(cured.path("closeReason").asText()).startsWith("逾期欠款已结清 (交易 ");
    assertThat(fields(cured.path("contacts"), "channel")).containsExactly("MAIL", "PHONE");
    JsonNode kept = cured.path("promises").get(0);
    assertThat(kept.path("status").asText()).isEqualTo("KEPT");
    assertThat(kept.path("statusLabel").asText()).isEqualTo("已兑现");
    assertThat(kept.path("receivedAmount").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("1000.00"));
  }

  @Test
  void anotherBranchIsRefusedAsForTheLoanAndTheChannelIsRefusedWhateverTheLoan() {
    CollectionScenario scenario = scenario().closeAt(1);
    String loanId = scenario.loanId();

    assertThat(casesAs("zy001-acceptor", loanId).status()).as("the loan's own branch").isEqualTo(200);
    assertThat(casesAs("team-lead", loanId).status()).isEqualTo(200);
    Response coreBanking = casesAs("core-banking", loanId);
    assertThat(coreBanking.status()).as("core banking reads no loan").isEqualTo(403);
    assertThat(coreBanking.json().path("detail").asText()).startsWith("核心系统无权调用 GET /api/loans/" + loanId + "/collection-cases: ");
    for (String outsider : List.of("zy002-cm", "zy002-acceptor")) {
      Response loan = api.get("/api/loans/" + loanId, outsider);
      Response refused = casesAs(outsider, loanId);
      assertThat(refused.status()).as("%s, refused as for the loan itself (%s)", outsider, loan.status())
          .isEqualTo(loan.status()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().path("detail").asText()).as(outsider)
          .startsWith("无权查看网点 ZY001 的借据 " + loanId + " 的催收案件 (");
    }
    assertThat(api.get("/api/loans/" + loanId, CHANNEL).status()).as("the channel reads the loan").isEqualTo(200);
    Response channel = casesAs(CHANNEL, loanId);
    assertThat(channel.status()).as("but not its collectors' notes").isEqualTo(403);
    assertThat(channel.json().path("detail").asText()).startsWith("渠道无权调用 GET /api/loans/" + loanId + "/collection-cases: ");
    assertThat(casesAs(CHANNEL, "LN19990101999999").status()).isEqualTo(403);
  }

  @Test
  void anUnknownLoanIsNotFoundAndALoanNeverOverdueHasNoCases() {
    Response unknown = casesAs(COLLECTOR, "LN19990101999999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().path("detail").asText()).startsWith("借据 LN19990101999999 不存在");

    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(BusinessDates.era());
    Response none = casesAs(COLLECTOR, loan.loanId());
    assertThat(none.status()).as(none.toString()).isEqualTo(200);
    assertThat(none.body()).isEqualTo("[]");
  }

  private static List<String> fields(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.path(field).isMissingNode() ? null : node.path(field).asText()));
    return values;
  }
}
