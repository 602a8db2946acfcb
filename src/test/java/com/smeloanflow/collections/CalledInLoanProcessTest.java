package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.EVENT_REVIEW_DUE;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_SEND_OVERDUE_REMINDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.monitoring.MonitoringQueryService;
import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.InstalmentStatus;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanStanding;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A loan a post-loan check calls in (提前收回贷款并移交催收) falls due on the day the borrower is told to repay by: its
 * ledger makes everything owed due then, and the collection case opened at the call-in, waiting until then, proceeds at
 * the daily close of that day as for any overdue loan. The loan (100,000.00 at 4.35 %, 12 months, first instalment
 * 8,168.49 + 362.50 interest) is disbursed on 15 January of a fresh era ({@link BusinessDates}) and called in on
 * 25 January, to be repaid by 9 February (15 days' notice).
 */
class CalledInLoanProcessTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired CollectionCaseService cases;
  @Autowired MonitoringQueryService monitoring;

  private void runCaseJobs(MonitoringScenario loan) {
    historyService.createHistoricProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).list().forEach(p -> executeDueJobs(p.getId()));
  }

  private ProcessInstance caseInstance(MonitoringScenario loan) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).singleResult();
    assertThat(instance).as("running collection case of %s", loan.loanId()).isNotNull();
    return instance;
  }

  private List<String> decisions(MonitoringScenario loan) {
    return jdbc.sql("SELECT a.action FROM collection_action a JOIN collection_case c ON c.case_id = a.case_id "
        + "WHERE c.loan_id = :loanId ORDER BY a.id").param("loanId", loan.loanId()).query(String.class).list();
  }

  @Test
  void aCalledInLoanFallsDueOnTheRepayByDateAndItsCollectionCaseProceedsAfterIt() {
    stopClock();
    LocalDate disbursed = BusinessDates.era();
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs,
        intakeService, loans, dailyClose, "ZY001", disbursed).firstCheck("NORMAL");
    LocalDate calledIn = disbursed.plusDays(10);
    LocalDate repayBy = calledIn.plusDays(15);
    moveClockTo(calledIn.atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());

    loan.overdueElsewhere("EVT-" + loan.loanId()).callIn();
    runCaseJobs(loan);

    assertThat(monitoring.view(loan.loanId()).checks()).filteredOn(check -> check.callInDueOn() != null)
        .singleElement().satisfies(check -> assertThat(check.callInDueOn()).isEqualTo(repayBy));
    List<LedgerLine> ledger = loans.ledger(loan.loanId());
    assertThat(ledger).as("everything owed falls due on the repay-by date").hasSize(12)
        .allSatisfy(line -> assertThat(line.dueDate()).isEqualTo(repayBy));
    // the first period (15 January to 15 February) has run 25 of its 31 days on 9 February: 362.50 × 25 / 31
    assertThat(ledger.get(0).interest()).isEqualTo(new BigDecimal("292.34"));
    assertThat(ledger.subList(1, 12)).allSatisfy(line -> assertThat(line.interest()).isEqualTo(new BigDecimal("0.00")));
    assertThat(caseInstance(loan)).as("called in, not overdue: the case waits").isWaitingAt(EVENT_REVIEW_DUE);

    loan.closeOn(repayBy.minusDays(1));
    runCaseJobs(loan);
    assertThat(caseInstance(loan)).as("the day before: nothing overdue yet").isWaitingAt(EVENT_REVIEW_DUE)
        .hasNotPassed(TASK_SEND_OVERDUE_REMINDER);

    loan.closeOn(repayBy);
    runCaseJobs(loan);

    assertThat(loans.ledger(loan.loanId())).allSatisfy(line -> assertThat(line.status()).isEqualTo(InstalmentStatus.OVERDUE));
    LoanStanding standing = loans.standing(loan.loanId()).orElseThrow();
    assertThat(standing.daysPastDue()).isEqualTo(1);
    assertThat(caseInstance(loan)).as("D+1: the reminder").hasPassed(TASK_SEND_OVERDUE_REMINDER);
    assertThat(decisions(loan)).last().isEqualTo(CollectionAction.REMINDER_MAIL.name());
  }

  @Test
  void aSecondCallInKeepsTheFirstRepayByDateAndSchedule() {
    stopClock();
    LocalDate disbursed = BusinessDates.era();
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs,
        intakeService, loans, dailyClose, "ZY001", disbursed).firstCheck("NORMAL");
    LocalDate calledIn = disbursed.plusDays(10);
    moveClockTo(calledIn.atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    loan.report("remote-verifier", MonitoringScenario.signal("EVT-1-" + loan.loanId(), "OVERDUE_ELSEWHERE",
        "征信显示他行贷款逾期", "{\"overdueAmount\": 8000.00}"));
    loan.completeCheck("remote-verifier", PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY, "CALL_IN", Map.of());
    List<LedgerLine> once = loans.ledger(loan.loanId());

    moveClockTo(calledIn.plusDays(5).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    loan.report("remote-verifier", MonitoringScenario.signal("EVT-2-" + loan.loanId(), "OVERDUE_ELSEWHERE",
        "征信显示他行贷款仍逾期", "{\"overdueAmount\": 9000.00}"));
    loan.completeCheck("remote-verifier", PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY, "CALL_IN", Map.of());

    assertThat(monitoring.view(loan.loanId()).checks()).filteredOn(check -> check.callInDueOn() != null)
        .hasSize(2).allSatisfy(check -> assertThat(check.callInDueOn()).isEqualTo(calledIn.plusDays(15)));
    assertThat(loans.ledger(loan.loanId())).isEqualTo(once);
  }
}
