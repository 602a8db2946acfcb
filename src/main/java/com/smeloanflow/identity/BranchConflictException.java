package com.smeloanflow.identity;

import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.StateConflictException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The request is well-formed but clashes with another branch (HTTP 409): its code is taken, or a
 * division of its grid is covered by another branch. Names each clashing field.
 */
public class BranchConflictException extends StateConflictException {

  private final List<FieldViolation> violations;

  public BranchConflictException(List<FieldViolation> violations) {
    super(violations.stream().map(FieldViolation::message).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
