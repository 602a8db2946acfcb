package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/daily-close.bpmn}: the daily close (日终批处理), started by its timer
 * every day at 00:30 China Standard Time. Its instances have no business key (the close covers the
 * whole loan book) and it owns no process variables.
 */
public final class DailyCloseProcess {

  public static final String KEY = "daily-close";

  private DailyCloseProcess() {}

  /** Element ids. */
  public static final class Elements {
    /** 日终时间已到 */
    public static final String START_DAILY_CLOSE_DUE = "StartEvent_DailyCloseDue";
    /** 执行日终批处理 */
    public static final String TASK_CLOSE_BUSINESS_DAYS = "ServiceTask_CloseBusinessDays";
    /** 日终已完成 */
    public static final String END_BUSINESS_DAYS_CLOSED = "EndEvent_BusinessDaysClosed";

    private Elements() {}
  }

  /** Sequence-flow ids. */
  public static final class Flows {
    public static final String TO_CLOSE_BUSINESS_DAYS = "SequenceFlow_ToCloseBusinessDays";
    public static final String BUSINESS_DAYS_CLOSED = "SequenceFlow_BusinessDaysClosed";

    private Flows() {}
  }

  /** None: the close reads and writes servicing's tables only. */
  public static final class Variables {
    private Variables() {}
  }
}
