package com.smeloanflow.identity;

import com.smeloanflow.platform.NotFoundException;

/** No branch has this code (HTTP 404). */
public class BranchNotFoundException extends NotFoundException {

  public BranchNotFoundException(String code) {
    super("网点不存在", "网点 " + code + " 不存在", "branch " + code + " does not exist");
  }
}
