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

  /** A required choice among an enumeration's constants, e.g. {@code CONTINUE} or {@code REJECT}. */
  public <E extends Enum<E>> E choice(String field, String label, Class<E> type) {
    E value = optionalChoice(field, label, type);
    if (value == null) {
      throw new InvalidTaskInputException("请选择" + label + " (" + field + " must be one of " + names(type) + ")");
    }
    return value;
  }

  /** An optional choice among an enumeration's constants; null when left empty. */
  public <E extends Enum<E>> E optionalChoice(String field, String label, Class<E> type) {
    String value = text(field);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InvalidTaskInputException(label + "无效 (" + field + " must be one of " + names(type) + ", was " + value + ")");
    }
  }

  private static <E extends Enum<E>> java.util.List<String> names(Class<E> type) {
    return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  /** A checkbox that must be ticked to complete the task. */
  public void requireChecked(String field, String label) {
    if (!checked(field)) {
      throw new InvalidTaskInputException("请勾选“" + label + "”后再完成任务 (" + field + " must be true)");
    }
  }

  /**
   * An optional date: Tasklist's date field sends an ISO date (2026-12-24) or date-time; a Java Date
   * from the engine API is taken in China Standard Time.
   */
  public java.time.LocalDate date(String field, String label) {
    Object value = task.getVariable(field);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (value instanceof java.util.Date date) {
      return java.time.LocalDate.ofInstant(date.toInstant(), BusinessClock.BANK_ZONE);
    }
    String text = value.toString().trim();
    try {
      return java.time.LocalDate.parse(text.substring(0, Math.min(10, text.length())));
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidTaskInputException(label + "应为日期, 如 2026-12-24 (" + field + "=" + value + ")");
    }
  }

  /** A multi-select (checklist) value: the chosen values, empty when none. */
  public java.util.List<String> list(String field) {
    Object value = task.getVariable(field);
    if (value == null) {
      return java.util.List.of();
    }
    if (value instanceof java.util.Collection<?> values) {
      return values.stream().map(String::valueOf).toList();
    }
    String text = value.toString().trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    return java.util.Arrays.stream(text.split(",")).map(v -> v.trim().replace("\"", "")).filter(v -> !v.isEmpty()).toList();
  }

  public boolean checked(String field) {
    return Boolean.TRUE.equals(task.getVariable(field));
  }

  /**
   * A text as the form's browser takes it: without the whitespace JavaScript's {@code trim()} removes at its ends (also
   * the ideographic and the no-break space, which Java's {@code trim()} keeps), so that what is stored is what the
   * form's length limit counted ({@link FormFieldLengths}); {@code null} when nothing is left.
   */
  public String text(String field) {
    Object value = task.getVariable(field);
    String text = value == null ? "" : FormFieldLengths.trimmed(value.toString());
    return text.isEmpty() ? null : text;
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
