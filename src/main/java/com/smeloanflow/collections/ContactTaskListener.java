package com.smeloanflow.collections;

import com.smeloanflow.platform.ExecutionTree;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import com.smeloanflow.process.CollectionProcess.Elements;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (complete) of "电话催收", "上门催收" and "督办逾期贷款": records the contact, its outcome
 * and a promise to pay. The outcomes a form may submit are those of its channel.
 */
@Component("contactTask")
public class ContactTaskListener implements TaskListener {

  public static final String OUTCOME = "contactOutcome";
  public static final String NOTES = "contactNotes";
  public static final String PROMISED_AMOUNT = "promisedAmount";
  public static final String PROMISED_DATE = "promisedDate";

  private final CollectionCaseService cases;

  public ContactTaskListener(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateTask task) {
    ContactChannel channel = channelOf(task.getTaskDefinitionKey());
    ExecutionTree.readBeforeALockWait(task);
    TaskForm form = TaskForm.of(task);
    ContactOutcome outcome = ContactOutcome.valueOf(form.choice(OUTCOME, channel.label() + "结果",
        channel.outcomes().stream().map(Enum::name).collect(Collectors.toSet())));
    boolean promised = outcome == ContactOutcome.PROMISE_TO_PAY;
    BigDecimal amount = promised ? form.money(PROMISED_AMOUNT, "承诺还款金额") : null;
    LocalDate date = promised ? date(task, PROMISED_DATE, "承诺还款日期") : null;
    cases.recordContact(new RecordContact(task.getExecution().getProcessBusinessKey(), channel, outcome, form.text(NOTES),
        amount, date, TaskActor.of(task)));
    form.discard(OUTCOME, NOTES, PROMISED_AMOUNT, PROMISED_DATE);
  }

  static ContactChannel channelOf(String taskDefinitionKey) {
    return switch (taskDefinitionKey) {
      case Elements.TASK_COLLECT_BY_PHONE -> ContactChannel.PHONE;
      case Elements.TASK_VISIT_BORROWER -> ContactChannel.FIELD_VISIT;
      case Elements.TASK_SUPERVISE_OVERDUE_LOAN -> ContactChannel.ESCALATION;
      default -> throw new IllegalStateException("No contact is recorded in task " + taskDefinitionKey);
    };
  }

  /** An optional date of a form (form-js submits yyyy-MM-dd). */
  private static LocalDate date(DelegateTask task, String field, String label) {
    Object value = task.getVariable(field);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.toString().trim().substring(0, Math.min(10, value.toString().trim().length())));
    } catch (DateTimeParseException e) {
      throw new InvalidTaskInputException(label + "应为日期 (" + field + " is not a date: " + value + ")");
    }
  }

  /** The outcomes each contact form offers, for the form contracts. */
  public static Set<String> outcomesOf(ContactChannel channel) {
    return channel.outcomes().stream().map(Enum::name).collect(Collectors.toSet());
  }
}
