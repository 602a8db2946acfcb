package com.smeloanflow.renewal;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.process.LoanRenewalProcess;
import java.util.Collection;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The refusal of a called-in loan by 核对到期应还本金 or 办理续贷转贷 (they found it called in under the loan's lock and
 * recorded the renewal CALLED_IN): the BPMN error RENEWAL_LOAN_CALLED_IN (原贷款已提前收回). On the application's model
 * its boundary events lead to 通知续贷终止, which mails the borrower. A model version before them (a renewal applied for
 * before that release and never rolled out, whose loan was called in while a call-in only logged a WARN line) catches
 * nothing: the engine ends the instance at the error. Then the borrower is mailed 续贷终止 here, through the outbox in
 * the delegate's transaction (committed with CALLED_IN and the instance's end), so that they are told exactly once on
 * either version.
 *
 * <p>Whether anything catches the error is read from the instance's own model version (the engine's model API), as the
 * engine looks for a handler: an error boundary event for the code (or for any error) on the activity or on a
 * subprocess enclosing it, or an error event subprocess in one of those scopes; and, were the instance called by
 * another process, the same in the caller's model from its call activity out.
 */
@Component
class CalledInRefusal {

  private static final Logger log = LoggerFactory.getLogger(CalledInRefusal.class);

  private final MailOutbox outbox;

  CalledInRefusal(MailOutbox outbox) {
    this.outbox = outbox;
  }

  /**
   * The error for the delegate to throw ({@code message} its text, naming the loan). Nothing in the instance's model
   * catching it, the borrower's 续贷终止 is queued first.
   */
  BpmnError refuse(DelegateExecution execution, String message) {
    return refuse(execution, message, LoanRenewalProcess.Errors.LOAN_CALLED_IN, MailTemplate.RENEWAL_CALLED_IN);
  }

  /**
   * The BPMN error {@code code} for a renewal delegate to throw; when nothing in the instance's model catches it (a version
   * before its boundary events), the borrower's {@code mail} is queued first, so that they are told exactly once on
   * either version. Also {@link NoLongerEligibleRefusal}'s.
   */
  BpmnError refuse(DelegateExecution execution, String message, String code, MailTemplate mail) {
    if (!caught(execution, code)) {
      outbox.enqueue(execution.getProcessBusinessKey(), mail);
      log.warn("{}; its instance {} runs {}, where nothing catches {} at {}: the engine ends the instance, the borrower "
          + "is mailed {} here", message, execution.getProcessInstanceId(), execution.getProcessDefinitionId(), code,
          execution.getCurrentActivityId(), mail);
    }
    return new BpmnError(code, message);
  }

  /** Whether the error {@code code}, thrown at the execution's activity, is caught in its model (or a caller's). */
  static boolean caught(DelegateExecution execution, String code) {
    for (DelegateExecution at = execution; at != null; at = at.getSuperExecution()) {
      if (caughtAt(at.getBpmnModelElementInstance(), code)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the error {@code code} thrown at {@code element} is caught within its process: a boundary event on it or on
   * an enclosing subprocess, or an error event subprocess of an enclosing scope (not the event subprocess the error is
   * thrown in).
   */
  static boolean caughtAt(ModelElementInstance element, String code) {
    for (ModelElementInstance scope = element; scope != null && !(scope instanceof Process); scope = scope.getParentElement()) {
      if (scope instanceof Activity activity && boundaryCatches(activity, code)) {
        return true;
      }
      ModelElementInstance parent = scope.getParentElement();
      if (parent instanceof SubProcess || parent instanceof Process) {
        for (SubProcess eventSubProcess : parent.getChildElementsByType(SubProcess.class)) {
          if (eventSubProcess != scope && eventSubProcess.triggeredByEvent() && startCatches(eventSubProcess, code)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean boundaryCatches(Activity activity, String code) {
    return activity.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
        .filter(boundary -> boundary.getAttachedTo() == activity)
        .anyMatch(boundary -> catches(boundary.getEventDefinitions(), code));
  }

  private static boolean startCatches(SubProcess eventSubProcess, String code) {
    return eventSubProcess.getChildElementsByType(StartEvent.class).stream()
        .anyMatch(start -> catches(start.getEventDefinitions(), code));
  }

  /** An error event definition without an error, or whose error has no code, catches every error (BPMN, and the engine). */
  private static boolean catches(Collection<EventDefinition> definitions, String code) {
    return definitions.stream().filter(ErrorEventDefinition.class::isInstance).map(ErrorEventDefinition.class::cast)
        .anyMatch(definition -> {
          org.camunda.bpm.model.bpmn.instance.Error error = definition.getError();
          return error == null || error.getErrorCode() == null || error.getErrorCode().equals(code);
        });
  }
}
