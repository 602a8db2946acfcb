package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_CHECK_AMOUNT;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_POST_RENEWAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.process.LoanRenewalProcess;
import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.junit.jupiter.api.Test;

/**
 * Whether anything in a model catches 原贷款已提前收回 (RENEWAL_LOAN_CALLED_IN) where 核对到期应还本金 or 办理续贷转贷 throws
 * it, read as the engine looks for a handler: on the application's loan-renewal both boundaries catch it (the model's
 * 通知续贷终止 mails the borrower), on the version before 贷款已提前收回 nothing does (the refusal mails the borrower itself).
 */
class CalledInRefusalTest {

  private static final String CODE = LoanRenewalProcess.Errors.LOAN_CALLED_IN;

  @Test
  void theApplicationsModelCatchesTheRefusalAtTheCheckAndAtThePosting() throws IOException {
    BpmnModelInstance model = read("/bpmn/loan-renewal.bpmn");

    assertThat(CalledInRefusal.caughtAt(model.getModelElementById(TASK_CHECK_AMOUNT), CODE)).isTrue();
    assertThat(CalledInRefusal.caughtAt(model.getModelElementById(TASK_POST_RENEWAL), CODE)).isTrue();
  }

  @Test
  void theVersionBeforeTheCallInCatchesItNowhere() throws IOException {
    BpmnModelInstance model = read("/rollout/loan-renewal-before-call-in.bpmn");

    assertThat(CalledInRefusal.caughtAt(model.getModelElementById(TASK_CHECK_AMOUNT), CODE)).isFalse();
    assertThat(CalledInRefusal.caughtAt(model.getModelElementById(TASK_POST_RENEWAL), CODE)).isFalse();
  }

  @Test
  void aBoundaryForAnotherCodeDoesNotCatchIt() {
    BpmnModelInstance model = task().moveToActivity("task").boundaryEvent().error(LoanRenewalProcess.Errors.AMOUNT_CHANGED)
        .endEvent().done();

    assertThat(CalledInRefusal.caughtAt(model.getModelElementById("task"), CODE)).isFalse();
  }

  @Test
  void aBoundaryForEveryErrorCatchesIt() {
    BpmnModelInstance model = task().moveToActivity("task").boundaryEvent().error().endEvent().done();

    assertThat(CalledInRefusal.caughtAt(model.getModelElementById("task"), CODE)).isTrue();
  }

  @Test
  void aBoundaryOnAnEnclosingSubprocessCatchesIt() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent().subProcess("sub").embeddedSubProcess()
        .startEvent().serviceTask("task").camundaExpression("${true}").endEvent().subProcessDone().endEvent()
        .moveToActivity("sub").boundaryEvent().error(CODE).endEvent().done();

    assertThat(CalledInRefusal.caughtAt(model.getModelElementById("task"), CODE)).isTrue();
  }

  @Test
  void anErrorEventSubprocessCatchesIt() {
    ProcessBuilder process = Bpmn.createExecutableProcess("p");
    process.eventSubProcess().startEvent().error(CODE).endEvent();
    BpmnModelInstance model = process.startEvent().serviceTask("task").camundaExpression("${true}").endEvent().done();

    assertThat(CalledInRefusal.caughtAt(model.getModelElementById("task"), CODE)).isTrue();
  }

  @Test
  void aMessageEventSubprocessDoesNotCatchIt() {
    ProcessBuilder process = Bpmn.createExecutableProcess("p");
    process.eventSubProcess().startEvent().message(LoanRenewalProcess.Messages.LOAN_CALLED_IN).endEvent();
    BpmnModelInstance model = process.startEvent().serviceTask("task").camundaExpression("${true}").endEvent().done();

    assertThat(CalledInRefusal.caughtAt(model.getModelElementById("task"), CODE)).isFalse();
  }

  private static org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?> task() {
    return Bpmn.createExecutableProcess("p").startEvent().serviceTask("task").camundaExpression("${true}").endEvent();
  }

  private static BpmnModelInstance read(String resource) throws IOException {
    try (InputStream in = CalledInRefusalTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return Bpmn.readModelFromStream(in);
    }
  }
}
