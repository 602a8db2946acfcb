package com.smeloanflow.platform;

/**
 * What a person entered in a task form is not acceptable (a missing reason, an amount above the
 * requested one), or a text in a task or start form is too long ({@link FormLengthGuard}). The engine
 * REST API and Tasklist answer it with 400 and this message, see {@link ListenerRefusalPlugin}.
 */
public class InvalidTaskInputException extends RuntimeException {

  public InvalidTaskInputException(String message) {
    super(message);
  }
}
