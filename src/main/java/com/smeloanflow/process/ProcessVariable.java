package com.smeloanflow.process;

import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A typed process variable owned by the process: {@code APPROVAL_ROUTE.from(execution)} instead of a
 * string literal and a cast. The declaration classes ({@link LoanOriginationProcess}) hold one per
 * variable; only trusted code writes them, through {@link #set} and {@link #remove}. A user's task
 * completion, start request or variable update that names one is refused (see
 * {@code platform.VariableWriteGuard}), so a form field never has the name of a process variable.
 */
public record ProcessVariable<T>(String name, Class<T> type) {

  private static final ThreadLocal<Integer> TRUSTED = ThreadLocal.withInitial(() -> 0);

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

  /** Sets the variable as the process (trusted code). */
  public void set(VariableScope scope, T value) {
    trusted(() -> {
      scope.setVariable(name, value);
      return null;
    });
  }

  /**
   * Sets the variable in the scope of {@code scope} only (trusted code): e.g. in an event subprocess
   * that runs beside others of its kind, so each instance of it keeps its own value.
   */
  public void setLocal(VariableScope scope, T value) {
    trusted(() -> {
      scope.setVariableLocal(name, value);
      return null;
    });
  }

  /** Removes the variable as the process (trusted code). */
  public void remove(VariableScope scope) {
    trusted(() -> {
      scope.removeVariable(name);
      return null;
    });
  }

  /**
   * Runs {@code write} as the process itself, e.g. starting an instance with its variables: writes of
   * process variables inside it are not refused.
   */
  public static <R> R trusted(Supplier<R> write) {
    TRUSTED.set(TRUSTED.get() + 1);
    try {
      return write.get();
    } finally {
      int depth = TRUSTED.get() - 1;
      if (depth == 0) {
        TRUSTED.remove();
      } else {
        TRUSTED.set(depth);
      }
    }
  }

  /** Whether the current thread writes as the process (inside {@link #trusted}). */
  public static boolean writingTrusted() {
    return TRUSTED.get() > 0;
  }
}
