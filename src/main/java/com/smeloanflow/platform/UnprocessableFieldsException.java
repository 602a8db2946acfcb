package com.smeloanflow.platform;

import java.util.List;

/**
 * A well-formed request refused by a rule of the bank's, the fields it rests on named (e.g. a legal representative
 * under 18): over the API a 422 with every field in {@code errors} ({@link ApiProblemHandler}), where a bad field is a
 * 400. Thrown before anything of the request is kept; to a form or a listener it is one more {@link InvalidFieldsException}.
 */
public class UnprocessableFieldsException extends InvalidFieldsException {

  public UnprocessableFieldsException(List<FieldViolation> violations) {
    super(violations);
  }
}
