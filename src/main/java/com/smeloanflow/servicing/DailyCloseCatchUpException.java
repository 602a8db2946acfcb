package com.smeloanflow.servicing;

import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.StateConflictException;
import java.time.LocalDate;

/**
 * More business dates are left unclosed than the close may catch up on by itself
 * ({@code smeloan.daily-close.max-catch-up-days}): an operator decides (a wrong engine clock, a date typed wrong). The
 * close's job fails and becomes an incident naming it; over HTTP (the sandbox's run) it is a 409, nothing closed.
 */
public class DailyCloseCatchUpException extends StateConflictException {

  public DailyCloseCatchUpException(LocalDate from, LocalDate through, long days, int maxCatchUpDays) {
    super("日终批处理至" + ChineseDates.day(through) + "需补跑自" + ChineseDates.day(from) + "起的 " + days + " 个营业日, 超过上限 " + maxCatchUpDays
        + " 个 (smeloan.daily-close.max-catch-up-days), 未执行; 请运维人员核对系统日期后处理 (daily close through " + through + ": "
        + days + " business dates from " + from + " are not closed, more than smeloan.daily-close.max-catch-up-days="
        + maxCatchUpDays + "; nothing closed)");
  }
}
