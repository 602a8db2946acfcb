package com.smeloanflow.creditline;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static com.smeloanflow.process.LoanOriginationProcess.Flows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.disbursement.ContractService;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An approved REVOLVING_LINE opens a credit line at disbursement instead of paying the limit out as a
 * 36-month loan: no core banking posting, no loan account, the applicant told the line is open.
 */
class CreditLineOpeningProcessTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired CreditLineService lines;
  @Autowired LoanAccountService loans;
  @Autowired SandboxCoreBanking coreBanking;
  @Autowired ContractService contracts;

  LoanFlow flow;
  CreditLineFixture fixture;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
    fixture = new CreditLineFixture(flow);
  }

  @Test
  void approvedRevolvingLineOpensALineForThreeYearsAndPaysNothingOut() {
    TestApplications.Builder request = fixture.application("1000000.00");
    String applicationId = fixture.opened(request);

    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).processInstanceBusinessKey(applicationId).singleResult();
    assertThat(instance.getEndActivityId()).isEqualTo(END_LOAN_DISBURSED);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(CREDIT_LINE_YES, CREDIT_LINE_OPENED, CREDIT_LINE_NOTIFIED)
        .doesNotContain(CREDIT_LINE_NO, LOAN_DISBURSED);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(END_CREDIT_LINE_OPENED).finished().count()).isEqualTo(1);

    CreditLine line = lines.findByApplication(applicationId).orElseThrow();
    assertThat(line.status()).isEqualTo(CreditLineStatus.ACTIVE);
    assertThat(line.limit()).isEqualByComparingTo("1000000.00");
    assertThat(line.validUntil()).isEqualTo(line.openedOn().plusYears(3).minusDays(1));
    assertThat(line.branchCode()).isEqualTo("ZY001");
    assertThat(coreBanking.postingsOf(applicationId)).as("nothing paid out when the line opens").isEmpty();
    assertThat(loans.findByApplication(applicationId)).as("no 36-month term loan").isEmpty();
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
    com.fasterxml.jackson.databind.JsonNode view = api.get("/api/applications/" + applicationId, CHANNEL).json();
    assertThat(view.path("statusLabel").asText()).as("nothing was paid out").isEqualTo("额度已开通");
    assertThat(view.path("lineId").asText()).isEqualTo(line.lineId());
    assertThat(mailsTo(request.email())).anySatisfy(mail -> {
      assertThat(subjectOf(mail)).contains("循环额度已开通", line.lineId());
      assertThat(bodyOf(mail)).contains("1000000.00", "有效期至：" + ChineseDates.day(line.validUntil()), "随借随还", "单笔最低提款：人民币 1000.00 元");
    });
  }

  @Test
  void approvedLineApplicantIsAskedToSignTheLinesContractNotALoanContract() {
    TestApplications.Builder request = fixture.application("1000000.00");
    String applicationId = fixture.approved(request);

    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    assertThat(contracts.find(applicationId).orElseThrow().text())
        .as("the contract's validity is the line's: CreditLine.validUntil")
        .contains("额度有效期: " + CreditLine.VALIDITY_YEARS * 12 + " 个月, 自额度开立之日起算, 至开立日 "
            + CreditLine.VALIDITY_YEARS * 12 + " 个月后的前一日止");
    assertThat(mailsTo(request.email())).noneSatisfy(mail -> assertThat(subjectOf(mail)).contains("您的贷款已获批准"))
        .anySatisfy(mail -> {
          assertThat(subjectOf(mail)).contains("您的循环额度已获批准，请签署循环额度借款合同", applicationId);
          assertThat(bodyOf(mail)).contains("授信额度为人民币 1000000.00 元", "循环额度借款合同 (编号 HT", "授信额度: 人民币 1000000.00 元",
              "随借随还", "开通时不发放款项").doesNotContain("借款金额");
        });
  }

  @Test
  void lineHeldAtTheDisbursementCheckIsToldItsOpeningIsLaterNotItsPayout() {
    TestApplications.Builder request = fixture.application("1000000.00");
    String applicationId = fixture.signed(request);
    LocalDate until = LocalDate.now().plusDays(5);

    flow.claimAndComplete(LoanFlow.DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementHeld(until.toString(), "待核实额度用途"));

    MimeMessage held = last(mailsTo(request.email()));
    assertThat(subjectOf(held)).contains("您的循环额度", "开通时间调整").doesNotContain("贷款", "放款");
    assertThat(bodyOf(held)).contains("预计将于" + ChineseDates.day(until) + "当日", "继续办理额度开通").doesNotContain("放款");
  }

  @Test
  void lineDeclinedAtTheDisbursementCheckIsToldTheLineIsNotOpenedNotThatNoLoanIsPaidOut() {
    TestApplications.Builder request = fixture.application("1000000.00");
    String applicationId = fixture.signed(request);

    flow.claimAndComplete(LoanFlow.DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementDeclined("额度用途与申请不符"));

    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(lines.findByApplication(applicationId)).isEmpty();
    assertThat(bodyOf(last(mailsTo(request.email())))).contains("本次循环额度不予开通", "已签署的合同相应解除")
        .doesNotContain("本次贷款不予发放");
    assertThat(api.get("/api/applications/" + applicationId, CHANNEL).json().path("outcome").path("reason").asText())
        .isEqualTo(CustomerReason.CREDIT_LINE_CONDITIONS_NOT_MET.text());
  }

  @Test
  void lineWhoseSupplementNeverArrivesIsAskedForItAndThenToldTheLineIsNotOpened() {
    TestApplications.Builder request = fixture.application("1000000.00");
    String applicationId = fixture.signed(request);

    flow.claimAndComplete(LoanFlow.DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("BOARD_RESOLUTION"), "需股东会决议"));
    MimeMessage asked = last(mailsTo(request.email()));
    assertThat(subjectOf(asked)).contains("您的循环额度", "开通前需补充资料");
    assertThat(bodyOf(asked)).contains("开通额度前需要您补充", "本次循环额度将不予开通").doesNotContain("放款", "贷款将不予发放");

    moveClockByWorkingDays(15, Duration.ofMinutes(1));
    flow.executeDueJobs(applicationId);

    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(bodyOf(last(mailsTo(request.email())))).contains(CustomerReason.CREDIT_LINE_DOCUMENTS_NOT_SUPPLIED.text())
        .doesNotContain("本次贷款不予发放");
  }

  @Test
  void lineWhoseContractIsNotSignedInTimeIsToldItsCreditLineContractLapsedNotALoanContract() {
    TestApplications.Builder request = fixture.application("1000000.00");
    String applicationId = fixture.approved(request);

    moveClockByWorkingDays(15, Duration.ofMinutes(1));
    flow.executeDueJobs(applicationId);

    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.WITHDRAWN);
    assertThat(bodyOf(last(mailsTo(request.email())))).contains("原因：循环额度借款合同未在规定期限内签署，本次批准已失效。");
    com.fasterxml.jackson.databind.JsonNode outcome = api.get("/api/applications/" + applicationId, CHANNEL).json().path("outcome");
    assertThat(outcome.path("reasonCode").asText()).isEqualTo(CustomerReason.CREDIT_LINE_CONTRACT_NOT_SIGNED.name());
    assertThat(outcome.path("reason").asText()).isEqualTo(CustomerReason.CREDIT_LINE_CONTRACT_NOT_SIGNED.text());
  }

  private static MimeMessage last(List<MimeMessage> mails) {
    return mails.get(mails.size() - 1);
  }

  @Test
  void termLoanIsStillPaidOutAndNoLineOpens() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("200000.00");
    String applicationId = flow.submitOverApi(request);
    flow.signContract(applicationId);

    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).processInstanceBusinessKey(applicationId).singleResult();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(CREDIT_LINE_NO, LOAN_DISBURSED).doesNotContain(CREDIT_LINE_YES);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(lines.findByApplication(applicationId)).isEmpty();
  }
}
