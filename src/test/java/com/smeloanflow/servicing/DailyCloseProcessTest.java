package com.smeloanflow.servicing;

import static com.smeloanflow.process.DailyCloseProcess.Elements.END_BUSINESS_DAYS_CLOSED;
import static com.smeloanflow.process.DailyCloseProcess.Elements.TASK_CLOSE_BUSINESS_DAYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.DailyCloseProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * daily-close.bpmn: its timer fires every day at 00:30 China Standard Time, the asynchronous step
 * closes the business days up to yesterday, and a failing close is retried (then an incident), with
 * the timer still scheduled.
 */
class DailyCloseProcessTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;

  private Job timer() {
    Job timer = managementService.createJobQuery().processDefinitionKey(DailyCloseProcess.KEY).timers().singleResult();
    assertThat(timer).as("the daily close's timer").isNotNull();
    return timer;
  }

  /** Half past midnight in China on {@code day}: when the timer fires to close the day before. */
  private static void clockAtHalfPastMidnight(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(0, 30).atZone(BusinessClock.BANK_ZONE).toInstant()));
  }

  private ProcessInstance fireTimer() {
    managementService.executeJob(timer().getId());
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(DailyCloseProcess.KEY).active()
        .orderByProcessInstanceId().desc().list().stream().findFirst().orElseThrow();
  }

  @Test
  void theTimerFiresEveryDayAtHalfPastMidnightChinaTime() {
    ZonedDateTime due = timer().getDuedate().toInstant().atZone(BusinessClock.BANK_ZONE);

    assertThat(due.getHour()).isZero();
    assertThat(due.getMinute()).isEqualTo(30);
  }

  @Test
  void theScheduledCloseClosesYesterdayInItsOwnRetriedStep() {
    LocalDate disbursed = BusinessDates.era();
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(disbursed);
    LocalDate firstDue = disbursed.plusMonths(1);
    clockAtHalfPastMidnight(firstDue.plusDays(1));

    ProcessInstance instance = fireTimer();
    assertThat(instance).isWaitingAt(TASK_CLOSE_BUSINESS_DAYS);
    assertThat(loans.standing(loan.loanId()).orElseThrow().lastClosedOn()).isNull();
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(END_BUSINESS_DAYS_CLOSED);
    assertThat(dailyClose.run(firstDue).orElseThrow().completed()).isTrue();
    assertThat(loans.standing(loan.loanId()).orElseThrow().daysPastDue()).isEqualTo(1);
    assertThat(timer()).as("the next day's timer").isNotNull();
  }

  @Test
  void aCloseThatCannotRunIsRetriedTenMinutesLaterThenBecomesAnIncident() {
    LocalDate day = BusinessDates.era().plusDays(3);
    clockAtHalfPastMidnight(day.plusDays(1));
    jdbc.sql("UPDATE daily_close_lock SET holder = 'node-elsewhere', locked_until = :until WHERE name = 'DAILY_CLOSE'")
        .param("until", java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(600))).update();
    try {
      ProcessInstance instance = fireTimer();
      Job close = onlyJob(instance.getId());

      assertThatThrownBy(() -> managementService.executeJob(close.getId())).hasMessageContaining("node-elsewhere");

      Job retried = managementService.createJobQuery().jobId(close.getId()).singleResult();
      assertThat(retried.getRetries()).isEqualTo(2);
      assertThat(retried.getExceptionMessage()).contains("node-elsewhere");
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> managementService.executeJob(close.getId())).isNotNull();
      }
      assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
      assertThat(dailyClose.run(day)).isEmpty();
      assertThat(timer()).as("the timer keeps firing").isNotNull();
    } finally {
      jdbc.sql("UPDATE daily_close_lock SET holder = NULL, locked_until = NULL WHERE name = 'DAILY_CLOSE'").update();
    }
  }
}
