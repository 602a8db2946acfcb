package com.smeloanflow.servicing;

import com.smeloanflow.platform.StateConflictException;

/**
 * Another node (or another run on this node) holds the daily close's lock. The job that asked is
 * retried later; over HTTP it is a 409.
 */
public class DailyCloseBusyException extends StateConflictException {

  public DailyCloseBusyException(String holder) {
    super("日终批处理正在 " + holder + " 上运行, 请待其结束后重试 (the daily close is running on " + holder
        + "; try again when it has finished)");
  }
}
