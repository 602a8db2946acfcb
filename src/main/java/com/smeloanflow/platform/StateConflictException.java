package com.smeloanflow.platform;

/** The request is valid but the application is not in a state that allows it (HTTP 409). */
public class StateConflictException extends RuntimeException {

  public StateConflictException(String message) {
    super(message);
  }
}
