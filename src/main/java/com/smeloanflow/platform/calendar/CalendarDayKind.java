package com.smeloanflow.platform.calendar;

/** What the State Council's notice says of a day: a public holiday, or a make-up working day (调休上班). */
public enum CalendarDayKind {
  /** 放假: not a working day, whatever day of the week. */
  HOLIDAY,
  /** 调休上班: a Saturday or Sunday that is a working day. */
  MAKE_UP_WORKING_DAY
}
