package com.smeloanflow.creditline;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static com.smeloanflow.process.LoanOriginationProcess.Flows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
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
      assertThat(bodyOf(mail)).contains("1000000.00", line.validUntil().toString(), "随借随还");
    });
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
