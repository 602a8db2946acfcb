package com.smeloanflow.process;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A typed process variable: {@code APPLICATION_ID.from(execution)} instead of a string literal and
 * a cast. The declaration classes ({@link LoanOriginationProcess}) hold one per variable.
 */
public record ProcessVariable<T>(String name, Class<T> type) {

  public static <T> ProcessVariable<T> of(String name, Class<T> type) {
    return new ProcessVariable<>(name, type);
  }

  /** The value, or an error naming the variable when it is missing. */
  public T from(VariableScope scope) {
    Object value = scope.getVariable(name);
    if (value == null) {
      throw new IllegalStateException("Process variable '" + name + "' is not set");
    }
    return type.cast(value);
  }

  public T fromOrNull(VariableScope scope) {
    return type.cast(scope.getVariable(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }
}
