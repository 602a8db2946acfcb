package com.smeloanflow.identity;

/** No branch has this code (HTTP 404). */
public class BranchNotFoundException extends RuntimeException {

  public BranchNotFoundException(String code) {
    super("网点 " + code + " 不存在");
  }
}
