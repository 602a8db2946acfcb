package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/daily-close.bpmn}: the daily close (日终批处理), started by its timer
 * every day at 00:30 China Standard Time. It holds no process variables.
 */
public final class DailyCloseProcess {

  public static final String KEY = "daily-close";

  private DailyCloseProcess() {}

  public static final class Elements {
    public static final String START_DAILY_CLOSE_DUE = "StartEvent_DailyCloseDue";
    public static final String TASK_CLOSE_BUSINESS_DAYS = "ServiceTask_CloseBusinessDays";
    public static final String END_BUSINESS_DAYS_CLOSED = "EndEvent_BusinessDaysClosed";
    public static final String FLOW_TO_CLOSE_BUSINESS_DAYS = "SequenceFlow_ToCloseBusinessDays";
    public static final String FLOW_BUSINESS_DAYS_CLOSED = "SequenceFlow_BusinessDaysClosed";

    private Elements() {}
  }

  public static final class Variables {
    private Variables() {}
  }
}
