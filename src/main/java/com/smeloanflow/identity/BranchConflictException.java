package com.smeloanflow.identity;

import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.platform.StateConflictException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The request is well-formed but clashes with another branch (HTTP 409): its code is taken, or a
 * division of its grid is covered by another branch. Names each clashing field; the detail says each clash in
 * Chinese, the English beside ({@link StaffText}).
 */
public class BranchConflictException extends StateConflictException {

  private final List<FieldViolation> violations;

  /** @param english each violation's message in English, in the same order */
  public BranchConflictException(List<FieldViolation> violations, List<String> english) {
    super(StaffText.of(violations.stream().map(FieldViolation::message).collect(Collectors.joining("; ")),
        String.join("; ", english)));
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
