package com.smeloanflow.intake;

import com.smeloanflow.platform.NotFoundException;

public class ApplicationNotFoundException extends NotFoundException {

  public ApplicationNotFoundException(String applicationId) {
    super("申请不存在", "Application " + applicationId + " does not exist");
  }
}
