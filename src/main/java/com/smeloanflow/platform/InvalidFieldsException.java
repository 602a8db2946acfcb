package com.smeloanflow.platform;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request refused for its bad fields, each named ({@link FieldViolation}): over the API a 400 with every field in
 * {@code errors} ({@link ApiProblemHandler}). Thrown before anything of the request is kept: an application refused at
 * intake, a whitelist, a branch, a contact, the dashboard's period, ...
 */
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
