package com.smeloanflow.intake;

public class ApplicationNotFoundException extends RuntimeException {

  public ApplicationNotFoundException(String applicationId) {
    super("Application " + applicationId + " does not exist");
  }
}
