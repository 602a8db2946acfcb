package com.smeloanflow.platform;

import java.util.List;
import java.util.stream.Collectors;

/** An application was refused at intake; nothing was stored and no process was started. */
public class InvalidFieldsException extends RuntimeException {

  private final List<FieldViolation> violations;

  public InvalidFieldsException(List<FieldViolation> violations) {
    super("申请信息有误: " + violations.stream()
        .map(v -> v.field() + " " + v.message())
        .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** With a message of the caller's wording, e.g. naming fields by their form labels. */
  public InvalidFieldsException(List<FieldViolation> violations, String message) {
    super(message);
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
