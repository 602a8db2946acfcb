package com.smeloanflow.servicing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "执行日终批处理" of {@code daily-close}: closes every business date not yet closed up
 * to yesterday (China Standard Time). A busy lock or a failure fails the job, which is retried.
 */
@Component("closeBusinessDays")
public class CloseBusinessDaysDelegate implements JavaDelegate {

  private final DailyCloseService dailyClose;

  public CloseBusinessDaysDelegate(DailyCloseService dailyClose) {
    this.dailyClose = dailyClose;
  }

  @Override
  public void execute(DelegateExecution execution) {
    dailyClose.closeThrough(dailyClose.lastBusinessDate());
  }
}
