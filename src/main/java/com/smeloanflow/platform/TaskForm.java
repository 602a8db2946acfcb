package com.smeloanflow.platform;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Reads what a person entered in a task form, and checks it on the server: a client other than
 * Tasklist (the engine REST API, a script) gets the same clear refusal.
 */
public final class TaskForm {

  private final DelegateTask task;

  private TaskForm(DelegateTask task) {
    this.task = task;
  }

  public static TaskForm of(DelegateTask task) {
    return new TaskForm(task);
  }

  /** A required choice among {@code allowed}; the message names the field and the allowed values. */
  public String choice(String field, String label, Set<String> allowed) {
    Object value = task.getVariable(field);
    if (value == null || !allowed.contains(value.toString())) {
      throw new InvalidTaskInputException("请选择" + label + " (" + field + " must be one of " + allowed + ", was " + value + ")");
    }
    return value.toString();
  }

  public boolean checked(String field) {
    return Boolean.TRUE.equals(task.getVariable(field));
  }

  public String text(String field) {
    Object value = task.getVariable(field);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  public String requiredText(String field, String label) {
    String value = text(field);
    if (value == null) {
      throw new InvalidTaskInputException("请填写" + label + " (" + field + " is required)");
    }
    return value;
  }

  /** An optional amount in CNY: positive, at most 2 decimals; a number or a numeric string. */
  public java.math.BigDecimal money(String field, String label) {
    Object value = task.getVariable(field);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    java.math.BigDecimal amount;
    try {
      amount = decimal(value);
    } catch (NumberFormatException e) {
      throw new InvalidTaskInputException(label + "应为金额 (" + field + " is not a number: " + value + ")");
    }
    if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
      throw new InvalidTaskInputException(label + "须大于0且最多两位小数 (" + field + "=" + value + ")");
    }
    return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
  }

  /**
   * A form value as an exact decimal: Tasklist submits a number field as a Double (converted by
   * its shortest decimal form, so 0.1 stays 0.1), or as a string with {@code serializeToString}.
   *
   * @throws NumberFormatException when the value is not a number
   */
  public static java.math.BigDecimal decimal(Object value) {
    return value instanceof Double || value instanceof Float
        ? java.math.BigDecimal.valueOf(((Number) value).doubleValue())
        : new java.math.BigDecimal(value.toString().trim());
  }

  /** Removes form fields that were only input for this task: their content is in the business tables. */
  public void discard(String... fields) {
    for (String field : fields) {
      task.getExecution().removeVariable(field);
    }
  }
}
