package com.smeloanflow.creditline;

import com.smeloanflow.platform.NotFoundException;

/** No credit line with this id (404). */
public class CreditLineNotFoundException extends NotFoundException {

  public CreditLineNotFoundException(String lineId) {
    super("额度不存在", "额度 " + lineId + " 不存在", "credit line " + lineId + " does not exist");
  }
}
