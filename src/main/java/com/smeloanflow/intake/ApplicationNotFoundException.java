package com.smeloanflow.intake;

import com.smeloanflow.platform.NotFoundException;

/** No loan application has this id (HTTP 404). */
public class ApplicationNotFoundException extends NotFoundException {

  public ApplicationNotFoundException(String applicationId) {
    super("申请不存在", "申请 " + applicationId + " 不存在", "application " + applicationId + " does not exist");
  }
}
